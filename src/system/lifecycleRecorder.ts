// Writing what happens: a lifecycle record (seen by the debugger's beforeEvent hook before it
// takes effect, and checked against the termination plan) and findings (raised once, written as
// `diagnostic` records). The trace, the contract checker and the termination plan are this
// part's own; the other parts record through its methods.
import type { Finding, TraceRecord } from '../protocol/lifecycle';
import type { SystemOptions } from './api';
import type { VirtualClock } from './clock';
import { ContractChecker, type FindingInput } from './contractChecker';
import { LifecycleTrace, type TraceInput } from './lifecycleTrace';
import type { SystemSignals } from './parts';
import type { SystemWork } from './systemWork';
import { TerminationPlan, type TerminationMode } from './terminationPlan';

export interface EventOutcome {
  record: TraceRecord;
  pause: boolean;
  /** Set when the termination plan fires on this record; the caller terminates. */
  terminate?: TerminationMode;
}

/** The process a record is written for. */
export interface RecordedProcess {
  readonly pid: number | null;
  readonly launches: number;
}

export class LifecycleRecorder {
  private readonly trace: LifecycleTrace;
  private readonly checker = new ContractChecker();
  private readonly plan: TerminationPlan;

  constructor(
    private readonly options: SystemOptions,
    private readonly clock: VirtualClock,
    private readonly work: SystemWork,
    private readonly signals: SystemSignals,
    private readonly process: RecordedProcess,
    /** Carries out a termination the plan asked for. */
    private readonly terminate: (mode: TerminationMode) => Promise<void>,
  ) {
    this.trace = new LifecycleTrace(options.trace);
    this.plan = new TerminationPlan(options.terminate);
  }

  /**
   * Writes a record, lets the debugger see it before it takes effect and consults the
   * termination plan. `pid` overrides the running process's pid (an exit is recorded after it).
   */
  event(input: TraceInput, pid?: number | null): Promise<EventOutcome> {
    return this.work.busy(async () => {
      const record = this.trace.record(input, this.clock.now(), pid === undefined ? this.process.pid : pid, this.process.launches);
      this.signals.trace(record);
      this.signals.stateChanged();
      const answer = await this.options.debug?.beforeEvent?.(record);
      const terminate = this.plan.check(record);
      return { record, pause: answer ? answer.pause === true : false, terminate };
    });
  }

  /** A system-side event: written, then (when the plan says so) the extension dies right after. */
  async systemEvent(input: TraceInput, pid?: number | null): Promise<TraceRecord> {
    const outcome = await this.event(input, pid);
    if (outcome.terminate) await this.terminate(outcome.terminate);
    return outcome.record;
  }

  /**
   * After the kit answered an event the debugger asked to pause at: when no user handler ran,
   * nothing stopped, so the debugger gets to stop here instead (the system waits meanwhile).
   */
  async afterPausedEvent(outcome: EventOutcome, answer: { handled?: boolean; error?: { message: string } }): Promise<void> {
    const hook = this.options.debug?.unhandledEvent;
    if (!outcome.pause || answer.handled !== false || !hook) return;
    await this.work.busy(() => hook(outcome.record, answer.error ? { error: answer.error.message } : {}));
  }

  /** Raises a finding once and writes it as a `diagnostic` record. */
  async raise(input: Omit<FindingInput, 'time'>): Promise<void> {
    const finding = this.checker.raise({ ...input, time: this.clock.now() }, input.location ? undefined : this.options.program);
    if (!finding) return;
    this.signals.finding(finding);
    const detail: { [key: string]: string | number } = { code: finding.code, severity: finding.severity, message: finding.message };
    if (finding.location) {
      detail.file = finding.location.file;
      detail.line = finding.location.line;
      detail.column = finding.location.column;
    }
    await this.systemEvent({ event: 'diagnostic', identifier: finding.identifier, detail });
  }

  findings(): Finding[] {
    return this.checker.all();
  }

  /** The latest records (the snapshot's tail). */
  tail(): TraceRecord[] {
    return this.trace.tail();
  }

  /** Records written so far. */
  get size(): number {
    return this.trace.size;
  }

  close(): void {
    this.trace.close();
  }
}
