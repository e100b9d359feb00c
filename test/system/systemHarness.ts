// Shared by the tests of src/system: a widget written to a temporary folder, run by a real
// WidgetSystem (its extension a real child process) to a virtual horizon, with its trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding, TraceRecord } from '../../src/protocol/lifecycle';
import type { SystemOptions } from '../../src/system/api';
import { comparableRecord } from '../../src/system/recording/traceComparison';
import { WidgetSystem } from '../../src/system/widgetSystem';

export const START = Date.parse('2026-03-02T08:00:00.000Z');
export const DATA_URL = 'https://data.test/value.json';
/** One download answered after one virtual second. */
export const FIXTURES = { [DATA_URL]: { status: 200, body: { value: 42 }, delayMs: 1000 } };

export interface WidgetRun {
  records: TraceRecord[];
  findings: Finding[];
  file: string;
  /** What the extension wrote on stdout and stderr. */
  output: string;
  /** Virtual ms since START of the first record of `event` (the n-th with `nth`). */
  at(event: string, nth?: number): number | undefined;
  events(event: string): TraceRecord[];
  /** 1-based line of the widget source that contains `text`. */
  lineOf(text: string): number;
}

/** Runs `source` as a widget until START + `untilMs`; the folder is removed afterwards. */
export async function runWidget(source: string, untilMs: number, options: Partial<Omit<SystemOptions, 'program' | 'mode'>> = {}): Promise<WidgetRun> {
  const dir = mkdtempSync(join(tmpdir(), 'system-test-'));
  const file = join(dir, 'under-test.widget.js');
  writeFileSync(file, source);
  try {
    const system = new WidgetSystem({ mode: 'cli', now: new Date(START), program: file, network: { fixtures: FIXTURES }, cwd: dir, ...options });
    return await runSystem(system, untilMs, file, (text) => source.split('\n').findIndex((line) => line.includes(text)) + 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `system` until START + `untilMs`, collecting its trace; the system is disposed afterwards. */
export async function runSystem(system: WidgetSystem, untilMs: number, file: string, lineOf: (text: string) => number = () => 0): Promise<WidgetRun> {
  const records: TraceRecord[] = [];
  system.on('trace', (record: TraceRecord) => records.push(record));
  let output = '';
  system.on('output', (out: { text: string }) => (output += out.text));
  try {
    const result = await system.runUntil(START + untilMs);
    const events = (event: string): TraceRecord[] => records.filter((r) => r.event === event);
    return {
      records,
      findings: result.findings,
      file,
      output,
      events,
      at: (event, nth = 1) => {
        const record = events(event)[nth - 1];
        return record ? Date.parse(record.time) - START : undefined;
      },
      lineOf,
    };
  } finally {
    await system.dispose();
  }
}

/** The trace with what differs between two runs of the same inputs left out (pids, temp folders). */
export function comparable(run: WidgetRun): string[] {
  const folder = dirname(run.file);
  // What a replay compares (pid values and per-run paths aside), plus whether a record had a pid.
  return run.records.map((r) => `${r.pid === null ? 'no pid ' : ''}${comparableRecord(r)}`.split(folder).join('<widget folder>'));
}
