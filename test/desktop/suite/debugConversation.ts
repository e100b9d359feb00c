// Watches the DAP conversation between VS Code and the widget-timeline adapter (a debug
// adapter tracker), so the desktop scenarios can wait for stops and widgetState events the way
// the UI receives them.
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import type { WidgetStateSnapshot } from '../../../src/protocol/lifecycle';

const TIMEOUT_MS = 60_000;

interface Waiter {
  accept: (message: DebugProtocol.ProtocolMessage) => boolean;
  resolve: (message: DebugProtocol.ProtocolMessage) => void;
}

export class DebugConversation implements vscode.Disposable {
  private readonly received: DebugProtocol.ProtocolMessage[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly registration: vscode.Disposable;
  private started: vscode.DebugSession | undefined;

  private constructor(type: string) {
    this.registration = vscode.debug.registerDebugAdapterTrackerFactory(type, {
      createDebugAdapterTracker: (session) => {
        this.started = session;
        return { onDidSendMessage: (message: DebugProtocol.ProtocolMessage) => this.receive(message) };
      },
    });
  }

  static listen(type: string): DebugConversation {
    return new DebugConversation(type);
  }

  private receive(message: DebugProtocol.ProtocolMessage): void {
    const waiter = this.waiters.find((w) => w.accept(message));
    if (waiter) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    } else {
      this.received.push(message);
    }
  }

  private next(accept: (message: DebugProtocol.ProtocolMessage) => boolean, what: string): Promise<DebugProtocol.ProtocolMessage> {
    const queued = this.received.findIndex(accept);
    if (queued >= 0) return Promise.resolve(this.received.splice(queued, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the adapter sent no ${what} within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
      this.waiters.push({ accept, resolve: (message) => (clearTimeout(timer), resolve(message)) });
    });
  }

  async session(): Promise<vscode.DebugSession> {
    const deadline = Date.now() + TIMEOUT_MS;
    while (!this.started) {
      if (Date.now() > deadline) throw new Error('no widget-timeline debug session started');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.started;
  }

  /** The next `stopped` event whose description (or reason) names `event`. */
  async nextStop(event: string): Promise<DebugProtocol.StoppedEvent['body']> {
    const isStop = (m: DebugProtocol.ProtocolMessage): boolean => {
      if (m.type !== 'event' || (m as DebugProtocol.Event).event !== 'stopped') return false;
      const body = (m as DebugProtocol.StoppedEvent).body;
      return `${body.description ?? ''} ${body.text ?? ''} ${body.reason}`.includes(event);
    };
    return ((await this.next(isStop, `stop on ${event}`)) as DebugProtocol.StoppedEvent).body;
  }

  async topFrame(session: vscode.DebugSession, threadId: number | undefined): Promise<DebugProtocol.StackFrame> {
    const trace = (await session.customRequest('stackTrace', { threadId, startFrame: 0, levels: 1 })) as DebugProtocol.StackTraceResponse['body'];
    const top = trace.stackFrames[0];
    if (!top) throw new Error(`thread ${threadId} has no stack frame`);
    return top;
  }

  /** Waits for a `widgetState` custom event whose snapshot satisfies `accept`. */
  async widgetState(accept: (state: WidgetStateSnapshot) => boolean): Promise<WidgetStateSnapshot> {
    const isState = (m: DebugProtocol.ProtocolMessage): boolean =>
      m.type === 'event' && (m as DebugProtocol.Event).event === 'widgetState' && accept((m as DebugProtocol.Event).body as WidgetStateSnapshot);
    return ((await this.next(isState, 'widgetState with the expected timeline')) as DebugProtocol.Event).body as WidgetStateSnapshot;
  }

  dispose(): void {
    this.registration.dispose();
  }
}
