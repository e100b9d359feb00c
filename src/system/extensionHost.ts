// The system's side of the widget extension: which process runs (at most one), its state
// (notRunning, launching, running, suspended), the calls in flight to it (by call id), the
// sessions live in it, and the two resource limits Apple enforces on widget extensions:
// memory (about 30 MB) and background running time (about 30 s). Terminating means SIGKILL
// of the process; the reason is remembered so the exit can be reported with it, and an exit
// nobody asked for is a crash, unless V8 aborted the process because its heap (capped from
// the memory limit, src/protocol/memory.ts) was exhausted: that is the memory limit too.
import { EventEmitter } from 'node:events';
import type { ToExtension, ToSystem } from '../protocol/ipc';
import type { ExtensionState, TerminationReason, WidgetDescription } from '../protocol/lifecycle';
import { attributableMemory, megabytes, OFF_HEAP_HEADROOM, type MemoryUsage, type OutOfMemory } from '../protocol/memory';
import type { ExtensionChannel, ExtensionFactory } from './extensionChannel';
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
  /** The process was aborted out of memory (reason `memory`, nobody killed it): which memory. */
  outOfMemory?: OutOfMemory;
}

export interface LimitExceeded {
  reason: 'memory' | 'timeLimit';
  /** The process that exceeded it (a limit of a process already gone is moot). */
  process: ExtensionChannel;
  /** What exceeded the limit, worded for the finding. */
  subject: string;
  /** The process's event loop stayed held for the busy limit (see ExtensionHostOptions.busyLimitMs). */
  busy?: boolean;
}

export interface ExtensionHostOptions {
  kitPath: string;
  memoryLimitBytes: number;
  /**
   * Wall time a running process may stay silent before it counts as keeping the CPU busy (its
   * event loop held: not even its memory reports arrive); 0 disables it (a debugger may hold
   * the process at a breakpoint). DESIGN.md section 9: the one wall-clock rule of a run.
   */
  busyLimitMs: number;
  /**
   * Judge the memory limit only at the process's checkpoints (answers, idle reports), where
   * every run of the same inputs is in the same state: a simulated run stays reproducible.
   * Otherwise every report counts (live mode: a device samples memory in real time).
   */
  memoryAtCheckpoints: boolean;
  spawnOptions: (launch: number) => ExtensionProcessOptions;
  /** Where launches take a prewarmed process; absent when each launch needs its own fork (debugging). */
  pool?: ExtensionProcessPool;
  /** Makes each launch's process instead of forking the kit (tests of the system's rules). */
  extension?: ExtensionFactory;
}

interface PendingCall {
  label: string;
  resolve: (message: ToSystem) => void;
  reject: (error: Error) => void;
}

/**
 * Events: 'message' (ToSystem, from the current process), 'output', 'protocolError',
 * 'exit' (ExtensionExit), 'limit' (LimitExceeded), 'acknowledged' (the process reported it handled
 * its messages, idle or busy: whoever waits for the system to settle looks again).
 */
export class ExtensionHost extends EventEmitter {
  private current: ExtensionChannel | null = null;
  private lifecycleState: ExtensionState = 'notRunning';
  private launchCount = 0;
  private description: WidgetDescription | null = null;
  /** Background sessions the current process created and has not invalidated. */
  private readonly liveSessions = new Set<string>();
  private readonly calls = new Map<number, PendingCall>();
  private nextCall = 1;
  private killReason: TerminationReason | undefined;
  /** What the current process held once loaded, before any provider call (its `ready`). */
  private memoryBaseline: MemoryUsage | undefined;
  private quiescentAfter = -1;
  private reportedNextTimer: number | undefined;
  /** Wall time the current process last said anything (its memory reports come every 200 ms). */
  private lastHeard = 0;
  private busyWatch: NodeJS.Timeout | undefined;

  constructor(private readonly options: ExtensionHostOptions) {
    super();
  }

  /** The process of the current launch, if one runs. */
  get process(): ExtensionChannel | null {
    return this.current;
  }

  get state(): ExtensionState {
    return this.lifecycleState;
  }

  /** Launches so far (the current one's number while a process runs). */
  get launches(): number {
    return this.launchCount;
  }

  /** What the loaded widget module describes itself as (from its `ready`). */
  get widget(): WidgetDescription | null {
    return this.description;
  }

  /** The widget module loaded: the process runs. */
  ready(widget: WidgetDescription): void {
    this.description = widget;
    this.lifecycleState = 'running';
  }

