// The baseline's debugger: a bare Chrome DevTools Protocol exchange with `node --inspect-brk`
// over undici's WebSocket, with none of the adapter's work, so that the adapter's figures can be
// read as ratios to what the inspector itself costs.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { WebSocket } from 'undici';
import { parseRelayAddress, relayAddressOnStderr, relayExecArgv } from '../src/debug/cdp/inspectorRelay';

export interface RawInspector {
  child: ChildProcess;
  send(method: string, params?: object): Promise<unknown>;
  nextEvent(method: string): Promise<unknown>;
  close(): void;
}

/**
 * The CDP exchange itself, the same over either transport: commands with ids matched to their
 * replies, events handed to whoever waits for the next one of a method. `write` sends one
 * message; the returned `receive` takes each message that arrives.
 */
function cdpPeer(child: ChildProcess, write: (text: string) => void, end: () => void): { inspector: RawInspector; receive: (text: string) => void } {
  let nextId = 1;
  const replies = new Map<number, (result: unknown) => void>();
  const waiters = new Map<string, ((params: unknown) => void)[]>();
  const receive = (text: string): void => {
    const message = JSON.parse(text) as { id?: number; method?: string; result?: unknown; params?: unknown };
    if (message.id !== undefined) replies.get(message.id)?.(message.result);
    else if (message.method) waiters.get(message.method)?.shift()?.(message.params);
  };
  const inspector: RawInspector = {
    child,
    send(method, params = {}) {
      const id = nextId++;
      write(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => replies.set(id, resolve));
    },
    nextEvent(method) {
      return new Promise((resolve) => {
        const list = waiters.get(method) ?? [];
        list.push(resolve);
        waiters.set(method, list);
      });
    },
    close() {
      end();
      child.kill('SIGKILL');
    },
  };
  return { inspector, receive };
}

export async function spawnInspectBrk(script: string): Promise<RawInspector> {
  const child = spawn(process.execPath, ['--inspect-brk=127.0.0.1:0', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /ws:\/\/[^\s]+/.exec(text);
      if (match) resolve(match[0]);
    });
    child.once('exit', () => reject(new Error(`inspector did not start: ${text}`)));
  });
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)));
  });
  const { inspector, receive } = cdpPeer(child, (text) => socket.send(text), () => socket.close());
  socket.addEventListener('message', (event) => receive(String(event.data)));
  return inspector;
}

/**
 * The same bare CDP exchange with the inspector served the way the adapter reaches it: through
 * the inspector relay (src/debug/cdp/inspectorRelay.ts: `inspector.Session` on a worker thread,
 * newline-delimited JSON over TCP with Nagle off), spoken over a plain socket with none of the
 * adapter's code. Node's own WebSocket server writes with Nagle on, so behind every reply the
 * events of a step wait about 40 ms for a delayed ACK: a transport artifact that would otherwise
 * be the whole of the baseline's step figure. No `--inspect-brk`: the script waits until the
 * client sets `globalThis.attached` (or, with `ipc`, for a message on its IPC channel).
 */
export async function spawnRelayed(script: string, options: { ipc?: boolean } = {}): Promise<RawInspector> {
  const child = spawn(process.execPath, [...relayExecArgv(), script], { stdio: ['ignore', 'ignore', 'pipe', ...(options.ipc ? ['ipc' as const] : [])] });
  return connectRelay(child, await relayAddressOnStderr(child));
}

/** The bare CDP exchange with a process that serves its inspector through the relay at `address`. */
export async function connectRelay(child: ChildProcess, address: string): Promise<RawInspector> {
  const relay = parseRelayAddress(address);
  if (!relay) throw new Error(`not a relay address: ${address}`);
  const socket = connect({ host: '127.0.0.1', port: relay.port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', () => reject(new Error(`cannot connect to ${address}`)));
  });
  socket.write(`${relay.token}\n`);
  socket.setEncoding('utf8');
  const { inspector, receive } = cdpPeer(child, (text) => socket.write(`${text}\n`), () => socket.destroy());
  let buffered = '';
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      receive(line);
    }
  });
  return inspector;
}
