// The extension host's memory limit in a simulated run: judged at the process's checkpoints (an
// answer to a call, the report that it is idle), where every run of the same inputs is in the
// same state, so what a call allocated and kept is caught before its timer fires, in every run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScripted, timeline } from './scriptedRun';
import { comparable, runWidget } from './systemHarness';

const TIMEOUT = { timeout: 120_000 };

const HOARDS_THEN_WAITS = `import { defineWidget, Timeline, ReloadPolicy, Text } from 'widgetkit';
const hoard = [];
export default defineWidget({
  kind: 'hoards',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    async getTimeline() {
      for (let i = 0; i < 6; i++) hoard.push(new Uint8Array(8 * 1024 * 1024).fill(i + 1));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return new Timeline([{ date: new Date() }], ReloadPolicy.never);
    },
  },
  view: () => Text('hoard'),
});
`;

test('memory kept by a getTimeline that then awaits a timer: memory-limit before the timer fires, the same trace every run', TIMEOUT, async () => {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await runWidget(HOARDS_THEN_WAITS, 60 * 60 * 1000));
  const [first] = runs;
  const terminations = first.events('extensionTerminate');
  assert.ok(terminations.length > 0, 'the extension was never terminated');
  assert.equal(terminations[0].detail?.reason, 'memory');
  assert.equal(first.at('extensionTerminate'), 0, 'terminated when its idle report showed the memory, not after the 3 s timer');
  assert.ok(first.findings.some((f) => f.code === 'memory-limit'));
  assert.equal(first.events('timeline').length, 0, 'no timeline from a process over its memory limit');
  for (const run of runs.slice(1)) assert.deepEqual(comparable(run), comparable(first));
});

const MB = 1024 * 1024;

test('in memory: what a provider holds when it answers is over the limit: memory-limit, terminated before its timeline counts', async () => {
  const run = await runScripted({ getTimeline: (process) => process.hold(40 * MB) }, 5000);
  assert.deepEqual(timeline(run, ['getTimeline', 'timeline', 'extensionTerminate']), ['getTimeline@0', 'extensionTerminate(memory)@0']);
  assert.deepEqual(run.findings.map((f) => f.code), ['memory-limit']);
});

test('in memory: a simulated run judges memory at checkpoints only; a peak between two of them, seen by the periodic reports, is not judged', async () => {
  const run = await runScripted(
    {
      async getTimeline(process) {
        process.hold(40 * MB);
        await process.ownWork(600); // three periodic reports over the limit meanwhile
        process.hold(0);
      },
    },
    5000,
  );
  assert.equal(run.at('timeline'), 0);
  assert.deepEqual(run.findings, []);
});
