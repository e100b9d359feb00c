// The debug adapter's processes, seen from outside: while the widget is stopped at a breakpoint
// its inspector listens on 127.0.0.1 only, under a random path, and that port is closed when
// the session ends; the editor's environment does not reach the widget through the adapter;
// and when the adapter itself is killed (SIGKILL, as a crashed editor would leave it), the
// widget extension process it started dies too instead of staying orphaned.
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..', '..');
const ADAPTER = join(ROOT, 'dist', 'debugAdapter.js');
const TIMEOUT = { timeout: 90_000 };

const WIDGET = `import { defineWidget, ReloadPolicy, Text, Timeline } from 'widgetkit';
export default defineWidget({
  kind: 'stopped',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      console.log('SECRET=' + String(process.env.WT_SECRET_TOKEN));
      return new Timeline([{ date: new Date() }], ReloadPolicy.never);
    },
  },
  view: () => Text('stopped'),
});
`;

interface StoppedSession {
  client: DebugClient;
  adapter: ChildProcess;
  /** The widget extension process(es) the adapter started. */
  children: number[];
  dir: string;
  keepAlive: NodeJS.Timeout;
}

/** Child pids of `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).trim();
  return out ? out.split(/\s+/).map(Number) : [];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has exited; only a process that still runs counts.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

/** Listening TCP sockets of `pid`: `address:port` strings from ss. */
function listening(pid: number): string[] {
  const out = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => line.trim().split(/\s+/)[3]);
}

/** Launches the widget with an event breakpoint on getTimeline and waits for the stop. */
async function stoppedSession(env: Record<string, string> = {}): Promise<StoppedSession> {
  const dir = mkdtempSync(join(tmpdir(), 'adapter-proc-'));
  const program = join(dir, 'stopped.widget.mjs');
  writeFileSync(program, WIDGET);
  const keepAlive = setInterval(() => undefined, 1000);
  const client = new DebugClient(process.execPath, ADAPTER, 'widget-timeline', { env: { ...process.env, ...env } });
  client.defaultTimeout = 30_000;
  await client.start();
  const adapter = (client as unknown as { _adapterProcess: ChildProcess })._adapterProcess;
  await client.initializeRequest({ adapterID: 'widget-timeline', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const launched = client.launchRequest({ program, now: '2025-06-01T08:00:00Z' } as DebugProtocol.LaunchRequestArguments);
  await client.setExceptionBreakpointsRequest({ filters: ['getTimeline'] });
  await client.configurationDoneRequest();
  await launched;
  await client.waitForEvent('stopped');
  return { client, adapter, children: childrenOf(adapter.pid as number), dir, keepAlive };
}

function cleanUp(session: StoppedSession): void {
  clearInterval(session.keepAlive);
  for (const pid of session.children) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(session.dir, { recursive: true, force: true });
}

test('inspector: listens on 127.0.0.1 only under a random path, and the port is closed when the session ends', TIMEOUT, async () => {
  const session = await stoppedSession();
  try {
    assert.ok(session.children.length >= 1, 'the adapter started the widget extension');
    const sockets = session.children.flatMap(listening);
    assert.ok(sockets.length >= 1, 'the stopped widget extension has its inspector port open');
    for (const address of sockets) assert.match(address, /^127\.0\.0\.1:\d+$/, `listening on ${address}`);
    const port = Number(sockets[0].split(':')[1]);
    const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    assert.match(list[0].webSocketDebuggerUrl, /^ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await session.client.disconnectRequest({ terminateDebuggee: true });
    assert.ok(await until(() => session.children.every((pid) => !alive(pid)), 15_000), 'the widget extension ends with the session');
    const refused = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(false);
      });
      socket.once('error', () => done(true));
    });
    assert.ok(refused, `port ${port} still accepts connections after the session ended`);
  } finally {
    await session.client.stop().catch(() => undefined);
    cleanUp(session);
  }
});

test('environment through the adapter: a secret in the editor environment does not reach the widget', TIMEOUT, async () => {
  const session = await stoppedSession({ WT_SECRET_TOKEN: 'hunter2-do-not-leak' });
  try {
    const output = session.client.waitForEvent('output', 30_000);
    const lines: string[] = [];
    session.client.on('output', (event: DebugProtocol.OutputEvent) => lines.push(event.body.output));
    const stopped = await session.client.threadsRequest();
    for (const thread of stopped.body.threads) await session.client.continueRequest({ threadId: thread.id }).catch(() => undefined);
    await output;
    assert.ok(await until(() => lines.some((l) => l.includes('SECRET=')), 20_000), `the widget never printed: ${lines.join('')}`);
    assert.ok(lines.some((l) => l.includes('SECRET=undefined')), `the secret leaked: ${lines.filter((l) => l.includes('SECRET')).join('')}`);
  } finally {
    await session.client.stop().catch(() => undefined);
    cleanUp(session);
  }
});

test('adapter killed mid-session (SIGKILL while the widget is stopped at a breakpoint): its widget extension process dies too', TIMEOUT, async () => {
  const session = await stoppedSession();
  try {
    assert.ok(session.children.length >= 1, 'the adapter started the widget extension');
    session.adapter.kill('SIGKILL');
    const gone = await until(() => session.children.every((pid) => !alive(pid)), 15_000);
    assert.ok(gone, `orphaned widget extension process(es) still running: ${session.children.filter(alive).join(', ')}`);
  } finally {
    cleanUp(session);
  }
});
