// The simulated system (DESIGN.md section 1): one widget, one extension process at a time, the
// virtual clock, the transfer daemon and the contract checker, behind WidgetSystemApi. It
// assembles the parts that own the state (parts.ts: process control, timeline requests with
// the reload budget, background sessions, transfers, the lifecycle recorder) and sequences the
// work: one job at a time in the extension (a launch for display, a reload, a
// background wake), direct deliveries beside a running job, messages in arrival order. It alone
// decides when the system has settled (RunLoop, runLoop.ts): in `simulated` mode virtual time
// jumps only when every party is idle, to the earliest moment any of them waits for.
// Events: 'trace', 'state', 'finding', 'output', 'extensionExit', 'idle', and 'input'
// (RecordedInput: what a recording needs besides the options, DESIGN.md section 11).
import { EventEmitter } from 'node:events';
import type { ToSystem } from '../protocol/ipc';
import type { Finding, SourceLocation, TerminationReason, WidgetFamily, WidgetStateSnapshot } from '../protocol/lifecycle';
import { backgroundTimeLimit, memoryLimitBytes, type AdvanceClockRequest, type RunResult, type SystemOptions, type TapRequest, type WidgetSystemApi } from './api';
import { BackgroundSessions } from './backgroundSessions';
import { BackgroundTransfers } from './backgroundTransfers';
import { VirtualClock } from './clock';
import { ExtensionHost, type ExtensionExit, type LimitExceeded } from './extensionHost';
import { handleExtensionMessage } from './extensionMessages';
import { IntentTaps } from './intentTaps';
import type { TapTarget } from '../protocol/tapTargets';
import type { ExtensionChannel, ExtensionFactory } from './extensionChannel';
import { locateKit, memoryFlags, type ExtensionOutput } from './extensionProcess';
import { heapCapMb, megabytes, OFF_HEAP_HEADROOM } from '../protocol/memory';
import { extensionProcessPool } from './extensionProcessPool';
import { LifecycleRecorder } from './lifecycleRecorder';
import type { FlowContext } from './flowContext';
import type { JobControl, SystemSignals } from './parts';
import { ProcessControl } from './processControl';
import { networkInput } from './recording/networkInput';
import { tracePlace } from './recording/tracePlace';
import type { RecordedInput, UnplacedUserAction } from './recording/recordingFormat';
import { RunLoop } from './runLoop';
import { runSeed } from '../protocol/seededRandom';
import { randomInt } from 'node:crypto';
import { SessionDirectories } from './sessionDirectories';
import { buildSnapshot } from './stateSnapshot';
import type { SystemParts } from './systemParts';
import { SystemWork } from './systemWork';
import { TimelineRequests } from './timelineRequests';
import { WidgetPushes, type PushResult } from './widgetPushes';

/** How often a live clock is pushed to the extension process. */
const LIVE_SYNC_MS = 250;


const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Parts of the system a test may replace (none in the product). */
export interface SystemSeams {
  extension?: ExtensionFactory;
}

export class WidgetSystem extends EventEmitter implements WidgetSystemApi {
  private readonly options: SystemOptions;
  private readonly clock: VirtualClock;
  private readonly work = new SystemWork();
  private readonly dirs = new SessionDirectories();
  private readonly host: ExtensionHost;
  private readonly recorder: LifecycleRecorder;
  private readonly processes: ProcessControl;
  private readonly timelines: TimelineRequests;
  private readonly sessions: BackgroundSessions;
  private readonly transfers: BackgroundTransfers;
  private readonly taps: IntentTaps;
  private readonly pushes: WidgetPushes;
  private readonly parts: SystemParts;
  private job: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private chainDepth = 0;
  private started: Promise<void> | undefined;
  private stateQueued = false;
  private readonly loop: RunLoop;
  private liveSync: NodeJS.Timeout | undefined;
  private readonly releasePool: () => void;
  /** The seed of the widget's randomness in this run. */
  readonly seed: number;

