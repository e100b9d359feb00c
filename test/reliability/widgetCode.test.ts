// Bad widget code through the real system: load failures, providers that throw or hang,
// endless loops and memory hogs in delegates, huge, unsorted and unserialisable timelines,
// views that return garbage. Each must end in a finding or error that names the user's file
// (and line where there is one) and says what to do, and the session must keep working.
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import { PROVIDER_BASICS, withWidget } from './widgetHarness';

const TIMEOUT = { timeout: 60_000 };
const HEADER = `import { defineWidget, ReloadPolicy, Text, Timeline, sessionCache, WidgetCenter } from 'widgetkit';\n`;

function widget(provider: string, rest = 'view: (entry) => Text(String(entry.value)),'): string {
  return `${HEADER}export default defineWidget({
  kind: 'bad',
  provider: {
    ${PROVIDER_BASICS}
    ${provider}
  },
  ${rest}
});
`;
}

const ONE_ENTRY = `getTimeline: () => new Timeline([{ date: new Date(), value: 1 }], ReloadPolicy.never),`;

interface LoadCase {
  name: string;
  file: string;
  source: string;
  /** 1-based line the error must name, when the error has one. */
  line?: number;
  /** Words the message must contain (what went wrong or what to do). */
  says: RegExp;
}

const LOAD_FAILURES: LoadCase[] = [
  { name: 'a syntax error', file: 'syntax.widget.ts', source: `${HEADER}\nconst x = 1 +;\nexport default x;\n`, line: 3, says: /syntax error/i },
  { name: 'no default export', file: 'nodefault.widget.ts', source: `${HEADER}export const widget = 1;\n`, says: /default/i },
  { name: 'a default export that is not a widget', file: 'notwidget.widget.mjs', source: `export default { hello: 'world' };\n`, says: /defineWidget/ },
  { name: 'a module that throws while loading', file: 'throws.widget.ts', source: `${HEADER}\n\nthrow new Error('boom at load');\n`, line: 4, says: /boom at load/ },
  { name: 'an import that does not exist', file: 'missing.widget.ts', source: `import { x } from './not-there';\n${HEADER}export default x;\n`, line: 1, says: /not-there/ },
];

for (const bad of LOAD_FAILURES) {
  test(`load: ${bad.name} is a load-failed finding naming the file${bad.line ? ' and line' : ''}; exit-2 state`, TIMEOUT, async () => {
    await withWidget({ [bad.file]: bad.source }, {}, async (run) => {
      const result = await run.system.runUntil(Date.parse('2025-06-01T08:01:00Z'));
      assert.equal(result.loadFailed, true, 'the run must say the widget failed to load');
      const finding = run.finding('load-failed');
      assert.ok(finding, `expected a load-failed finding, got ${JSON.stringify(run.system.findings())}`);
      assert.equal(finding.severity, 'error');
      assert.match(finding.message, bad.says);
      assert.ok(finding.message.includes(basename(bad.file)) || finding.location?.file === run.program, `the finding must name ${bad.file}: ${finding.message}`);
      if (bad.line !== undefined) {
        assert.equal(finding.location?.file, run.program, `location: ${JSON.stringify(finding.location)}`);
        assert.equal(finding.location?.line, bad.line, `line: ${JSON.stringify(finding.location)}`);
      }
      const state = run.system.snapshot();
      assert.ok(state.loadError, 'the preview snapshot carries the load error');
      assert.equal(state.extension.state, 'notRunning', 'a widget that failed to load leaves no process running');
    });
  });
}

test('load: a TypeScript type error does not stop the run (types are stripped, as esbuild/tsc-less runners do): the timeline arrives', TIMEOUT, async () => {
  const source = widget(`getTimeline: () => { const n: number = 'not a number'; return new Timeline([{ date: new Date(), value: n }], ReloadPolicy.never); },`);
  await withWidget({ 'typed.widget.ts': source }, {}, async (run) => {
    const findings = await run.runTo(60_000);
    assert.deepEqual(findings.map((f) => f.code), []);
    const timeline = run.system.snapshot().timeline;
    assert.equal(timeline?.entries[0]?.data && (timeline.entries[0].data as { value: string }).value, 'not a number');
  });
});

