// The command line's contract (DESIGN.md section 5): exit codes 0, 1 and 2, a load failure's
// file:line, bad usage named, --json and --trace carrying the same records, the readable table.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseRecords, runCli, START, traceProblems, widget } from './engineHarness';

const work = mkdtempSync(join(tmpdir(), 'cli-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

const WEATHER = widget('examples', 'weather', 'weather.widget.ts');
const WEATHER_FIXTURES = widget('examples', 'weather', 'weather.fixtures.json');

test('exit 0 and a readable table for a healthy widget', async () => {
  const result = await runCli(['run', WEATHER, '--now', START, '--fixtures', WEATHER_FIXTURES, '--until', '+30m']);
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.split('\n');
  assert.match(lines[0], /^TIME\s+LAUNCH\/PID\s+EVENT\s+SESSION\/TASK\s+DETAIL$/);
  const wake = lines.find((line) => /\bonBackgroundURLSessionEvents\b/.test(line));
  assert.match(wake ?? '', /^08:00:02\.000 #1 \d+ +onBackgroundURLSessionEvents +com\.example\.weather\.forecast/);
  assert.ok(lines.some((line) => /reloadTimelines .* kind weather at weather\.widget\.ts:\d+/.test(line)));
  assert.ok(lines.includes('Findings: none.'));
});

test('exit 1 when a finding is an error, with its file:line in the summary', async () => {
  const file = widget('examples', 'findings', 'provider-threw.widget.ts');
  const result = await runCli(['run', file, '--now', START]);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /error\s+provider-threw\s+\S+provider-threw\.widget\.ts:12:\d+/);
});

test('exit 2 and the file:line when the widget fails to load', async () => {
  const file = join(work, 'broken.widget.ts');
  writeFileSync(file, "import { defineWidget } from 'widgetkit';\n\nconst x: number = 1;\nthrow new Error('cannot start');\nexport default defineWidget({} as never);\n");
  const result = await runCli(['run', file, '--now', START]);
  assert.equal(result.code, 2);
  assert.ok(result.stderr.includes(`${file}:4`), result.stderr);
});

for (const [name, args, mention] of [
  ['an unknown option', ['--frobnicate'], '--frobnicate'],
  ['an unknown event', ['--terminate-at', 'didFinish'], '--terminate-at didFinish'],
  ['occurrence 0', ['--terminate-at', 'taskResume#0'], 'counts from 1'],
  ['a bad family', ['--family', 'huge'], 'family'],
  ['a bad clock', ['--clock', 'fast'], 'clock'],
  ['a bad horizon', ['--until', 'tomorrow'], '--until'],
  ['malformed fixtures', ['--fixtures', '__MALFORMED__'], 'fixtures'],
] as const) {
  test(`exit 2 for ${name}, naming it`, async () => {
    const malformed = join(work, 'bad.fixtures.json');
    writeFileSync(malformed, '{ "not a url": 3 }');
    const resolved = args.map((a) => (a === '__MALFORMED__' ? malformed : a));
    const result = await runCli(['run', WEATHER, ...resolved]);
    assert.equal(result.code, 2);
    assert.ok(result.stderr.includes(mention), result.stderr);
  });
}

test('exit 2 for a missing widget file', async () => {
  const result = await runCli(['run', join(work, 'nope.widget.ts')]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /program: cannot read the widget file/);
});

test('--help prints the usage and exits 0', async () => {
  const result = await runCli(['--help']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /--terminate-at <event>\[#n\]/);
});

test('--json prints the same records that --trace writes, seq strictly increasing', async () => {
  const trace = join(work, 'trace.jsonl');
  const result = await runCli(['run', WEATHER, '--now', START, '--fixtures', WEATHER_FIXTURES, '--json', '--trace', trace, '--until', '+10m']);
  assert.equal(result.code, 0, result.stderr);
  const printed = parseRecords(result.stdout);
  const written = parseRecords(readFileSync(trace, 'utf8'));
  assert.deepEqual(printed, written);
  assert.deepEqual(traceProblems(printed), []);
  assert.equal(printed[0].seq, 1);
  assert.equal(printed[0].launch, 1);
  assert.equal(printed[0].time, START);
  const entries = printed.find((r) => r.event === 'timeline' && (r.detail?.totalEntries as number) > 1)?.detail?.entries;
  assert.ok(Array.isArray(entries) && entries.length === 6, 'the timeline record carries the entries');
});

test('--terminate-at diagnostic kills the extension right after the finding is recorded', async () => {
  const file = widget('examples', 'findings', 'entries-too-close.widget.ts');
  const result = await runCli(['run', file, '--now', START, '--json', '--terminate-at', 'diagnostic', '--until', '+10m']);
  assert.equal(result.code, 0, result.stderr);
  const records = parseRecords(result.stdout);
  const diagnostic = records.findIndex((r) => r.event === 'diagnostic');
  assert.equal(records[diagnostic + 1]?.event, 'extensionTerminate');
  assert.equal(records[diagnostic + 1]?.detail?.reason, 'forced');
});

test('--terminate-at extensionTerminate has nothing left to kill and the run goes on', async () => {
  const file = widget('examples', 'findings', 'timeline-unsorted.widget.ts');
  const result = await runCli(['run', file, '--now', START, '--json', '--terminate-at', 'extensionTerminate', '--until', '+10m']);
  assert.equal(result.code, 0, result.stderr);
  const terminations = parseRecords(result.stdout).filter((r) => r.event === 'extensionTerminate');
  assert.deepEqual(terminations.map((r) => r.detail?.reason), ['idle']);
});
