// HTTPS through the daemon against a local server whose self-signed certificate is made at test
// time with openssl: trusted, the download completes; untrusted, it fails like URLSession would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { TransferDaemon } from './transferDaemon';
import { EventLog, RealTimeClock, failedError, finishedResult, privateTempDir } from './transferTestRig';

const temp = privateTempDir('tls');
let certificate: string | undefined;
let skipReason = '';
let server: Server | undefined;
let base = '';

before(async () => {
  const key = join(temp.dir, 'key.pem');
  const cert = join(temp.dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
        '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { stdio: 'pipe' },
    );
  } catch (error) {
    skipReason = `openssl could not make a self-signed certificate (${error instanceof Error ? error.message : String(error)})`;
    console.log(`# HTTPS cases skipped: ${skipReason}`);
    return;
  }
  certificate = readFileSync(cert, 'utf8');
  server = createServer({ key: readFileSync(key), cert: certificate }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"secure":true}');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
  }
  temp.remove();
});

async function fetchOnce(trustedCertificates: string[] | undefined) {
  const clock = new RealTimeClock();
  const daemon = new TransferDaemon({ clock, tempDir: join(temp.dir, 'downloads'), trustedCertificates });
  const log = new EventLog(daemon, clock);
  daemon.start({ task: 1, identifier: 'com.example.tls', url: `${base}/secure`, method: 'GET', headers: {}, discretionary: false });
  const ended = await log.waitForEnd(daemon, 1);
  await daemon.dispose();
  return ended;
}

test('HTTPS with a trusted certificate downloads the body', { timeout: 20_000 }, async (t) => {
  if (!certificate) return t.skip(skipReason);
  const result = finishedResult(await fetchOnce([certificate]));
  assert.equal(result.status, 200);
  assert.equal(readFileSync(result.location, 'utf8'), '{"secure":true}');
});

test('HTTPS with an untrusted certificate fails with -1202', { timeout: 20_000 }, async (t) => {
  if (!certificate) return t.skip(skipReason);
  const error = failedError(await fetchOnce(undefined));
  assert.equal(error.code, -1202, error.message);
  assert.match(error.message, /not trusted/);
});
