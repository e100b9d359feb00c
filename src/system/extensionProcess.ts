// One widget extension process: a forked Node child running dist/kit/widgetkit.js with an IPC
// channel. This file knows how to start it, talk to it (every arriving message is validated
// with parseToSystem), forward its output and kill it with SIGKILL, which is how the system
// terminates an extension: module globals, the session cache and stored completion handlers
// are gone, exactly as on a device. A process may be forked ahead of need as a spare (see
// ExtensionProcessPool): until `adopt` it keeps nobody alive and holds back what it says, so
// it is nobody's launch yet. Lifecycle decisions live in ExtensionHost.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { parseToSystem, type ToExtension, type ToSystem } from '../protocol/ipc';
import type { SourceLocation } from '../protocol/lifecycle';
import { heapCapMb, heapOutOfMemoryIn, type OutOfMemory } from '../protocol/memory';
import { INSPECTOR_LINES, INSPECT_PORT_FLAG, inspectorAddress, locateBusyCode, openInspector } from './busyCodeProbe';
import type { ExtensionChannel } from './extensionChannel';
import { forkEnvironment } from './extensionEnvironment';
import { watchResident } from './residentWatch';
import { transpileCacheDirectory } from './sessionDirectories';

export interface ExtensionProcessOptions {
  execArgv: string[];
  cwd: string;
  env: Record<string, string>;
  runtimeExecutable?: string;
  /**
   * Lets the system watch the process from outside: find where its busy code runs through its
   * inspector (busyCodeProbe.ts) and guard its resident memory (residentWatch.ts). Off while
   * debugging: the debugger owns the inspector, and a paused process allocates nothing.
   */
  watched?: boolean;
}

/** Wall time an aborted process's stderr gets to end before its exit is reported (V8's out-of-memory message). */
const ABORT_OUTPUT_MS = 1000;

/** Wall time the inspector gets to open and answer before the process is stopped without a location. */
const BUSY_PROBE_ANSWER_MS = 2000;

export interface ExtensionOutput {
  category: 'stdout' | 'stderr';
  text: string;
  pid: number | null;
}

/** Finds dist/kit/widgetkit.js beside the running bundle, or under WIDGET_TIMELINES_ROOT (tests). */
export function locateKit(): string {
  const candidates: string[] = [];
  if (process.env.WIDGET_TIMELINES_KIT) candidates.push(process.env.WIDGET_TIMELINES_KIT);
  if (process.env.WIDGET_TIMELINES_ROOT) candidates.push(join(process.env.WIDGET_TIMELINES_ROOT, 'dist', 'kit', 'widgetkit.js'));
  for (let dir = __dirname; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'kit', 'widgetkit.js'), join(dir, 'dist', 'kit', 'widgetkit.js'));
    if (dirname(dir) === dir) break;
  }
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error('dist/kit/widgetkit.js not found: run `npm run build` first.');
  return found;
}

/**
 * The Node flags of every widget process for a memory limit of `limitBytes`: its V8 heap capped
 * from the limit, so that a runaway allocation aborts as out of memory, reported as the memory
 * limit, instead of taking the machine's memory.
 */
export function memoryFlags(limitBytes: number): string[] {
  return [`--max-old-space-size=${heapCapMb(limitBytes)}`];
}

/** The Node flags the kit is forked with. */
export function kitExecArgv(options: Pick<ExtensionProcessOptions, 'execArgv' | 'watched'>): string[] {
  return ['--enable-source-maps', ...(options.watched ? [INSPECT_PORT_FLAG] : []), ...options.execArgv];
}

/**
 * The environment the kit is forked with: the part of the extension's needed at the fork (the
 * rest comes with `start`), and where the kit keeps its transpile cache (which the kit takes out
 * of process.env before any user code runs).
 */
function kitEnvironment(extra: Record<string, string>): Record<string, string> {
  const env = forkEnvironment(extra);
  const transpileCache = transpileCacheDirectory();
  if (transpileCache) env.WIDGETKIT_TRANSPILE_CACHE = transpileCache;
  return env;
}

/**
 * Events: 'message' (ToSystem), 'protocolError' (Error), 'output' (ExtensionOutput),
 * 'exit' ({ code, signal, outOfMemory? }): `outOfMemory` when the process was aborted out of
 * memory: by V8, its heap exhausted (its line on stderr), or by the system's off-heap guard.
 */
export class ExtensionProcess extends EventEmitter implements ExtensionChannel {
  readonly child: ChildProcess;
  /** The launch this process serves; 0 until it is adopted. */
  launch = 0;
  private exitedFlag = false;
  /** Events of a process nobody adopted yet, replayed in order by `adopt`. */
  private held: [string, unknown][] | null = [];
  /** The end of what the process wrote on stderr (where V8 says it ran out of memory). */
  private stderrTail = '';
  private outOfMemory: OutOfMemory | undefined;
  /** Forked to be watched from outside (ExtensionProcessOptions.watched). */
  private readonly watched: boolean;
  /** Set while the system opens the inspector: takes its address from stderr. */
  private inspectorOpened: ((address: string) => void) | undefined;
  private stopResidentWatch: (() => void) | undefined;

