// A typed Chrome DevTools Protocol connection to one V8 inspector, served by the extension
// process's inspector relay (inspectorRelay.ts) as newline-delimited JSON over a TCP socket
// with Nagle off: sends commands with ids and matches their replies, dispatches events by
// method name. It knows nothing of DAP; a closed socket rejects every pending command so no
// caller waits forever. Messages are typed by the devtools-protocol package (the protocol's own
// generated types), so no untyped message crosses the inspector boundary.
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping';
import { parseRelayAddress } from './inspectorRelay';

export type CdpMethod = keyof ProtocolMapping.Commands;
export type CdpEventName = keyof ProtocolMapping.Events;
/** A command's parameters; `{}` for commands that take none. */
export type CdpParams<M extends CdpMethod> = ProtocolMapping.Commands[M]['paramsType'] extends []
  ? Record<string, never>
  : NonNullable<ProtocolMapping.Commands[M]['paramsType'][number]>;
/** A command's result; `{}` for commands that return nothing. */
export type CdpResult<M extends CdpMethod> = ProtocolMapping.Commands[M]['returnType'] extends void
  ? Record<string, never>
  : ProtocolMapping.Commands[M]['returnType'];
/** An event's parameters; `{}` for events that carry none. */
export type CdpEventParams<E extends CdpEventName> = ProtocolMapping.Events[E] extends [infer P] ? P : Record<string, never>;

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

  private buffered = '';

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receiveChunk(chunk));
    socket.on('close', () => this.onClose());
    socket.on('error', () => this.onClose());
  }

  /** Opens the relay's `tcp://127.0.0.1:PORT/TOKEN` address (the token is the first line sent). */
  static open(address: string, timeoutMs = 10_000): Promise<CdpConnection> {
    return new Promise((resolve, reject) => {
      const relay = parseRelayAddress(address);
      if (!relay) {
        reject(new Error(`not an inspector relay address: ${address}`));
        return;
      }
      const socket = connect({ host: '127.0.0.1', port: relay.port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the inspector at ${address} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', failed);
        socket.write(`${relay.token}\n`);
        resolve(new CdpConnection(socket));
      });
      const failed = (): void => {
        clearTimeout(timer);
        reject(new Error(`cannot connect to the inspector at ${address}`));
      };
      socket.once('error', failed);
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  send<M extends CdpMethod>(method: M, params: CdpParams<M>): Promise<CdpResult<M>> {
    if (this.closedFlag) return Promise.reject(new CdpError(method, 'the widget extension process is gone'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, method });
      this.socket.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  on<E extends CdpEventName>(event: E, listener: (params: CdpEventParams<E>) => void): void {
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
    this.socket.destroy();
    this.onClose();
  }

  /** One message a line; only the new chunk is searched, so a large message costs no rescans. */
  private receiveChunk(chunk: string): void {
    let from = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', from)) {
      const line = this.buffered + chunk.slice(from, end);
      this.buffered = '';
      from = end + 1;
      this.receive(line);
    }
    this.buffered += chunk.slice(from);
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
