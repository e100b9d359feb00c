// Process control: launching the widget extension (fork or a prewarmed spare, `extensionLaunch`
// while the debugger may attach, `start` with the storage directories that survive terminations,
// then `ready` or `loadFailed`), terminating it, recording its exit, suspending it and ending it
// after it stayed idle. Apple: the system launches the extension for display, reloads and
// background events, suspends it when it has nothing to do and terminates it at its discretion;
// a user's force quit stops automatic launches until the user asks again.
import type { ToSystem } from '../protocol/ipc';
import type { LaunchReason, TerminationReason, WidgetFamily, WidgetStateSnapshot } from '../protocol/lifecycle';
import { backgroundTimeLimit, memoryLimitBytes, type SystemOptions } from './api';
import type { VirtualClock } from './clock';
import { launchEnvironment } from './extensionEnvironment';
import type { ExtensionExit, ExtensionHost } from './extensionHost';
import type { LifecycleRecorder } from './lifecycleRecorder';
import type { JobControl, SystemSignals } from './parts';
import type { SessionDirectories } from './sessionDirectories';
import type { SystemWork } from './systemWork';
import type { TerminationMode } from './terminationPlan';

/** How often the extension reports its memory use for the memory limit. */
const MEMORY_REPORT_MS = 200;
/** Virtual time a suspended extension lives before the system terminates it (reason idle), unless the options say otherwise. */
export const IDLE_TERMINATION_MS = 5 * 60 * 1000;

type StartOutcome = 'ready' | 'loadFailed' | 'exited';
type Ready = Extract<ToSystem, { type: 'ready' }>;
export type LoadError = NonNullable<WidgetStateSnapshot['loadError']>;
export type WidgetPreview = Ready['previews'][number];

/** What launching needs from parts it does not own. */
export interface LaunchNeeds {
  /** The task id the next process numbers its tasks from (ids never repeat across launches). */
  nextTaskId(): number;
  /** The families the extension renders, the current one first. */
  families(): WidgetFamily[];
  /** A force quit cancels what the background sessions had pending. */
  forceQuit(): Promise<void>;
  /** The module cannot load: relaunching would fail the same way, so no timeline is retried. */
  loadFailed(): void;
  /** The seed of the widget's randomness in launch `launch` (recordings replay it). */
  randomSeed(launch: number): number;
}

export class ProcessControl {
  /** False after a force quit: the system relaunches for nothing until the user asks. */
  private automaticRelaunch = true;
  /** Settles once the last extension exit was recorded (a relaunch waits for it). */
  private exitHandled: Promise<void> = Promise.resolve();
  /** Set while a launch waits for the process's `ready` or `loadFailed` (or its exit). */
  private startWaiter: ((outcome: StartOutcome) => void) | undefined;
  private failure: LoadError | null = null;
  private widgetPreviews: WidgetPreview[] = [];
  private cancelIdle: (() => void) | undefined;

  constructor(
    private readonly options: SystemOptions,
    private readonly host: ExtensionHost,
    private readonly clock: VirtualClock,
    private readonly work: SystemWork,
    private readonly recorder: LifecycleRecorder,
    private readonly dirs: SessionDirectories,
    private readonly jobs: JobControl,
    private readonly signals: SystemSignals,
    private readonly needs: LaunchNeeds,
  ) {}

  /** Why the widget module did not load, if it did not (the preview shows it). */
  get loadError(): LoadError | null {
    return this.failure;
  }

  /** The widget's #Preview-like declarations, from its last `ready`. */
  get previews(): WidgetPreview[] {
    return this.widgetPreviews;
  }

  /**
   * Whether a launch reason may start the extension now. A force quit stops the launches for
   * background events only (Apple, Downloading files in the background: after a force quit the
   * system "doesn't automatically relaunch your app" for its transfers); WidgetKit goes on
   * reloading the widget's timeline on its policy, which launches the extension as usual.
   */
  mayLaunch(reason: LaunchReason | 'user'): boolean {
    return this.automaticRelaunch || reason !== 'backgroundEvents';
  }

  /** The user asked for the widget again (a reload, a family): automatic launches resume. */
  allowRelaunch(): void {
    this.automaticRelaunch = true;
  }

  /** Ensures a process runs (launching it for `reason` if needed). */
  async ensureRunning(reason: LaunchReason): Promise<boolean> {
    // Work that comes while the system kills the process (an idle termination under way when
    // the user taps) runs in a fresh one, not in the process about to die.
    if (this.host.terminating) await new Promise((resolve) => this.host.once('exit', resolve));
    if (this.host.alive) {
      this.host.resume();
      return true;
    }
    return this.launch(reason);
  }