  /** `seams.extension`: each launch's process comes from there instead of a fork of the kit. */
  constructor(options: SystemOptions, seams: SystemSeams = {}) {
    super();
    this.options = options;
    this.clock = new VirtualClock(options.clock ?? 'simulated', options.now?.getTime() ?? Date.now());
    this.seed = options.seed ?? randomInt(0x100000000);
    // Forked kits are prewarmed in the pool, except debugged ones: each needs its own inspector
    // (execArgv per launch, an attach at spawn).
    const pooled = !options.debug && !seams.extension;
    const memoryLimit = memoryLimitBytes(options);
    const host = new ExtensionHost({
      kitPath: seams.extension ? '' : locateKit(),
      memoryLimitBytes: memoryLimit,
      // A debugger may hold the process at a breakpoint: the busy limit applies only undebugged.
      busyLimitMs: options.debug ? 0 : backgroundTimeLimit(options),
      memoryAtCheckpoints: (options.clock ?? 'simulated') === 'simulated',
      spawnOptions: (launch) => ({
        execArgv: [...memoryFlags(memoryLimit), ...(options.debug?.execArgv?.(launch) ?? [])],
        cwd: options.cwd ?? process.cwd(),
        env: options.env ?? {},
        ...(options.runtimeExecutable ? { runtimeExecutable: options.runtimeExecutable } : {}),
        watched: !options.debug,
      }),
      ...(pooled ? { pool: extensionProcessPool } : {}),
      ...(seams.extension ? { extension: seams.extension } : {}),
    });
    this.host = host;
    this.releasePool = pooled ? extensionProcessPool.use() : () => undefined;
    const signals: SystemSignals = {
      trace: (record) => this.emit('trace', record),
      finding: (finding) => this.emit('finding', finding),
      output: (output: ExtensionOutput) => this.emit('output', output),
      stateChanged: () => this.queueState(),
    };
    const jobs: JobControl = {
      pump: () => this.pump(),
      jobActive: () => this.job !== null,
      untilFloorFree: () => this.untilFloorFree(),
    };
    this.recorder = new LifecycleRecorder(options, this.clock, this.work, signals, host, (mode) => this.processes.terminateAs(mode));
    this.processes = new ProcessControl(options, host, this.clock, this.work, this.recorder, this.dirs, jobs, signals, {
      nextTaskId: () => this.transfers.nextTaskId(),
      families: () => this.timelines.renderedFamilies(),
      forceQuit: async () => {
        await this.sessions.discardAll();
        this.transfers.forceQuit();
      },
      loadFailed: () => this.timelines.abandonRequest(),
      randomSeed: (launch) => runSeed(this.seed, launch),
    });
    const flow: FlowContext = { options, clock: this.clock, host, processes: this.processes, recorder: this.recorder, work: this.work, jobs, signals };
    this.timelines = new TimelineRequests(flow);
    this.taps = new IntentTaps(flow, this.timelines);
    this.pushes = new WidgetPushes(flow, this.timelines, this.seed);
    this.sessions = new BackgroundSessions(flow, {
      running: (identifier) => this.transfers.running(identifier),
      sendsLaunchEvents: (identifier) => this.transfers.sendsLaunchEvents(identifier),
    }, this.dirs.temp);
    this.transfers = new BackgroundTransfers(flow, this.sessions, {
      tempDir: this.dirs.temp,
      enqueue: (work) => this.enqueue(work),
      // Only while something records the run ('input' listeners): keeping an answer reads its body back.
      servedByNetwork: () => (this.listenerCount('input') > 0 ? (served) => this.emit('input', networkInput(served)) : undefined),
      place: tracePlace({
        size: () => this.recorder.size,
        settled: () => this.extensionWaits(),
        until: (done) => this.work.until(done, false),
      }),
      ...(this.clock.mode === 'simulated' ? { beforeTurn: () => this.untilEventsHandled() } : {}),
    });
    this.parts = {
      options,
      clock: this.clock,
      host,
      recorder: this.recorder,
      processes: this.processes,
      timelines: this.timelines,
      sessions: this.sessions,
      transfers: this.transfers,
      pushes: this.pushes,
    };
    this.loop = new RunLoop(
      this.clock,
      {
        systemIdle: () => this.systemIdle(),
        daemonIdle: () => !this.transfers.busy(),
        extensionIdle: () => this.extensionIdle(),
        extensionNextTimer: () => (this.clock.mode === 'simulated' ? host.nextTimer : undefined),
        sendClock: () => this.broadcastClock(),
        stopped: () => this.work.disposed,
      },
      this.work.naps,
    );
    // A timer's callback that goes on asynchronously (a time limit's findings and termination)
    // is the system's own work: the clock waits for it.
    this.clock.onWork = (work) => void this.work.busy(() => work).catch((error: unknown) => this.internalError(error));
    host.on('message', (message: ToSystem, proc: ExtensionChannel) =>
      this.enqueue(async () => {
        if (!host.speaksFor(proc)) return;
        await handleExtensionMessage(this.parts, message);
        this.queueState();
      }),
    );
    host.on('acknowledged', () => this.work.wakeAll());
    host.on('output', (output) => this.emit('output', output));
    host.on('protocolError', (error: Error) => this.emit('output', { category: 'stderr', text: `widget extension: ${error.message}\n`, pid: host.pid }));
    host.on('exit', (exit: ExtensionExit) => this.processes.exitHandling(this.extensionExited(exit)));
    host.on('limit', (limit: LimitExceeded) => this.enqueue(() => this.limitExceeded(limit)));
    if (this.clock.mode === 'live') {
      // The extension's Date runs on by itself in live mode; resynchronise it now and then.
      this.liveSync = setInterval(() => host.send({ type: 'clock', now: this.clock.now() }), LIVE_SYNC_MS);
      this.liveSync.unref();
    }
  }

