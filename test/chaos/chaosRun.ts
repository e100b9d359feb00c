// Runs one chaos scenario through the real WidgetSystem (real extension processes, the real
// transfer daemon on fixtures, simulated clock) and checks what a user would notice afterwards:
// the trace invariants, the deliveries the widget itself logged, no extension process left
// alive, the session's private directory gone.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TraceRecord } from '../../src/protocol/lifecycle';
import type { SystemOptions } from '../../src/system/api';
import { checkTrace, type TraceTally } from '../../src/system/chaos/traceInvariants';
import type { Recording } from '../../src/system/recording/recordingFormat';
import { replayRecording } from '../../src/system/recording/replay';
import { RunRecording } from '../../src/system/recording/runRecording';
import { comparableRecord } from '../../src/system/recording/traceComparison';
import { WidgetSystem } from '../../src/system/widgetSystem';
import type { ChaosScenario } from './scenario';

export interface RunOutcome {
  seed: number;
  violations: string[];
  tally: TraceTally;
  /** The trace with pids and private paths normalised, for the same-seed comparison. */
  normalisedTrace: string[];
  /** Extension output, kept to explain a violation. */
  output: string[];
  /** The run's recording (JSON Lines), kept to debug a violation: `widget-timeline replay` it. */
  recording: string;
}

export interface RunChecks {
  /** Replays the run's recording and checks that the trace is the same (DESIGN.md section 11). */
  replay: boolean;
}

interface LedgerLine {
  event: string;
  task: number;
  live?: boolean;
  fileExisted?: boolean;
}

const SESSION_PREFIX = 'widget-timelines-';

function sessionDirs(): Set<string> {
  return new Set(readdirSync(tmpdir()).filter((name) => name.startsWith(SESSION_PREFIX)));
}

/** A pid that still runs our widget extension (a reused pid running something else is not ours). */
function stillRunsExtension(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('widgetkit');
  } catch {
    return false;
  }
}

function readLedger(file: string): LedgerLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LedgerLine);
}

function normalise(records: TraceRecord[], sessionRoot: string | undefined, ledgerDir: string): string[] {
  const pids = new Map<number, number>();
  return records.map((record) => {
    const pid = record.pid === null ? null : pids.get(record.pid) ?? pids.set(record.pid, pids.size + 1).get(record.pid);
    let text = JSON.stringify({ ...record, pid });
    if (sessionRoot) text = text.split(sessionRoot).join('<session>');
    return text.split(ledgerDir).join('<ledger>');
  });
}

/**
 * The widget's own log against the trace. A force quit right after a handler returned drops the
 * task's remaining events, so the trace cannot tell that delivery apart from a lost one: with a
 * force quit in the run the widget may have seen more than the trace proves, never fewer.
 */
function ledgerViolations(lines: LedgerLine[], traceDelivered: Map<number, number>, forceQuit: boolean): string[] {
  const violations: string[] = [];
  const seen = new Map<number, number>();
  for (const line of lines.filter((l) => l.event === 'didFinishDownloadingTo')) {
    seen.set(line.task, (seen.get(line.task) ?? 0) + 1);
    if (line.live === false) violations.push(`task ${line.task}: didFinishDownloadingTo reached a session that is not the live one in the session cache`);
    if (line.fileExisted === false) violations.push(`task ${line.task}: the file at location did not exist when didFinishDownloadingTo ran`);
  }
  for (const [task, count] of seen) {
    if (count > 1) violations.push(`task ${task}: the widget handled didFinishDownloadingTo ${count} times`);
    const proven = traceDelivered.get(task) ?? 0;
    if (proven > count || (proven < count && !forceQuit)) violations.push(`task ${task}: the widget handled didFinishDownloadingTo ${count} time(s), the trace says ${traceDelivered.get(task) ?? 0}`);
  }
  for (const [task, count] of traceDelivered) {
    if (!seen.has(task)) violations.push(`task ${task}: the trace counts ${count} delivery(ies) the widget never logged`);
  }
  return violations;
}

/** The run's recording replayed: a violation naming the first record that differs, if one does. */
async function replayViolations(recording: Recording): Promise<string[]> {
  try {
    const { difference } = await replayRecording(recording);
    if (!difference) return [];
    const show = (record: TraceRecord | undefined): string => (record ? comparableRecord(record) : '(none)');
    return [`replay: record #${difference.seq} differs: recorded ${show(difference.recorded)}; replayed ${show(difference.replayed)}`];
  } catch (error) {
    return [`replay threw: ${error instanceof Error ? error.message : String(error)}`];
  }
}

export async function runScenario(scenario: ChaosScenario, checks: RunChecks = { replay: false }): Promise<RunOutcome> {
  const ledgerDir = mkdtempSync(join(tmpdir(), 'chaos-ledger-'));
  const ledger = join(ledgerDir, 'ledger.jsonl');
  const records: TraceRecord[] = [];
  const output: string[] = [];
  const before = sessionDirs();
  // The constructor creates the session directory synchronously: the new name is this run's.
  const options: SystemOptions = {
    program: scenario.program,
    mode: 'cli',
    now: scenario.now,
    clock: 'simulated',
    network: { fixtures: scenario.fixtures },
    terminate: scenario.terminate,
    backgroundTimeLimitMs: scenario.backgroundTimeLimitMs,
    budget: scenario.budget,
    env: { ...scenario.env, CHAOS_LEDGER: ledger },
  };
  const system = new WidgetSystem(options);
  const recorder = new RunRecording(system, options);
  const created = [...sessionDirs()].filter((name) => !before.has(name));
  const sessionRoot = created.length === 1 ? join(tmpdir(), created[0]) : undefined;
  system.on('trace', (record: TraceRecord) => records.push(record));
  system.on('output', (out: { text: string; pid: number | null }) => output.push(`[${out.pid ?? 'system'}] ${out.text.trimEnd()}`));
  const violations: string[] = [];
  const horizon = scenario.now.getTime() + scenario.horizonMs;
  try {
    await system.runUntil(horizon);
  } catch (error) {
    violations.push(`runUntil threw: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await system.dispose();
  }

  const verdict = checkTrace(records);
  violations.push(...verdict.violations);
  const forceQuit = records.some((r) => r.event === 'extensionTerminate' && r.detail?.reason === 'forceQuit');
  if (scenario.example === 'ledger') violations.push(...ledgerViolations(readLedger(ledger), verdict.deliveredTasks, forceQuit));
  for (const pid of new Set(records.filter((r) => r.event === 'extensionLaunch' && r.pid !== null).map((r) => r.pid as number))) {
    if (stillRunsExtension(pid)) violations.push(`orphan: extension process ${pid} still runs after dispose`);
  }
  if (!sessionRoot) violations.push(`could not tell this run's session directory (${created.length} new ${SESSION_PREFIX}* folders)`);
  else if (existsSync(sessionRoot)) violations.push(`temporary files left: ${sessionRoot} still exists after dispose`);
  // Before the ledger folder goes: the replayed widget writes its ledger there too.
  if (checks.replay) violations.push(...(await replayViolations(recorder.recording(horizon))));
  rmSync(ledgerDir, { recursive: true, force: true });
  return { seed: scenario.seed, violations, tally: verdict.tally, normalisedTrace: normalise(records, sessionRoot, ledgerDir), output, recording: recorder.text(horizon) };
}
