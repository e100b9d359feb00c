// Widget-file detection and the debug configurations built for widget files: what F5, the
// dynamic provider and the scaffold hand to the adapter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDefineWidgetCalls, fixturesPathFor, isWidgetFile, widgetBaseName } from './widgetFiles';
import { completeConfiguration, configurationForWidget, withSiblingFixtures } from './widgetLaunch';

test('widget files are *.widget.<ts|tsx|js|mjs|cjs|jsx>, nothing else', () => {
  for (const yes of ['/a/weather.widget.ts', '/a/b.widget.tsx', 'c.widget.mjs', '/x/step-counter.widget.cjs', 'd.widget.jsx', 'e.widget.js']) {
    assert.equal(isWidgetFile(yes), true, yes);
  }
  for (const no of ['/a/weather.ts', '/a/widget.ts', '/a/weather.widget.ts.map', '/a/weather.widget.d', '/a/weather.widgets.ts', '/a/weather.widget.json']) {
    assert.equal(isWidgetFile(no), false, no);
  }
  assert.equal(widgetBaseName('/a/weather.widget.ts'), 'weather');
  assert.equal(fixturesPathFor('/a/b/weather.widget.tsx'), '/a/b/weather.fixtures.json');
});

test('lenses go above defineWidget( calls, not imports or comments', () => {
  const text = [
    "import { defineWidget, Text } from 'widgetkit';",
    '// defineWidget( in a comment',
    'const helper = 1; // defineWidget(',
    'export default defineWidget({',
    "  kind: 'a',",
    '});',
    'export const other = defineWidget<Entry>({ kind: "b" });',
  ].join('\n');
  assert.deepEqual(findDefineWidgetCalls(text), [
    { line: 3, character: 15 },
    { line: 6, character: 21 },
  ]);
});

test('a configuration for a widget inside the workspace uses ${workspaceFolder} paths', () => {
  const inside = configurationForWidget('/w/weather/weather.widget.ts', { workspaceFolder: '/w', fixturesExist: true });
  assert.deepEqual(inside, {
    type: 'widget-timeline',
    request: 'launch',
    name: 'Debug weather widget',
    program: '${workspaceFolder}/weather/weather.widget.ts',
    family: 'systemSmall',
    clock: 'simulated',
    network: { fixtures: '${workspaceFolder}/weather/weather.fixtures.json' },
  });
  const outside = configurationForWidget('/elsewhere/a.widget.js', { workspaceFolder: '/w', fixturesExist: false });
  assert.equal(outside.program, '/elsewhere/a.widget.js');
  assert.equal(outside.network, undefined);
});

test('F5 with no launch.json debugs the open widget file', () => {
  const done = completeConfiguration({}, { activeFile: '/w/weather.widget.ts', trusted: true });
  assert.ok(done.ok);
  assert.deepEqual(done.value, { type: 'widget-timeline', request: 'launch', name: 'Debug weather widget', program: '/w/weather.widget.ts' });
  const kept = completeConfiguration({ type: 'widget-timeline', request: 'launch', name: 'Mine', program: '${file}', family: 'systemLarge' }, { trusted: true });
  assert.ok(kept.ok);
  assert.equal(kept.value.program, '${file}');
  assert.equal(kept.value.family, 'systemLarge');
});

test('F5 refuses an untrusted workspace and a non-widget editor with actionable messages', () => {
  const untrusted = completeConfiguration({}, { activeFile: '/w/weather.widget.ts', trusted: false });
  assert.equal(untrusted.ok, false);
  if (!untrusted.ok) {
    assert.equal(untrusted.error.code, 'untrusted-workspace');
    assert.match(untrusted.error.message, /trust/i);
  }
  const notWidget = completeConfiguration({}, { activeFile: '/w/server.ts', trusted: true });
  assert.equal(notWidget.ok, false);
  if (!notWidget.ok) {
    assert.equal(notWidget.error.code, 'no-widget-file');
    assert.match(notWidget.error.message, /\.widget\.ts/);
  }
});

test('the sibling fixtures file is added only when it exists and none was given', () => {
  const exists = (file: string) => file === '/w/weather.fixtures.json';
  const program = { type: 'widget-timeline', request: 'launch', name: 'n', program: '/w/weather.widget.ts' };
  assert.deepEqual(withSiblingFixtures(program, exists).network, { fixtures: '/w/weather.fixtures.json' });
  assert.deepEqual(withSiblingFixtures({ ...program, network: { fixtures: '/other.json' } }, exists).network, { fixtures: '/other.json' });
  assert.deepEqual(withSiblingFixtures({ ...program, network: { offline: true } }, exists).network, { offline: true });
  assert.equal(withSiblingFixtures({ ...program, program: '/w/other.widget.ts' }, exists).network, undefined);
});
