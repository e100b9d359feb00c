// The simulated system (DESIGN.md section 1): one widget, one extension process at a time, the
// virtual clock, the transfer daemon and the contract checker, behind WidgetSystemApi. It
// sequences the work: one job at a time in the extension (a launch for display, a reload, a
// background wake), direct deliveries beside a running job, messages in arrival order. It alone
// decides when the system has settled (RunLoop, runLoop.ts): in `simulated` mode virtual time
// jumps only when every party is idle, to the earliest moment any of them waits for.
// Events: 'trace', 'state', 'finding', 'output', 'extensionExit', 'idle'.
import { EventEmitter } from 'node:events';
import type { ToSystem } from '../protocol/ipc';
import type { Finding, SourceLocation, TerminationReason, WidgetFamily, WidgetStateSnapshot } from '../protocol/lifecycle';
import { backgroundTimeLimit, type AdvanceClockRequest, type RunResult, type SystemOptions, type WidgetSystemApi } from './api';
import { runWakeCycle, wantsWake } from './backgroundWake';
import { ExtensionHost, type ExtensionExit, type LimitExceeded } from './extensionHost';
import { handleExtensionMessage } from './extensionMessages';
import { locateKit, type ExtensionProcess } from './extensionProcess';
import { extensionProcessPool } from './extensionProcessPool';
import { RunLoop } from './runLoop';
import { buildSnapshot } from './stateSnapshot';
import { SystemCore } from './systemCore';
import { requestReload, runInitialTimeline, runReload, scheduleTimelineRetry } from './timelineRequests';
import { transferFailed, transferFinished, transferProgress } from './transferEvents';
import { loadFixtures } from './transfers/fixtures';
import { TransferDaemon } from './transfers/transferDaemon';

