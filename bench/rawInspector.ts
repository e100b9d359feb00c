// The baseline's debugger: a bare Chrome DevTools Protocol exchange with `node --inspect-brk`
// over undici's WebSocket, with none of the adapter's work, so that the adapter's figures can be
// read as ratios to what the inspector itself costs.
import { spawn, type ChildProcess } from 'node:child_process';
import { WebSocket } from 'undici';

export interface RawInspector {
  child: ChildProcess;
  send(method: string, params?: object): Promise<unknown>;
  nextEvent(method: string): Promise<unknown>;
  close(): void;
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
  let nextId = 1;
  const replies = new Map<number, (result: unknown) => void>();
  const waiters = new Map<string, ((params: unknown) => void)[]>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; method?: string; result?: unknown; params?: unknown };
    if (message.id !== undefined) replies.get(message.id)?.(message.result);
    else if (message.method) waiters.get(message.method)?.shift()?.(message.params);
  });
  return {
    child,
    send(method, params = {}) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params }));
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
      socket.close();
      child.kill('SIGKILL');
    },
  };
}
