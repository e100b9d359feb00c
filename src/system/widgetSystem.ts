// The simulated system (DESIGN.md section 1): one widget, one extension process at a time, the
// virtual clock, the transfer daemon and the contract checker, behind WidgetSystemApi. It
// sequences the work: one job at a time in the extension (a launch for display, a reload, a
// background wake), direct deliveries beside a running job, messages in arrival order, and in
// `simulated` mode the jump of virtual time to the next scheduled moment when nothing is in
// flight. Events: 'trace', 'state', 'finding', 'output', 'extensionExit', 'idle'.
import { EventEmitter } from 'node:events';
import type { ToSystem } from '../protocol/ipc';
import type { Finding, TerminationReason, WidgetFamily, WidgetStateSnapshot } from '../protocol/lifecycle';
import type { AdvanceClockRequest, RunResult, SystemOptions, WidgetSystemApi } from './api';
import { runWakeCycle, wantsWake } from './backgroundWake';
import { ExtensionHost, type ExtensionExit, type LimitExceeded } from './extensionHost';
import { handleExtensionMessage } from './extensionMessages';
import { locateKit, type ExtensionProcess } from './extensionProcess';
import { extensionProcessPool } from './extensionProcessPool';
import { buildSnapshot } from './stateSnapshot';
import { SystemCore } from './systemCore';
import { requestReload, runInitialTimeline, runReload, scheduleTimelineRetry } from './timelineRequests';
import { transferFailed, transferFinished, transferProgress } from './transferEvents';
import { loadFixtures } from './transfers/fixtures';
import { TransferDaemon } from './transfers/transferDaemon';

