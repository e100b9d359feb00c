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
import { heapCapMb, outOfMemoryIn, type OutOfMemory } from '../protocol/memory';
import type { ExtensionChannel } from './extensionChannel';
import { transpileCacheDirectory } from './sessionDirectories';

export interface ExtensionProcessOptions {
  execArgv: string[];
  cwd: string;
  env: Record<string, string>;
  runtimeExecutable?: string;
  /** Gives the process the busy probe's pipe (see src/kit/busyProbe.ts); off while debugging. */
  busyProbe?: boolean;
}

/** The fd of the busy probe's pipe in the extension process (after stdin, stdout, stderr and IPC). */
const BUSY_PROBE_FD = 4;
/** Wall time an aborted process's stderr gets to end before its exit is reported (V8's out-of-memory message). */
const ABORT_OUTPUT_MS = 1000;

/** Wall time the probe gets to answer before the process is stopped without a location. */
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

/** The environment the extension gets: only what Node needs, plus the user's `env`. */
export function minimalEnvironment(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * The environment the kit is forked with: the extension's, and where the kit keeps its
 * transpile cache (which the kit takes out of process.env before any user code runs).
 */
function kitEnvironment(extra: Record<string, string>, busyProbe: boolean): Record<string, string> {
  const env = minimalEnvironment(extra);
  const transpileCache = transpileCacheDirectory();
  if (transpileCache) env.WIDGETKIT_TRANSPILE_CACHE = transpileCache;
  if (busyProbe) env.WIDGETKIT_BUSY_PROBE_FD = String(BUSY_PROBE_FD);
  return env;
}

/**
 * Events: 'message' (ToSystem), 'protocolError' (Error), 'output' (ExtensionOutput),
 * 'exit' ({ code, signal, outOfMemory? }): `outOfMemory` when the process was aborted out of
 * memory: by V8, its heap exhausted, or by the kit's probe thread (its line on stderr).
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

  /** Forks the kit; nothing is emitted until `adopt`. A `spare` keeps nobody's event loop alive. */
  constructor(kitPath: string, options: ExtensionProcessOptions, spare = false) {
    super();
    this.child = fork(kitPath, [], {
      execPath: options.runtimeExecutable ?? process.execPath,
      execArgv: ['--enable-source-maps', ...options.execArgv],
      cwd: options.cwd,
      env: kitEnvironment(options.env, options.busyProbe === true),
      stdio: options.busyProbe ? ['ignore', 'pipe', 'pipe', 'ipc', 'pipe'] : ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    if (spare) this.setReferenced(false);
    this.child.stdout?.setEncoding('utf8').on('data', (text: string) => this.output('stdout', text));
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-4096);
      this.outOfMemory ??= outOfMemoryIn(this.stderrTail);
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
    const pipes = [this.child.stdout, this.child.stderr, this.probe] as (Socket | null)[];
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

  /** The busy probe's pipe, when the process has one. */
  private get probe(): Socket | null {
    return (this.child.stdio[BUSY_PROBE_FD] as Socket | null | undefined) ?? null;
  }

  /**
   * Where the user's code runs while this process's event loop is held: its busy probe pauses
   * the main thread and names the user's frame. Undefined when there is no probe, no user frame
   * runs, or no answer came in time.
   */
  locateBusyCode(): Promise<SourceLocation | undefined> {
    const probe = this.probe;
    if (!probe || this.exitedFlag) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      let text = '';
      const done = (location: SourceLocation | undefined): void => {
        clearTimeout(timer);
        probe.off('data', onData);
        this.child.off('exit', onExit);
        resolve(location);
      };
      const onData = (chunk: Buffer | string): void => {
        text += chunk.toString();
        const newline = text.indexOf('\n');
        if (newline < 0) return;
        try {
          const value = JSON.parse(text.slice(0, newline)) as Partial<SourceLocation>;
          done(typeof value.file === 'string' && typeof value.line === 'number' ? { file: value.file, line: value.line, column: value.column ?? 1 } : undefined);
        } catch {
          done(undefined);
        }
      };
      const onExit = (): void => done(undefined);
      const timer = setTimeout(() => done(undefined), BUSY_PROBE_ANSWER_MS);
      probe.on('data', onData);
      this.child.once('exit', onExit);
      probe.write('locate\n');
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