test('provider: getTimeline that throws is provider-threw at the user line, and a reload afterwards still works', TIMEOUT, async () => {
  const source = widget(`getTimeline() {
      calls += 1;
      if (calls === 1) throw new Error('first call fails');
      return new Timeline([{ date: new Date(), value: calls }], ReloadPolicy.never);
    },`).replace('export default', 'let calls = 0;\nexport default');
  await withWidget({ 'throws.widget.ts': source }, {}, async (run) => {
    await run.runTo(1_000);
    const finding = run.finding('provider-threw');
    assert.ok(finding, `expected provider-threw, got ${JSON.stringify(run.system.findings())}`);
    assert.equal(finding.location?.file, run.program);
    assert.equal(finding.location?.line, 10);
    assert.match(finding.message, /first call fails/);
    await run.system.reloadTimelines();
    const timeline = run.system.snapshot().timeline;
    assert.ok(timeline && timeline.entries.length === 1, `a reload after the failure must deliver a timeline: ${JSON.stringify(timeline)}`);
  });
});

test('provider: getSnapshot that throws is reported and the timeline still arrives', TIMEOUT, async () => {
  const source = `${HEADER}export default defineWidget({
  kind: 'bad',
  provider: {
    placeholder: () => ({ date: new Date(), value: 0 }),
    getSnapshot() { throw new TypeError('snapshot broke'); },
    ${ONE_ENTRY}
  },
  view: (entry) => Text(String(entry.value)),
});
`;
  await withWidget({ 'snapshot.widget.ts': source }, {}, async (run) => {
    await run.runTo(1_000);
    const finding = run.finding('provider-threw');
    assert.ok(finding && finding.location?.line === 6, `expected provider-threw at line 6: ${JSON.stringify(run.system.findings())}`);
    assert.equal(run.system.snapshot().timeline?.entries.length, 1);
  });
});

test('provider: getTimeline that never resolves ends in a time-limit finding, not a hang', TIMEOUT, async () => {
  const source = widget(`getTimeline: () => new Promise(() => {}),`);
  await withWidget({ 'hang.widget.ts': source }, { backgroundTimeLimitMs: 1_500 }, async (run) => {
    await run.runTo(60_000);
    const finding = run.finding('time-limit');
    assert.ok(finding, `expected time-limit, got ${JSON.stringify(run.system.findings())}`);
    assert.ok(run.events('extensionTerminate').some((r) => r.detail?.reason === 'timeLimit'), 'the extension is terminated with reason timeLimit');
  });
});

test('delegate: an endless loop in didFinishDownloadingTo is stopped by the background time limit', TIMEOUT, async () => {
  const source = widget(
    `getTimeline() {
      sessionCache.session('com.bad.loop', () => ({ didFinishDownloadingTo() { for (;;) {} } })).downloadTask('https://bad.example.com/x').resume();
      return new Timeline([{ date: new Date(), value: 1 }], ReloadPolicy.never);
    },`,
    // The download ends after getTimeline returned: the wake must be handled for the delegate to run.
    `view: (entry) => Text(String(entry.value)),
  onBackgroundURLSessionEvents() {},`,
  );
  await withWidget({ 'loop.widget.ts': source }, { backgroundTimeLimitMs: 1_500, network: { fixtures: { 'https://bad.example.com/x': { body: 'x' } } } }, async (run) => {
    await run.runTo(120_000);
    assert.ok(run.finding('time-limit'), `expected time-limit, got ${JSON.stringify(run.system.findings())}`);
    assert.ok(run.events('extensionTerminate').some((r) => r.detail?.reason === 'timeLimit'));
  });
});

test('delegate: a memory hog is terminated with reason memory and a memory-limit finding', TIMEOUT, async () => {
  const source = widget(
    `getTimeline() {
      const hoard = [];
      for (let i = 0; i < 400; i++) hoard.push(Buffer.alloc(1024 * 1024, i));
      globalThis.hoard = hoard;
      return new Promise((resolve) => setTimeout(() => resolve(new Timeline([{ date: new Date(), value: hoard.length }], ReloadPolicy.never)), 2000));
    },`,
  );
  await withWidget({ 'hog.widget.ts': source }, { memoryLimitMb: 30 }, async (run) => {
    await run.runTo(60_000);
    const finding = run.finding('memory-limit');
    assert.ok(finding, `expected memory-limit, got ${JSON.stringify(run.system.findings())}`);
    assert.ok(run.events('extensionTerminate').some((r) => r.detail?.reason === 'memory'));
  });
});

test('timeline: 10,000 entries arrive whole in the snapshot, capped at 50 in the trace', TIMEOUT, async () => {
  const source = widget(`getTimeline: () => new Timeline(Array.from({ length: 10000 }, (_, i) => ({ date: new Date(Date.now() + i * 600000), value: i })), ReloadPolicy.never),`);
  await withWidget({ 'many.widget.ts': source }, {}, async (run) => {
    await run.runTo(1_000);
    const timeline = run.system.snapshot().timeline;
    assert.equal(timeline?.totalEntries, 10_000);
    const record = run.events('timeline')[0];
    assert.ok(Array.isArray(record?.detail?.entries) && (record.detail.entries as unknown[]).length <= 50, 'the trace keeps at most 50 entries');
  });
});

