// The daemon against a real node:http server on 127.0.0.1 (and real DNS for a reserved .invalid
// name): bodies land in private files, HTTP errors complete, transport faults are NSURLErrors.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { TransferRequest } from './api';
import { TransferDaemon } from './transferDaemon';
import { EventLog, RealTimeClock, failedError, finishedResult, privateTempDir } from './transferTestRig';

const SMALL = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251));
const BINARY = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]);

const hanging = new Set<ServerResponse>();

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const hops = Number(url.searchParams.get('hops') ?? 0);
  switch (url.pathname) {
    case '/small':
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': SMALL.length, 'x-method': req.method ?? '', 'x-echo': req.headers['x-widget'] ?? '' });
      res.end(SMALL);
      return;
    case '/gzip':
      // Compressed only when asked, as real servers do.
      if (!/gzip/.test(req.headers['accept-encoding'] ?? '')) {
        res.writeHead(406);
        res.end('ask for gzip');
        return;
      }
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/octet-stream' });
      res.end(gzipSync(SMALL));
      return;
    case '/corrupt-gzip':
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end('this is not gzip data');
      return;
    case '/binary':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(BINARY);
      return;
    case '/redirect':
      res.writeHead(302, { location: hops > 1 ? `/redirect?hops=${hops - 1}` : '/small' });
      res.end();
      return;
    case '/loop':
      res.writeHead(301, { location: '/loop' });
      res.end();
      return;
    case '/missing':
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no forecast here');
      return;
    case '/reset':
      res.writeHead(200, { 'content-length': 100_000 });
      res.write(Buffer.alloc(1000, 1), () => setTimeout(() => req.socket.resetAndDestroy(), 20));
      return;
    case '/huge-headers':
      res.writeHead(200, { 'x-huge': 'h'.repeat(1_000_000) });
      res.end('ok');
      return;
    case '/trickle':
      res.writeHead(200, { 'content-length': 1_000_000 });
      res.write(Buffer.alloc(4096, 2));
      hanging.add(res);
      return;
    case '/hang':
      hanging.add(res);
      return;
    case '/upload': {
      // Echoes what it received: method, byte count and the body.
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        res.writeHead(201, { 'content-type': 'application/json', 'x-method': req.method ?? '', 'x-length': req.headers['content-length'] ?? '' });
        res.end(JSON.stringify({ received: body.length, text: body.toString('utf8') }));
      });
      return;
    }
    default:
      res.writeHead(500);
      res.end();
  }
}

let server: Server;
let base: string;
const temp = privateTempDir('net');

before(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  temp.remove();
});

let nextTask = 1;
function request(url: string, extra: Partial<TransferRequest> = {}): TransferRequest {
  return { task: nextTask++, identifier: 'com.example.net', url, method: 'GET', headers: {}, discretionary: false, ...extra };
}

async function transfer(url: string, options: { requestTimeoutMs?: number; offline?: boolean } = {}) {
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir, ...options });
  const log = new EventLog(daemon, clock);
  const req = request(url);
  daemon.start(req);
  const ended = await log.waitForEnd(daemon, req.task);
  await daemon.dispose();
  return { ended, log, task: req.task };
}

test('a small download streams into a private file with progress', { timeout: 20_000 }, async () => {
  const { ended, log, task } = await transfer(`${base}/small`);
  const result = finishedResult(ended);
  assert.equal(result.status, 200);
  assert.equal(result.bytes, SMALL.length);
  assert.equal(result.headers['content-type'], 'application/octet-stream');
  assert.ok(result.location.startsWith(temp.dir), 'the file is in the session temp dir');
  assert.equal(statSync(result.location).mode & 0o777, 0o600, 'the file is private (0600)');
  assert.deepEqual(readFileSync(result.location), SMALL);
  const progress = log.progress(task);
  assert.ok(progress.length >= 1, 'at least one progress event');
  assert.equal(progress.reduce((sum, p) => sum + p.bytesWritten, 0), SMALL.length);
  assert.equal(progress.at(-1)!.totalBytesWritten, SMALL.length);
  assert.ok(progress.every((p) => p.totalBytesExpected === SMALL.length));
  assert.equal(log.endings(task), 1);
});

test('non-UTF-8 bytes arrive unchanged', { timeout: 20_000 }, async () => {
  const result = finishedResult((await transfer(`${base}/binary`)).ended);
  assert.deepEqual(readFileSync(result.location), BINARY);
  assert.equal(result.bytes, BINARY.length);
});

test('a gzip body is asked for and stored decoded, as URLSession does', { timeout: 20_000 }, async () => {
  const { ended, log, task } = await transfer(`${base}/gzip`);
  const result = finishedResult(ended);
  assert.equal(result.status, 200);
  assert.equal(result.headers['content-encoding'], 'gzip');
  assert.deepEqual(readFileSync(result.location), SMALL);
  assert.equal(result.bytes, SMALL.length);
  assert.ok(log.progress(task).every((p) => p.totalBytesExpected === -1), 'decoded size is unknown up front');
});

