// Where the code of a widget extension process that keeps the CPU busy is running (DESIGN.md
// section 9: the time-limit finding names the file:line). Its event loop answers nothing, but
// its inspector can be opened from outside, as `node inspect -p <pid>` and VS Code's "attach to
// a Node process" do: Node starts it on a signal through an interrupt that even a loop obeys,
// listening on the port its --inspect-port gave (0: one picked then). Over the debugger
// protocol the system pauses the main thread wherever it is and evaluates the kit's locator on
// the paused frame (src/kit/busyLocator.ts), which names the user's frame through the source
// maps. Nothing runs in the process for this until it is needed: no thread, no open port.
import { WebSocket } from 'undici';
import type { SourceLocation } from '../protocol/lifecycle';

/** The flag a watched process is forked with: its inspector, once opened, on a free loopback port. */
export const INSPECT_PORT_FLAG = '--inspect-port=127.0.0.1:0';

/** What Node writes on stderr as the inspector opens; the address to connect to. */
const LISTENING = /Debugger listening on (ws:\/\/\S+)/;

/** The lines Node writes on stderr as its inspector opens, the probe attaches and leaves: the system's, not the widget's output. */
export const INSPECTOR_LINES = /^(?:Debugger (?:listening|ending) on ws:\/\/\S+|For help, see: https:\/\/nodejs\.org\/en\/docs\/inspector|Debugger attached\.|Waiting for the debugger to disconnect\.\.\.)\r?\n?/gm;

/** The kit's locator (src/kit/busyLocator.ts), evaluated on the paused frame. */
const BUSY_LOCATOR = `globalThis[Symbol.for('widgetkit.busyLocation')]?.()`;

/** The inspector address in what the process wrote on stderr, once Node has written it. */
export function inspectorAddress(stderr: string): string | undefined {
  return LISTENING.exec(stderr)?.[1];
}

/** Opens the inspector of process `pid` (SIGUSR1 on POSIX; Node's own call does that, and more on Windows). */
export function openInspector(pid: number): void {
  (process as unknown as { _debugProcess(pid: number): void })._debugProcess(pid);
}

interface DebuggerMessage {
  id?: number;
  method?: string;
  params?: { callFrames?: { callFrameId: string }[] };
  result?: { result?: { value?: unknown } };
}

/**
 * Pauses the process behind `address` and asks the kit's locator where the user's code runs.
 * Undefined when no user frame runs, the process went away (`address` rejects), or no answer
 * came within `withinMs`.
 */
export function locateBusyCode(address: Promise<string>, withinMs: number): Promise<SourceLocation | undefined> {
  return new Promise((resolve) => {
    let socket: WebSocket | undefined;
    let settled = false;
    const done = (location: SourceLocation | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The system kills the process next: nothing to resume.
      socket?.close();
      resolve(location);
    };
    const timer = setTimeout(() => done(undefined), withinMs);
    address.then((url) => {
      if (settled) return;
      const ws = new WebSocket(url);
      socket = ws;
      let nextId = 0;
      const send = (method: string, params: object = {}): void => ws.send(JSON.stringify({ id: ++nextId, method, params }));
      let evaluation = -1;
      ws.onerror = () => done(undefined);
      ws.onclose = () => done(undefined);
      ws.onopen = () => {
        send('Debugger.enable');
        send('Debugger.pause');
      };
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as DebuggerMessage;
        if (message.method === 'Debugger.paused') {
          const top = message.params?.callFrames?.[0];
          if (!top) return done(undefined);
          send('Debugger.evaluateOnCallFrame', { callFrameId: top.callFrameId, expression: BUSY_LOCATOR, returnByValue: true });
          evaluation = nextId;
        } else if (message.id === evaluation) {
          const value = message.result?.result?.value as Partial<SourceLocation> | undefined;
          done(typeof value?.file === 'string' && typeof value.line === 'number' ? { file: value.file, line: value.line, column: value.column ?? 1 } : undefined);
        }
      };
    }, () => done(undefined));
  });
}
