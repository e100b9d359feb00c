// The system's side of the widget extension: which process runs (at most one), its state
// (notRunning, launching, running, suspended), the calls in flight to it (by call id), the
// sessions live in it, and the two resource limits Apple enforces on widget extensions:
// memory (about 30 MB) and background running time (about 30 s). Terminating means SIGKILL
// of the process; the reason is remembered so the exit can be reported with it, and an exit
// nobody asked for is a crash.
import { EventEmitter } from 'node:events';
import type { ToExtension, ToSystem } from '../protocol/ipc';
import type { ExtensionState, TerminationReason, WidgetDescription } from '../protocol/lifecycle';
import { ExtensionProcess, type ExtensionProcessOptions } from './extensionProcess';
import type { ExtensionProcessPool } from './extensionProcessPool';

/** A call whose process died before it answered. */
export class ExtensionGone extends Error {
  constructor(readonly reason: TerminationReason) {
    super(`the widget extension was terminated (${reason})`);
    this.name = 'ExtensionGone';
  }
}

export interface ExtensionExit {
  pid: number | null;
  launch: number;
  reason: TerminationReason;
  code: number | null;
  signal: string | null;
}

export interface LimitExceeded {
  reason: 'memory' | 'timeLimit';
  /** What exceeded the limit, worded for the finding. */
  subject: string;
}

export interface ExtensionHostOptions {
  kitPath: string;
  memoryLimitBytes: number;
  /** Wall-clock limit for one call; 0 disables it (a debugger may hold the process at a breakpoint). */
  callWallLimitMs: number;
  spawnOptions: (launch: number) => ExtensionProcessOptions;
  /** Where launches take a prewarmed process; absent when each launch needs its own fork (debugging). */
  pool?: ExtensionProcessPool;
}

interface PendingCall {
  label: string;
  resolve: (message: ToSystem) => void;
  reject: (error: Error) => void;
  wallTimer?: NodeJS.Timeout;
}

/** A process that has not acknowledged a message for this long (wall) is not waited for. */
const UNANSWERED_MS = 2000;

/**
 * Events: 'message' (ToSystem, from the current process), 'output', 'protocolError',
 * 'exit' (ExtensionExit), 'limit' (LimitExceeded), 'acknowledged' (the process reported it handled
 * its messages, quiescent or busy: whoever waits for the system to settle looks again).
 */
export class ExtensionHost extends EventEmitter {
  process: ExtensionProcess | null = null;
  state: ExtensionState = 'notRunning';
  launches = 0;
  widget: WidgetDescription | null = null;
  readonly liveSessions = new Set<string>();
  private readonly calls = new Map<number, PendingCall>();
  private nextCall = 1;
  private killReason: TerminationReason | undefined;
  private memoryBaseline: number | undefined;
  private quiescentAfter = -1;
  private handledAfter = -1;

  constructor(private readonly options: ExtensionHostOptions) {
    super();
  }

  get pid(): number | null {
    return this.process?.pid ?? null;
  }

  get alive(): boolean {
    return this.process !== null;
  }

  /**
   * True while the process has reported that it handled every message sent to it and has no
   * work of the user's pending: it will not speak again until the system does.
   */
  get quiescent(): boolean {
    return this.process !== null && this.process.sent === this.quiescentAfter;
  }

  /**
   * Whether a message from `proc` may still act. Once the system has decided to kill a process,
   * whatever it sent and the system has not yet handled counts as never sent: the process died
   * before it reached the system (a task it resumed never starts, a session it created is not
   * live in the next process, a delegate it returned from is delivered again).
   */
  speaksFor(proc: ExtensionProcess): boolean {
    return !proc.killed;
  }

  /**
   * Whether the process has handled every message sent to it (it said `quiescent` or `busy`
   * for the latest), or has not answered for so long that waiting for it would hang the run.
   * Until then, its silence means it is still reading, not that it is done.
   */
  get caughtUp(): boolean {
    const proc = this.process;
    if (!proc) return true;
    if (proc.sent <= this.handledAfter) return true;
    return proc.lastSentAt !== undefined && Date.now() - proc.lastSentAt > UNANSWERED_MS;
  }

  /** Calls still waiting for their answer. */
  get inFlight(): number {
    return this.calls.size;
  }

