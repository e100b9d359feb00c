// The busy probe's worker thread (dist/kit/busyProbe.js), in the widget extension process. When
// the system's busy limit runs out, the main thread's event loop is held by code that keeps the
// CPU busy and can answer nothing; this thread can. Asked on its own pipe (the fd the system
// gave it), it pauses the main thread through the inspector (a worker's session reaches it with
// connectToMainThread, serviced even inside a loop), asks the runtime on the paused frame where
// the user's code is (callerLocation through the source maps), and writes the answer back as
// one JSON line: `{ file, line, column }`, or `{}` when no user frame is running.
// It also guards the process's memory while the main thread cannot report it: array buffers
// live outside the V8 heap cap, so a loop that allocates them without ever returning would take
// the machine's memory. Past the ceiling the runtime sends (the resident size at `start` plus
// src/protocol/memory.ts's OFF_HEAP_HEADROOM), this thread writes the out-of-memory line on
// stderr and aborts the process, which the system reports as the memory limit.
import { writeSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { OFF_HEAP_OUT_OF_MEMORY } from '../protocol/memory';

/** How often the resident size is looked at against the ceiling. */
const MEMORY_WATCH_MS = 50;

parentPort?.on('message', (message: { memoryCeiling?: unknown }) => {
  const ceiling = message?.memoryCeiling;
  if (typeof ceiling !== 'number' || !(ceiling > 0)) return;
  const watch = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss <= ceiling) return;
    clearInterval(watch);
    // Synchronous: the main thread, which relays a worker's process.stderr, is held.
    writeSync(2, `${OFF_HEAP_OUT_OF_MEMORY}: ${Math.round(rss / 1024 / 1024)} MB resident, over ${Math.round(ceiling / 1024 / 1024)} MB\n`);
    process.kill(process.pid, 'SIGABRT');
  }, MEMORY_WATCH_MS);
  watch.unref();
});

/** The runtime's function, on the main thread's global object, that names the user's frame. */
const LOCATE = `globalThis[Symbol.for('widgetkit.busyLocation')]?.()`;

// Kept referenced: the pipe is what keeps this thread alive (the worker itself is unref'd, so it
// never keeps the process alive).
const channel = new Socket({ fd: (workerData as { fd: number }).fd, readable: true, writable: true });
channel.setEncoding('utf8');

function answer(value: unknown): void {
  channel.write(`${JSON.stringify(value ?? {})}\n`);
}

function locate(): void {
  const session = new Session();
  session.connectToMainThread();
  session.once('Debugger.paused', ({ params }) => {
    const top = params.callFrames[0];
    if (!top) return answer({});
    session.post('Debugger.evaluateOnCallFrame', { callFrameId: top.callFrameId, expression: LOCATE, returnByValue: true }, (error, result) => {
      answer(error ? {} : result.result.value);
      // The system kills the process next; resuming costs nothing and keeps the process sane
      // should it be asked again.
      session.post('Debugger.resume', () => session.disconnect());
    });
  });
  session.post('Debugger.enable', () => session.post('Debugger.pause'));
}

let pending = '';
channel.on('data', (text: string) => {
  pending += text;
  let newline = pending.indexOf('\n');
  while (newline >= 0) {
    pending = pending.slice(newline + 1);
    locate();
    newline = pending.indexOf('\n');
  }
});
