// The shared state of one simulated system and its primitive operations: writing a lifecycle
// record (through the debugger's beforeEvent hook and the termination plan), raising a
// finding, launching and terminating the extension. The flows (timeline requests, background
// wakes, the extension's own messages) are separate files that act through this core; the
// WidgetSystem sequences them.
import type { EventEmitter } from 'node:events';
import type { Finding, LaunchReason, RenderedEntry, TerminationReason, TraceRecord, WidgetFamily } from '../protocol/lifecycle';
import type { SystemOptions } from './api';
import { BackgroundDelivery } from './backgroundDelivery';
import { VirtualClock } from './clock';
import { ContractChecker, type FindingInput } from './contractChecker';
import { ExtensionHost } from './extensionHost';
import { LifecycleTrace, type TraceInput } from './lifecycleTrace';
import { ReloadBudget } from './reloadBudget';
import { SessionDirectories } from './sessionDirectories';
import { TaskLedger } from './taskLedger';
import { Naps } from './naps';
import { TerminationPlan, type TerminationMode } from './terminationPlan';
import { TimelineScheduler } from './timelineScheduler';
import type { TransferDaemonApi } from './transfers/api';

/** One onBackgroundURLSessionEvents call and what the code did in it. */
export interface WakeState {
  identifier: string;
  launch: number;
  /** urlSessionDidFinishEvents was sent: a completion call from now on is in order. */
  finishDelivered: boolean;
  completions: number;
  reloadRequested: boolean;
  /** didFinishDownloadingTo events handled in this wake: new data the widget should show. */
  downloadsDelivered: number;
  cancelTimeLimit: () => void;
}

export interface EventOutcome {
  record: TraceRecord;
  pause: boolean;
  /** Set when the termination plan fires on this record; the caller terminates. */
  terminate?: TerminationMode;
}

export type ReloadReason = 'policy' | 'widgetCenter' | 'retry' | 'user' | 'family';

export class SystemCore {
  readonly clock: VirtualClock;
  readonly trace: LifecycleTrace;
  readonly checker = new ContractChecker();
  readonly delivery: BackgroundDelivery;
  readonly ledger = new TaskLedger();
  readonly scheduler = new TimelineScheduler();
  readonly budget: ReloadBudget;
  readonly plan: TerminationPlan;
  readonly dirs = new SessionDirectories();
  readonly wakes = new Map<string, WakeState>();
  /** Failed wakes (session never recreated, time limit) per identifier; reset by a delivery. */
  readonly wakeFailures = new Map<string, number>();
  readonly sessionConfigs = new Map<string, { discretionary: boolean; earliestBeginDate?: number }>();
  /** Tasks cancelled by a force quit: their -999 is recorded but never delivered. */
  readonly forceQuitTasks = new Set<number>();
  family: WidgetFamily;
  /** False after a force quit: the system relaunches for nothing until the user asks. */
  automaticRelaunch = true;
  pendingReload: ReloadReason | null = null;
  cancelPolicyReload: (() => void) | undefined;
  /** Virtual time of the policy reload, for advanceClock { next: 'reload' }. */
  policyReloadAt: number | undefined;
  cancelRetry: (() => void) | undefined;
  /** Consecutive timeline requests that died with their process (the retry backs off). */
  timelineRetries = 0;
  cancelIdle: (() => void) | undefined;
  placeholder: RenderedEntry | null = null;
  snapshotEntry: RenderedEntry | null = null;
  previews: { name: string; family: WidgetFamily; entries: RenderedEntry[] }[] = [];
  loadError: { message: string; location?: Finding['location'] } | null = null;
  /** The provider method the current process is running, if any (a crash is blamed on it). */
  providerInFlight: 'placeholder' | 'getSnapshot' | 'getTimeline' | undefined;
  /** A getTimeline asked of the current process has not been answered yet. */
  timelineOutstanding = false;
  /** Async work of the system itself in progress (hooks, file copies): the clock must not jump. */
  activity = 0;
  disposed = false;
  /** Identifiers whose events are being delivered straight to a running extension. */
  readonly directFlows = new Set<string>();
  /** Of those, the flows waiting for the job to leave them the floor (they deliver nothing meanwhile). */
  readonly flowsAwaitingFloor = new Set<string>();
  /** Identifiers whose wake in the current launch already ended with its completion call. */
  readonly completedWakes = new Set<string>();
  /** The identifier the current background-wake job is for (no straight delivery for it). */
  wakeJobIdentifier: string | undefined;
  /** True while the WidgetSystem runs a job in the extension (it is not suspended then). */
  jobActive = false;
  /** Settles once the last extension exit was recorded (a relaunch waits for it). */
  exitHandled: Promise<void> = Promise.resolve();
  /** Set while a launch waits for the process's `ready` or `loadFailed` (or its exit). */
  startWaiter: ((outcome: 'ready' | 'loadFailed' | 'exited') => void) | undefined;
  daemon!: TransferDaemonApi;
  /** The system's short waits for itself to settle (see naps.ts). */
  readonly naps = new Naps();

