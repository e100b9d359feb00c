// Fixture playback on a virtual clock: answers without the network, at deterministic virtual
// times, with the faults of DESIGN.md section 5 as NSURLErrors.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { FixtureMap } from '../api';
import type { TransferDaemonOptions, TransferRequest } from './api';
import { TransferDaemon } from './transferDaemon';
import { EventLog, VirtualClock, failedError, finishedResult, privateTempDir } from './transferTestRig';

const temp = privateTempDir('fix');
after(() => temp.remove());

/** Nothing listens here: a fixture that fell through to the network would fail with -1004. */
const URL_A = 'http://127.0.0.1:9/forecast';
const URL_B = 'http://127.0.0.1:9/radar';

let nextTask = 100;
function request(url: string, extra: Partial<TransferRequest> = {}): TransferRequest {
  return { task: nextTask++, identifier: 'com.example.fixtures', url, method: 'GET', headers: {}, discretionary: false, ...extra };
}

function rig(fixtures: FixtureMap, options: Partial<TransferDaemonOptions> = {}) {
  const clock = new VirtualClock();
  const daemon = new TransferDaemon({ clock, tempDir: temp.dir, fixtures, fixturesDir: temp.dir, ...options });
  const log = new EventLog(daemon, clock);
  const t0 = clock.now();
  /** Starts the requests and runs virtual time until each has ended. */
  async function run(...requests: TransferRequest[]) {
    for (const req of requests) daemon.start(req);
    await clock.runUntil(daemon, () => requests.every((req) => log.ending(req.task) !== undefined));
    return requests.map((req) => log.ending(req.task));
  }
  return { clock, daemon, log, t0, run };
}

test('a string body is answered without the network, at the current virtual time', { timeout: 10_000 }, async () => {
  const { daemon, log, t0, run } = rig({ [URL_A]: { body: 'sunny, 21°' } });
  const req = request(URL_A);
  const [ended] = await run(req);
  const result = finishedResult(ended);
  assert.equal(result.status, 200);
  assert.equal(readFileSync(result.location, 'utf8'), 'sunny, 21°');
  assert.equal(result.bytes, Buffer.byteLength('sunny, 21°'));
  assert.equal(result.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(ended!.at, t0);
  assert.deepEqual(log.progress(req.task).map((p) => p.totalBytesWritten), [result.bytes]);
  await daemon.dispose();
});

test('a JSON body is served as application/json; status and headers are kept', { timeout: 10_000 }, async () => {
  const body = { temp: 21, hourly: [20, 21, 19] };
  const { daemon, run } = rig({ [URL_A]: { status: 201, headers: { 'X-Source': 'fixture' }, body } });
  const result = finishedResult((await run(request(URL_A)))[0]);
  assert.equal(result.status, 201);
  assert.deepEqual(JSON.parse(readFileSync(result.location, 'utf8')), body);
  assert.equal(result.headers['content-type'], 'application/json');
  assert.equal(result.headers['x-source'], 'fixture');
  await daemon.dispose();
});

test('a file body is copied from beside the fixtures', { timeout: 10_000 }, async () => {
  const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 13]);
  writeFileSync(join(temp.dir, 'radar.bin'), bytes);
  const { daemon, run } = rig({ [URL_B]: { file: 'radar.bin' } });
  const result = finishedResult((await run(request(URL_B)))[0]);
  assert.deepEqual(readFileSync(result.location), bytes);
  await daemon.dispose();
});

test('a fixture file removed after loading fails with -1100 and says so', { timeout: 10_000 }, async () => {
  const path = join(temp.dir, 'vanishing.json');
  writeFileSync(path, '{}');
  const { daemon, run } = rig({ [URL_B]: { file: path } });
  rmSync(path);
  const error = failedError((await run(request(URL_B)))[0]);
  assert.equal(error.code, -1100);
  assert.match(error.message, /vanishing\.json cannot be read/);
  await daemon.dispose();
});

test('an array answers successive requests and its last response repeats', { timeout: 10_000 }, async () => {
  const { daemon, run } = rig({ [URL_A]: [{ body: 'first' }, { status: 503, body: 'second' }] });
  const bodies: string[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const result = finishedResult((await run(request(URL_A)))[0]);
    bodies.push(readFileSync(result.location, 'utf8'));
    statuses.push(result.status);
  }
  assert.deepEqual(bodies, ['first', 'second', 'second']);
  assert.deepEqual(statuses, [200, 503, 503]);
  await daemon.dispose();
});

test('a "METHOD url" key beats a plain url key for that method only', { timeout: 10_000 }, async () => {
  const { daemon, run } = rig({ [URL_A]: { body: 'any' }, [`POST ${URL_A}`]: { body: 'posted' } });
  const [post, get] = await run(request(URL_A, { method: 'POST' }), request(URL_A));
  assert.equal(readFileSync(finishedResult(post).location, 'utf8'), 'posted');
  assert.equal(readFileSync(finishedResult(get).location, 'utf8'), 'any');
  await daemon.dispose();
});

