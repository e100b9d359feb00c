// Bad network through the real transfer daemon: a real HTTP server on 127.0.0.1 answering 404,
// 500, resetting the connection, sending enormous headers or a body that is not UTF-8, a host
// that does not resolve, and (on the virtual clock, where a real 60 s wait has no place in a
// test) a timeout. URLSession semantics: an HTTP error status still delivers the body to
// didFinishDownloadingTo and didCompleteWithError(nil); a transport failure is
// didCompleteWithError with its NSURLError code. Afterwards the widget still gets a timeline.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { FixtureMap } from '../../src/system/api';
import { withWidget, type WidgetRun } from './widgetHarness';

const TIMEOUT = { timeout: 60_000 };
const NOT_UTF8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00, 0x80, 0xe2, 0x82]);

const DOWNLOADER = `import { readFileSync } from 'node:fs';
import { defineWidget, ReloadPolicy, sessionCache, Text, Timeline, WidgetCenter } from 'widgetkit';

let completion;
let started = false;
const delegate = () => ({
  didFinishDownloadingTo(_s, task, location) {
    console.log('body-hex ' + readFileSync(location).toString('hex'));
  },
  didCompleteWithError(_s, task, error) {
    console.log('completed ' + (error ? error.code + ' ' + error.message : 'nil'));
  },
  didFinishEvents() {
    WidgetCenter.reloadTimelines();
    completion?.();
  },
});

export default defineWidget({
  kind: 'net',
  provider: {
    placeholder: () => ({ date: new Date(), value: 0 }),
    getSnapshot: () => ({ date: new Date(), value: 0 }),
    getTimeline() {
      if (!started) {
        started = true;
        sessionCache.session('com.bad.net', delegate).downloadTask(process.env.TARGET_URL).resume();
      }
      return new Timeline([{ date: new Date(), value: 1 }], ReloadPolicy.never);
    },
  },
  view: (entry) => Text(String(entry.value)),
  onBackgroundURLSessionEvents(identifier, done) {
    completion = done;
    sessionCache.session(identifier, delegate);
  },
});
`;

let server: Server;
let base = '';

before(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/404':
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such forecast');
        return;
      case '/500':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('server fell over');
        return;
      case '/reset':
        res.writeHead(200, { 'content-length': '100000' });
        res.write('x'.repeat(1000), () => req.socket.destroy());
        return;
      case '/huge-headers':
        res.writeHead(200, { 'x-enormous': 'h'.repeat(400 * 1024) }).end('ok');
        return;
      case '/not-utf8':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(NOT_UTF8);
        return;
      default:
        res.writeHead(200).end('fine');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function download(url: string, check: (run: WidgetRun) => void, fixtures?: FixtureMap): Promise<void> {
  await withWidget({ 'net.widget.mjs': DOWNLOADER }, { env: { TARGET_URL: url }, ...(fixtures ? { network: { fixtures } } : {}) }, async (run) => {
    await run.runTo(5 * 60_000);
    check(run);
    // The session keeps working: the widget's own timeline is there, and a reload answers.
    await run.system.reloadTimelines();
    assert.equal(run.system.snapshot().timeline?.entries.length, 1, 'the widget still gets its timeline after the failure');
  });
}

function completedWith(run: WidgetRun): string {
  const line = run.output.join('').split('\n').find((l) => l.startsWith('completed '));
  assert.ok(line, `didCompleteWithError never ran; trace: ${run.records.map((r) => r.event).join(', ')}`);
  return line;
}

for (const status of [404, 500]) {
  test(`http ${status}: the body reaches didFinishDownloadingTo with the status, then didCompleteWithError(nil), as URLSession does`, TIMEOUT, async () => {
    await download(`${base}/${status}`, (run) => {
      const finished = run.events('didFinishDownloadingTo')[0];
      assert.equal(finished?.detail?.status, status);
      assert.equal(completedWith(run), 'completed nil');
    });
  });
}

test('connection reset mid-body: didCompleteWithError -1005 (network connection lost), no delivery of a partial file', TIMEOUT, async () => {
  await download(`${base}/reset`, (run) => {
    assert.equal(run.events('didFinishDownloadingTo').length, 0);
    assert.match(completedWith(run), /^completed -1005 /);
  });
});

test('enormous response headers (400 KB): a bad-server-response error, not a crash of the system', TIMEOUT, async () => {
  await download(`${base}/huge-headers`, (run) => {
    assert.match(completedWith(run), /^completed -1011 /);
  });
});

test('a body that is not UTF-8 arrives byte for byte (never decoded as text)', TIMEOUT, async () => {
  await download(`${base}/not-utf8`, (run) => {
    const line = run.output.join('').split('\n').find((l) => l.startsWith('body-hex '));
    assert.equal(line, `body-hex ${NOT_UTF8.toString('hex')}`);
  });
});

test('a host that does not resolve: didCompleteWithError -1003 (cannot find host) with the host named', TIMEOUT, async () => {
  await download('http://no-such-host.invalid/forecast', (run) => {
    assert.match(completedWith(run), /^completed -1003 .*no-such-host\.invalid/);
  });
});

// A file: URL would let a widget read local files through the system: refused like URLSession's background sessions do.
for (const url of ['ftp://files.example.com/forecast.json', 'file:///etc/passwd']) {
  test(`an unsupported scheme (${url.split(':')[0]}) is didCompleteWithError -1002 saying to use http or https`, TIMEOUT, async () => {
    await download(url, (run) => {
      assert.match(completedWith(run), /^completed -1002 .*http or https/);
      assert.equal(run.events('didFinishDownloadingTo').length, 0);
    });
  });
}

const FIXTURE_FAULTS: { fail: 'timeout' | 'reset' | 'offline' | 'dns'; code: number }[] = [
  { fail: 'timeout', code: -1001 },
  { fail: 'offline', code: -1009 },
  { fail: 'dns', code: -1003 },
];

for (const fault of FIXTURE_FAULTS) {
  test(`fixture fail "${fault.fail}" on the virtual clock: didCompleteWithError ${fault.code}`, TIMEOUT, async () => {
    const url = 'https://api.example.com/forecast';
    await download(url, (run) => {
      assert.match(completedWith(run), new RegExp(`^completed ${fault.code} `));
    }, { [url]: { fail: fault.fail, delayMs: 1000 } });
  });
}
