// Simulated day: 24 h of virtual time with about 70 reloads, 50 fixture downloads and 2
// terminations, in the discrete-event clock. Target: under 1 s of wall time.
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
}

async function simulateDay(root: string): Promise<DayRun> {
  const start = new Date('2026-01-01T00:00:00Z');
  const records: TraceRecord[] = [];
  const system = new WidgetSystem({
    program: join(root, 'bench/widgets/day.widget.ts'),
    mode: 'cli',
    clock: 'simulated',
    now: start,
    network: { fixtures: { 'https://bench.example/data': { status: 200, body: { ok: true }, delayMs: 60_000 } } },
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
  for (const record of records) counts[record.event] = (counts[record.event] ?? 0) + 1;
  return { ms, records: records.length, counts };
}

export async function measureSimulatedDay(root: string, runs: number): Promise<Figure[]> {
  const results: DayRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await simulateDay(root));
  const ms = median(results.map((r) => r.ms));
  const last = results[results.length - 1];
  const c = last.counts;
  const shape = `${c.getTimeline ?? 0} getTimeline, ${c.transferComplete ?? 0} downloads, ${c.extensionTerminate ?? 0} terminations (${c.extensionLaunch ?? 0} launches)`;
  return [
    { name: 'simulated day (24 h virtual)', unit: 'ms', median: round(ms, 1), baseline: null, ratio: null, target: '< 1000 ms', met: ms < 1000, runs, note: shape },
    { name: 'simulated day events/s', unit: 'events/s', median: round(last.records / (ms / 1000), 0), baseline: null, ratio: null, target: 'report', met: true, runs, note: `${last.records} trace records` },
  ];
}