  /**
   * The launch for display, to its end: in simulated mode virtual time goes on meanwhile when
   * every party waits for it (a provider awaiting its own download, or a timer).
   */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.planPushes();
      const job = this.runJob(async () => {
        await this.timelines.runInitial();
        await this.pushes.deliverTokenIfChanged();
      });
      let ended = false;
      void job.finally(() => (ended = true));
      if (this.clock.mode === 'simulated') await this.loop.until(() => ended);
      await job;
    })();
    return this.started;
  }

  async runUntil(horizon: number): Promise<RunResult> {
    await this.start();
    await this.runTo(horizon);
    await this.sessions.runEnded();
    return { findings: this.findings(), loadFailed: this.processes.loadError !== null, records: this.recorder.size };
  }

  async terminateExtension(mode: 'system' | 'forceQuit'): Promise<void> {
    this.recordAction({ input: 'terminate', mode });
    await this.processes.terminateAs(mode);
    this.pump();
  }

  async advanceClock(request: AdvanceClockRequest): Promise<string> {
    const now = this.clock.now();
    let target = now;
    if (request.to !== undefined) target = Date.parse(request.to);
    else if (request.by !== undefined) target = now + request.by;
    else if (request.next === 'entry') target = this.timelines.nextEntry(now) ?? now;
    else if (request.next === 'reload') target = this.timelines.nextPolicyReload() ?? now;
    else if (request.next === 'event') target = this.loop.next()?.at ?? now;
    if (!Number.isFinite(target)) throw new Error(`advanceClock: "${request.to}" is not an ISO date.`);
    this.recordAction({ input: 'advanceClock', to: new Date(target).toISOString() });
    if (this.clock.mode === 'live') {
      this.clock.advanceTo(target);
      this.broadcastClock();
      await this.settle();
    } else {
      await this.runTo(target);
    }
    this.queueState();
    return new Date(this.clock.now()).toISOString();
  }

  async reloadTimelines(kind?: string): Promise<void> {
    const ours = this.host.widget?.kind;
    if (kind !== undefined && ours !== undefined && kind !== ours) return;
    this.recordAction({ input: 'reloadTimelines', ...(kind !== undefined ? { kind } : {}) });
    this.processes.allowRelaunch();
    this.timelines.request('user');
    await this.settle();
  }

  async setFamily(family: WidgetFamily): Promise<void> {
    this.recordAction({ input: 'setFamily', family });
    this.timelines.setFamily(family);
    this.processes.allowRelaunch();
    this.timelines.request('family');
    await this.settle();
  }

  /** A tap on a Button or Toggle: performed in the extension, then the timelines reload (intentTaps.ts). */
  async tap(request: TapRequest): Promise<void> {
    const tap = this.taps.resolve(request);
    this.recordAction({ input: 'tap', ...tap });
    this.processes.allowRelaunch();
    this.taps.queue(tap);
    await this.settle();
  }

  /** Why `intent` cannot be tapped (the widget does not define it), if it cannot. */
  unknownIntent(intent: string): string | undefined {
    return this.taps.unknown(intent);
  }

  /** The Button or Toggle of `intent` in the entry on screen now, if there is one. */
  tapTargetOnScreen(intent: string): TapTarget | undefined {
    return this.taps.onScreen(intent);
  }

  /** A push sent now by the user (the debugger's sendPush, the preview's Push button). */
  async sendPush(): Promise<PushResult> {
    // A push sent while the first launch still runs waits for it: the widget's push handler (or
    // its absence) is known only once the module loaded.
    await this.started;
    this.recordAction({ input: 'push' });
    const result = await this.work.busy(() => this.pushes.receive('user'));
    await this.settle();
    return result;
  }

  /** Pushes planned in the options (`--push-at`) arrive at their virtual moments, in turn with messages. */
  private planPushes(): void {
    for (const at of this.options.pushAt ?? []) {
      this.clock.schedule(Date.parse(at), () => this.enqueue(async () => void (await this.pushes.receive('planned'))), 'planned push');
    }
  }

  /** A user's action, with its place in the run, for a recording. */
  private recordAction(action: UnplacedUserAction): void {
    this.emit('input', { ...action, afterSeq: this.recorder.size, time: new Date(this.clock.now()).toISOString() });
  }

  snapshot(): WidgetStateSnapshot {
    return buildSnapshot(this.parts);
  }

  findings(): Finding[] {
    return this.recorder.findings();
  }

  async dispose(reason: TerminationReason = 'sessionEnd'): Promise<void> {
    if (this.work.disposed) return;
    this.work.dispose();
    // Only starts the spare's grace period, so even a dispose that fails below lets it end.
    this.releasePool();
    if (this.liveSync) clearInterval(this.liveSync);
    await this.processes.end(reason);
    this.clock.dispose();
    await this.transfers.dispose();
    await this.sessions.discardAll();
    this.recorder.close();
    this.dirs.dispose();
  }

  // ---- sequencing -----------------------------------------------------------------------

  /** Messages and transfer events are handled one at a time, in arrival order. */
  private enqueue(work: () => Promise<void>): void {
    this.chainDepth += 1;
    this.chain = this.chain
      .then(() => (this.work.disposed ? undefined : work()))
      .catch((error: unknown) => this.internalError(error))
      .finally(() => {
        this.chainDepth -= 1;
        this.work.wakeAll();
      });
  }

  private runJob(work: () => Promise<void>): Promise<void> {
    this.processes.cancelIdleTermination();
    // The job is registered before its first line runs, so nothing it does can start another.
    const job = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.internalError(error))
      .finally(() => {
        this.job = null;
        this.pump();
        this.work.wakeAll();
      });
    this.job = job;
    return job;
  }

  /** Picks the next job: a reload first, then a background wake; otherwise suspends. */
  private pump(): void {
    // Whatever made the system look for work (an exit handled, a termination done) may also
    // have settled it: a waiting settle loop looks again now.
    this.work.wakeAll();
    if (this.job || this.work.disposed || !this.started) return;
    // Simulated: the transfers of this moment end first (the daemon's 'idle' pumps again), so
    // the next job never races a file still being written.
    if (this.clock.mode === 'simulated' && this.transfers.busy()) return;
    // A tap first: the user waits for it (its reload joins one already pending).
    const tap = this.taps.take();
    if (tap) {
      void this.runJob(() => this.taps.perform(tap));
      return;
    }
    const reload = this.timelines.takeReload();
    if (reload !== null) {
      void this.runJob(async () => {
        await this.timelines.runReload(reload);
        // A family change is a new push configuration (Apple: WidgetInfo carries the family).
        await this.pushes.deliverTokenIfChanged();
      });
      return;
    }
    const identifier = this.sessions.nextWake();
    if (identifier !== undefined) {
      void this.runJob(this.sessions.wakeJob(identifier, () => this.extensionDone()));
      return;
    }
    this.suspendWhenIdle();
  }

  /** Apple suspends an extension with nothing to do and terminates it later at its discretion. */
  private suspendWhenIdle(): void {
    const host = this.host;
    if (!host.alive || this.sessions.wakeInProgress() || host.inFlight > 0 || this.sessions.deliveringStraight()) return;
    const stillIdle = (): boolean => !this.job && !this.sessions.wakeInProgress();
    // Its timers stop with it: the extension learns so at once, and they no longer count.
    if (this.processes.suspendWhenIdle(stillIdle)) this.broadcastClock();
  }

  /** No extension process runs, or the one that runs is idle (and not still loading). */
  private extensionIdle(): boolean {
    const host = this.host;
    if (!host.alive) return host.state === 'notRunning';
    return host.state !== 'launching' && host.idle;
  }

  /**
   * The extension can do nothing more by itself: the system is settled and the extension has
   * no timer left to run (a wake waiting for a session gives up then).
   */
  private extensionDone(): boolean {
    return this.loop.settled() && this.host.nextTimer === undefined;
  }

  /** No message or transfer event is being handled and no work of the system's own is in flight. */
  private systemIdle(): boolean {
    return this.chainDepth === 0 && this.work.idle;
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
    await this.work.until(() => this.extensionWaits() && !this.sessions.deliveringBesideJob());
  }

  /**
   * Simulated: waits until a straight delivery may go to the extension without interleaving
   * with the job's own calls: no job, or a job whose call the extension is waiting on (a
   * provider awaiting a download). Live: at once, as a device does.
   */
  private async untilFloorFree(): Promise<boolean> {
    if (this.clock.mode !== 'simulated') return false;
    return this.work.until(() => this.extensionWaits() && (!this.job || this.host.inFlight > 0));
  }

  /**
   * Until the work asked for (a reload, a family change) has ended and every party is idle; in
   * simulated mode virtual time goes on meanwhile while that work waits for it.
   */
  private async settle(): Promise<void> {
    const done = (): boolean => !this.job && this.loop.idle();
    if (this.clock.mode === 'simulated') await this.loop.until(done);
    else await this.work.until(done, false);
  }

  /** Simulated: jump from moment to moment (the run loop); live: wait for the wall clock. */
  private async runTo(target: number): Promise<void> {
    const clock = this.clock;
    if (clock.mode === 'live') {
      while (!this.work.disposed && clock.now() < target) await sleep(Math.min(100, target - clock.now()));
      await this.settle();
      return;
    }
    await this.loop.runTo(target);
    this.emit('idle');
  }

  /** The extension's virtual now; a suspended extension's timers do not fire. */
  private broadcastClock(): void {
    this.host.send({ type: 'clock', now: this.clock.now(), fire: !this.host.suspended });
  }

  private queueState(): void {
    if (this.stateQueued) return;
    this.stateQueued = true;
    setImmediate(() => {
      this.stateQueued = false;
      if (!this.work.disposed) this.emit('state', this.snapshot());
    });
  }

  private internalError(error: unknown): void {
    const text = error instanceof Error ? error.stack ?? error.message : String(error);
    this.emit('output', { category: 'stderr', text: `widget system: ${text}\n`, pid: null });
  }

  // ---- stimuli from the extension host ----------------------------------------------------

  private async limitExceeded(limit: LimitExceeded): Promise<void> {
    const host = this.host;
    if (limit.process !== host.process || limit.process.killed) return;
    let location: SourceLocation | undefined;
    if (limit.busy) {
      location = await this.work.busy(() => limit.process.locateBusyCode());
      // The code held the CPU for the whole limit: on a device that much time went by. Virtual
      // time stood still meanwhile (the extension was not idle), so the limit ran out now + limit.
      if (this.clock.mode === 'simulated') this.clock.moveTo(this.clock.now() + backgroundTimeLimit(this.options));
    }
    await this.recorder.raise({ code: limit.reason === 'memory' ? 'memory-limit' : 'time-limit', subject: limit.subject, ...(location ? { location } : {}) });
    await this.processes.terminate(limit.reason);
    this.pump();
  }

  /** The process is gone: every part learns it, in the order the trace shows. */
  private async extensionExited(exit: ExtensionExit): Promise<void> {
    if (exit.outOfMemory) {
      // The process was aborted out of memory: by V8, its heap at the cap set from the memory
      // limit, or stopped by the system's watch of its resident size (residentWatch.ts), its
      // off-heap memory run away while the main thread never returned. On a device the system
      // would have terminated it for its memory: one finding, as for a kill.
      const limit = memoryLimitBytes(this.options);
      await this.recorder.raise({
        code: 'memory-limit',
        subject:
          exit.outOfMemory === 'heap'
            ? `all of its JavaScript heap (V8 ran out of memory at its ${heapCapMb(limit)} MB cap; limit ${megabytes(limit, false)})`
            : `over ${megabytes(OFF_HEAP_HEADROOM, false)} more off-heap memory (array buffers) without ever returning to the system (limit ${megabytes(limit, false)})`,
      });
    }
    const crashedIn = exit.reason === 'crash' ? this.timelines.providerRunning() : undefined;
    const abandoned = this.sessions.extensionExited();
    await this.processes.recordExit(exit);
    if (crashedIn) await this.timelines.blameCrash(crashedIn, exit.code !== null ? `exit code ${exit.code}` : `signal ${exit.signal ?? '?'}`);
    if (exit.reason === 'crash') await this.sessions.crashedDuring(abandoned);
    this.timelines.retryAfterExit(this.work.disposed);
    this.emit('extensionExit', { pid: exit.pid, launch: exit.launch, reason: exit.reason });
    this.queueState();
    setImmediate(() => this.pump());
  }
}
