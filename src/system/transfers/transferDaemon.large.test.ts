// A 200 MB download from a local server that generates its body as it goes: the file holds
// every byte, and the test process's resident memory grows by less than 50 MB on the way
// (the body is streamed with backpressure, never held whole). Memory is asserted, not time.
import assert from 'node:assert/strict';
import { openSync, readSync, closeSync, statSync, rmSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { TransferDaemon } from './transferDaemon';
import { EventLog, RealTimeClock, finishedResult, privateTempDir } from './transferTestRig';

const CHUNK = 64 * 1024;
const CHUNKS = 3200; // 200 MiB
const TOTAL = CHUNK * CHUNKS;
/**
 * 96 MiB first: Node frees the 64 KiB socket buffers of a stream only when V8 collects garbage,
 * which external-memory pressure triggers after some tens of MB; after one such cycle the RSS
 * holds steady, so the baseline includes it and the assertion measures what scales with size.
 */
const WARM_UP_CHUNKS = 1536;
const MB = 1024 * 1024;

const temp = privateTempDir('large');
let server: ChildProcess;
let base = '';

/**
 * The server runs in its own process, so the test process's memory is the daemon's alone. It
 * generates the body as it goes (honouring backpressure); each 64 KiB chunk starts with its
 * index, so the test can check that the bytes landed in order. GET /<n> sends n chunks.
 */
const SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  const chunks = Number(req.url.slice(1));
  let index = 0;
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': chunks * ${CHUNK} });
  const pump = () => {
    while (index < chunks) {
      const chunk = Buffer.alloc(${CHUNK}, 0xa5);
      chunk.writeUInt32BE(index++, 0);
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}).listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });
`;

before(async () => {
  server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(server.stdout!, 'data')) as [Buffer];
  base = `http://127.0.0.1:${Number(line.toString().trim())}`;
});

after(() => {
  server.kill();
  temp.remove();
});

async function download(daemon: TransferDaemon, log: EventLog, task: number, path: string) {
  daemon.start({ task, identifier: 'com.example.large', url: `${base}${path}`, method: 'GET', headers: {}, discretionary: false });
  return finishedResult(await log.waitForEnd(daemon, task));
}

test('a 200 MB download streams to disk with bounded memory', { timeout: 180_000 }, async () => {
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir });
  const log = new EventLog(daemon, clock);
  const cold = process.memoryUsage.rss();
  rmSync((await download(daemon, log, 1, `/${WARM_UP_CHUNKS}`)).location);

  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  daemon.on('progress', () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  });
  const result = await download(daemon, log, 2, `/${CHUNKS}`);
  peak = Math.max(peak, process.memoryUsage.rss());

  assert.equal(result.bytes, TOTAL);
  assert.equal(statSync(result.location).size, TOTAL);
  const fd = openSync(result.location, 'r');
  const probe = Buffer.alloc(4);
  for (const index of [0, 1, 1599, CHUNKS - 1]) {
    readSync(fd, probe, 0, 4, index * CHUNK);
    assert.equal(probe.readUInt32BE(0), index, `chunk ${index} is in place`);
  }
  closeSync(fd);
  const progress = log.progress(2);
  assert.ok(progress.length >= 2, 'progress is reported during the download');
  assert.equal(progress.at(-1)!.totalBytesWritten, TOTAL);
  const growthMb = (peak - baseline) / MB;
  console.log(`# 200 MB download: RSS before the warm-up ${Math.round(cold / MB)} MB, after ${Math.round(baseline / MB)} MB -> peak ${Math.round(peak / MB)} MB (+${growthMb.toFixed(1)} MB), ${progress.length} progress events`);
  assert.ok(growthMb < 50, `RSS grew by ${growthMb.toFixed(1)} MB (limit 50 MB)`);
  rmSync(result.location);
  await daemon.dispose();
});
