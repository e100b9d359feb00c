// The debug adapter's processes, seen from outside. The widget extension's only inspector
// endpoint is the inspector relay (src/debug/cdp/inspectorRelay.ts): it listens on 127.0.0.1
// only, answers only a client that first sends its unguessable token (a connection without it
// or with a wrong one is closed unanswered), accepts one client and then closes its port, so
// while the adapter is attached (the widget stopped at a breakpoint) nothing in the process
// listens, and nothing listens after the session ends. The editor's environment does not reach
// the widget through the adapter; and when the adapter itself is killed (SIGKILL, as a crashed
// editor would leave it), the widget extension process it started dies too instead of staying
// orphaned.
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseRelayAddress, relayAddressOnStderr, relayExecArgv } from '../../src/debug/cdp/inspectorRelay';
import { stopAdapter } from '../dap/dapSession';

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
  /** Every output event the client got, from the start of the session. */
  output: string[];
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
  // The adapter exits once it answered `disconnect`: the client's stop() that follows may write
  // into the closed pipe, which is the end of the session, not a failure of it.
  adapter.stdin?.on('error', () => undefined);
  const output: string[] = [];
  client.on('output', (event: DebugProtocol.OutputEvent) => output.push(event.body.output));
  await client.initializeRequest({ adapterID: 'widget-timeline', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const launched = client.launchRequest({ program, now: '2025-06-01T08:00:00Z' } as DebugProtocol.LaunchRequestArguments);
  await client.setExceptionBreakpointsRequest({ filters: ['getTimeline'] });
  await client.configurationDoneRequest();
  await launched;
  await client.waitForEvent('stopped');
  return { client, adapter, children: childrenOf(adapter.pid as number), dir, keepAlive, output };
}

function cleanUp(session: StoppedSession): void {
  clearInterval(session.keepAlive);
  for (const pid of session.children) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(session.dir, { recursive: true, force: true });
}

/** What one connection to the relay gets: the lines it was sent before the relay closed it. */
interface Attempt {
  refused: boolean;
  replies: string[];
  socket?: ReturnType<typeof connect>;
}

/**
 * Connects to `port` and sends `lines`; resolves once the relay closed the connection (refused,
 * with whatever it answered) or answered the last line (accepted, the socket left open).
 */
function attempt(port: number, lines: string[]): Promise<Attempt> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    const replies: string[] = [];
    let buffered = '';
    socket.setEncoding('utf8');
    socket.once('error', () => done({ refused: true, replies }));
    socket.once('close', () => done({ refused: true, replies }));
    socket.once('connect', () => socket.write(lines.map((line) => `${line}\n`).join('')));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        replies.push(buffered.slice(0, end));
        buffered = buffered.slice(end + 1);
      }
      if (replies.length > 0) {
        socket.removeAllListeners('close');
        socket.removeAllListeners('error');
        done({ refused: false, replies, socket });
      }
    });
  });
}

const EVALUATE = JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression: '6 * 7', returnByValue: true } });

test('inspector relay: 127.0.0.1 only, the token first, one client, then its port is closed', TIMEOUT, async () => {
  // The relay the adapter gives every debugged extension process, in a process of its own.
  const child = spawn(process.execPath, [...relayExecArgv(), '-e', 'setInterval(() => undefined, 1000)'], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const address = await relayAddressOnStderr(child);
    const relay = parseRelayAddress(address);
    assert.ok(relay, `relay address ${address}`);
    const { port, token } = relay;
    assert.match(token, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'the token is a random UUID');
    assert.deepEqual(listening(child.pid as number), [`127.0.0.1:${port}`], 'the relay is the only listener, on 127.0.0.1 only');

    // Without the token, with a wrong one, or with a near miss: closed, and not a word of CDP.
    for (const first of [EVALUATE, randomUUID(), `${token}0`, token.slice(0, -1)]) {
      const refused = await attempt(port, [first, EVALUATE]);
      assert.ok(refused.refused, `a connection whose first line is ${first.slice(0, 40)} was served`);
      assert.deepEqual(refused.replies, [], `a connection without the token got ${refused.replies.join(' ')}`);
    }
    // Refused clients do not use up the one client: the adapter still gets in.
    const adapter = await attempt(port, [token, EVALUATE]);
    assert.ok(!adapter.refused, 'the token opens the session');
    const reply = JSON.parse(adapter.replies[0]) as { id: number; result?: { result?: { value?: unknown } } };
    assert.equal(reply.id, 1);
    assert.equal(reply.result?.result?.value, 42, `the relay's answer: ${adapter.replies[0]}`);
    try {
      // One client: the port closed when it came in; a second one, even with the token, is refused.
      assert.deepEqual(listening(child.pid as number), [], 'the relay still listens with a client attached');
      const second = await attempt(port, [token, EVALUATE]);
      assert.ok(second.refused && second.replies.length === 0, 'a second client with the token was served');
    } finally {
      adapter.socket?.destroy();
    }
  } finally {
    child.kill('SIGKILL');
  }
});

test('debugged widget extension: no inspector port open while stopped, nothing listening after the session', TIMEOUT, async () => {
  const session = await stoppedSession();
  try {
    assert.ok(session.children.length >= 1, 'the adapter started the widget extension');
    for (const pid of session.children) {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const inspect = argv.filter((arg) => arg.startsWith('--inspect'));
      assert.deepEqual(inspect, [], `Node's own inspector server was started (${inspect.join(' ')})`);
      // The relay accepted the adapter and closed its port; there is no second inspector.
      assert.deepEqual(listening(pid), [], `the stopped widget extension (pid ${pid}) listens`);
    }
    // The relay's address and token stay between the process and the adapter.
    assert.ok(!session.output.some((text) => text.includes('inspector relay') || text.includes('tcp://')), `the relay's address reached the Debug Console: ${session.output.join('')}`);
    await session.client.disconnectRequest({ terminateDebuggee: true });
    assert.ok(await until(() => session.children.every((pid) => !alive(pid)), 15_000), 'the widget extension ends with the session');
    const adapterPid = session.adapter.pid as number;
    const stillListening = [...session.children, ...(alive(adapterPid) ? [adapterPid] : [])].flatMap(listening);
    assert.deepEqual(stillListening, [], 'something of the session still listens after it ended');
  } finally {
    await stopAdapter(session.client);
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
    await stopAdapter(session.client);
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