  /** A background session with `identifier` lives in the current process. */
  hasSession(identifier: string): boolean {
    return this.liveSessions.has(identifier);
  }

  sessions(): ReadonlySet<string> {
    return this.liveSessions;
  }

  sessionCreated(identifier: string): void {
    this.liveSessions.add(identifier);
  }

  sessionInvalidated(identifier: string): void {
    this.liveSessions.delete(identifier);
  }

  get pid(): number | null {
    return this.current?.pid ?? null;
  }

  get alive(): boolean {
    return this.current !== null;
  }

  /** The system is killing the current process (its exit is still to come). */
  get terminating(): boolean {
    return this.current !== null && this.killReason !== undefined;
  }

  /**
   * True while the process has reported that it handled every message sent to it and nothing is
   * pending in it: it will not speak again until the system does (DESIGN.md section 9).
   */
  get idle(): boolean {
    return this.current !== null && this.current.sent === this.quiescentAfter;
  }

  /**
   * Simulated mode: the virtual moment of the widget's next timer, while the process is idle and
   * running (a suspended extension's timers do not run).
   */
  get nextTimer(): number | undefined {
    return this.idle && !this.suspended ? this.reportedNextTimer : undefined;
  }

  /**
   * Whether a message from `proc` may still act. Once the system has decided to kill a process,
   * whatever it sent and the system has not yet handled counts as never sent: the process died
   * before it reached the system (a task it resumed never starts, a session it created is not
   * live in the next process, a delegate it returned from is delivered again).
   */
  speaksFor(proc: ExtensionChannel): boolean {
    return !proc.killed;
  }

  /** Calls still waiting for their answer. */
  get inFlight(): number {
    return this.calls.size;
  }

  /** Forks a new extension process (the caller records extensionLaunch and sends `start`). */
  spawn(): ExtensionChannel {
    if (this.current) throw new Error('an extension process is already running');
    this.launchCount += 1;
    this.killReason = undefined;
    this.memoryBaseline = undefined;
    this.quiescentAfter = -1;
    this.reportedNextTimer = undefined;
    const proc = this.options.extension?.(this.launchCount) ?? this.fork();
    this.current = proc;
    this.lifecycleState = 'launching';
    proc.on('message', (message: ToSystem) => {
      if (this.current !== proc) return;
      this.heard();
      if (message.type === 'ready' && message.memoryBaseline) {
        this.memoryBaseline = message.memoryBaseline;
        proc.guardResident(message.memoryBaseline.rss + this.options.memoryLimitBytes + OFF_HEAP_HEADROOM);
      }
      if (message.type === 'quiescent') {
        this.quiescentAfter = message.received;
        this.reportedNextTimer = message.nextTimer;
        this.emit('acknowledged');
      } else if (message.type === 'busy') {
        this.emit('acknowledged');
      } else if (message.type === 'memory') {
        // Looked at on arrival, ahead of the messages queued behind it: a process over the limit
        // is stopped before an answer it sent after the report counts.
        if (message.checkpoint || !this.options.memoryAtCheckpoints) this.checkMemory(proc, message);
      } else {
        this.emit('message', message, proc);
      }
    });
    proc.on('output', (output) => this.emit('output', output));
    proc.on('protocolError', (error: Error) => this.emit('protocolError', error));
    proc.once('exit', ({ code, signal, outOfMemory }: { code: number | null; signal: string | null; outOfMemory?: OutOfMemory }) => {
      // Let messages already in the channel arrive before the exit is handled.
      setImmediate(() => this.handleExit(proc, code, signal, outOfMemory));
    });
    proc.adopt(this.launchCount);
    return proc;
  }

  /** A forked kit: a prewarmed spare when the pool has one. */
  private fork(): ExtensionProcess {
    const spawnOptions = this.options.spawnOptions(this.launchCount);
    return this.options.pool?.take(this.options.kitPath, spawnOptions) ?? new ExtensionProcess(this.options.kitPath, spawnOptions);
  }

