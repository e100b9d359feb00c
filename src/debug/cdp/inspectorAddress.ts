// Reads the inspector's WebSocket address that `node --inspect-brk=127.0.0.1:0` prints on
// stderr ("Debugger listening on ws://127.0.0.1:PORT/UUID"): with port 0 the OS picks a free
// port, so stderr is the only place that names it.
import type { Readable } from 'node:stream';

const LISTENING = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+)/;

export function readInspectorAddress(stderr: Readable, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const finish = (error: Error | null, url?: string): void => {
      clearTimeout(timer);
      stderr.off('data', onData);
      stderr.off('close', onClose);
      if (error) reject(error);
      else resolve(url!);
    };
    const onData = (chunk: Buffer | string): void => {
      seen += chunk.toString();
      const match = LISTENING.exec(seen);
      if (match) finish(null, match[1]);
      // Only the last line can still be incomplete; keep memory bounded.
      else if (seen.length > 8192) seen = seen.slice(-512);
    };
    const onClose = (): void => finish(new Error('the widget extension process exited before its inspector started'));
    const timer = setTimeout(
      () => finish(new Error(`the widget extension process printed no inspector address within ${timeoutMs} ms`)),
      timeoutMs,
    );
    stderr.on('data', onData);
    stderr.on('close', onClose);
  });
}
