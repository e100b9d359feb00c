// A typed Chrome DevTools Protocol connection to one V8 inspector over undici's WebSocket: sends
// commands with ids and matches their replies, dispatches events by method name. It knows
// nothing of DAP; a closed socket rejects every pending command so no caller waits forever.
import { EventEmitter } from 'node:events';
import { WebSocket } from 'undici';
import type { CdpCommands, CdpEventName, CdpEvents, CdpMethod } from './protocol';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  method: string;
}

export class CdpError extends Error {
  constructor(readonly method: string, message: string) {
    super(`${method}: ${message}`);
    this.name = 'CdpError';
  }
}

export class CdpConnection {
  private readonly events = new EventEmitter();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closedFlag = false;

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => this.receive(String(event.data)));
    socket.addEventListener('close', () => this.onClose());
    socket.addEventListener('error', () => this.onClose());
  }

  /** Opens the inspector's `ws://127.0.0.1:PORT/UUID` address. */
  static open(url: string, timeoutMs = 10_000): Promise<CdpConnection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error(`the inspector at ${url} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        resolve(new CdpConnection(socket));
      });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new Error(`cannot connect to the inspector at ${url}`));
      });
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  send<M extends CdpMethod>(method: M, params: CdpCommands[M]['params']): Promise<CdpCommands[M]['result']> {
    if (this.closedFlag) return Promise.reject(new CdpError(method, 'the widget extension process is gone'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on<E extends CdpEventName>(event: E, listener: (params: CdpEvents[E]) => void): void {
    this.events.on(event, listener);
  }

  /** Calls `listener` once the socket is gone (at once if it already is). */
  whenClosed(listener: () => void): void {
    if (this.closedFlag) listener();
    else this.events.once('close', listener);
  }

  private onClose(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const [, pending] of this.pending) pending.reject(new CdpError(pending.method, 'the widget extension process is gone'));
    this.pending.clear();
    this.events.emit('close');
  }

  close(): void {
    try {
      this.socket.close();
    } catch {
      // Already closed: nothing to release.
    }
    this.onClose();
  }

  private receive(text: string): void {
    let message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) pending.reject(new CdpError(pending.method, message.error.message));
      else pending.resolve(message.result ?? {});
    } else if (typeof message.method === 'string') {
      this.events.emit(message.method, message.params ?? {});
    }
  }
}
