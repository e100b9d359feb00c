// How the adapter reaches the V8 inspector of a widget extension process: through a relay the
// process runs on a worker thread, not through Node's own `--inspect` WebSocket server.
//
// Why: Node's inspector server writes each message with Nagle's algorithm on (it never sets
// TCP_NODELAY), and a client that has just sent a command is in Linux's delayed-ACK
// ("pingpong") mode. After a step, the command's reply goes out at once, but `Debugger.resumed`
// and `Debugger.paused`, written a millisecond later, wait in the child's send buffer until the
// reply is acknowledged: about 40 ms per step, and per round trip wherever events follow a
// reply (strace shows them written within 3 ms and read 45 ms later). A WebSocket client cannot
// avoid it (Node exposes no TCP_QUICKACK, and the inspector drops ping/pong frames).
//
// The relay: `--import` of a tiny module (a data: URL, so no file is written or left behind)
// starts a worker that opens an `inspector.Session` on the main thread (connectToMainThread:
// the same backend and protocol as `--inspect`, served even while the main thread is paused)
// and serves it on 127.0.0.1 over newline-delimited JSON with TCP_NODELAY. Like Node's server
// it prints its address on stderr with an unguessable token the client must send first; it
// accepts one client and closes its port. Closing the connection disconnects the session,
// which resumes a paused process, as closing the inspector's WebSocket does. The relay is the
// process's only inspector endpoint: no `--inspect` is passed, so Node opens no WebSocket server
// (and no second port) of its own, and once the adapter is attached nothing in the process
// listens at all (test/reliability/adapterProcesses.test.ts).
//
// The process no longer waits at `--inspect-brk` for the debugger: it loads the kit while the
// adapter attaches, and the system sends `start` (which loads the widget's code) only once the
// adapter's onExtensionSpawn hook, which sets every breakpoint, has returned.

import type { ChildProcess } from 'node:child_process';

/** "Widget inspector relay listening on tcp://127.0.0.1:PORT/TOKEN" */
export const RELAY_LISTENING = /Widget inspector relay listening on (tcp:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+)/;

/** The port and token of a relay address `tcp://127.0.0.1:PORT/TOKEN`, or undefined. */
export function parseRelayAddress(address: string): { port: number; token: string } | undefined {
  const match = /^tcp:\/\/127\.0\.0\.1:(\d+)\/([0-9a-f-]+)$/.exec(address);
  return match ? { port: Number(match[1]), token: match[2] } : undefined;
}

/** The address a process started with relayExecArgv() prints on its stderr (piped). */
export function relayAddressOnStderr(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = RELAY_LISTENING.exec(text);
      if (match) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`the relay did not start: ${text}`)));
  });
}

/** Runs on the worker thread (a CommonJS script: `eval: true`). */
const WORKER_SOURCE = String.raw`
const { Session } = require('node:inspector');
const { randomUUID } = require('node:crypto');
const { writeSync } = require('node:fs');
const net = require('node:net');
const token = randomUUID();
let session = null;
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  let buffered = '';
  let authorised = false;
  const write = (message) => {
    if (!socket.destroyed) socket.write(JSON.stringify(message) + '\n');
  };
  socket.on('data', (chunk) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (!authorised) {
        if (line !== token || session) return socket.destroy();
        authorised = true;
        server.close();
        session = new Session();
        session.connectToMainThread();
        session.on('inspectorNotification', (message) => write(message));
        socket.on('close', () => session.disconnect());
        continue;
      }
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        continue;
      }
      session.post(message.method, message.params, (error, result) =>
        write(error ? { id: message.id, error: { message: error.message } } : { id: message.id, result }),
      );
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  // Straight to fd 2: a worker's process.stderr goes through the main thread, busy loading the kit.
  writeSync(2, 'Widget inspector relay listening on tcp://127.0.0.1:' + server.address().port + '/' + token + '\n');
});
`;

/** The module `--import` runs before the kit: starts the relay without keeping the process alive. */
const PRELOAD_SOURCE = `import { Worker } from 'node:worker_threads';\nnew Worker(${JSON.stringify(WORKER_SOURCE)}, { eval: true }).unref();\n`;

/** Node arguments that make an extension process serve its inspector through the relay. */
export function relayExecArgv(): string[] {
  return ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD_SOURCE)}`];
}
