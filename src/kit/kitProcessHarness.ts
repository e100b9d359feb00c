// Test harness for the kit's tests: plays the system's side of the IPC contract against the real
// built runtime (dist/kit/widgetkit.js forked with --enable-source-maps, as the system does),
// writes throwaway widget files, and waits for messages with generous timeouts so a broken kit
// fails a test instead of hanging it. Not part of the runtime bundle.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ToExtension, ToSystem } from '../protocol/ipc';

export const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? process.cwd();
/** WIDGETKIT_TEST_BUNDLE runs the tests against another build (e.g. a deliberately broken one). */
const BUNDLE_OVERRIDE = process.env.WIDGETKIT_TEST_BUNDLE;
export const KIT_BUNDLE = BUNDLE_OVERRIDE ?? join(ROOT, 'dist/kit/widgetkit.js');
const WAIT_MS = 15_000;

/** The newest modification time of the sources the kit bundle is built from. */
function newestSource(): number {
  let newest = 0;
  for (const dir of ['src/kit', 'src/protocol']) {
    for (const name of readdirSync(join(ROOT, dir))) newest = Math.max(newest, statSync(join(ROOT, dir, name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/kit/ (widgetkit.js, runtime.js, transpiler.js) when missing or older than its sources
 * (`npm test` builds first; other areas' tests fork the same bundle, so it is not rewritten
 * needlessly).
 */
export function buildKit(): void {
  const bundles = [KIT_BUNDLE, ...['runtime.js', 'transpiler.js'].map((name) => join(dirname(KIT_BUNDLE), name))];
  const built = bundles.every((file) => existsSync(file) && statSync(file).mtimeMs >= newestSource());
  if (BUNDLE_OVERRIDE || built) return;
  const result = spawnSync(process.execPath, ['esbuild.mjs', '--only=widgetkit'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the kit failed: ${result.stderr}`);
}

/** A temporary project directory with the given files (paths relative to it). */
export class WidgetProject {
  readonly dir = mkdtempSync(join(tmpdir(), 'widgetkit-test-'));

  constructor(files: Record<string, string>) {
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  write(name: string, text: string): string {
    const file = join(this.dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

type Start = Extract<ToExtension, { type: 'start' }>;
export type Message<T extends ToSystem['type']> = Extract<ToSystem, { type: T }>;

export const SMALL_CONTEXT = { family: 'systemSmall', isPreview: false, displaySize: { width: 158, height: 158 } } as const;

export class KitProcess {
  /** Every process still running, so a failed test cannot leave one behind (see killAll). */
  private static readonly running = new Set<KitProcess>();
  readonly received: ToSystem[] = [];
  /** `quiescent` and `busy` reports, kept apart: they interleave with everything else by design. */
  readonly quiescent: Message<'quiescent' | 'busy'>[] = [];
  stdout = '';
  stderr = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];
  private readonly taken = new Set<ToSystem>();

  /** `env` is added to this program's environment (e.g. WIDGETKIT_TRANSPILE_CACHE, as the system sets it). */
  constructor(project: WidgetProject, execArgv: string[] = [], env: Record<string, string> = {}) {
    this.child = fork(KIT_BUNDLE, [], {
      cwd: project.dir,
      execArgv: ['--enable-source-maps', ...execArgv],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => { this.stdout += chunk.toString(); this.wake(); });
    this.child.stderr?.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); this.wake(); });
    this.child.on('message', (message: ToSystem) => {
      if (message.type === 'quiescent' || message.type === 'busy') this.quiescent.push(message);
      else this.received.push(message);
      this.wake();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => { KitProcess.running.delete(this); resolve(code); this.wake(); }));
    KitProcess.running.add(this);
  }

  /** Kills every kit process a test left running (call from `after`). */
  static async killAll(): Promise<void> {
    await Promise.all([...KitProcess.running].map((kit) => kit.kill()));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** Resolves when `condition` holds, re-checked on every message or output chunk. */
  async until<T>(what: string, condition: () => T | undefined | false): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const value = condition();
      if (value) return value;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.received.map((m) => m.type))}; stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  /** The next message of `type` (matching `where`) not yet taken. */
  async next<T extends ToSystem['type']>(type: T, where: (message: Message<T>) => boolean = () => true): Promise<Message<T>> {
    return this.until(`a "${type}" message`, () => {
      const found = this.received.find((m) => m.type === type && !this.taken.has(m) && where(m as Message<T>)) as Message<T> | undefined;
      if (found) this.taken.add(found);
      return found;
    });
  }

  all<T extends ToSystem['type']>(type: T): Message<T>[] {
    return this.received.filter((m) => m.type === type) as Message<T>[];
  }

  send(message: ToExtension | Record<string, unknown>): void {
    this.child.send(message);
  }

  start(widgetFile: string, dirs: { defaultsDir: string; containerDir: string }, overrides: Partial<Start> = {}): void {
    this.send({
      type: 'start', widgetFile, bundle: widgetFile, launch: 1, reason: 'timeline', now: Date.parse('2030-06-01T12:00:00Z'),
      clock: 'simulated', nextTaskId: 1, families: ['systemSmall'], memoryReportMs: 0, ...dirs, ...overrides,
    });
  }

  /** Kills the process as the system's forced termination does. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Closes the IPC channel, as the system does at session end, and waits for the exit. */
  async disconnect(): Promise<number | null> {
    if (this.child.connected) this.child.disconnect();
    return this.exited;
  }
}