/** How often a live clock is pushed to the extension process. */
const LIVE_SYNC_MS = 250;
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
  private readonly loop: RunLoop;
  private liveSync: NodeJS.Timeout | undefined;
  private readonly releasePool: () => void;

  constructor(options: SystemOptions) {
    super();
    const host = new ExtensionHost({
      kitPath: locateKit(),
      memoryLimitBytes: (options.memoryLimitMb ?? 30) * 1024 * 1024,
      // A debugger may hold the process at a breakpoint: the busy limit applies only undebugged.
      busyLimitMs: options.debug ? 0 : backgroundTimeLimit(options),
      spawnOptions: (launch) => ({
        execArgv: options.debug?.execArgv?.(launch) ?? [],
        cwd: options.cwd ?? process.cwd(),
        env: options.env ?? {},
        ...(options.runtimeExecutable ? { runtimeExecutable: options.runtimeExecutable } : {}),
        busyProbe: !options.debug,
      }),
      // Each debugged launch needs its own inspector (execArgv per launch, an attach at spawn).
      ...(options.debug ? {} : { pool: extensionProcessPool }),
    });
    this.releasePool = options.debug ? () => undefined : extensionProcessPool.use();
    this.core = new SystemCore(options, host, this, () => this.pump(), () => this.untilFloorFree());
    const core = this.core;
    this.loop = new RunLoop(
      core.clock,
      {
        systemIdle: () => this.systemIdle(),
        daemonIdle: () => !core.daemon.busy(),
        extensionIdle: () => this.extensionIdle(),
        extensionNextTimer: () => (core.clock.mode === 'simulated' ? core.host.nextTimer : undefined),
        sendClock: () => this.broadcastClock(),
        stopped: () => core.disposed,
      },
      core.naps,
    );
    // A timer's callback that goes on asynchronously (a time limit's findings and termination)
    // is the system's own work: the clock waits for it.
    core.clock.onWork = (work) => void core.busy(() => work).catch((error: unknown) => this.internalError(error));
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
    daemon.on('idle', () => this.pump());
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
    if (core.clock.mode === 'live') {
      // The extension's Date runs on by itself in live mode; resynchronise it now and then.
      this.liveSync = setInterval(() => core.host.send({ type: 'clock', now: core.now() }), LIVE_SYNC_MS);
      this.liveSync.unref();
    }
  }

  /**
   * The launch for display, to its end: in simulated mode virtual time goes on meanwhile when
   * every party waits for it (a provider awaiting its own download, or a timer).
   */
  start(): Promise<void> {
    this.started ??= (async () => {
      const job = this.runJob(async () => {
        await runInitialTimeline(this.core);
      });
      let ended = false;
      void job.finally(() => (ended = true));
      if (this.core.clock.mode === 'simulated') await this.loop.until(() => ended);
      await job;
    })();
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
    else if (request.next === 'event') target = this.loop.next()?.at ?? now;
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
    this.chain = this.chain
      .then(() => (this.core.disposed ? undefined : work()))
      .catch((error: unknown) => this.internalError(error))
      .finally(() => {
        this.chainDepth -= 1;
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
      void this.runJob(() => runWakeCycle(core, identifier, () => this.extensionDone()).finally(() => (core.wakeJobIdentifier = undefined)));
      return;
    }
    this.suspendWhenIdle();
  }

  /** Apple suspends an extension with nothing to do and terminates it later at its discretion. */
  private suspendWhenIdle(): void {
    const core = this.core;
    if (!core.host.alive || core.wakes.size > 0 || core.host.inFlight > 0 || core.directFlows.size > 0) return;
    if (core.host.state === 'running') {
      core.host.suspend();
      // Its timers stop with it: the extension learns so at once, and they no longer count.
      if (core.host.suspended) this.broadcastClock();
    }
    if (core.cancelIdle) return;
    core.cancelIdle = core.clock.schedule(
      core.now() + (core.options.idleTerminationMs ?? IDLE_TERMINATION_MS),
      async () => {
        core.cancelIdle = undefined;
        if (core.host.alive && !this.job && core.wakes.size === 0 && core.host.state === 'suspended') {
          await core.terminate('idle');
          this.pump();
        }
      },
      'idle termination',
    );
    this.queueState();
  }

  /** No extension process runs, or the one that runs is idle (and not still loading). */
  private extensionIdle(): boolean {
    const host = this.core.host;
    if (!host.alive) return host.state === 'notRunning';
    return host.state !== 'launching' && host.idle;
  }

  /**
   * The extension can do nothing more by itself: the system is settled and the extension has
   * no timer left to run (a wake waiting for a session gives up then).
   */
  private extensionDone(): boolean {
    return this.loop.settled() && this.core.host.nextTimer === undefined;
  }

  /** No message or transfer event is being handled and no work of the system's own is in flight. */
  private systemIdle(): boolean {
    return this.chainDepth === 0 && this.core.activity === 0;
  }

  /** The system's own work is done and the extension is idle (it may wait for an answer). */
  private extensionWaits(): boolean {
    return this.systemIdle() && this.extensionIdle();
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

  /**
   * Until the work asked for (a reload, a family change) has ended and every party is idle; in
   * simulated mode virtual time goes on meanwhile while that work waits for it.
   */
  private async settle(): Promise<void> {
    const done = (): boolean => !this.job && this.loop.idle();
    if (this.core.clock.mode === 'simulated') await this.loop.until(done);
    else await this.core.naps.until(done, () => this.core.disposed, false);
  }

  /** Simulated: jump from moment to moment (the run loop); live: wait for the wall clock. */
  private async runTo(target: number): Promise<void> {
    const clock = this.core.clock;
    if (clock.mode === 'live') {
      while (!this.core.disposed && clock.now() < target) await sleep(Math.min(100, target - clock.now()));
      await this.settle();
      return;
    }
    await this.loop.runTo(target);
    this.emit('idle');
  }

  /** The extension's virtual now; a suspended extension's timers do not fire. */
  private broadcastClock(): void {
    const host = this.core.host;
    host.send({ type: 'clock', now: this.core.now(), fire: !host.suspended });
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
    if (!core.host.alive || (limit.busy && limit.busy !== core.host.process)) return;
    let location: SourceLocation | undefined;
    if (limit.busy) {
      location = await core.busy(() => limit.busy!.locateBusyCode());
      // The code held the CPU for the whole limit: on a device that much time went by. Virtual
      // time stood still meanwhile (the extension was not idle), so the limit ran out now + limit.
      if (core.clock.mode === 'simulated') core.clock.moveTo(core.now() + backgroundTimeLimit(core.options));
    }
    await core.raise({ code: limit.reason === 'memory' ? 'memory-limit' : 'time-limit', subject: limit.subject, ...(location ? { location } : {}) });
    await core.terminate(limit.reason);
    this.pump();
  }

  private async extensionExited(exit: ExtensionExit): Promise<void> {
    const core = this.core;
    const crashedIn = exit.reason === 'crash' ? core.providerInFlight : undefined;
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