  /** Forks a new extension process (the caller records extensionLaunch and sends `start`). */
  spawn(): ExtensionProcess {
    if (this.process) throw new Error('an extension process is already running');
    this.launches += 1;
    this.killReason = undefined;
    this.memoryBaseline = undefined;
    this.quiescentAfter = -1;
    this.handledAfter = -1;
    const spawnOptions = this.options.spawnOptions(this.launches);
    const proc = this.options.pool?.take(this.options.kitPath, spawnOptions) ?? new ExtensionProcess(this.options.kitPath, spawnOptions);
    this.process = proc;
    this.state = 'launching';
    proc.on('message', (message: ToSystem) => {
      if (this.process !== proc) return;
      if (message.type === 'quiescent') {
        this.quiescentAfter = message.received;
        this.handledAfter = Math.max(this.handledAfter, message.received);
        this.emit('acknowledged');
      } else if (message.type === 'busy') {
        this.handledAfter = Math.max(this.handledAfter, message.received);
        this.emit('acknowledged');
      } else {
        this.emit('message', message, proc);
      }
    });
    proc.on('output', (output) => this.emit('output', output));
    proc.on('protocolError', (error: Error) => this.emit('protocolError', error));
    proc.once('exit', ({ code, signal }: { code: number | null; signal: string | null }) => {
      // Let messages already in the channel arrive before the exit is handled.
      setImmediate(() => this.handleExit(proc, code, signal));
    });
    proc.adopt(this.launches);
    return proc;
  }

  /** Sends a message that expects an answer carrying the same id; the id is filled in by `build`. */
  call(label: string, build: (id: number) => ToExtension): Promise<ToSystem> {
    const proc = this.process;
    if (!proc) return Promise.reject(new ExtensionGone(this.killReason ?? 'crash'));
    const id = this.nextCall++;
    return new Promise((resolve, reject) => {
      const pending: PendingCall = { label, resolve, reject };
      if (this.options.callWallLimitMs > 0) {
        pending.wallTimer = setTimeout(() => {
          this.emit('limit', { reason: 'timeLimit', subject: label } satisfies LimitExceeded);
        }, this.options.callWallLimitMs);
      }
      this.calls.set(id, pending);
      this.state = 'running';
      proc.send(build(id));
    });
  }

  /** Resolves the call an answer belongs to; false when no call waits for it. */
  answer(id: number, message: ToSystem): boolean {
    const pending = this.calls.get(id);
    if (!pending) return false;
    this.calls.delete(id);
    if (pending.wallTimer) clearTimeout(pending.wallTimer);
    pending.resolve(message);
    return true;
  }

  send(message: ToExtension): void {
    this.process?.send(message);
  }

  /** Nothing left to do: Apple suspends an extension that finished its work. */
  suspend(): void {
    if (this.process && this.calls.size === 0 && this.state === 'running') this.state = 'suspended';
  }

  resume(): void {
    if (this.process && this.state === 'suspended') this.state = 'running';
  }

  /** SIGKILL with a reason; resolves once the exit was handled. */
  async terminate(reason: TerminationReason): Promise<void> {
    const proc = this.process;
    if (!proc) return;
    this.killReason ??= reason;
    await new Promise<void>((resolve) => {
      this.once('exit', () => resolve());
      void proc.kill();
    });
  }

  /**
   * Memory attributable to the widget: heap growth over the smallest heap seen since load
   * (the runtime's own baseline) plus array buffers.
   */
  checkMemory(report: { heapUsed: number; arrayBuffers: number }): void {
    if (this.memoryBaseline === undefined || report.heapUsed < this.memoryBaseline) this.memoryBaseline = report.heapUsed;
    const attributable = report.heapUsed - this.memoryBaseline + report.arrayBuffers;
    if (attributable > this.options.memoryLimitBytes) {
      const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
      this.emit('limit', {
        reason: 'memory',
        subject: `${mb(attributable)} (limit ${mb(this.options.memoryLimitBytes)})`,
      } satisfies LimitExceeded);
    }
  }

  private handleExit(proc: ExtensionProcess, code: number | null, signal: string | null): void {
    if (this.process !== proc) return;
    const reason = this.killReason ?? 'crash';
    this.process = null;
    this.state = 'notRunning';
    this.liveSessions.clear();
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const pending of calls) {
      if (pending.wallTimer) clearTimeout(pending.wallTimer);
      pending.reject(new ExtensionGone(reason));
    }
    this.emit('exit', { pid: proc.pid, launch: proc.launch, reason, code, signal } satisfies ExtensionExit);
  }
}