/** Nothing happened for this long (wall time) and nothing is in flight: the system is idle. */
const QUIET_MS = 40;
/** How often a live clock is pushed to the extension process. */
const LIVE_SYNC_MS = 250;
/** A wake whose urlSessionDidFinishEvents returned gets this long (wall) to call its completion. */
const COMPLETION_GRACE_MS = 1000;
/** Virtual time a suspended extension lives before the system terminates it (reason idle), unless the options say otherwise. */
export const IDLE_TERMINATION_MS = 5 * 60 * 1000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class WidgetSystem extends EventEmitter implements WidgetSystemApi {
  private readonly core: SystemCore;
  private job: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private chainDepth = 0;
  private started: Promise<void> | undefined;
  private stateQueued = false;
  private dueWatch = false;
  private liveSync: NodeJS.Timeout | undefined;
  private readonly releasePool: () => void;

  constructor(options: SystemOptions) {
    super();
    const host = new ExtensionHost({
      kitPath: locateKit(),
      memoryLimitBytes: (options.memoryLimitMb ?? 30) * 1024 * 1024,
      // A debugger may hold a call at a breakpoint: the wall-clock limit applies only undebugged.
      callWallLimitMs: options.debug ? 0 : options.backgroundTimeLimitMs ?? 30_000,
      spawnOptions: (launch) => ({
        execArgv: options.debug?.execArgv?.(launch) ?? [],
        cwd: options.cwd ?? process.cwd(),
        env: options.env ?? {},
        ...(options.runtimeExecutable ? { runtimeExecutable: options.runtimeExecutable } : {}),
      }),
      // Each debugged launch needs its own inspector (execArgv per launch, an attach at spawn).
      ...(options.debug ? {} : { pool: extensionProcessPool }),
    });
    this.releasePool = options.debug ? () => undefined : extensionProcessPool.use();
    this.core = new SystemCore(options, host, this, () => this.pump(), () => this.untilFloorFree());
    const core = this.core;
    core.daemon = new TransferDaemon({
      clock: core.clock,
      tempDir: core.dirs.temp,
      // Fixture files resolve to absolute paths here, against the launch's working directory.
      ...(options.network?.fixtures !== undefined ? { fixtures: loadFixtures(options.network.fixtures, options.cwd ?? process.cwd()) } : {}),
      ...(options.network?.offline ? { offline: true } : {}),
      ...(core.clock.mode === 'simulated' ? { beforeTurn: () => this.untilEventsHandled() } : {}),
    });
    const daemon = core.daemon as TransferDaemon;
    daemon.on('progress', (task, bytesWritten, totalBytesWritten, totalBytesExpected) => transferProgress(core, task, bytesWritten, totalBytesWritten, totalBytesExpected));
    daemon.on('finished', (result) => this.enqueue(() => transferFinished(core, result)));
    daemon.on('failed', (task, error) => this.enqueue(() => transferFailed(core, task, error)));
    daemon.on('busy', () => core.touch());
    daemon.on('idle', () => {
      core.touch();
      this.pump();
    });
    host.on('message', (message: ToSystem, proc: ExtensionProcess) =>
      this.enqueue(async () => {
        if (host.speaksFor(proc)) await handleExtensionMessage(core, message);
      }),
    );
    host.on('acknowledged', () => this.core.naps.wakeAll());
    host.on('output', (output) => this.emit('output', output));
    host.on('protocolError', (error: Error) => this.emit('output', { category: 'stderr', text: `widget extension: ${error.message}\n`, pid: host.pid }));
    host.on('exit', (exit: ExtensionExit) => {
      core.exitHandled = this.extensionExited(exit);
    });
    host.on('limit', (limit: LimitExceeded) => this.enqueue(() => this.limitExceeded(limit)));
    this.on('stateChanged', () => this.queueState());
    core.clock.onDue = () => void this.fireDueWhenSettled();
    if (core.clock.mode === 'live') {
      // The extension's Date runs on by itself in live mode; resynchronise it now and then.
      this.liveSync = setInterval(() => core.host.send({ type: 'clock', now: core.now() }), LIVE_SYNC_MS);
      this.liveSync.unref();
    }
  }

  start(): Promise<void> {
    this.started ??= this.runJob(async () => {
      await runInitialTimeline(this.core);
    });
    return this.started;
  }

  async runUntil(horizon: number): Promise<RunResult> {
    await this.start();
    await this.runTo(horizon);
    for (const wake of [...this.core.wakes.values()]) {
      await this.core.raise({ code: 'completion-not-called', subject: `"${wake.identifier}" (the run ended first)`, identifier: wake.identifier });
    }
    return { findings: this.findings(), loadFailed: this.core.loadError !== null, records: this.core.trace.size };
  }

  async terminateExtension(mode: 'system' | 'forceQuit'): Promise<void> {
    await this.core.terminateAs(mode);
    this.pump();
  }

  async advanceClock(request: AdvanceClockRequest): Promise<string> {
    const now = this.core.now();
    let target = now;
    if (request.to !== undefined) target = Date.parse(request.to);
    else if (request.by !== undefined) target = now + request.by;
    else if (request.next === 'entry') {
      const next = this.core.scheduler.current(now)?.entries.map((e) => Date.parse(e.date)).filter((t) => t > now).sort((a, b) => a - b)[0];
      target = next ?? now;
    } else if (request.next === 'reload') target = this.core.policyReloadAt ?? now;
    else if (request.next === 'event') target = this.core.clock.peek()?.at ?? now;
    if (!Number.isFinite(target)) throw new Error(`advanceClock: "${request.to}" is not an ISO date.`);
    if (this.core.clock.mode === 'live') {
      this.core.clock.advanceTo(target);
      this.broadcastClock();
      await this.settle();
    } else {
      await this.runTo(target);
    }
    this.queueState();
    return new Date(this.core.now()).toISOString();
  }

  async reloadTimelines(kind?: string): Promise<void> {
    const ours = this.core.host.widget?.kind;
    if (kind !== undefined && ours !== undefined && kind !== ours) return;
    this.core.automaticRelaunch = true;
    requestReload(this.core, 'user');
    await this.settle();
  }

  async setFamily(family: WidgetFamily): Promise<void> {
    this.core.family = family;
    this.core.automaticRelaunch = true;
    requestReload(this.core, 'family');
    await this.settle();
  }

  snapshot(): WidgetStateSnapshot {
    return buildSnapshot(this.core);
  }

  findings(): Finding[] {
    return this.core.checker.all();
  }

  async dispose(reason: TerminationReason = 'sessionEnd'): Promise<void> {
    const core = this.core;
    if (core.disposed) return;
    core.disposed = true;
    // Only starts the spare's grace period, so even a dispose that fails below lets it end.
    this.releasePool();
    if (this.liveSync) clearInterval(this.liveSync);
    if (core.host.alive) await core.terminate(reason);
    await core.exitHandled;
    core.clock.dispose();
    await core.daemon.dispose();
    for (const identifier of core.delivery.identifiers()) await core.delivery.drop(identifier);
    core.trace.close();
    core.dirs.dispose();
  }

  // ---- sequencing -----------------------------------------------------------------------

  /** Messages and transfer events are handled one at a time, in arrival order. */
  private enqueue(work: () => Promise<void>): void {
    this.chainDepth += 1;
    this.core.touch();
    this.chain = this.chain
      .then(() => (this.core.disposed ? undefined : work()))
      .catch((error: unknown) => this.internalError(error))
      .finally(() => {
        this.chainDepth -= 1;
        this.core.touch();
        this.core.naps.wakeAll();
      });
  }

  private runJob(work: () => Promise<void>): Promise<void> {
    const core = this.core;
    core.jobActive = true;
    core.cancelIdle?.();
    core.cancelIdle = undefined;
    // The job is registered before its first line runs, so nothing it does can start another.
    const job = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.internalError(error))
      .finally(() => {
        this.job = null;
        core.jobActive = false;
        this.pump();
        this.core.naps.wakeAll();
      });
    this.job = job;
    return job;
  }

  /** Picks the next job: a reload first, then a background wake; otherwise suspends. */
  private pump(): void {
    const core = this.core;
    // Whatever made the system look for work (an exit handled, a termination done) may also
    // have settled it: a waiting settle loop looks again now.
    this.core.naps.wakeAll();
    if (this.job || core.disposed || !this.started) return;
    // Simulated: the transfers of this moment end first (the daemon's 'idle' pumps again), so
    // the next job never races a file still being written.
    if (core.clock.mode === 'simulated' && core.daemon.busy()) return;
    const reload = core.pendingReload;
    if (reload !== null && (core.host.alive || core.mayLaunch(reload === 'user' || reload === 'family' ? 'user' : 'reload'))) {
      core.pendingReload = null;
      void this.runJob(() => runReload(core, reload));
      return;
    }
    const identifier = core.delivery.identifiers().find((id) => wantsWake(core, id));
    if (identifier !== undefined) {
      core.wakeJobIdentifier = identifier;
      void this.runJob(() => runWakeCycle(core, identifier, () => this.isQuiet()).finally(() => (core.wakeJobIdentifier = undefined)));
      return;
    }
    this.suspendWhenIdle();
  }

  /** Apple suspends an extension with nothing to do and terminates it later at its discretion. */
  private suspendWhenIdle(): void {
    const core = this.core;
    if (!core.host.alive || core.wakes.size > 0 || core.host.inFlight > 0 || core.directFlows.size > 0) return;
    core.host.suspend();
    if (core.cancelIdle) return;
    core.cancelIdle = core.clock.schedule(
      core.now() + (core.options.idleTerminationMs ?? IDLE_TERMINATION_MS),
      () => {
        core.cancelIdle = undefined;
        if (core.host.alive && !this.job && core.wakes.size === 0 && core.host.state === 'suspended') {
          void core.terminate('idle').then(() => this.pump());
        }
      },
      'idle termination',
    );
    this.queueState();
  }

  private isQuiet(): boolean {
    const core = this.core;
    if (this.chainDepth > 0 || core.activity > 0 || core.host.inFlight > 0 || core.daemon.busy()) return false;
    if (core.host.state === 'launching') return false;
    // A quiescent extension cannot call a stored completion by itself any more: no grace.
    if (this.extensionSilent()) return true;
    const graceUntil = Math.max(0, ...[...core.wakes.values()].map((w) => (w.finishDeliveredAt ?? 0) + COMPLETION_GRACE_MS));
    if (Date.now() < graceUntil) return false;
    return this.quietByWallClock();
  }

  /**
   * The fallback when the extension is neither gone nor quiescent: once it has handled every
   * message, only the user's own pending work (a timer, a socket) is left, and a quiet period of
   * wall time decides. Before that it is still reading: waiting for it keeps the order of events
   * the same run after run, however loaded the machine.
   */
  private quietByWallClock(): boolean {
    return this.core.host.caughtUp && Date.now() - this.core.lastActivity >= QUIET_MS;
  }

  /**
   * No process, or one that reported it is quiescent: nothing more can come from the extension
   * until the system sends something. Otherwise only a quiet period of wall time tells.
   */
  private extensionSilent(): boolean {
    const host = this.core.host;
    return (!host.alive && host.state === 'notRunning') || host.quiescent;
  }

  /**
   * A timer due now fires once the system's own work is done and the extension has been
   * silent for a moment, even with a call in flight: a provider may be waiting for the very
   * transfer that timer starts. Waiting for the silence keeps simulated runs repeatable.
   */
  private async fireDueWhenSettled(): Promise<void> {
    if (this.dueWatch) return;
    this.dueWatch = true;
    const core = this.core;
    try {
      for (;;) {
        if (core.disposed) return;
        const next = core.clock.peek();
        if (!next || next.at > core.now()) return;
        if (this.extensionWaits()) core.clock.fireDue();
        else await this.core.naps.nap();
      }
    } finally {
      this.dueWatch = false;
    }
  }

  /** The system's own work is done and the extension is silent (it may wait for an answer). */
  private extensionWaits(): boolean {
    return this.chainDepth === 0 && this.core.activity === 0 && (this.extensionSilent() || this.quietByWallClock());
  }

  /**
   * Simulated: before the next transfer of a moment writes its file and reports it, what the
   * previous one reported is handled: its records written, its straight deliveries answered.
   * Without this, whether a progress report found a delivery flow still running (and how the
   * records interleave) depended on how fast the extension answered.
   */
  private async untilEventsHandled(): Promise<void> {
    const core = this.core;
    // A flow waiting for the floor is not counted: it may wait on a job that waits on the daemon.
    const delivering = (): boolean => [...core.directFlows].some((identifier) => !core.flowsAwaitingFloor.has(identifier));
    await core.naps.until(() => this.extensionWaits() && !delivering(), () => core.disposed);
  }

  /**
   * Simulated: waits until a straight delivery may go to the extension without interleaving
   * with the job's own calls: no job, or a job whose call the extension is waiting on (a
   * provider awaiting a download). Live: at once, as a device does.
   */
  private async untilFloorFree(): Promise<boolean> {
    const core = this.core;
    if (core.clock.mode !== 'simulated') return false;
    return core.naps.until(() => this.extensionWaits() && (!this.job || core.host.inFlight > 0), () => core.disposed);
  }

  /** Waits until nothing is in flight and no job runs. */
  private async settle(): Promise<void> {
    await this.core.naps.until(() => this.settledNow(), () => this.core.disposed);
  }

  /** Nothing in flight and no job running, at this very moment. */
  private settledNow(): boolean {
    return this.isQuiet() && !this.job && this.core.directFlows.size === 0;
  }

  /** Simulated: jump from scheduled moment to scheduled moment; live: wait for the wall clock. */
  private async runTo(target: number): Promise<void> {
    const clock = this.core.clock;
    if (clock.mode === 'live') {
      while (!this.core.disposed && clock.now() < target) await sleep(Math.min(100, target - clock.now()));
      await this.settle();
      return;
    }
    for (;;) {
      if (this.core.disposed) return;
      // Checked in the same tick as the jump: a timer due now that fires while a settle() is
      // resolving (fireDueWhenSettled) makes new work, and time must not run past it.
      if (!this.settledNow()) {
        await this.core.naps.nap();
        continue;
      }
      const next = clock.peek();
      if (!next || next.at > target) break;
      if (next.at > clock.now()) {
        // Let the extension see the new time before the moment's timers fire.
        clock.moveTo(next.at);
        this.broadcastClock();
        continue;
      }
      clock.fireNext(target);
    }
    if (target > clock.now()) {
      clock.moveTo(target);
      this.broadcastClock();
      await this.settle();
    }
    this.emit('idle');
  }

  private broadcastClock(): void {
    this.core.host.send({ type: 'clock', now: this.core.now() });
    this.core.touch();
  }

  private queueState(): void {
    if (this.stateQueued) return;
    this.stateQueued = true;
    setImmediate(() => {
      this.stateQueued = false;
      if (!this.core.disposed) this.emit('state', this.snapshot());
    });
  }

  private internalError(error: unknown): void {
    const text = error instanceof Error ? error.stack ?? error.message : String(error);
    this.emit('output', { category: 'stderr', text: `widget system: ${text}\n`, pid: null });
  }

  // ---- stimuli from the extension host ----------------------------------------------------

  private async limitExceeded(limit: LimitExceeded): Promise<void> {
    const core = this.core;
    if (!core.host.alive) return;
    await core.raise({ code: limit.reason === 'memory' ? 'memory-limit' : 'time-limit', subject: limit.subject });
    await core.terminate(limit.reason);
    this.pump();
  }

  private async extensionExited(exit: ExtensionExit): Promise<void> {
    const core = this.core;
    const crashedIn = exit.reason === 'crash' ? core.providerInFlight : undefined;
    const crashedDelivering = exit.reason === 'crash' ? [...core.wakes.keys(), ...core.directFlows] : [];
    core.delivery.clearProgress();
    core.completedWakes.clear();
    core.cancelIdle?.();
    core.cancelIdle = undefined;
    const abandoned = [...core.wakes.values()];
    for (const wake of abandoned) wake.cancelTimeLimit();
    core.wakes.clear();
    const detail: { [key: string]: string | number } = { reason: exit.reason };
    if (exit.reason === 'crash') {
      if (exit.code !== null) detail.exitCode = exit.code;
      if (exit.signal !== null) detail.signal = exit.signal;
    }
    await core.systemEvent({ event: 'extensionTerminate', detail }, exit.pid);
    if (crashedIn) {
      const how = exit.code !== null ? `exit code ${exit.code}` : `signal ${exit.signal ?? '?'}`;
      await core.raise({ code: 'provider-threw', subject: `The provider's ${crashedIn} ended the extension process (${how}).` });
    }
    // A handler that kills its process would be redelivered forever: count it as a failed wake.
    for (const identifier of new Set(crashedDelivering)) core.wakeFailures.set(identifier, (core.wakeFailures.get(identifier) ?? 0) + 1);
    if (exit.reason === 'crash') {
      for (const wake of abandoned) {
        await core.raise({ code: 'completion-not-called', subject: `"${wake.identifier}" (the extension crashed first)`, identifier: wake.identifier });
      }
    }
    if (core.timelineOutstanding) {
      core.timelineOutstanding = false;
      if (!core.disposed) scheduleTimelineRetry(core);
    }
    this.emit('extensionExit', { pid: exit.pid, launch: exit.launch, reason: exit.reason });
    this.queueState();
    setImmediate(() => this.pump());
  }
}