  /** Forks the kit; nothing is emitted until `adopt`. A `spare` keeps nobody's event loop alive. */
  constructor(kitPath: string, options: ExtensionProcessOptions, spare = false) {
    super();
    this.child = fork(kitPath, [], {
      execPath: options.runtimeExecutable ?? process.execPath,
      execArgv: kitExecArgv(options),
      cwd: options.cwd,
      env: kitEnvironment(options.env),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.watched = options.watched === true;
    if (spare) this.setReferenced(false);
    this.child.stdout?.setEncoding('utf8').on('data', (text: string) => this.output('stdout', text));
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-4096);
      if (!this.outOfMemory && heapOutOfMemoryIn(this.stderrTail)) this.outOfMemory = 'heap';
      if (this.inspectorOpened) {
        const address = inspectorAddress(this.stderrTail);
        if (address) this.inspectorOpened(address);
        text = text.replace(INSPECTOR_LINES, '');
        if (!text) return;
      }
      this.output('stderr', text);
    });
    this.child.on('message', (raw: unknown) => {
      let message: ToSystem;
      try {
        message = parseToSystem(raw);
      } catch (error) {
        this.emit('protocolError', error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.emit('message', message);
    });
    this.child.on('error', (error) => {
      this.emit('protocolError', error);
      // A process that could not be spawned at all (e.g. a wrong runtimeExecutable) never exits.
      if (this.child.pid === undefined && !this.exitedFlag) {
        this.exitedFlag = true;
        this.emit('exit', { code: null, signal: null });
      }
    });
    this.child.on('exit', (code, signal) => {
      this.exitedFlag = true;
      this.stopResidentWatch?.();
      const exited = (): boolean => this.emit('exit', { code, signal, ...(this.outOfMemory ? { outOfMemory: this.outOfMemory } : {}) });
      // An abort (V8's out-of-memory handler aborts): its fatal error may still be in the pipe.
      const stderr = this.child.stderr;
      if ((signal === 'SIGABRT' || code === 134) && stderr && !stderr.readableEnded && !this.outOfMemory) {
        let reported = false;
        const done = (): void => {
          if (reported) return;
          reported = true;
          clearTimeout(timer);
          exited();
        };
        const timer = setTimeout(done, ABORT_OUTPUT_MS);
        stderr.once('end', done);
        stderr.once('close', done);
      } else {
        exited();
      }
    });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /** Becomes `launch`'s process: keeps this program alive again and replays what it held back. */
  adopt(launch: number): void {
    this.launch = launch;
    this.setReferenced(true);
    const held = this.held ?? [];
    this.held = null;
    for (const [event, value] of held) super.emit(event, value);
  }

  /** True while forked and connected, never adopted: a spare that can still serve a launch. */
  get available(): boolean {
    return this.held !== null && !this.exitedFlag && this.child.connected;
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (this.held && typeof event === 'string') {
      this.held.push([event, args[0]]);
      return true;
    }
    return super.emit(event, ...args);
  }

  /** A spare must not keep the CLI or a test process running: its process, channel and pipes. */
  private setReferenced(referenced: boolean): void {
    // With stdio 'pipe' the child's stdout and stderr are sockets (typed as plain Readables).
    const pipes = [this.child.stdout, this.child.stderr] as (Socket | null)[];
    const handles: ({ ref(): unknown; unref(): unknown } | null | undefined)[] = [this.child, this.child.channel, ...pipes];
    for (const handle of handles) {
      if (referenced) handle?.ref();
      else handle?.unref();
    }
  }

  get exited(): boolean {
    return this.exitedFlag;
  }

  /** Messages sent to this process so far (its `quiescent` reports count them back). */
  sent = 0;

  send(message: ToExtension): void {
    if (this.exitedFlag || !this.child.connected) return;
    this.sent += 1;
    this.child.send(message, (error) => {
      if (error && !this.exitedFlag) this.emit('protocolError', error);
    });
  }

  /**
   * Where the user's code runs while this process's event loop is held: the system opens its
   * inspector, pauses it and asks the kit (busyCodeProbe.ts). Undefined for a process that is
   * not watched, when no user frame runs, or when no answer came in time.
   */
  locateBusyCode(): Promise<SourceLocation | undefined> {
    const pid = this.pid;
    if (!this.watched || this.exitedFlag || pid === null) return Promise.resolve(undefined);
    // A process that ends first has no inspector to open: the probe ends at once, as it did.
    const address = new Promise<string>((resolve, reject) => {
      this.inspectorOpened = resolve;
      this.child.once('exit', () => reject(new Error('the process ended')));
    });
    openInspector(pid);
    return locateBusyCode(address, BUSY_PROBE_ANSWER_MS);
  }

  /**
   * Stops the process as out of memory (off-heap) should its resident size pass `ceilingBytes`:
   * its main thread may never return to report what it holds (residentWatch.ts).
   */
  guardResident(ceilingBytes: number): void {
    const pid = this.pid;
    if (!this.watched || this.exitedFlag || pid === null) return;
    this.stopResidentWatch?.();
    this.stopResidentWatch = watchResident(pid, ceilingBytes, () => {
      this.outOfMemory ??= 'offHeap';
      void this.kill();
    });
  }

  /** True from the moment the system decided to kill this process. */
  killed = false;

  /** SIGKILL: the handler in progress never finishes. Resolves when the process is gone. */
  kill(): Promise<void> {
    this.killed = true;
    if (this.exitedFlag) return Promise.resolve();
    return new Promise((resolve) => {
      // The child's own event: a spare nobody adopted holds back its 'exit' emission.
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }

  private output(category: 'stdout' | 'stderr', text: string): void {
    this.emit('output', { category, text, pid: this.pid } satisfies ExtensionOutput);
  }
}