test('delayMs and bytesPerSecond pace progress in virtual time', { timeout: 10_000 }, async () => {
  const body = 'x'.repeat(1000);
  const { daemon, log, t0, run } = rig({ [URL_A]: { body, delayMs: 500, bytesPerSecond: 250 } });
  const req = request(URL_A);
  const [ended] = await run(req);
  const progress = log.progress(req.task);
  // 250 B/s in steps of 100 ms: 25 bytes every 100 ms, starting after the 500 ms latency.
  assert.equal(progress.length, 40);
  assert.equal(progress[0].at, t0 + 600);
  assert.equal(progress[0].bytesWritten, 25);
  assert.equal(progress.at(-1)!.at, t0 + 4500);
  assert.equal(progress.at(-1)!.totalBytesWritten, 1000);
  assert.ok(progress.every((p) => p.totalBytesExpected === 1000));
  assert.ok(progress.every((p, i) => i === 0 || p.at - progress[i - 1].at === 100), 'evenly paced');
  assert.equal(ended!.at, t0 + 4500);
  assert.equal(readFileSync(finishedResult(ended).location, 'utf8'), body);
  await daemon.dispose();
});

test('each fail kind is the matching NSURLError at its virtual time', { timeout: 10_000 }, async () => {
  const { daemon, log, t0, run } = rig(
    {
      'http://dns.example/': { fail: 'dns', delayMs: 200 },
      'http://offline.example/': { fail: 'offline' },
      'http://reset.example/': { fail: 'reset', body: 'y'.repeat(100) },
      'http://timeout.example/': { fail: 'timeout', delayMs: 1000 },
    },
    { requestTimeoutMs: 30_000 },
  );
  const dns = request('http://dns.example/');
  const offline = request('http://offline.example/');
  const reset = request('http://reset.example/');
  const timeout = request('http://timeout.example/');
  const before = temp.files().length;
  const endings = await run(dns, offline, reset, timeout);
  assert.deepEqual(
    endings.map((e) => [failedError(e).code, e!.at - t0]),
    [
      [-1003, 200],
      [-1009, 0],
      [-1005, 0],
      [-1001, 31_000],
    ],
  );
  assert.deepEqual(log.progress(reset.task).map((p) => p.totalBytesWritten), [50], 'half the body, then the reset');
  assert.equal(temp.files().length, before, 'failed transfers leave no file');
  await daemon.dispose();
});

test('a fixture redirect is followed to another fixture', { timeout: 10_000 }, async () => {
  const { daemon, run } = rig({
    [URL_A]: { status: 302, headers: { Location: '/radar' } },
    [URL_B]: { body: 'moved here' },
  });
  const result = finishedResult((await run(request(URL_A)))[0]);
  assert.equal(readFileSync(result.location, 'utf8'), 'moved here');
  await daemon.dispose();
});

test('offline mode fails fixture transfers too, with -1009', { timeout: 10_000 }, async () => {
  const { daemon, run } = rig({ [URL_A]: { body: 'never' } }, { offline: true });
  assert.equal(failedError((await run(request(URL_A)))[0]).code, -1009);
  await daemon.dispose();
});

test('earliestBeginDate and discretionary deferral run on the virtual clock', { timeout: 10_000 }, async () => {
  const { daemon, t0, run } = rig({ [URL_A]: { body: 'later' } }, { discretionaryDelayMs: 7_000 });
  const [plain, deferred] = await run(
    request(URL_A, { earliestBeginDate: t0 + 60_000 }),
    request(URL_A, { earliestBeginDate: t0 + 60_000, discretionary: true }),
  );
  assert.equal(plain!.at, t0 + 60_000);
  assert.equal(deferred!.at, t0 + 67_000);
  await daemon.dispose();
});

test('cancel during a fixture delay fails with -999 at once, without a file', { timeout: 10_000 }, async () => {
  const { clock, daemon, log, t0 } = rig({ [URL_A]: { body: 'slow', delayMs: 10_000 } });
  const before = temp.files().length;
  const req = request(URL_A);
  daemon.start(req);
  const waiting = request(URL_B, { earliestBeginDate: t0 + 5_000 });
  daemon.start(waiting);
  clock.schedule(t0 + 1_000, () => undefined);
  await clock.runUntil(daemon, () => clock.now() >= t0 + 1_000);
  daemon.cancel(req.task);
  daemon.cancel(waiting.task);
  await clock.runUntil(daemon, () => log.ending(req.task) !== undefined && log.ending(waiting.task) !== undefined);
  assert.equal(failedError(log.ending(req.task)).code, -999);
  assert.equal(failedError(log.ending(waiting.task)).code, -999);
  assert.equal(log.ending(req.task)!.at, t0 + 1_000, 'cancelled at the virtual time of the cancel');
  assert.equal(temp.files().length, before);
  await daemon.dispose();
});

test('the daemon is idle while a fixture waits on virtual time, so the clock can jump', { timeout: 10_000 }, async () => {
  const { daemon, log, t0, run } = rig({ [URL_A]: { body: 'z', delayMs: 3_600_000 } });
  const [ended] = await run(request(URL_A));
  assert.equal(ended!.at, t0 + 3_600_000);
  const kinds = log.events.map((e) => e.event);
  assert.ok(kinds.indexOf('finished') < kinds.lastIndexOf('idle'), "'finished' comes before the final 'idle'");
  assert.equal(daemon.busy(), false);
  await daemon.dispose();
});