  /** Launches the extension; resolves true once the widget module is loaded and ready. */
  async launch(reason: LaunchReason): Promise<boolean> {
    this.cancelIdleTermination();
    await this.exitHandled;
    const proc = this.host.spawn();
    const started = new Promise<StartOutcome>((resolve) => {
      this.startWaiter = resolve;
    });
    const onExit = (): void => this.startWaiter?.('exited');
    this.host.once('exit', onExit);
    try {
      await this.recorder.systemEvent({ event: 'extensionLaunch', detail: { reason } });
      if (this.host.process !== proc) return false;
      const pid = proc.pid;
      const onSpawn = this.options.debug?.onExtensionSpawn;
      const child = proc.child;
      if (onSpawn && pid !== null && child) await this.work.busy(() => onSpawn({ pid, launch: proc.launch, child }));
      if (this.host.process !== proc) return false;
      this.host.send({
        type: 'start',
        widgetFile: this.options.program,
        bundle: this.options.program,
        launch: proc.launch,
        reason,
        now: this.clock.now(),
        clock: this.clock.mode,
        nextTaskId: this.needs.nextTaskId(),
        containerDir: this.dirs.container,
        defaultsDir: this.dirs.defaults,
        families: this.needs.families(),
        memoryReportMs: MEMORY_REPORT_MS,
        memoryLimit: memoryLimitBytes(this.options),
        ...(this.options.kind !== undefined ? { kind: this.options.kind } : {}),
        randomSeed: this.needs.randomSeed(proc.launch),
        env: launchEnvironment(this.options.env ?? {}),
      });
      const outcome = await this.work.busy(() => this.withLoadLimit(started));
      if (outcome === 'timeLimit') {
        // A module that never finishes loading failed to load; relaunching would hang again.
        this.failure = { message: `${this.options.program} did not finish loading within the background time limit.` };
        this.needs.loadFailed();
        await this.recorder.raise({ code: 'time-limit', subject: `Loading ${this.options.program}` });
        await this.terminate('timeLimit');
        return false;
      }
      return outcome === 'ready' && this.host.process === proc;
    } finally {
      this.startWaiter = undefined;
      this.host.off('exit', onExit);
    }
  }

  /**
   * Loading the module counts against the background time limit too (top-level code that never
   * finishes); not while a debugger is attached, which may hold the module at a breakpoint.
   */
  private withLoadLimit(started: Promise<StartOutcome>): Promise<StartOutcome | 'timeLimit'> {
    if (this.options.debug) return started;
    const limit = backgroundTimeLimit(this.options);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'timeLimit'>((resolve) => {
      timer = setTimeout(() => resolve('timeLimit'), limit);
    });
    return Promise.race([started, expired]).finally(() => clearTimeout(timer));
  }

  /** The process said `ready`: the widget module loaded. */
  ready(message: Ready): void {
    this.host.ready(message.widget);
    this.widgetPreviews = message.previews;
    this.failure = null;
    this.startWaiter?.('ready');
  }

  /** The process said `loadFailed`: reported at the module's line, and the process ends. */
  async loadFailed(error: LoadError): Promise<void> {
    this.failure = { message: error.message, ...(error.location ? { location: error.location } : {}) };
    await this.recorder.raise({ code: 'load-failed', subject: error.message, location: error.location });
    this.startWaiter?.('loadFailed');
    this.needs.loadFailed();
    await this.terminate('crash');
  }

  /** Carries out a termination the plan asked for (or the user, through the API). */
  terminateAs(mode: TerminationMode): Promise<void> {
    return this.terminate(mode === 'forceQuit' ? 'forceQuit' : 'forced');
  }

  /** Terminates the extension (SIGKILL); force quit also cancels every background transfer. */
  async terminate(reason: TerminationReason): Promise<void> {
    if (reason === 'forceQuit') this.automaticRelaunch = false;
    const wasRunning = this.host.alive;
    // Nothing runs (e.g. a rule on extensionTerminate itself): there is no exit to wait for.
    if (wasRunning) {
      await this.work.busy(async () => {
        await this.host.terminate(reason);
        await this.exitHandled;
      });
    }
    if (reason !== 'forceQuit') return;
    // A force quit with no process running still happens (the user removes the app from the
    // switcher): the trace says so, since it cancels what the session had pending.
    // (A process that ran has its one record from its exit already.)
    if (!wasRunning) await this.recorder.event({ event: 'extensionTerminate', detail: { reason: 'forceQuit', running: false } }, null);
    // Apple: "If the user force-quits your app, the system cancels all of the session's
    // background transfers ... and doesn't automatically relaunch your app."
    await this.needs.forceQuit();
  }

  /** The system ends: the process is terminated for `reason` and its exit recorded. */
  async end(reason: TerminationReason): Promise<void> {
    if (this.host.alive) await this.terminate(reason);
    await this.exitHandled;
  }

  /** The handling of an exit (see WidgetSystem): a relaunch waits until it is done. */
  exitHandling(handling: Promise<void>): void {
    this.exitHandled = handling;
  }

  /** Writes `extensionTerminate` for an exit (after the process is gone: its pid is given). */
  async recordExit(exit: ExtensionExit): Promise<void> {
    this.cancelIdleTermination();
    const detail: { [key: string]: string | number } = { reason: exit.reason };
    if (exit.reason === 'crash') {
      if (exit.code !== null) detail.exitCode = exit.code;
      if (exit.signal !== null) detail.signal = exit.signal;
    }
    await this.recorder.systemEvent({ event: 'extensionTerminate', detail }, exit.pid);
  }

  /**
   * Apple suspends an extension with nothing to do and terminates it later at its discretion:
   * suspended now, terminated (reason idle) after the idle time unless `stillIdle()` says it
   * got work meanwhile. Resolves to whether it was suspended just now.
   */
  suspendWhenIdle(stillIdle: () => boolean): boolean {
    let suspended = false;
    if (this.host.state === 'running') {
      this.host.suspend();
      suspended = this.host.suspended;
    }
    if (this.cancelIdle) return suspended;
    this.cancelIdle = this.clock.schedule(
      this.clock.now() + (this.options.idleTerminationMs ?? IDLE_TERMINATION_MS),
      async () => {
        this.cancelIdle = undefined;
        if (this.host.alive && stillIdle() && this.host.state === 'suspended') {
          await this.terminate('idle');
          this.jobs.pump();
        }
      },
      'idle termination',
    );
    this.signals.stateChanged();
    return suspended;
  }

  cancelIdleTermination(): void {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
  }
}
