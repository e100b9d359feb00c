// The headless runner (DESIGN.md section 5): `widget-timeline run <widget-file> [options]` runs
// the widget in the simulated system up to a virtual horizon and prints the lifecycle trace as
// a table (or JSON Lines with --json) and the findings. Exit 0: no error-level findings;
// 1: error-level findings; 2: bad usage or the widget failed to load. A run with --record, or
// with findings, leaves its recording; `replay` runs one again (src/cli/replayCommand.ts).
import { momentInRun, parseArguments, parseHorizon, UsageError, USAGE } from './cli/arguments';
import { findingsSummary, tableHeader, tableRow } from './cli/traceTable';
import type { TraceRecord } from './protocol/lifecycle';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { replayCommand } from './cli/replayCommand';
import { performTaps } from './cli/tapPlan';
import { OptionsError, validateSystemOptions } from './system/options';
import { RecordingError } from './system/recording/recordingFormat';
import { RunRecording } from './system/recording/runRecording';
import { WidgetSystem } from './system/widgetSystem';

/** Where a run with findings leaves its recording when --record did not say. */
function defaultRecordingPath(program: string, start: number): string {
  const dir = join(tmpdir(), 'widget-timeline-recordings');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(start).toISOString().replace(/[:.]/g, '-');
  return join(dir, `${basename(program).replace(/\.[^.]*$/, '')}-${stamp}-${process.pid}.jsonl`);
}

async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'replay') return replayCommand(args.recording ?? '', args.json, args.untilSeq);
  const options = validateSystemOptions({ ...args.launch, mode: 'cli' }, process.cwd());
  const start = options.now?.getTime() ?? Date.now();
  options.now = new Date(start);
  const horizon = parseHorizon(args.until, start);
  // Planned pushes inside the run (a push that would never come is bad usage).
  if (args.pushAt.length > 0) options.pushAt = args.pushAt.map((text) => new Date(momentInRun(`--push-at ${text}`, text, start, horizon)).toISOString());
  const system = new WidgetSystem(options);
  const recording = new RunRecording(system, options);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  if (!args.json) out(tableHeader());
  system.on('trace', (record: TraceRecord) => out(args.json ? JSON.stringify(record) : tableRow(record)));
  system.on('output', (output: { text: string; pid: number | null }) => {
    const prefix = output.pid === null ? '[system] ' : `[pid ${output.pid}] `;
    const text = output.text.replace(/\n$/, '').split('\n').map((line) => `${prefix}${line}`).join('\n');
    process.stderr.write(`${text}\n`);
  });
  const stop = (): void => void system.dispose().then(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await performTaps(system, args.taps ?? [], start, horizon, (text) => process.stderr.write(`widget-timeline: ${text}\n`));
    const result = await system.runUntil(horizon);
    await system.dispose();
    const report = args.json ? (text: string) => process.stderr.write(`${text}\n`) : out;
    report('');
    report(findingsSummary(result.findings));
    if (args.record !== undefined || result.findings.length > 0) {
      const file = args.record !== undefined ? resolve(args.record) : defaultRecordingPath(options.program, start);
      recording.write(file, horizon);
      report(`Recording: ${file} (run it again with: widget-timeline replay ${file})`);
    }
    if (result.loadFailed) {
      const failure = result.findings.find((f) => f.code === 'load-failed');
      const where = failure?.location ? `${failure.location.file}:${failure.location.line}` : options.program;
      process.stderr.write(`\nThe widget failed to load at ${where}: fix the error there and run again.\n`);
      return 2;
    }
    return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
  } finally {
    await system.dispose();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof RecordingError) {
      process.stderr.write(`widget-timeline: ${error.message}\n`);
    } else if (error instanceof UsageError || error instanceof OptionsError) {
      process.stderr.write(`widget-timeline: ${error.message}\n\n${USAGE}\n`);
    } else {
      process.stderr.write(`widget-timeline: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 2;
  },
);
