// `npm run demo`: the weather widget against a real local server, with the system terminating
// the widget extension right after it resumed its background download. Shows the trace table
// the CLI prints, then what happened in plain words: the transfer outlives the process, the
// system relaunches the extension for its events, and the widget recovers.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'weather-demo-'));
const traceFile = join(work, 'trace.jsonl');

function startServer() {
  const server = spawn(process.execPath, [join(here, 'server.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.stdout.setEncoding('utf8').once('data', (line) => resolve({ server, url: line.trim() }));
  });
}

function runCli(apiUrl) {
  const args = [
    join(root, 'dist', 'cli.js'), 'run', join(here, 'weather.widget.ts'),
    '--env', `WEATHER_API_URL=${apiUrl}`,
    '--terminate-at', 'taskResume',
    '--until', '+1h',
    '--trace', traceFile,
  ];
  console.log(`$ widget-timeline run examples/weather/weather.widget.ts --env WEATHER_API_URL=${apiUrl} --terminate-at taskResume\n`);
  const cli = spawn(process.execPath, args, { stdio: 'inherit', cwd: root });
  return new Promise((resolve) => cli.on('exit', (code) => resolve(code ?? 1)));
}

function story(records, exitCode) {
  const find = (event, predicate = () => true) => records.find((r) => r.event === event && predicate(r));
  const all = (event) => records.filter((r) => r.event === event);
  const lines = [];
  const resume = find('taskResume');
  const killed = find('extensionTerminate', (r) => r.detail?.reason === 'forced');
  if (resume && killed) {
    lines.push(`1. The widget's getTimeline resumed a background download (task ${resume.task}, ${resume.detail.url}),`);
    lines.push(`   and the system terminated the extension right then (launch #${killed.launch}, pid ${killed.pid}).`);
  }
  const done = find('transferComplete');
  if (done) lines.push(`2. The transfer went on in the system's daemon and completed: HTTP ${done.detail.status}, ${done.detail.bytes} bytes.`);
  const relaunch = find('extensionLaunch', (r) => r.detail?.reason === 'backgroundEvents');
  const wake = find('onBackgroundURLSessionEvents');
  if (relaunch && wake) {
    lines.push(`3. The system relaunched the extension for background events (launch #${relaunch.launch}, pid ${relaunch.pid})`);
    lines.push(`   and called onBackgroundURLSessionEvents("${wake.identifier}"); the widget recreated that session.`);
  }
  const files = all('didFinishDownloadingTo');
  if (files.length) lines.push(`4. didFinishDownloadingTo was delivered ${files.length === 1 ? 'exactly once' : `${files.length} times`} to the recreated session; the file was moved before it returned.`);
  const finish = find('urlSessionDidFinishEvents');
  const reload = find('reloadTimelines', (r) => !finish || r.seq > finish.seq);
  const completion = find('completionHandler');
  if (finish && reload && completion) lines.push('5. In urlSessionDidFinishEvents it reloaded its timeline and called the completion handler.');
  const timelines = all('timeline');
  const last = timelines[timelines.length - 1];
  if (last) lines.push(`6. The new timeline has ${last.detail.totalEntries} hourly entries from the downloaded forecast (policy ${last.detail.policy.kind}).`);
  const findings = all('diagnostic');
  lines.push(findings.length ? `Findings: ${findings.map((f) => f.detail.code).join(', ')}.` : 'No contract findings: nothing was lost, nothing was delivered twice.');
  lines.push(`The CLI exited with code ${exitCode}.`);
  return lines.join('\n');
}

const { server, url } = await startServer();
try {
  const code = await runCli(url);
  const records = readFileSync(traceFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  console.log('\nWhat happened:\n');
  console.log(story(records, code));
  process.exitCode = code;
} finally {
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
