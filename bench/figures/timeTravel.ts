// Recordings and going back (DESIGN.md section 11):
// - replay of a simulated day: the day of simulatedDay.ts recorded, then replayed from its
//   recording (no network, the recorded inputs only) against the original run, alternated.
//   Target: the replay at least as fast as the original (ratio <= 1).
// - Step Back in a debug session whose run has 100+ trace records: from a stop at the last of
//   them, the Step Back request to the next stop (the run re-executed in a fresh system up to the
//   previous event), against restarting the session (a new adapter, the same recording) and
//   running forward to the same event. Target: median under 1 s.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { recordingLines, serializeRecording } from '../../src/system/recording/recordingFormat';
import { replayRecording } from '../../src/system/recording/replay';
import { RunRecording } from '../../src/system/recording/runRecording';
import type { SystemOptions } from '../../src/system/api';
import { WidgetSystem } from '../../src/system/widgetSystem';
import type { Figure } from '../statistics';
import { median, round } from '../statistics';

const DAY_MS = 24 * 60 * 60 * 1000;
const START = '2026-01-01T00:00:00Z';

function dayOptions(root: string): SystemOptions {
  return {
    program: join(root, 'bench/widgets/day.widget.ts'),
    mode: 'cli',
    clock: 'simulated',
    now: new Date(START),
    network: { fixtures: { 'https://bench.example/data': { status: 200, body: { ok: true }, delayMs: 60_000 } } },
    idleTerminationMs: 30 * 60 * 1000,
    terminate: [
      { at: 'taskResume', occurrence: 10, mode: 'system' },
      { at: 'didFinishDownloadingTo', occurrence: 30, mode: 'system' },
    ],
  };
}

async function recordedDay(root: string): Promise<{ ms: number; recording: ReturnType<RunRecording['recording']> }> {
  const options = dayOptions(root);
  const system = new WidgetSystem(options);
  const recorder = new RunRecording(system, options);
  const began = performance.now();
  const horizon = Date.parse(START) + DAY_MS;
  try {
    await system.runUntil(horizon);
  } finally {
    await system.dispose();
  }
  return { ms: performance.now() - began, recording: recorder.recording(horizon) };
}

async function adapter(root: string): Promise<DebugClient> {
  const client = new DebugClient(process.execPath, join(root, 'dist/debugAdapter.js'), 'widget-timeline');
  client.defaultTimeout = 60_000;
  await client.start();
  await client.initializeRequest({ adapterID: 'widget-timeline', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  return client;
}

/** A session replaying `recording`, stopped at trace record `seq`; ms from launch to that stop. */
async function sessionAt(root: string, recording: string, seq: number): Promise<{ client: DebugClient; ms: number }> {
  const client = await adapter(root);
  const began = performance.now();
  await client.launchRequest({ program: join(root, 'bench/widgets/day.widget.ts'), replay: recording, record: false } as never);
  await client.configurationDoneRequest();
  const stopped = client.waitForEvent('stopped', 60_000);
  await client.customRequest('goToEvent', { seq });
  await stopped;
  return { client, ms: performance.now() - began };
}

export async function measureTimeTravel(root: string, runs: number, scratch: string): Promise<Figure[]> {
  const originals: number[] = [];
  const replays: number[] = [];
  let records = 0;
  let recordingFile = '';
  for (let i = 0; i < runs; i++) {
    const day = await recordedDay(root);
    originals.push(day.ms);
    records = day.recording.trace.length;
    const began = performance.now();
    const outcome = await replayRecording(day.recording);
    replays.push(performance.now() - began);
    if (outcome.difference) throw new Error(`the replayed day differs at record #${outcome.difference.seq}`);
    if (i === 0) {
      recordingFile = join(scratch, 'day.recording.jsonl');
      writeFileSync(recordingFile, serializeRecording(day.recording.header, recordingLines(day.recording)));
    }
  }
  const original = median(originals);
  const replay = median(replays);

  // Going back from record 120 of the recorded day (a debug session has 100+ records by then).
  const from = Math.min(120, records);
  const { client } = await sessionAt(root, recordingFile, from);
  const backs: number[] = [];
  const restarts: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const threads = (await client.threadsRequest()).body.threads;
      const stopped = client.waitForEvent('stopped', 60_000);
      const began = performance.now();
      await client.stepBackRequest({ threadId: threads[0].id });
      await stopped;
      if (i > 0) backs.push(performance.now() - began);
    }
  } finally {
    await client.stop().catch(() => undefined);
  }
  for (let i = 0; i < runs; i++) {
    const restarted = await sessionAt(root, recordingFile, from - 1 - i);
    restarts.push(restarted.ms);
    await restarted.client.stop().catch(() => undefined);
  }
  const back = median(backs);
  const restart = median(restarts);
  return [
    {
      name: 'replay of a simulated day',
      unit: 'ms',
      median: round(replay, 1),
      baseline: round(original, 1),
      ratio: round(replay / original),
      target: 'ratio <= 1',
      met: replay <= original,
      runs,
      note: `baseline: the original run of the same day (${records} trace records), alternated with its replay`,
    },
    {
      name: 'step back (recording of 100+ events)',
      unit: 'ms',
      median: round(back, 1),
      baseline: round(restart, 1),
      ratio: round(back / restart),
      target: 'median < 1000 ms',
      met: back < 1000,
      runs,
      note: `from record #${from} back one event at a time; baseline: a restarted session (new adapter, the same recording) run forward to the same event`,
    },
  ];
}

