// The page's DOM-free logic in Node: message validation both ways, the mode and entry model,
// time labels, the swimlane model and the SF Symbol table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFromWebview, parseToWebview } from '../../src/protocol/webview';
import { buildLanes, recordLocation } from '../../src/webview/laneModel';
import { currentIndexAt, modeContent, modeOptions, offsetLabel, policyLabel, resolveMode } from '../../src/webview/pageModel';
import { symbolArt } from '../../src/webview/symbols';
import { launchFixtures } from '../../src/preview/launchFixtures';
import { debugSnapshot, debugTrace, weatherSnapshot, WIDGET_FILE } from './snapshotFixtures';

describe('webview messages', () => {
  it('accepts a state message and names the field that breaks one', () => {
    assert.ok(parseToWebview({ type: 'state', snapshot: debugSnapshot(), source: { kind: 'debug', sessionName: 'x' } }).ok);
    const broken = weatherSnapshot() as unknown as { budget: unknown };
    broken.budget = { used: 'many', limit: 70, resetsAt: '' };
    const parsed = parseToWebview({ type: 'state', snapshot: broken, source: { kind: 'preview' } });
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.reason, /snapshot\.budget\.used is not a finite number/);
    assert.equal(parseToWebview({ type: 'state', snapshot: weatherSnapshot(), source: { kind: 'debug' } }).ok, false, 'a debug source needs its session name');
    assert.equal(parseToWebview('state').ok, false);
  });

  it('checks what the page posts before the host acts on it', () => {
    assert.deepEqual(parseFromWebview({ type: 'advanceClock', next: 'entry' }), { ok: true, message: { type: 'advanceClock', next: 'entry' } });
    assert.equal(parseFromWebview({ type: 'advanceClock', next: 'tomorrow' }).ok, false);
    assert.equal(parseFromWebview({ type: 'terminateExtension', mode: 'kill -9' }).ok, false);
    assert.equal(parseFromWebview({ type: 'setFamily', family: 'systemHuge' }).ok, false);
    assert.equal(parseFromWebview({ type: 'reveal', location: { file: WIDGET_FILE, line: '3', column: 1 } }).ok, false);
    assert.equal(parseFromWebview({ type: 'runShell', command: 'rm -rf /' }).ok, false);
  });
});

describe('page model', () => {
  it('offers placeholder, snapshot, timeline and each named preview', () => {
    const snapshot = weatherSnapshot();
    assert.deepEqual(modeOptions(snapshot).map((o) => o.id), ['placeholder', 'snapshot', 'timeline', 'preview:Rainy afternoon', 'preview:Medium · snow']);
    assert.equal(resolveMode(snapshot, undefined), 'timeline');
    assert.equal(resolveMode(snapshot, 'preview:Gone'), 'timeline', 'a preview that no longer exists falls back');
    assert.equal(resolveMode({ ...snapshot, timeline: null }, undefined), 'placeholder');
    const preview = modeContent(snapshot, 'preview:Medium · snow', 'iPhone 15 Pro');
    assert.deepEqual(preview.families, ['systemMedium']);
    assert.equal(modeContent(snapshot, 'placeholder', 'iPhone 15 Pro').redacted, true);
    assert.ok(!modeContent(snapshot, 'timeline', 'iPad Pro 11').families.includes('accessoryCircular'), 'iPad offers no accessory families');
  });

  it('finds the entry current at virtual now and labels times', () => {
    const entries = weatherSnapshot().timeline!.entries;
    assert.equal(currentIndexAt(entries, entries[3].date), 3);
    assert.equal(currentIndexAt(entries, '2000-01-01T00:00:00Z'), -1);
    assert.equal(offsetLabel('2026-11-21T10:45:00Z', '2026-11-21T09:00:00Z'), '+1h45m');
    assert.equal(offsetLabel('2026-11-21T08:50:00Z', '2026-11-21T09:00:00Z'), '−10m');
    assert.equal(policyLabel({ kind: 'never' }).title, 'Never reload');
  });
});

describe('swimlanes', () => {
  it('places records on lanes and spans launches and transfers', () => {
    const lanes = buildLanes(debugTrace());
    const runs = lanes.spans.filter((s) => s.tone === 'run');
    assert.deepEqual(runs.map((r) => r.end), ['forced', 'idle']);
    assert.deepEqual(lanes.spans.filter((s) => s.lane === 'transfers').map((s) => [s.end ?? 'open', s.open]), [['HTTP 200', false], ['open', true]]);
    assert.equal(lanes.events.find((e) => e.record.event === 'transferComplete')?.lane, 'transfers');
    assert.equal(lanes.events.find((e) => e.record.event === 'didWriteData')?.lane, 'extension');
    const download = debugTrace().find((r) => r.event === 'didFinishDownloadingTo')!;
    assert.deepEqual(recordLocation(download), { file: WIDGET_FILE, line: 64, column: 5 }, 'the source, not the downloaded file\'s path');
    const engineRecord = { seq: 9, time: '2026-11-21T09:00:00Z', event: 'completionHandler' as const, pid: 7, launch: 2, detail: { file: WIDGET_FILE, line: 57 } };
    assert.deepEqual(recordLocation(engineRecord), { file: WIDGET_FILE, line: 57, column: 1 }, 'the engine\'s flat file and line');
  });
});

describe('SF Symbols', () => {
  it('draws known symbols, strips variants, and falls back to a neutral glyph', () => {
    assert.equal(symbolArt('cloud.rain.fill').kind, 'icon');
    const sun = symbolArt('sun.max.fill');
    assert.ok(sun.kind === 'icon' && sun.filled);
    assert.deepEqual(symbolArt('arrow.up'), { kind: 'glyph', glyph: '↑', known: true });
    assert.deepEqual(symbolArt('no.such.symbol'), { kind: 'glyph', glyph: '◻', known: false });
  });
});

describe('launch configuration fixtures', () => {
  it('takes the fixtures of the configuration that debugs this widget', () => {
    const configurations = [
      { type: 'node', request: 'launch', program: '${workspaceFolder}/weather.widget.ts', network: { fixtures: 'wrong.json' } },
      { type: 'widget-timeline', request: 'launch', program: '${workspaceFolder}/other.widget.ts', network: { fixtures: 'other.json' } },
      { type: 'widget-timeline', request: 'launch', program: '${file}', network: { fixtures: '${fileDirname}/${fileBasenameNoExtension}.json' } },
    ];
    assert.equal(launchFixtures(configurations, '/ws', '/ws/weather.widget.ts'), '/ws/weather.widget.json');
    const inline = [{ type: 'widget-timeline', program: 'weather.widget.ts', network: { fixtures: { 'https://x.test/a': { status: 503 } } } }];
    assert.deepEqual(launchFixtures(inline, '/ws', '/ws/weather.widget.ts'), { 'https://x.test/a': { status: 503 } });
    assert.equal(launchFixtures([{ type: 'widget-timeline', program: 'other.widget.ts', network: { fixtures: 'f.json' } }], '/ws', '/ws/weather.widget.ts'), undefined);
    assert.equal(launchFixtures('not a list', '/ws', '/ws/weather.widget.ts'), undefined);
  });
});
