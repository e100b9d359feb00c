// Recordings and `replay` (DESIGN.md section 11), through the command line: a run that draws on
// the widget's own randomness and on a real local HTTP server is recorded, then replayed with the
// server gone: the same trace, record for record. A changed widget, a file that is no recording,
// --until-seq, and the recording a run with findings leaves behind.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { comparableRecord } from '../../src/system/recording/traceComparison';
import { parseRecords, runCli, START, startDataServer, type LocalServer } from './engineHarness';

const work = mkdtempSync(join(tmpdir(), 'replay-test-'));
let server: LocalServer;
before(async () => (server = await startDataServer(7)));
after(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Downloads from DATA_URL with a random id in the query; Math.random decides how many entries. */
const RANDOM_WIDGET = `import { randomUUID } from 'node:crypto';
import { defineWidget, ReloadPolicy, sessionCache, Text, Timeline, WidgetCenter } from 'widgetkit';

const ID = 'com.example.random';
let completion;
const delegate = () => ({
  didFinishDownloadingTo() {},
  didFinishEvents() {
    WidgetCenter.reloadTimelines('random');
    completion?.();
  },
});

export default defineWidget({
  kind: 'random',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      if (!sessionCache.get(ID)) {
        const bytes = crypto.getRandomValues(new Uint8Array(2));
        sessionCache.session(ID, delegate).downloadTask(\`\${process.env.DATA_URL}?id=\${randomUUID()}&b=\${bytes.join('.')}\`).resume();
      }
      const count = 1 + Math.floor(Math.random() * 5);
      const now = Date.now();
      const entries = Array.from({ length: count }, (_, i) => ({ date: new Date(now + i * 60_000) }));
      return new Timeline(entries, ReloadPolicy.after(new Date(now + 20 * 60_000)));
    },
  },
  view: () => Text('random'),
  onBackgroundURLSessionEvents(identifier, done) {
    completion = done;
    sessionCache.session(identifier, delegate);
  },
});
`;

function widgetFile(name: string): string {
  const file = join(work, `${name}.widget.mjs`);
  writeFileSync(file, RANDOM_WIDGET);
  return file;
}

function runArgs(file: string, ...extra: string[]): string[] {
  return ['run', file, '--now', START, '--until', '+1h', '--env', `DATA_URL=${server.url}`, '--terminate-at', 'taskResume', '--json', ...extra];
}

test('a recorded run with randomness and a real server replays to the same trace with the server gone', async () => {
  const file = widgetFile('replayed');
  const recording = join(work, 'replayed.jsonl');
  const run = await runCli(runArgs(file, '--record', recording));
  assert.equal(run.code, 0, run.stderr);
  const original = parseRecords(run.stdout);
  assert.ok(original.some((r) => r.event === 'didWriteData'), 'the real server\'s body was downloaded');
  const lines = readFileSync(recording, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.equal(lines[0].recording, 1);
  assert.ok(lines.some((line) => line.input === 'response' && String(line.url).startsWith(server.url)), 'the network response is in the recording');

  const requestsBefore = server.requests();
  const replay = await runCli(['replay', recording, '--json']);
  assert.equal(replay.code, 0, replay.stderr);
  assert.match(replay.stderr, /the trace is the recorded one \(\d+ records/);
  assert.equal(server.requests(), requestsBefore, 'no request reached the network');
  const replayed = parseRecords(replay.stdout);
  assert.deepEqual(replayed.map(comparableRecord), original.map(comparableRecord));
});

test('the widget\'s randomness: new draws in every run, the same with the same --seed', async () => {
  const file = widgetFile('seeded');
  const url = (stdout: string): unknown => parseRecords(stdout).find((r) => r.event === 'taskResume')?.detail?.url;
  const [a, b] = [await runCli(runArgs(file)), await runCli(runArgs(file))];
  assert.notEqual(url(a.stdout), url(b.stdout));
  const [c, d] = [await runCli(runArgs(file, '--seed', '12345')), await runCli(runArgs(file, '--seed', '12345'))];
  assert.equal(url(c.stdout), url(d.stdout));
  assert.match(String(url(c.stdout)), /id=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}&b=\d+\.\d+$/);
});

test('a changed widget: said first; a change that changes the trace names the first record that differs (exit 1)', async () => {
  const file = widgetFile('changed');
  const recording = join(work, 'changed.jsonl');
  assert.equal((await runCli(runArgs(file, '--record', recording))).code, 0);
  appendFileSync(file, '// a comment changes the file, not the run\n');
  const same = await runCli(['replay', recording]);
  assert.equal(same.code, 0, same.stdout);
  assert.match(same.stdout, /is not the one recorded/);
  writeFileSync(file, RANDOM_WIDGET.replace('20 * 60_000', '25 * 60_000'));
  const differs = await runCli(['replay', recording]);
  assert.equal(differs.code, 1, differs.stdout);
  const lines = differs.stdout.split('\n');
  const changed = lines.findIndex((line) => /is not the one recorded/.test(line));
  const named = lines.findIndex((line) => /^Replay: record #\d+ differs from the recording\.$/.test(line));
  assert.ok(changed >= 0 && named > changed, differs.stdout);
  assert.match(lines[named + 1], /recorded: .*"event":"timeline"/);
});

test('--until-seq replays up to that record', async () => {
  const file = widgetFile('partial');
  const recording = join(work, 'partial.jsonl');
  assert.equal((await runCli(runArgs(file, '--record', recording))).code, 0);
  const replay = await runCli(['replay', recording, '--json', '--until-seq', '5']);
  assert.equal(replay.code, 0, replay.stderr);
  assert.deepEqual(parseRecords(replay.stdout).map((r) => r.seq), [1, 2, 3, 4, 5]);
});

test('a file that is not a recording: exit 2 naming the file and what is wrong', async () => {
  const trace = join(work, 'trace.jsonl');
  writeFileSync(trace, `${JSON.stringify({ seq: 1, time: START, event: 'extensionLaunch', pid: 1, launch: 1 })}\n`);
  for (const [file, says] of [[trace, /line 1 is not a recording header/], [join(work, 'missing.jsonl'), /cannot be read \(ENOENT\)/]] as const) {
    const result = await runCli(['replay', file]);
    assert.equal(result.code, 2);
    assert.ok(result.stderr.includes(file), result.stderr);
    assert.match(result.stderr, says);
  }
});

test('a run with findings leaves its recording, which replays', async () => {
  const file = join(work, 'forgets.widget.mjs');
  // The wake never calls its completion: completion-not-called.
  writeFileSync(file, RANDOM_WIDGET.replace('completion?.();', ''));
  const run = await runCli(runArgs(file));
  assert.equal(run.code, 1, run.stderr);
  const path = /Recording: (\S+\.jsonl)/.exec(run.stderr)?.[1];
  assert.ok(path, run.stderr);
  try {
    const replay = await runCli(['replay', path]);
    assert.equal(replay.code, 0, replay.stdout);
  } finally {
    rmSync(path, { force: true });
  }
});