test('a body that does not match its Content-Encoding fails with -1016', { timeout: 20_000 }, async () => {
  const before = temp.files().length;
  const error = failedError((await transfer(`${base}/corrupt-gzip`)).ended);
  assert.equal(error.code, -1016, error.message);
  assert.equal(temp.files().length, before);
});

test('redirects are followed to the final body', { timeout: 20_000 }, async () => {
  const result = finishedResult((await transfer(`${base}/redirect?hops=3`)).ended);
  assert.equal(result.status, 200);
  assert.deepEqual(readFileSync(result.location), SMALL);
});

test('a redirect loop fails with NSURLErrorHTTPTooManyRedirects (-1007)', { timeout: 20_000 }, async () => {
  const before = temp.files().length;
  const error = failedError((await transfer(`${base}/loop`)).ended);
  assert.equal(error.code, -1007, error.message);
  assert.match(error.message, /loop/);
  assert.equal(temp.files().length, before, 'no file is left');
  const chain = failedError((await transfer(`${base}/redirect?hops=20`)).ended);
  assert.equal(chain.code, -1007, chain.message);
  assert.match(chain.message, /more than 16/);
});

test('an HTTP 404 completes with its status and body, not an error', { timeout: 20_000 }, async () => {
  const result = finishedResult((await transfer(`${base}/missing`)).ended);
  assert.equal(result.status, 404);
  assert.equal(readFileSync(result.location, 'utf8'), 'no forecast here');
});

test('a connection reset mid-body fails with -1005 and leaves no file', { timeout: 20_000 }, async () => {
  const before = temp.files().length;
  const error = failedError((await transfer(`${base}/reset`)).ended);
  assert.equal(error.code, -1005);
  assert.equal(error.domain, 'NSURLErrorDomain');
  assert.match(error.message, /connection was lost/);
  assert.equal(temp.files().length, before, 'the partial file is removed');
});

test('an unknown host under .invalid fails with -1003', { timeout: 30_000 }, async () => {
  const error = failedError((await transfer('http://forecast.example.invalid/today')).ended);
  assert.equal(error.code, -1003);
  assert.match(error.message, /forecast\.example\.invalid/);
});

test('a server that never answers times out with -1001', { timeout: 20_000 }, async () => {
  const error = failedError((await transfer(`${base}/hang`, { requestTimeoutMs: 300 })).ended);
  assert.equal(error.code, -1001);
  assert.match(error.message, /timed out/);
});

test('a closed port fails with -1004 (cannot connect to host)', { timeout: 20_000 }, async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  assert.equal(failedError((await transfer(`http://127.0.0.1:${port}/`)).ended).code, -1004);
});

test('enormous response headers fail with -1011 instead of crashing', { timeout: 20_000 }, async () => {
  const error = failedError((await transfer(`${base}/huge-headers`)).ended);
  assert.equal(error.code, -1011);
});

test('bad and unsupported URLs fail with -1000 and -1002 and say what to do', { timeout: 20_000 }, async () => {
  const bad = failedError((await transfer('not a url')).ended);
  assert.equal(bad.code, -1000);
  assert.match(bad.message, /absolute URL/);
  const ftp = failedError((await transfer('ftp://127.0.0.1/file.txt')).ended);
  assert.equal(ftp.code, -1002);
  assert.match(ftp.message, /http or https/);
});

test('a header value undici refuses fails as a value, naming the cause', { timeout: 20_000 }, async () => {
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir });
  const log = new EventLog(daemon, clock);
  const req = request(`${base}/small`, { headers: { 'x-bad': 'line\r\nbreak' } });
  daemon.start(req);
  const error = failedError(await log.waitForEnd(daemon, req.task));
  assert.equal(error.domain, 'NSURLErrorDomain');
  assert.match(error.message, /headers/);
  await daemon.dispose();
});

