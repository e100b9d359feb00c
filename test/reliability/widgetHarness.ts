// Runs a widget written by a test (into a private temporary folder) through the real
// WidgetSystem in simulated mode and collects what a user would see: the trace, the findings,
// the widget state snapshot and the extension's output. The system stays open so a test can
// check that the session keeps working (a reload after a failure), then disposes it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, TraceRecord } from '../../src/protocol/lifecycle';
import type { SystemOptions } from '../../src/system/api';
import { WidgetSystem } from '../../src/system/widgetSystem';

export const START = new Date('2025-06-01T08:00:00Z');

export interface WidgetRun {
  system: WidgetSystem;
  dir: string;
  program: string;
  records: TraceRecord[];
  output: string[];
  /** Advances the virtual clock to START + ms and returns the findings so far. */
  runTo(ms: number): Promise<Finding[]>;
  events(name: string): TraceRecord[];
  finding(code: string): Finding | undefined;
  close(): Promise<void>;
}

/** A private folder with the given files (name -> source); the first file is the program. */
export function widgetFolder(files: Record<string, string>): { dir: string; program: string } {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-'));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  return { dir, program: join(dir, Object.keys(files)[0]) };
}

export async function runWidget(files: Record<string, string>, options: Partial<SystemOptions> = {}): Promise<WidgetRun> {
  const { dir, program } = widgetFolder(files);
  const system = new WidgetSystem({ program, mode: 'cli', now: START, clock: 'simulated', cwd: dir, ...options });
  const records: TraceRecord[] = [];
  const output: string[] = [];
  system.on('trace', (record: TraceRecord) => records.push(record));
  system.on('output', (out: { text: string }) => output.push(out.text));
  const run: WidgetRun = {
    system,
    dir,
    program,
    records,
    output,
    async runTo(ms) {
      return (await system.runUntil(START.getTime() + ms)).findings;
    },
    events: (name) => records.filter((r) => r.event === name),
    finding: (code) => system.findings().find((f) => f.code === code),
    async close() {
      await system.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return run;
}

/** Runs `body` against a widget and always disposes the system and its folder. */
export async function withWidget(files: Record<string, string>, options: Partial<SystemOptions>, body: (run: WidgetRun) => Promise<void>): Promise<void> {
  const run = await runWidget(files, options);
  try {
    await body(run);
  } finally {
    await run.close();
  }
}

/** A minimal provider body shared by the test widgets (`${PROVIDER}` inside defineWidget). */
export const PROVIDER_BASICS = `placeholder: () => ({ date: new Date(), value: 0 }),
    getSnapshot: () => ({ date: new Date(), value: 1 }),`;