  constructor(
    readonly options: SystemOptions,
    readonly host: ExtensionHost,
    readonly emitter: EventEmitter,
    /** Asks the WidgetSystem to pick its next job. */
    readonly pump: () => void,
    /**
     * Resolves when the system may talk to the extension outside the current job: its own work
     * is done, the job (if any) waits for an answer and the extension is silent. In simulated
     * mode this keeps one conversation at a time, so a run's events come in the same order
     * however fast each answer arrives. Resolves to whether it had to wait.
     */
    readonly untilFloorFree: () => Promise<boolean>,
  ) {
    const start = options.now?.getTime() ?? Date.now();
    this.clock = new VirtualClock(options.clock ?? 'simulated', start);
    this.trace = new LifecycleTrace(options.trace);
    this.budget = new ReloadBudget(options.budget ?? 70, start);
    this.plan = new TerminationPlan(options.terminate);
    this.delivery = new BackgroundDelivery(this.dirs.temp);
    this.family = options.family ?? 'systemSmall';
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Families whose views the extension renders: the current one first, then every other family
   * the widget supports, so the preview shows them side by side without a reload per family.
   */
  renderedFamilies(): WidgetFamily[] {
    const supported = this.host.widget?.supportedFamilies ?? [];
    return [this.family, ...supported.filter((family) => family !== this.family)];
  }

  /** Runs system work the clock must wait for. */
  async busy<T>(work: () => Promise<T>): Promise<T> {
    this.activity += 1;
    try {
      return await work();
    } finally {
      this.activity -= 1;
      // The clock, a floor or a settle may have waited for just this work (a held stop, a file).
      if (this.activity === 0) this.naps.wakeAll();
    }
  }

  /**
   * Writes a record, lets the debugger see it before it takes effect and consults the
   * termination plan. `pid` overrides the running process's pid (an exit is recorded after it).
   */
  event(input: TraceInput, pid?: number | null): Promise<EventOutcome> {
    return this.busy(async () => {
      const record = this.trace.record(input, this.now(), pid === undefined ? this.host.pid : pid, this.host.launches);
      this.emitter.emit('trace', record);
      this.emitter.emit('stateChanged');
      const answer = await this.options.debug?.beforeEvent?.(record);
      const terminate = this.plan.check(record);
      return { record, pause: answer ? answer.pause === true : false, terminate };
    });
  }

  /**
   * After the kit answered an event the debugger asked to pause at: when no user handler ran,
   * nothing stopped, so the debugger gets to stop here instead (the system waits meanwhile).
   */
  async afterPausedEvent(outcome: EventOutcome, answer: { handled?: boolean; error?: { message: string } }): Promise<void> {
    const hook = this.options.debug?.unhandledEvent;
    if (!outcome.pause || answer.handled !== false || !hook) return;
    await this.busy(() => hook(outcome.record, answer.error ? { error: answer.error.message } : {}));
  }

  /** Carries out a termination the plan asked for (or the user, through the API). */
  terminateAs(mode: TerminationMode): Promise<void> {
    return this.terminate(mode === 'forceQuit' ? 'forceQuit' : 'forced');
  }

  /** A system-side event: written, then (when the plan says so) the extension dies right after. */
  async systemEvent(input: TraceInput, pid?: number | null): Promise<TraceRecord> {
    const outcome = await this.event(input, pid);
    if (outcome.terminate) await this.terminateAs(outcome.terminate);
    return outcome.record;
  }

  /** Raises a finding once and writes it as a `diagnostic` record. */
  async raise(input: Omit<FindingInput, 'time'>): Promise<void> {
    const finding = this.checker.raise({ ...input, time: this.now() }, input.location ? undefined : this.options.program);
    if (!finding) return;
    this.emitter.emit('finding', finding);
    const detail: { [key: string]: string | number } = { code: finding.code, severity: finding.severity, message: finding.message };
    if (finding.location) {
      detail.file = finding.location.file;
      detail.line = finding.location.line;
      detail.column = finding.location.column;
    }
    await this.systemEvent({ event: 'diagnostic', identifier: finding.identifier, detail });
  }

  /** Terminates the extension (SIGKILL); force quit also cancels every background transfer. */
  async terminate(reason: TerminationReason): Promise<void> {
    if (reason === 'forceQuit') this.automaticRelaunch = false;
    // Nothing runs (e.g. a rule on extensionTerminate itself): there is no exit to wait for.
    if (this.host.alive) {
      await this.busy(async () => {
        await this.host.terminate(reason);
        await this.exitHandled;
      });
    }
    if (reason !== 'forceQuit') return;
    // A force quit with no process running still happens (the user removes the app from the
    // switcher): the trace says so, since it cancels what the session had pending.
    if (!this.host.alive) await this.event({ event: 'extensionTerminate', detail: { reason: 'forceQuit', running: false } }, null);
    // Apple: "If the user force-quits your app, the system cancels all of the session's
    // background transfers ... and doesn't automatically relaunch your app."
    for (const identifier of this.delivery.identifiers()) await this.delivery.drop(identifier);
    for (const session of this.ledger.sessions(new Set())) {
      for (const task of session.tasks) {
        if (task.state !== 'running' && task.state !== 'suspended') continue;
        this.forceQuitTasks.add(task.task);
        this.daemon.cancel(task.task);
      }
    }
  }

  /** Whether a launch reason may start the extension now (a force quit stops automatic ones). */
  mayLaunch(reason: LaunchReason | 'user'): boolean {
    return this.automaticRelaunch || reason === 'user';
  }
}