test('timeline: entries out of order give timeline-unsorted naming the widget file', TIMEOUT, async () => {
  const source = widget(`getTimeline: () => new Timeline([{ date: new Date(Date.now() + 3600000), value: 2 }, { date: new Date(), value: 1 }], ReloadPolicy.never),`);
  await withWidget({ 'unsorted.widget.ts': source }, {}, async (run) => {
    await run.runTo(1_000);
    const finding = run.finding('timeline-unsorted');
    assert.ok(finding, `expected timeline-unsorted, got ${JSON.stringify(run.system.findings())}`);
    assert.ok(finding.location?.file === run.program || finding.message.includes('unsorted.widget.ts'), `must name the widget file: ${JSON.stringify(finding)}`);
  });
});

const DATA_FAILURES: { name: string; entry: string; says: RegExp }[] = [
  { name: 'circular entry data', entry: `(() => { const e = { date: new Date(), value: 1 }; e.self = e; return e; })()`, says: /circular/i },
  { name: 'a BigInt in entry data', entry: `{ date: new Date(), value: 10n }`, says: /bigint|serial|JSON/i },
  { name: 'a function in entry data', entry: `{ date: new Date(), value: 1, later: () => 1 }`, says: /function|serial|JSON/i },
  { name: 'an entry without a date', entry: `{ value: 1 }`, says: /date/ },
];

for (const bad of DATA_FAILURES) {
  test(`timeline: ${bad.name} is a clear provider error naming the widget file, and the session keeps working`, TIMEOUT, async () => {
    const source = widget(`getTimeline: () => new Timeline([${bad.entry}], ReloadPolicy.never),`);
    await withWidget({ 'data.widget.ts': source }, {}, async (run) => {
      await run.runTo(1_000);
      const finding = run.system.findings().find((f) => f.severity === 'error');
      assert.ok(finding, `expected an error finding, got none (timeline ${JSON.stringify(run.system.snapshot().timeline)})`);
      assert.match(finding.message, bad.says);
      assert.ok(finding.location?.file === run.program || finding.message.includes('data.widget.ts'), `must name the widget file: ${JSON.stringify(finding)}`);
      assert.ok(run.system.snapshot().placeholder, 'the placeholder still renders');
    });
  });
}

/** A view that returns garbage has no failing line: the message must say what to return instead. */
const VIEW_FAILURES: { name: string; view: string; says: RegExp }[] = [
  { name: 'a number', view: `view: () => 42,`, says: /return a view built with widgetkit/ },
  { name: 'a plain object that is not a view', view: `view: () => ({ type: 'Text', oops: true }),`, says: /return a view built with widgetkit/ },
  { name: 'undefined', view: `view: () => undefined,`, says: /return a view built with widgetkit/ },
  { name: 'a throw', view: `view: () => { throw new Error('view broke'); },`, says: /view\.widget\.ts:9:\d+: .*view broke/ },
];

for (const bad of VIEW_FAILURES) {
  test(`view: a view that returns ${bad.name} spoils only the render, with a message that says what to do`, TIMEOUT, async () => {
    await withWidget({ 'view.widget.ts': widget(ONE_ENTRY, bad.view) }, {}, async (run) => {
      await run.runTo(1_000);
      const entry = run.system.snapshot().timeline?.entries[0];
      assert.ok(entry, 'the timeline still arrives');
      const rendered = entry.views.systemSmall;
      assert.ok(rendered && !rendered.ok, `the view must be refused: ${JSON.stringify(rendered)}`);
      assert.match(rendered.error, bad.says);
    });
  });
}

test('url: an invalid URL in downloadTask is provider-threw at that line, saying an absolute URL is needed', TIMEOUT, async () => {
  const source = widget(`getTimeline() {
      sessionCache.session('com.bad.url', () => ({})).downloadTask('not a url').resume();
      return new Timeline([{ date: new Date(), value: 1 }], ReloadPolicy.never);
    },`);
  await withWidget({ 'url.widget.ts': source }, {}, async (run) => {
    await run.runTo(1_000);
    const finding = run.finding('provider-threw');
    assert.ok(finding, `expected provider-threw, got ${JSON.stringify(run.system.findings())}`);
    assert.equal(finding.location?.line, 8);
    assert.match(finding.message, /absolute URL/);
  });
});