test('HTTP_PROXY is honoured (loopback excepted), as URLSession honours the system proxy', { timeout: 20_000 }, async () => {
  const tunnels: string[] = [];
  const proxy = createServer((_req, res) => {
    res.writeHead(502);
    res.end();
  });
  proxy.on('connect', (req: IncomingMessage, client: import('node:stream').Duplex, head: Buffer) => {
    // The proxy resolves names the client cannot: every tunnel leads to the test server.
    tunnels.push(req.url ?? '');
    const upstream = connect(Number(new URL(base).port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const saved = process.env.HTTP_PROXY;
  process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const clock = new RealTimeClock();
  let daemon: TransferDaemon;
  try {
    daemon = new TransferDaemon({ clock, tempDir: temp.dir });
  } finally {
    if (saved === undefined) delete process.env.HTTP_PROXY;
    else process.env.HTTP_PROXY = saved;
  }
  const log = new EventLog(daemon, clock);
  const proxied = request('http://weather.proxied.invalid/small');
  const direct = request(`${base}/binary`);
  daemon.start(proxied);
  daemon.start(direct);
  const result = finishedResult(await log.waitForEnd(daemon, proxied.task));
  assert.deepEqual(readFileSync(result.location), SMALL, 'a name only the proxy can resolve was fetched');
  finishedResult(await log.waitForEnd(daemon, direct.task));
  assert.deepEqual(tunnels, ['weather.proxied.invalid:80'], 'only the non-loopback transfer went through the proxy');
  await daemon.dispose();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

test('offline mode fails every transfer with -1009 without touching the network', { timeout: 20_000 }, async () => {
  const { ended, log, task } = await transfer(`${base}/small`, { offline: true });
  assert.equal(failedError(ended).code, -1009);
  assert.equal(log.progress(task).length, 0);
});

test('cancel fails with -999, removes the partial file, and ends once', { timeout: 20_000 }, async () => {
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir });
  const log = new EventLog(daemon, clock);
  const before = temp.files().length;
  const req = request(`${base}/trickle`);
  daemon.start(req);
  await new Promise<void>((resolve) => daemon.once('progress', () => resolve()));
  assert.equal(daemon.busy(), true, 'busy while waiting for real I/O');
  assert.equal(temp.files().length, before + 1, 'the partial file exists while downloading');
  daemon.cancel(req.task);
  const error = failedError(await log.waitForEnd(daemon, req.task));
  assert.equal(error.code, -999);
  assert.equal(temp.files().length, before, 'no file is left');
  assert.equal(daemon.busy(), false);
  daemon.cancel(req.task);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(log.endings(req.task), 1, 'exactly one ending');
  const kinds = log.events.map((e) => e.event);
  assert.ok(kinds.lastIndexOf('idle') > kinds.indexOf('failed'), "'idle' follows 'failed'");
  await daemon.dispose();
});

test('dispose aborts running transfers and removes their partial files', { timeout: 20_000 }, async () => {
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir });
  const before = temp.files().length;
  daemon.start(request(`${base}/trickle`));
  daemon.start(request(`${base}/hang`));
  await new Promise<void>((resolve) => daemon.once('progress', () => resolve()));
  await daemon.dispose();
  assert.equal(temp.files().length, before);
});

test('earliestBeginDate holds the request back until then', { timeout: 20_000 }, async () => {
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir });
  const log = new EventLog(daemon, clock);
  const earliest = Date.now() + 400;
  const req = request(`${base}/small`, { earliestBeginDate: earliest });
  daemon.start(req);
  assert.equal(daemon.busy(), false, 'not busy while waiting for the begin date');
  finishedResult(await log.waitForEnd(daemon, req.task));
  assert.ok(log.events.every((e) => e.at >= earliest), 'nothing happens before earliestBeginDate');
  await daemon.dispose();
});

test('the request method and headers reach the server', { timeout: 20_000 }, async () => {
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir });
  const log = new EventLog(daemon, clock);
  const req = request(`${base}/small`, { method: 'post', headers: { 'x-widget': 'weather' } });
  daemon.start(req);
  const result = finishedResult(await log.waitForEnd(daemon, req.task));
  assert.equal(result.headers['x-method'], 'POST');
  assert.equal(result.headers['x-echo'], 'weather');
  await daemon.dispose();
});

test('an upload task streams its body file to the server (issue #15, item 7)', { timeout: 20_000 }, async () => {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const bodyFile = join(temp.dir, 'upload-body.txt');
  writeFileSync(bodyFile, 'x'.repeat(100_000));
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir });
  const log = new EventLog(daemon, clock);
  const req = request(`${base}/upload`, { method: 'PUT', bodyFile });
  daemon.start(req);
  const result = finishedResult(await log.waitForEnd(daemon, req.task));
  await daemon.dispose();
  assert.equal(result.status, 201);
  assert.equal(result.upload, true);
  assert.equal(result.headers['x-method'], 'PUT');
  assert.equal(result.headers['x-length'], '100000');
  assert.equal(JSON.parse(readFileSync(result.location, 'utf8')).received, 100_000);
});

test('an upload whose body file is missing fails with -1100', { timeout: 20_000 }, async () => {
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir });
  const log = new EventLog(daemon, clock);
  const req = request(`${base}/upload`, { method: 'POST', bodyFile: '/nonexistent/body.bin' });
  daemon.start(req);
  const error = failedError(await log.waitForEnd(daemon, req.task));
  await daemon.dispose();
  assert.equal(error.code, -1100);
});
