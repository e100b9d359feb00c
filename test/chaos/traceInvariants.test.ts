// The chaos checker must catch what it claims to: hand-written traces with a double delivery, a
// lost transfer, an uncalled completion and a seq going backwards are each reported, and the
// legitimate shapes (a redelivery after a kill, a loss explained by a finding or a force quit,
// a kill that lands after a handler returned) are not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LifecycleEventName, TraceRecord } from '../../src/protocol/lifecycle';
import { checkTrace } from '../../src/system/chaos/traceInvariants';
import { SeededRandom } from '../../src/protocol/seededRandom';

const ID = 'com.chaos.test';

function trace(...rows: [LifecycleEventName, number, Partial<TraceRecord>?][]): TraceRecord[] {
  return rows.map(([event, launch, extra], i) => ({ seq: i + 1, time: '2025-06-01T08:00:00.000Z', event, pid: launch * 100, launch, ...extra }));
}

const resumed: [LifecycleEventName, number, Partial<TraceRecord>][] = [['taskResume', 1, { identifier: ID, task: 1 }]];
const done: [LifecycleEventName, number, Partial<TraceRecord>] = ['transferComplete', 1, { identifier: ID, task: 1, detail: { status: 200, bytes: 10 } }];
const file = (launch: number): [LifecycleEventName, number, Partial<TraceRecord>] => ['didFinishDownloadingTo', launch, { identifier: ID, task: 1 }];
const complete = (launch: number): [LifecycleEventName, number, Partial<TraceRecord>] => ['didCompleteWithError', launch, { identifier: ID, task: 1, detail: { error: null } }];
const killed = (launch: number, reason = 'forced'): [LifecycleEventName, number, Partial<TraceRecord>] => ['extensionTerminate', launch, { detail: { reason } }];

test('a clean delivery passes and counts one delivery', () => {
  const verdict = checkTrace(trace(...resumed, done, file(1), complete(1)));
  assert.deepEqual(verdict.violations, []);
  assert.equal(verdict.tally.deliveries, 1);
});

test('a kill inside the handler, then the redelivery after the relaunch, is one delivery', () => {
  const verdict = checkTrace(trace(...resumed, done, file(1), killed(1), ['extensionLaunch', 2], ['onBackgroundURLSessionEvents', 2, { identifier: ID }], file(2), complete(2), ['completionHandler', 2, { identifier: ID }]));
  assert.deepEqual(verdict.violations, []);
  assert.equal(verdict.tally.deliveries, 1);
  assert.equal(verdict.tally.terminations, 1);
});

test('a kill after the handler returned (before the next event) still counts the delivery once', () => {
  const verdict = checkTrace(trace(...resumed, done, file(1), killed(1), ['extensionLaunch', 2], ['onBackgroundURLSessionEvents', 2, { identifier: ID }], complete(2), ['completionHandler', 2, { identifier: ID }]));
  assert.deepEqual(verdict.violations, []);
  assert.equal(verdict.tally.deliveries, 1);
});

test('a handler that returned twice for one task is a double delivery', () => {
  const verdict = checkTrace(trace(...resumed, done, file(1), complete(1), file(1), complete(1)));
  assert.match(verdict.violations.join('\n'), /delivered twice/);
});

test('a finished transfer never delivered and never explained is reported; a finding or a force quit explains it', () => {
  assert.match(checkTrace(trace(...resumed, done)).violations.join('\n'), /never delivered/);
  assert.deepEqual(checkTrace(trace(...resumed, done, ['diagnostic', 1, { identifier: ID, detail: { code: 'session-not-recreated' } }])).violations, []);
  assert.deepEqual(checkTrace(trace(...resumed, done, killed(1, 'forceQuit'))).violations, []);
  // A force quit before the transfer finished: nothing is launched for its events any more.
  assert.deepEqual(checkTrace(trace(killed(1, 'forceQuit'), ...resumed, done)).violations, []);
});

test('a stored completion never called and not reported is a violation; completion-not-called or a kill explains it', () => {
  const wake: [LifecycleEventName, number, Partial<TraceRecord>] = ['onBackgroundURLSessionEvents', 1, { identifier: ID }];
  assert.match(checkTrace(trace(wake, ['extensionTerminate', 1, { detail: { reason: 'idle' } }])).violations.join('\n'), /completion handler/);
  assert.deepEqual(checkTrace(trace(wake, ['diagnostic', 1, { identifier: ID, detail: { code: 'completion-not-called' } }])).violations, []);
  assert.deepEqual(checkTrace(trace(wake, killed(1))).violations, []);
});

test('seq that does not increase is reported', () => {
  const records = trace(['extensionLaunch', 1], ['placeholder', 1]);
  records[1].seq = 1;
  assert.match(checkTrace(records).violations.join('\n'), /seq not strictly increasing/);
});

test('the seeded generator repeats its sequence for a seed and differs between seeds', () => {
  const draw = (seed: number) => Array.from({ length: 5 }, ((random) => () => random.int(0, 1_000_000))(new SeededRandom(seed)));
  assert.deepEqual(draw(42), draw(42));
  assert.notDeepEqual(draw(42), draw(43));
});