  /** Sends a message that expects an answer carrying the same id; the id is filled in by `build`. */
  call(label: string, build: (id: number) => ToExtension): Promise<ToSystem> {
    const proc = this.current;
    if (!proc) return Promise.reject(new ExtensionGone(this.killReason ?? 'crash'));
    const id = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { label, resolve, reject });
      this.lifecycleState = 'running';
      proc.send(build(id));
    });
  }

  /** Resolves the call an answer belongs to; false when no call waits for it. */
  answer(id: number, message: ToSystem): boolean {
    const pending = this.calls.get(id);
    if (!pending) return false;
    this.calls.delete(id);
    pending.resolve(message);
    return true;
  }

  send(message: ToExtension): void {
    this.current?.send(message);
    // From `start` on the process reports its memory every 200 ms: silence means a held loop.
    if (message.type === 'start') this.heard();
  }


  /** The label of the oldest call in flight (what a process that stopped answering was doing). */
  private oldestCall(): string | undefined {
    for (const call of this.calls.values()) return call.label;
    return undefined;
  }

  /**
   * The busy watch: a process that says nothing for busyLimitMs of wall time has its event loop
   * held by code that keeps the CPU busy. A silence that looks long enough is looked at again
   * after the poll phase, so that messages already waiting in the channel count first.
   */
  private heard(): void {
    this.lastHeard = Date.now();
    if (this.options.busyLimitMs > 0 && !this.busyWatch && this.current) this.watchBusy(this.current, this.options.busyLimitMs);
  }

  private watchBusy(proc: ExtensionChannel, limit: number): void {
    const watching = (): boolean => this.current === proc && !proc.killed;
    const look = (verdict: boolean): void => {
      this.busyWatch = undefined;
      if (!watching()) return;
      const silent = Date.now() - this.lastHeard;
      if (silent < limit || this.lifecycleState === 'launching') {
        this.busyWatch = setTimeout(() => look(false), Math.max(1, limit - silent));
        this.busyWatch.unref();
      } else if (!verdict) {
        // Still watching: heard() must not start a second watch meanwhile.
        this.busyWatch = setTimeout(() => look(true), 0);
        this.busyWatch.unref();
      } else {
        this.emit('limit', { reason: 'timeLimit', process: proc, subject: this.oldestCall() ?? 'The extension', busy: true } satisfies LimitExceeded);
      }
    };
    this.busyWatch = setTimeout(() => look(false), limit);
    this.busyWatch.unref();
  }

  /** Nothing left to do: Apple suspends an extension that finished its work. */
  suspend(): void {
    if (this.current && this.calls.size === 0 && this.lifecycleState === 'running') this.lifecycleState = 'suspended';
  }

  resume(): void {
    if (this.current && this.lifecycleState === 'suspended') this.lifecycleState = 'running';
  }

  get suspended(): boolean {
    return this.lifecycleState === 'suspended';
  }

  /** SIGKILL with a reason; resolves once the exit was handled. */
  async terminate(reason: TerminationReason): Promise<void> {
    const proc = this.current;
    if (!proc) return;
    this.killReason ??= reason;
    await new Promise<void>((resolve) => {
      this.once('exit', () => resolve());
      void proc.kill();
    });
  }

  /**
   * Memory attributable to the widget: what the process holds over its baseline (measured once
   * the runtime and the widget module were loaded, before any provider call): heap growth plus
   * external memory, array buffers included (src/protocol/memory.ts). Reports before `ready`
   * (the module still loading) have nothing to be measured against; a load that exhausts the
   * heap ends as an out-of-memory abort, reported with reason `memory` all the same.
   */
  private checkMemory(proc: ExtensionChannel, report: MemoryUsage): void {
    if (!this.memoryBaseline) return;
    const attributable = attributableMemory(report, this.memoryBaseline);
    if (attributable > this.options.memoryLimitBytes) {
      this.emit('limit', {
        reason: 'memory',
        process: proc,
        subject: `${megabytes(attributable)} (limit ${megabytes(this.options.memoryLimitBytes, false)})`,
      } satisfies LimitExceeded);
    }
  }

  private handleExit(proc: ExtensionChannel, code: number | null, signal: string | null, outOfMemory: OutOfMemory | undefined): void {
    if (this.current !== proc) return;
    // Killed by the system: its reason. Otherwise an end out of memory (V8's exhausted heap,
    // the off-heap guard of residentWatch.ts) is the memory limit (the system would have
    // terminated the process for it), anything else a crash.
    const exhausted = this.killReason === undefined ? outOfMemory : undefined;
    const reason = this.killReason ?? (exhausted ? 'memory' : 'crash');
    this.current = null;
    this.lifecycleState = 'notRunning';
    this.liveSessions.clear();
    const calls = [...this.calls.values()];
    this.calls.clear();
    if (this.busyWatch) clearTimeout(this.busyWatch);
    this.busyWatch = undefined;
    for (const pending of calls) pending.reject(new ExtensionGone(reason));
    this.emit('exit', { pid: proc.pid, launch: proc.launch, reason, code, signal, ...(exhausted ? { outOfMemory: exhausted } : {}) } satisfies ExtensionExit);
  }
}
