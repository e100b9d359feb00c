// The extension process's end of the IPC channel to the system: typed sends, and requests whose
// answers come back as `response` messages. Outside the extension process (no IPC channel, e.g.
// user code imported by a plain test) sends are dropped and requests fail with a clear error.
import type { JsonValue } from '../protocol/lifecycle';
import type { ToExtension, ToSystem } from '../protocol/ipc';
import { WidgetKitError } from './errors';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type SystemRequest = DistributiveOmit<Extract<ToSystem, { type: 'request' }>, 'type' | 'call'>;
type ResponseMessage = Extract<ToExtension, { type: 'response' }>;

/** Answers to the system's calls (a provider method, a wake, a delegate event) and the idle report. */
const CHECKPOINTS: ReadonlySet<ToSystem['type']> = new Set(['providerResult', 'wakeHandled', 'delivered', 'quiescent']);

interface Pending {
  resolve: (value: JsonValue) => void;
  reject: (error: Error) => void;
}

class SystemChannel {
  private nextCall = 1;
  private readonly pending = new Map<number, Pending>();
  /** Told the type of every message sent (the quiescence reports look again after an answer). */
  onSent: ((type: ToSystem['type']) => void) | undefined;
  /**
   * Runs just before a message that marks a checkpoint of the process's run goes out (an answer
   * to a system call, the report that it is idle): the memory the widget holds is measured as
   * every call returns and every turn of timers ends, not only now and then.
   */
  beforeCheckpoint: (() => void) | undefined;

  /** Requests still waiting for the system's answer. */
  get pendingRequests(): number {
    return this.pending.size;
  }

  /** True when this process was forked by the system with an IPC channel. */
  get connected(): boolean {
    return typeof process.send === 'function' && process.connected;
  }

  send(message: ToSystem): void {
    if (!this.connected || !process.send) return;
    if (CHECKPOINTS.has(message.type)) this.beforeCheckpoint?.();
    try {
      // With a callback, a channel that closes while the message is in flight reports to it
      // instead of emitting 'error' on the process (an uncaught 'error' would exit with 1).
      process.send(message, undefined, {}, (error: Error | null) => {
        if (error && process.connected) process.stderr.write(`widgetkit: could not send ${message.type}: ${error.message}\n`);
      });
      this.onSent?.(message.type);
    } catch (error) {
      // The channel closed under us: the system is gone and this process exits on 'disconnect'.
      process.stderr.write(`widgetkit: could not send ${message.type}: ${String(error)}\n`);
    }
  }

  request(request: SystemRequest): Promise<JsonValue> {
    if (!this.connected) {
      return Promise.reject(
        new WidgetKitError(
          'not-in-extension',
          `${request.op} needs the simulated system: run the widget with the Widget Timelines debugger, preview or CLI.`,
        ),
      );
    }
    const call = this.nextCall++;
    return new Promise<JsonValue>((resolve, reject) => {
      this.pending.set(call, { resolve, reject });
      this.send({ ...request, type: 'request', call } as ToSystem);
    });
  }

  /** Settles the request a `response` answers; unknown calls are reported and ignored. */
  settle(response: ResponseMessage): void {
    const pending = this.pending.get(response.call);
    if (!pending) {
      process.stderr.write(`widgetkit: response for unknown request ${response.call} ignored\n`);
      return;
    }
    this.pending.delete(response.call);
    if (response.ok) pending.resolve(response.value);
    else pending.reject(new WidgetKitError('request-failed', response.error));
  }
}

/** The one channel of this process. */
export const systemChannel = new SystemChannel();
