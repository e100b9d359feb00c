// Wakes, deliveries and the completion handler, with the extension in memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_BACKGROUND_TIME_LIMIT_MS } from '../../src/system/api';
import { MAX_TERMINATIONS_IN_EVENT } from '../../src/system/backgroundSessions';
import { SCRIPTED_FILE, runScripted, timeline } from './scriptedRun';
import { downloadsThenWakes } from './scriptedWidgets';

const TERMINATED_AFTER_RESUME = { terminate: [{ at: 'taskResume' as const }] };
const TEN_MINUTES = 10 * 60_000;

test('a completion never called: time-limit at the background time limit after the wake, in virtual time', async () => {
  const run = await runScripted(downloadsThenWakes(), TEN_MINUTES, TERMINATED_AFTER_RESUME);
  const wake = run.at('onBackgroundURLSessionEvents');
  assert.equal(wake, 1000);
  const terminated = run.events('extensionTerminate').find((r) => r.detail?.reason === 'timeLimit');
  assert.ok(terminated, 'terminated for the time limit');
  assert.equal(Date.parse(terminated.time) - Date.parse(run.events('onBackgroundURLSessionEvents')[0].time), DEFAULT_BACKGROUND_TIME_LIMIT_MS);
  assert.deepEqual(run.findings.map((f) => f.code).sort(), ['completion-not-called', 'time-limit']);
});

test('a completion called from a widget timer 1.2 s after urlSessionDidFinishEvents is on time', async () => {
  const run = await runScripted(
    downloadsThenWakes({ urlSessionDidFinishEvents: (process, identifier) => process.setTimeout(1200, () => process.callCompletion(identifier)) }),
    TEN_MINUTES,
    TERMINATED_AFTER_RESUME,
  );
  assert.equal(run.at('completionHandler'), (run.at('urlSessionDidFinishEvents') ?? NaN) + 1200);
  assert.ok(!run.findings.some((f) => f.code === 'completion-not-called' || f.code === 'time-limit'), JSON.stringify(run.findings));
});

test('a delegate that never returns: stopped at its line after the time limit, redelivered, and abandoned after the third termination; the run ends', async () => {
  const limit = 300;
  const run = await runScripted(
    downloadsThenWakes({ didFinishDownloadingTo: (process) => process.hang({ file: SCRIPTED_FILE, line: 12, column: 3 }) }),
    TEN_MINUTES,
    { ...TERMINATED_AFTER_RESUME, backgroundTimeLimitMs: limit },
  );
  const stops = run.events('extensionTerminate').filter((r) => r.detail?.reason === 'timeLimit');
  assert.ok(stops.length >= MAX_TERMINATIONS_IN_EVENT);
  assert.deepEqual(
    timeline(run, ['didFinishDownloadingTo', 'extensionTerminate']).slice(0, 2 * MAX_TERMINATIONS_IN_EVENT + 1),
    ['extensionTerminate(forced)@0', 'didFinishDownloadingTo@1000', 'extensionTerminate(timeLimit)@1300', 'didFinishDownloadingTo@1300', 'extensionTerminate(timeLimit)@1600', 'didFinishDownloadingTo@1600', 'extensionTerminate(timeLimit)@1900'],
  );
  const timeLimit = run.findings.find((f) => f.code === 'time-limit');
  assert.equal(timeLimit?.location?.file, SCRIPTED_FILE);
  assert.equal(timeLimit?.location?.line, 12);
  const abandoned = run.findings.find((f) => f.code === 'delivery-abandoned');
  assert.ok(abandoned, 'delivery-abandoned after the third termination');
  assert.equal(Date.parse(abandoned.time) - Date.parse(run.records[0].time), 1900);
  assert.equal(run.events('didFinishDownloadingTo').length, MAX_TERMINATIONS_IN_EVENT, 'not delivered a fourth time');
});
