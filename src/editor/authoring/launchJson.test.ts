// launch.json merging: the user's comments, other configurations and formatting survive; the
// result is valid JSONC holding the new configuration; broken files are refused, not rewritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addLaunchConfiguration, newLaunchJson, readLaunchJson, type LaunchConfiguration } from './launchJson';

const widget: LaunchConfiguration = {
  type: 'widget-timeline',
  request: 'launch',
  name: 'Debug weather widget',
  program: '${workspaceFolder}/weather/weather.widget.ts',
  network: { fixtures: '${workspaceFolder}/weather/weather.fixtures.json' },
};

function configurationsOf(text: string): { name: string }[] {
  const parsed = readLaunchJson(text)?.value as { configurations: { name: string }[] };
  return parsed.configurations;
}

function added(existing: string): string {
  const edit = addLaunchConfiguration(existing, widget, '/w/.vscode/launch.json');
  assert.ok(edit.ok, edit.ok ? '' : edit.error.message);
  assert.equal(edit.value.added, true);
  return edit.value.text;
}

test('a new launch.json is plain JSON with version and the one configuration', () => {
  const text = newLaunchJson(widget);
  const parsed = JSON.parse(text) as { version: string; configurations: LaunchConfiguration[] };
  assert.equal(parsed.version, '0.2.0');
  assert.deepEqual(parsed.configurations, [widget]);
});

test('appends after existing configurations and keeps every comment', () => {
  const existing = [
    '{',
    '  // Use IntelliSense to learn about possible attributes.',
    '  "version": "0.2.0",',
    '  "configurations": [',
    '    /* the server */',
    '    {',
    '      "type": "node",',
    '      "request": "launch",',
    '      "name": "Server", // keep me',
    '      "program": "${workspaceFolder}/server.js"',
    '    } // last one',
    '  ]',
    '}',
    '',
  ].join('\n');
  const text = added(existing);
  assert.deepEqual(configurationsOf(text).map((c) => c.name), ['Server', 'Debug weather widget']);
  for (const comment of ['// Use IntelliSense to learn about possible attributes.', '/* the server */', '// keep me', '}, // last one']) {
    assert.ok(text.includes(comment), `lost ${comment}`);
  }
  // The new element is indented like its sibling.
  assert.match(text, /\n {4}\{\n {6}"type": "widget-timeline"/);
  assert.ok(text.startsWith(existing.slice(0, existing.indexOf('} // last one'))), 'text before the insertion changed');
});

test('handles an empty array, a trailing comma and a missing configurations key', () => {
  assert.deepEqual(configurationsOf(added('{ "version": "0.2.0", "configurations": [] }')).map((c) => c.name), ['Debug weather widget']);
  const trailing = added('{\n  "configurations": [\n    { "type": "node", "request": "launch", "name": "A" },\n  ],\n}\n');
  assert.deepEqual(configurationsOf(trailing).map((c) => c.name), ['A', 'Debug weather widget']);
  const missing = added('{\n\t"version": "0.2.0",\n\t"compounds": []\n}\n');
  assert.deepEqual(configurationsOf(missing).map((c) => c.name), ['Debug weather widget']);
  assert.deepEqual((readLaunchJson(missing)?.value as { compounds: unknown[] }).compounds, []);
  assert.match(missing, /\n\t"configurations": \[\n\t\t\{\n\t\t\t"type"/, 'uses the file\'s tab indentation');
  assert.deepEqual(configurationsOf(added('{}')).map((c) => c.name), ['Debug weather widget']);
  assert.deepEqual(configurationsOf(added('')).map((c) => c.name), ['Debug weather widget']);
});

test('keeps trailing commas, one-line elements and end-of-line comments exactly as written', () => {
  // A formatter-driven edit (jsonc-parser's modify with formatting options) reformats the last
  // element's line: it splits a one-line element and moves its comment to the new element.
  const before = [
    '{',
    '  "version": "0.2.0",',
    '  "configurations": [',
    '    { "type": "node", "request": "launch", "name": "A" }, // the API',
    '    {"type": "node", "request": "attach", "name": "B", "port": 9229,}, // trailing commas',
    '  ],',
    '}',
    '',
  ].join('\n');
  const text = added(before);
  const element = JSON.stringify(widget, null, 2).split('\n').join('\n    ');
  const expected = before.replace('// trailing commas\n', `// trailing commas\n    ${element},\n`);
  assert.equal(text, expected);
  const without = added('{\n  "configurations": [\n    { "type": "node", "request": "launch", "name": "A" } // the API\n  ]\n}\n');
  assert.equal(without, `{\n  "configurations": [\n    { "type": "node", "request": "launch", "name": "A" }, // the API\n    ${element}\n  ]\n}\n`);
});

test('keeps CRLF line endings', () => {
  const text = added('{\r\n  "version": "0.2.0",\r\n  "configurations": [\r\n    { "type": "node", "request": "launch", "name": "A" }\r\n  ]\r\n}\r\n');
  assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'a bare LF slipped in');
  assert.deepEqual(configurationsOf(text).map((c) => c.name), ['A', 'Debug weather widget']);
});

test('strings that look like comments or brackets do not confuse the edit', () => {
  const existing = '{ "configurations": [ { "type": "node", "request": "launch", "name": "url // not a comment ]", "args": ["/*", "]"] } ] }';
  const text = added(existing);
  assert.deepEqual(configurationsOf(text).map((c) => c.name), ['url // not a comment ]', 'Debug weather widget']);
});

test('an existing configuration of the same name is left alone', () => {
  const existing = newLaunchJson(widget);
  const edit = addLaunchConfiguration(existing, widget, 'launch.json');
  assert.ok(edit.ok);
  assert.equal(edit.value.added, false);
  assert.equal(edit.value.text, existing);
});

test('broken files are refused with a message naming the file', () => {
  for (const broken of ['{ "configurations": [ /* unclosed', '[1, 2]', '{ "configurations": {} }', '{ "a": }']) {
    const edit = addLaunchConfiguration(broken, widget, '/w/.vscode/launch.json');
    assert.equal(edit.ok, false, broken);
    if (!edit.ok) {
      assert.equal(edit.error.code, 'launch-json-invalid');
      assert.match(edit.error.message, /\/w\/\.vscode\/launch\.json/);
    }
  }
});
