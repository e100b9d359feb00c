// Simulated day: 24 h of virtual time with about 70 reloads, 50 fixture downloads and 2
// terminations, in the discrete-event clock. Target: under 1 s of wall time.
// The 2 terminations are the forced ones the issue asks for: the extension is kept for 30
// virtual minutes when idle (idleTerminationMs), longer than the 20 minutes between reloads. With
// the default 5 minutes every reload relaunches it (about 23 launches, each a fresh Node process):
// that day is measured too and reported beside it, with no target.
import { join } from 'node:path';
import { WidgetSystem } from '../../src/system/widgetSystem';
import type { TraceRecord } from '../../src/protocol/lifecycle';
import type { Figure } from '../statistics';
import { median, round } from '../statistics';

const DAY_MS = 24 * 60 * 60 * 1000;

interface DayRun {
  ms: number;
  records: number;
  counts: Record<string, number>;
  /** extensionTerminate records by reason. */
  terminations: Record<string, number>;
}

/** Idle lifetime of the target day: longer than the 20 minutes between the widget's reloads. */
const KEPT_WHILE_RELOADING_MS = 30 * 60 * 1000;

async function simulateDay(root: string, idleTerminationMs: number | undefined): Promise<DayRun> {
  const start = new Date('2026-01-01T00:00:00Z');
  const records: TraceRecord[] = [];
  const system = new WidgetSystem({
    program: join(root, 'bench/widgets/day.widget.ts'),
    mode: 'cli',
    clock: 'simulated',
    now: start,
    network: { fixtures: { 'https://bench.example/data': { status: 200, body: { ok: true }, delayMs: 60_000 } } },
    ...(idleTerminationMs === undefined ? {} : { idleTerminationMs }),
    terminate: [
      { at: 'taskResume', occurrence: 10, mode: 'system' },
      { at: 'didFinishDownloadingTo', occurrence: 30, mode: 'system' },
    ],
  });
  system.on('trace', (record: TraceRecord) => records.push(record));
  const began = performance.now();
  try {
    await system.runUntil(start.getTime() + DAY_MS);
  } finally {
    await system.dispose();
  }
  const ms = performance.now() - began;
  const counts: Record<string, number> = {};
  const terminations: Record<string, number> = {};
  for (const record of records) {
    counts[record.event] = (counts[record.event] ?? 0) + 1;
    const reason = record.event === 'extensionTerminate' ? String(record.detail?.reason) : undefined;
    if (reason) terminations[reason] = (terminations[reason] ?? 0) + 1;
  }
  return { ms, records: records.length, counts, terminations };
}

function shapeOf(run: DayRun): string {
  const c = run.counts;
  const terminations = Object.entries(run.terminations).map(([reason, n]) => `${n} ${reason}`).join(', ');
  return `${c.getTimeline ?? 0} getTimeline, ${c.transferComplete ?? 0} downloads, terminations: ${terminations || 'none'} (${c.extensionLaunch ?? 0} launches)`;
}

export async function measureSimulatedDay(root: string, runs: number): Promise<Figure[]> {
  const target: DayRun[] = [];
  const relaunching: DayRun[] = [];
  // Alternated, so that both days see the same machine.
  for (let i = 0; i < runs; i++) {
    target.push(await simulateDay(root, KEPT_WHILE_RELOADING_MS));
    relaunching.push(await simulateDay(root, undefined));
  }
  const ms = median(target.map((r) => r.ms));
  const relaunchingMs = median(relaunching.map((r) => r.ms));
  const last = target[target.length - 1];
  return [
    { name: 'simulated day (24 h virtual)', unit: 'ms', median: round(ms, 1), baseline: null, ratio: null, target: '< 1000 ms', met: ms < 1000, runs, note: `${shapeOf(last)}; idle extension kept 30 min` },
    { name: 'simulated day events/s', unit: 'events/s', median: round(last.records / (ms / 1000), 0), baseline: null, ratio: null, target: 'report', met: true, runs, note: `${last.records} trace records` },
    { name: 'simulated day, relaunch at every reload', unit: 'ms', median: round(relaunchingMs, 1), baseline: null, ratio: null, target: 'report', met: true, runs, note: `${shapeOf(relaunching[relaunching.length - 1])}; default 5 min idle termination` },
  ];
}
