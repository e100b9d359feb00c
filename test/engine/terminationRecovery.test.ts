// Terminate the widget extension at each lifecycle event (the CLI's --terminate-at) and check
// that the widget recovers as Apple documents it: the transfer finishes in the system, the
// extension is relaunched for its events, onBackgroundURLSessionEvents gets the identifier,
// each delegate event is handled exactly once by the recreated session, the completion is
// called, the timeline reloaded, and the new timeline carries the downloaded value.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LifecycleEventName, TraceRecord } from '../../src/protocol/lifecycle';
import { parseRecords, runCli, START, startDataServer, traceProblems, widget, type LocalServer } from './engineHarness';

const RECOVERY = widget('test', 'engine', 'widgets', 'recovery.widget.mjs');
const IDENTIFIER = 'com.example.recovery';

let server: LocalServer;
before(async () => {
  server = await startDataServer(42);
});
after(() => server.close());

async function run(extra: string[]): Promise<{ records: TraceRecord[]; stderr: string; code: number | null }> {
  const result = await runCli(['run', RECOVERY, '--now', START, '--until', '+1h', '--json', '--env', `DATA_URL=${server.url}`, ...extra]);
  return { records: parseRecords(result.stdout), stderr: result.stderr, code: result.code };
}

function handled(stderr: string, what: string): number {
  return stderr.split('\n').filter((line) => line.includes(`handled ${what} task 1`)).length;
}

function lastTimelineValue(records: TraceRecord[]): unknown {
  const timelines = records.filter((r) => r.event === 'timeline');
  const entries = timelines[timelines.length - 1]?.detail?.entries;
  return Array.isArray(entries) && entries[0] && typeof entries[0] === 'object' && !Array.isArray(entries[0]) ? entries[0].value : undefined;
}

function assertRecovered(records: TraceRecord[], stderr: string): void {
  assert.deepEqual(traceProblems(records), []);
  assert.equal(handled(stderr, 'didFinishDownloadingTo'), 1, 'didFinishDownloadingTo handled exactly once');
  assert.equal(handled(stderr, 'didCompleteWithError'), 1, 'didCompleteWithError handled exactly once');
  assert.equal(lastTimelineValue(records), 42, 'the last timeline shows the downloaded value');
  assert.equal(records.filter((r) => r.event === 'transferComplete').length, 1, 'one transfer, never repeated');
}

test('without terminations the whole background lifecycle appears in order', async () => {
  const { records, stderr, code } = await run([]);
  assert.equal(code, 0);
  assertRecovered(records, stderr);
  const order: LifecycleEventName[] = [
    'extensionLaunch', 'placeholder', 'getSnapshot', 'getTimeline', 'taskResume', 'didWriteData', 'timeline',
    // The rest of the body: progress still reaches the suspended process that has the session.
    'didWriteData', 'transferComplete', 'onBackgroundURLSessionEvents', 'didFinishDownloadingTo', 'didCompleteWithError',
    'urlSessionDidFinishEvents', 'reloadTimelines', 'completionHandler', 'getTimeline', 'timeline',
  ];
  const seen = records.map((r) => r.event).filter((e) => e !== 'extensionTerminate');
  assert.deepEqual(seen, order);
});

/** Events killed before the session's events were handled: the system must relaunch for them. */
const RELAUNCH_FOR_EVENTS: LifecycleEventName[] = [
  'taskResume', 'didWriteData', 'timeline', 'transferComplete', 'onBackgroundURLSessionEvents',
  'didFinishDownloadingTo', 'didCompleteWithError',
];
/** Events killed before the download started: WidgetKit asks for the timeline again later. */
const RETRY_TIMELINE: LifecycleEventName[] = ['extensionLaunch', 'placeholder', 'getSnapshot', 'getTimeline'];
/** Events killed after every event was delivered: the reload (requested or by policy) recovers. */
const AFTER_DELIVERY: LifecycleEventName[] = ['urlSessionDidFinishEvents', 'reloadTimelines', 'completionHandler'];

for (const event of [...RETRY_TIMELINE, ...RELAUNCH_FOR_EVENTS, ...AFTER_DELIVERY]) {
  test(`terminated at ${event}: the widget recovers`, async () => {
    const { records, stderr, code } = await run(['--terminate-at', event]);
    assert.equal(code, 0, stderr);
    const at = records.findIndex((r) => r.event === event);
    assert.ok(at >= 0, `${event} was recorded`);
    const terminate = records.slice(at).find((r) => r.event === 'extensionTerminate');
    assert.equal(terminate?.detail?.reason, 'forced', 'the system terminated the extension right at the event');
    assert.ok(records.some((r) => r.event === 'extensionLaunch' && r.launch === 2), 'the extension was launched again');
    assertRecovered(records, stderr);
    if (RELAUNCH_FOR_EVENTS.includes(event)) {
      const relaunch = records.find((r) => r.event === 'extensionLaunch' && r.detail?.reason === 'backgroundEvents');
      assert.ok(relaunch, 'relaunched for background events');
      const wake = records.find((r) => r.event === 'onBackgroundURLSessionEvents' && r.launch === relaunch.launch);
      assert.equal(wake?.identifier, IDENTIFIER);
      const delivered = records.filter((r) => r.event === 'didCompleteWithError' && r.launch === relaunch.launch);
      assert.equal(delivered.length, 1, 'delivered once to the recreated session');
      assert.ok(delivered[0].seq > (wake?.seq ?? Infinity), 'delivered after the wake');
      assert.ok(records.some((r) => r.event === 'completionHandler' && r.launch === relaunch.launch));
      assert.ok(records.some((r) => r.event === 'reloadTimelines' && r.launch === relaunch.launch));
    }
    if (event === 'didFinishDownloadingTo') {
      const attempts = records.filter((r) => r.event === 'didFinishDownloadingTo');
      assert.equal(attempts.length, 2);
      assert.equal(attempts[1].detail?.attempt, 2);
      assert.notEqual(attempts[0].detail?.location, attempts[1].detail?.location, 'a fresh file for the new attempt');
    }
  });
}

test('force quit cancels the transfer with -999 and nothing relaunches for its events', async () => {
  const { records, stderr, code } = await run(['--force-quit-at', 'taskResume']);
  assert.equal(code, 0, stderr);
  assert.deepEqual(traceProblems(records), []);
  const quits = records.filter((r) => r.event === 'extensionTerminate' && r.detail?.reason === 'forceQuit');
  assert.equal(quits.length, 1, 'one termination record');
  const complete = records.find((r) => r.event === 'transferComplete');
  assert.deepEqual((complete?.detail?.error as { code?: number } | undefined)?.code, -999);
  assert.deepEqual(records.filter((r) => r.event === 'extensionLaunch' && r.detail?.reason === 'backgroundEvents'), [], 'never relaunched for background events');
  assert.equal(handled(stderr, 'didFinishDownloadingTo'), 0);
  assert.equal(records.some((r) => r.event === 'onBackgroundURLSessionEvents'), false);
});

test('the n-th occurrence: terminating at the second getTimeline kills the reload', async () => {
  const { records, stderr, code } = await run(['--terminate-at', 'getTimeline#2']);
  assert.equal(code, 0, stderr);
  const second = records.filter((r) => r.event === 'getTimeline')[1];
  const next = records.find((r) => r.seq > second.seq);
  assert.equal(next?.event, 'extensionTerminate');
  assert.equal(lastTimelineValue(records), 42, 'the retried reload shows the stored value');
});
