// Rendering modes through the real engine: the widget runs in its extension process, its view
// branches on ctx.renderingMode, and the snapshot the preview draws carries one tree per mode,
// while the trace (what the CLI and the contract see) stays the entries' data alone.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { TraceRecord } from '../../src/protocol/lifecycle';
import type { ViewNode } from '../../src/protocol/views';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { START } from './engineHarness';

const work = mkdtempSync(join(tmpdir(), 'engine-modes-'));
after(() => rmSync(work, { recursive: true, force: true }));

const program = join(work, 'modes.widget.js');
writeFileSync(program, `import { defineWidget, Timeline, ReloadPolicy, Text, VStack } from 'widgetkit';
const entry = () => ({ date: new Date(), temp: 21 });
export default defineWidget({
  kind: 'modes',
  supportedFamilies: ['systemSmall', 'accessoryRectangular'],
  provider: { placeholder: entry, getSnapshot: entry, getTimeline: () => new Timeline([entry()], ReloadPolicy.never) },
  view: (e, ctx) => VStack(
    Text(ctx.renderingMode).widgetAccentable(ctx.renderingMode === 'accented'),
    Text(e.temp + '°').foregroundStyle(ctx.showsWidgetContainerBackground ? 'white' : 'primary'),
  ),
});
`);

const texts = (view: ViewNode) => view.children.map((c) => [c.props.text, ...c.modifiers.map((m) => `${m.name}(${m.args.join()})`)]);

test('a view branching on ctx.renderingMode yields one tree per mode; the trace carries data only', async () => {
  const system = new WidgetSystem({ mode: 'preview', program, now: new Date(START), clock: 'simulated' });
  const records: TraceRecord[] = [];
  system.on('trace', (record: TraceRecord) => records.push(record));
  try {
    await system.runUntil(Date.parse(START) + 60_000);
    const entry = system.snapshot().timeline?.entries[0];
    assert.ok(entry, 'the timeline arrived');
    const small = entry.views.systemSmall;
    const modes = entry.renderingModes?.systemSmall;
    assert.ok(small?.ok && modes?.accented?.ok && modes.vibrant?.ok);
    assert.deepEqual(texts(small.view), [['fullColor', 'widgetAccentable(false)'], ['21°', 'foregroundStyle(white)']]);
    assert.deepEqual(texts(modes.accented.view), [['accented', 'widgetAccentable(true)'], ['21°', 'foregroundStyle(primary)']]);
    assert.deepEqual(texts(modes.vibrant.view), [['vibrant', 'widgetAccentable(false)'], ['21°', 'foregroundStyle(primary)']]);
    // The Lock Screen draws accessory families vibrant only: that is their one tree.
    const rectangular = entry.views.accessoryRectangular;
    assert.ok(rectangular?.ok);
    assert.equal(texts(rectangular.view)[0][0], 'vibrant');
    assert.equal(entry.renderingModes?.accessoryRectangular, undefined);
    const timeline = records.find((r) => r.event === 'timeline');
    assert.deepEqual(timeline?.detail?.entries, [{ date: START, temp: 21 }], 'the trace is unchanged: no views in it');
  } finally {
    await system.dispose();
  }
});
