// When the system has settled (DESIGN.md section 9), with the extension in memory: virtual time
// stands still while any party works and jumps, once all are idle, to the earliest moment one of
// them waits for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DATA_URL } from './systemHarness';
import { runScripted, timeline } from './scriptedRun';
import { IDENTIFIER, sleep } from './scriptedWidgets';

test('a provider awaiting a widget timer answers at the timer\'s virtual moment', async () => {
  const run = await runScripted({ getTimeline: (process) => sleep(process, 1200) }, 5000);
  assert.equal(run.at('timeline'), 1200);
  assert.deepEqual(run.findings, []);
});

test('a provider awaiting its own download is idle: the clock jumps to the transfer\'s moment and the delegate is called straight away', async () => {
  const run = await runScripted(
    {
      async getTimeline(process) {
        process.createSession(IDENTIFIER);
        await process.downloaded(process.download(IDENTIFIER, DATA_URL));
      },
    },
    5000,
  );
  assert.deepEqual(timeline(run, ['getTimeline', 'taskResume', 'didFinishDownloadingTo', 'timeline']), [
    'getTimeline@0',
    'taskResume@0',
    'didFinishDownloadingTo@1000',
    'timeline@1000',
  ]);
  assert.equal(run.events('extensionLaunch').length, 1, 'the running extension got its file: no relaunch');
  assert.ok(!run.findings.some((f) => f.code === 'time-limit'));
});

test('the clock stands still while the extension has work of its own pending, whatever the wall time', async () => {
  // The transfer is due at 1 s; the provider's own work (a socket, say) takes 200 ms of real time.
  const run = await runScripted(
    {
      async getTimeline(process) {
        process.createSession(IDENTIFIER);
        process.download(IDENTIFIER, DATA_URL);
        await process.ownWork(200);
      },
      // The session lives on in the suspended process: the wake only has to be handled.
      onBackgroundURLSessionEvents: () => undefined,
    },
    5000,
  );
  assert.equal(run.at('timeline'), 0, 'the provider answered before any virtual time passed');
  assert.equal(run.at('didFinishDownloadingTo'), 1000);
});

test('the same scripted run gives the same trace every time', async () => {
  const widget = {
    async getTimeline(process: Parameters<typeof sleep>[0]) {
      process.createSession(IDENTIFIER);
      const task = process.download(IDENTIFIER, DATA_URL);
      await sleep(process, 300);
      await process.downloaded(task);
      await process.ownWork(20);
      return { kind: 'after' as const, date: new Date(process.now() + 15 * 60_000).toISOString() };
    },
  };
  const first = timeline(await runScripted(widget, 2 * 60 * 60_000));
  for (let i = 0; i < 4; i++) assert.deepEqual(timeline(await runScripted(widget, 2 * 60 * 60_000)), first);
});
