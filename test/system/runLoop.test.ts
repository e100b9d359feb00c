// DESIGN.md section 9, the run loop that owns virtual time: widget code that waits (for its own
// download, for a timer) gets virtual time at once; code that holds the CPU is stopped by the
// background time limit, recorded at the virtual moment it ran out and at the line that ran;
// a delivery that keeps ending in a termination is given up after the third; and the same
// inputs give the same trace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparable, DATA_URL, runWidget } from './systemHarness';

const TIMEOUT = { timeout: 120_000 };

const AWAITS_DOWNLOAD = `import { readFileSync } from 'node:fs';
import { defineWidget, sessionCache, Timeline, ReloadPolicy, Text } from 'widgetkit';
let completion;
export default defineWidget({
  kind: 'awaits',
  provider: {
    placeholder: () => ({ date: new Date(), value: 0 }),
    getSnapshot: () => ({ date: new Date(), value: 0 }),
    async getTimeline() {
      const value = await new Promise((resolve) => {
        const session = sessionCache.session('com.test.awaits', () => ({
          didFinishDownloadingTo(_s, _t, location) { resolve(JSON.parse(readFileSync(location, 'utf8')).value); },
          didCompleteWithError(_s, _t, error) { if (error) resolve(-1); },
          didFinishEvents() { completion?.(); completion = undefined; },
        }));
        session.downloadTask('${DATA_URL}').resume();
      });
      return new Timeline([{ date: new Date(), value }], ReloadPolicy.never);
    },
  },
  view: (entry) => Text(String(entry.value)),
  // The completion waits for didFinishEvents: called earlier, the system would suspend the
  // extension before the remaining didCompleteWithError (issue #15, item 6).
  onBackgroundURLSessionEvents: (_id, done) => { completion = done; },
});
`;

test('a getTimeline awaiting its own download gets it at the transfer\'s moment, straight to its delegate', TIMEOUT, async () => {
  const run = await runWidget(AWAITS_DOWNLOAD, 3_600_000);
  const codes = run.findings.map((f) => f.code);
  assert.ok(!codes.includes('time-limit') && !codes.includes('session-not-recreated'), `no time-limit, no session-not-recreated: ${codes.join(', ')}`);
  assert.equal(run.at('didFinishDownloadingTo'), 1000, 'delivered one virtual second later, when the fixture answered');
  assert.equal(run.events('didFinishDownloadingTo')[0].launch, 1, 'to the running extension, no relaunch');
  const timeline = run.events('timeline')[0];
  assert.equal(run.at('timeline'), 1000);
  assert.equal((timeline.detail?.entries as { value: number }[])[0].value, 42, 'the timeline shows the downloaded value');
  assert.ok(run.records.indexOf(run.events('didFinishDownloadingTo')[0]) < run.records.indexOf(timeline), 'the file came before the timeline');
});

function wakeWidget(delegate: string, wake = 'completion = done; sessionCache.session(identifier, makeDelegate);'): string {
  return `import { defineWidget, sessionCache, Timeline, ReloadPolicy, Text, UserDefaults, WidgetCenter } from 'widgetkit';
let completion;
const makeDelegate = () => (${delegate});
export default defineWidget({
  kind: 'wakes',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      const suite = UserDefaults.suite('group.test');
      if (!suite.get('requested')) {
        suite.set('requested', true);
        sessionCache.session('com.test.wake', makeDelegate).downloadTask('${DATA_URL}').resume();
      }
      return new Timeline([{ date: new Date() }], ReloadPolicy.after(new Date(Date.now() + 3600000)));
    },
  },
  view: () => Text('w'),
  onBackgroundURLSessionEvents(identifier, done) { ${wake} },
});
`;
}

test('a completion called from a timer 1.2 s after urlSessionDidFinishEvents is called 1.2 virtual seconds later', TIMEOUT, async () => {
  const run = await runWidget(
    wakeWidget(`{ didFinishDownloadingTo() {}, didFinishEvents() { WidgetCenter.reloadAllTimelines(); setTimeout(() => completion(), 1200); } }`),
    7_200_000,
  );
  assert.deepEqual(run.findings.map((f) => f.code), []);
  const finish = run.at('urlSessionDidFinishEvents');
  assert.equal(run.at('completionHandler'), (finish ?? NaN) + 1200);
});

