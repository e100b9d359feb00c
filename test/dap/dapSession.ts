// Test plumbing for the DAP suites: a DebugClient on the real `node dist/debugAdapter.js`, a
// small widget written to a temp folder (lines found by markers, so edits to the source keep
// the tests right), and waits that collect events until a condition holds or a generous
// timeout says what never came.
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..');
export const ADAPTER = join(ROOT, 'dist', 'debugAdapter.js');
export const WEATHER = join(ROOT, 'examples', 'weather');
/** Generous: two cores shared by several engineers. */
export const TIMEOUT_MS = 30_000;

export async function startAdapter(): Promise<DebugClient> {
  const client = new DebugClient(process.execPath, ADAPTER, 'widget-timeline', { env: { ...process.env } });
  client.defaultTimeout = TIMEOUT_MS;
  await client.start();
  const queue: StopQueue = { events: [], waiters: [] };
  stopQueues.set(client, queue);
  client.on('stopped', (event: DebugProtocol.StoppedEvent) => {
    const waiter = queue.waiters.shift();
    if (waiter) waiter(event);
    else queue.events.push(event);
  });
  return client;
}

/**
 * Ends a test's adapter. DebugClient.stop() sends `disconnect` and waits for its answer with no
 * time limit, but an adapter that answered an earlier disconnect exits 100 ms later (the debug
 * adapter library's shutdown) and never answers a second one: on a busy machine, stop() after a
 * disconnect waited until the test's own timeout. This waits for the answer or the adapter's
 * exit, whichever comes first, then ends the adapter process if it is still there.
 */
export async function stopAdapter(client: DebugClient): Promise<void> {
  const adapter = (client as unknown as { _adapterProcess: ChildProcess | null })._adapterProcess;
  if (adapter && adapter.exitCode === null && adapter.signalCode === null) {
    const exited = new Promise<void>((resolve) => adapter.once('exit', () => resolve()));
    await Promise.race([client.disconnectRequest().then(() => undefined, () => undefined), exited]);
  }
  (client as unknown as { stopAdapter(): void }).stopAdapter();
}

/** Stopped events buffered from the start: a stop reported between two waits is not lost. */
interface StopQueue {
  events: DebugProtocol.StoppedEvent[];
  waiters: ((event: DebugProtocol.StoppedEvent) => void)[];
}
const stopQueues = new WeakMap<DebugClient, StopQueue>();

function nextStoppedEvent(client: DebugClient): Promise<DebugProtocol.StoppedEvent> {
  const queue = stopQueues.get(client)!;
  const buffered = queue.events.shift();
  if (buffered) return Promise.resolve(buffered);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      queue.waiters.splice(queue.waiters.indexOf(waiter), 1);
      reject(new Error(`no stopped event within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const waiter = (event: DebugProtocol.StoppedEvent): void => {
      clearTimeout(timer);
      resolve(event);
    };
    queue.waiters.push(waiter);
  });
}

export interface WrittenWidget {
  dir: string;
  file: string;
  /** 1-based line of the first line containing `marker`. */
  lineOf(marker: string): number;
  remove(): void;
}

export function writeWidget(source: string, name = 'lifecycle.widget.ts'): WrittenWidget {
  const dir = mkdtempSync(join(tmpdir(), 'dap-widget-'));
  const file = join(dir, name);
  writeFileSync(file, source);
  const lines = source.split('\n');
  return {
    dir,
    file,
    lineOf(marker) {
      const index = lines.findIndex((line) => line.includes(marker));
      if (index < 0) throw new Error(`marker ${marker} not in the widget`);
      return index + 1;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** initialize, launch, breakpoints (through `configure`), configurationDone. */
export async function launch(
  client: DebugClient,
  args: Record<string, unknown>,
  configure: () => Promise<unknown> = async () => undefined,
): Promise<void> {
  await client.initializeRequest({ adapterID: 'widget-timeline', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const launched = client.launchRequest(args as DebugProtocol.LaunchRequestArguments);
  await configure();
  await client.configurationDoneRequest();
  await launched;
}

export interface Stop {
  threadId: number;
  reason: string;
  description: string;
  top: DebugProtocol.StackFrame | undefined;
}

/** The next stop (in the order they were reported), with its top frame. */
export async function nextStop(client: DebugClient): Promise<Stop> {
  const event = await nextStoppedEvent(client);
  const trace = await client.stackTraceRequest({ threadId: event.body.threadId! });
  return {
    threadId: event.body.threadId!,
    reason: event.body.reason,
    description: event.body.description ?? '',
    top: trace.body.stackFrames[0],
  };
}

/** The lifecycle event a stop's description names ("Paused on <event> (...)"). */
export function stoppedEvent(stop: Stop): string {
  return /^Paused on (\w+)/.exec(stop.description)?.[1] ?? '';
}

/** Resolves with every event of a type seen from now on, once `done` holds for the list. */
export function collect<T extends DebugProtocol.Event>(client: DebugClient, type: string, done: (events: T[]) => boolean): Promise<T[]> {
  const collected = new Promise<T[]>((resolveEvents, reject) => {
    const seen: T[] = [];
    const timer = setTimeout(() => reject(new Error(`waited ${TIMEOUT_MS} ms for ${type} events; got ${JSON.stringify(seen.map((e) => e.body))}`)), TIMEOUT_MS);
    const listener = (event: T): void => {
      seen.push(event);
      if (done(seen)) {
        clearTimeout(timer);
        client.removeListener(type, listener);
        resolveEvents(seen);
      }
    };
    client.on(type, listener);
  });
  // A test that fails before awaiting this must not also fail the run with an unhandled rejection.
  collected.catch(() => undefined);
  return collected;
}

/** Waits until `pid` no longer exists (signal 0 fails), or rejects after the timeout. */
export async function processGone(pid: number, timeoutMs = TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process ${pid} is still alive after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The pid in a thread name such as "Widget extension (pid 1234)". */
export function pidOf(thread: DebugProtocol.Thread): number {
  const match = /\(pid (\d+)\)/.exec(thread.name);
  if (!match) throw new Error(`thread "${thread.name}" names no pid`);
  return Number(match[1]);
}
