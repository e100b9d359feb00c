// Launch, suspension and termination of the extension, with the extension in memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDLE_TERMINATION_MS } from '../../src/system/processControl';
import { runScripted, timeline } from './scriptedRun';

test('an extension with nothing left to do is suspended, then terminated (idle) after the idle termination time', async () => {
  const run = await runScripted({}, 2 * IDLE_TERMINATION_MS);
  assert.deepEqual(timeline(run, ['timeline', 'extensionTerminate']), ['timeline@0', `extensionTerminate(idle)@${IDLE_TERMINATION_MS}`]);
});

test('a suspended extension\'s timers do not run: a reload set on a timer after getTimeline returned never comes', async () => {
  const run = await runScripted({ getTimeline: (process) => process.setTimeout(1200, () => process.reloadTimelines()) }, 60_000);
  assert.deepEqual(run.events('reloadTimelines'), []);
  assert.equal(run.launches.length, 1);
});

test('a getTimeline that holds the CPU is stopped at its line, recorded at the virtual moment the time limit ran out', async () => {
  const run = await runScripted({ getTimeline: (process) => process.hang({ file: '/scripted/in-memory.widget.js', line: 7, column: 5 }) }, 60_000, { backgroundTimeLimitMs: 200 });
  const limit = run.findings.find((f) => f.code === 'time-limit');
  assert.ok(limit, 'a getTimeline that holds the CPU is stopped');
  assert.equal(limit.location?.line, 7, 'at the line that was running');
  assert.deepEqual(timeline(run, ['getTimeline', 'extensionTerminate']).slice(0, 2), ['getTimeline@0', 'extensionTerminate(timeLimit)@200']);
});