test('timers of widget code fire at their virtual moments, intervals too, while the extension runs', TIMEOUT, async () => {
  const run = await runWidget(
    wakeWidget(
      `{ didFinishDownloadingTo() {}, didFinishEvents() {
        let ticks = 0;
        const interval = setInterval(() => { ticks += 1; if (ticks === 3) { clearInterval(interval); WidgetCenter.reloadAllTimelines(); completion(); } }, 500);
      } }`,
    ),
    7_200_000,
  );
  assert.deepEqual(run.findings.map((f) => f.code), []);
  assert.equal(run.at('completionHandler'), (run.at('urlSessionDidFinishEvents') ?? NaN) + 1500);
});

test('a completion never called: time-limit, completion-not-called and the termination 30 s after the wake', TIMEOUT, async () => {
  const run = await runWidget(wakeWidget('{}', 'sessionCache.session(identifier, makeDelegate);'), 7_200_000);
  const wake = run.at('onBackgroundURLSessionEvents') ?? NaN;
  const terminate = run.events('extensionTerminate').find((r) => r.detail?.reason === 'timeLimit');
  assert.ok(terminate, 'terminated with reason timeLimit');
  assert.equal(Date.parse(terminate.time) - Date.parse(run.records[0].time), wake + 30_000);
  const diagnostics = run.events('diagnostic');
  for (const code of ['time-limit', 'completion-not-called']) {
    const record = diagnostics.find((r) => r.detail?.code === code);
    assert.ok(record, `${code} reported`);
    assert.equal(record.time, terminate.time, `${code} at the moment the limit ran out`);
  }
});

test('a delegate that never returns: stopped after the busy limit at its line, three times, then delivery-abandoned, and the run ends', TIMEOUT, async () => {
  const source = wakeWidget(`{ didFinishDownloadingTo() {
    for (;;) {} // spins
  }, didFinishEvents() { completion(); } }`);
  const run = await runWidget(source, 30 * 60_000, { backgroundTimeLimitMs: 800 });
  const terminations = run.events('extensionTerminate').filter((r) => r.detail?.reason === 'timeLimit');
  assert.equal(terminations.length, 3, 'three terminations inside the same event');
  const deliveries = run.events('didFinishDownloadingTo');
  assert.equal(deliveries.length, 3);
  for (const [i, termination] of terminations.entries()) {
    assert.equal(Date.parse(termination.time) - Date.parse(deliveries[i].time), 800, 'recorded when the limit ran out, in virtual time');
  }
  const timeLimit = run.findings.find((f) => f.code === 'time-limit');
  assert.equal(timeLimit?.location?.file, run.file);
  assert.equal(timeLimit?.location?.line, run.lineOf('for (;;) {} // spins'), 'the finding names the line that was running');
  // The system opened the process's inspector to find that line: Node's lines about it are not the widget's output.
  assert.doesNotMatch(run.output, /Debugger|inspector/, 'the inspector the system opened shows in the widget output');
  const abandoned = run.findings.find((f) => f.code === 'delivery-abandoned');
  assert.ok(abandoned, `delivery-abandoned reported; got ${run.findings.map((f) => f.code).join(', ')}`);
  assert.match(abandoned.message, /didFinishDownloadingTo/);
  assert.ok(run.events('extensionLaunch').length <= 5, 'no more relaunches for that event');
});

test('a suspended extension\'s interval does not drive the clock: a day with a 1 s interval ends', TIMEOUT, async () => {
  const source = `import { defineWidget, Timeline, ReloadPolicy, Text, UserDefaults } from 'widgetkit';
export default defineWidget({
  kind: 'ticker',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      setInterval(() => {}, 1000);
      return new Timeline([{ date: new Date() }], ReloadPolicy.after(new Date(Date.now() + 4 * 3600000)));
    },
  },
  view: () => Text('t'),
});
`;
  const started = Date.now();
  const run = await runWidget(source, 24 * 3_600_000);
  assert.equal(run.events('timeline').length, 7, 'a timeline at the start and every 4 hours');
  assert.ok(Date.now() - started < 60_000, 'ended');
});

test('the same inputs give the same trace: a widget with timers, downloads and a wake, run twice', TIMEOUT, async () => {
  const source = wakeWidget(`{ didFinishDownloadingTo() {}, didFinishEvents() { setTimeout(() => { WidgetCenter.reloadAllTimelines(); completion(); }, 250); } }`);
  const first = await runWidget(source, 3 * 3_600_000);
  const second = await runWidget(source, 3 * 3_600_000);
  assert.ok(first.records.length > 10);
  assert.deepEqual(comparable(second), comparable(first));
});
