// Widget pushes (DESIGN.md section 10; Apple, iOS 26 WidgetPushHandler), through the command line
// and the engine's API: a push is the system-side `widgetPush`, then the timelines reload by the
// usual path (launch, getTimeline); pushTokenDidChange gets a deterministic token; the push
// budget; a widget without a pushHandler; `--push-at` usage errors; recordings replay pushes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { TraceRecord } from '../../src/protocol/lifecycle';
import { replayRecording } from '../../src/system/recording/replay';
import { RunRecording } from '../../src/system/recording/runRecording';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { parseRecords, runCli, START, traceProblems, widget } from './engineHarness';

const work = mkdtempSync(join(tmpdir(), 'pushes-test-'));
after(() => rmSync(work, { recursive: true, force: true }));
const PUSHED = widget('test', 'engine', 'widgets', 'pushed.widget.mjs');

/** The count each timeline shows: how many times getTimeline ran so far. */
const counts = (records: TraceRecord[]): unknown[] =>
  records.filter((r) => r.event === 'timeline').map((r) => ((r.detail?.entries as { count?: number }[])[0] ?? {}).count);

async function runJson(args: string[]): Promise<{ code: number | null; records: TraceRecord[]; stderr: string }> {
  const result = await runCli(['run', PUSHED, '--now', START, '--json', '--seed', '7', ...args]);
  return { code: result.code, records: parseRecords(result.stdout), stderr: result.stderr };
}

test('--push-at: widgetPush on the system side, then a relaunch and getTimeline show the new data', async () => {
  const { code, records, stderr } = await runJson(['--until', '+30m', '--push-at', '+10m']);
  assert.equal(code, 0, stderr);
  assert.deepEqual(traceProblems(records), []);
  const push = records.find((r) => r.event === 'widgetPush');
  assert.ok(push, 'a widgetPush record');
  assert.equal(push.time, '2025-06-01T08:10:00.000Z');
  assert.equal(push.pid, null, 'system side: the extension was terminated for idleness by then');
  assert.equal(push.detail?.outcome, 'reload');
  const after = records.filter((r) => r.seq > push.seq).map((r) => r.event);
  assert.deepEqual(after.slice(0, 3), ['extensionLaunch', 'getTimeline', 'timeline']);
  assert.deepEqual(counts(records), [1, 2], 'the timeline after the push is a new one');
  assert.ok(!records.some((r) => r.event === 'diagnostic'));
});

test('pushTokenDidChange runs once with a 32-byte hex token the seed fixes, and the widgets', async () => {
  const first = await runJson(['--until', '+30m', '--push-at', '+10m']);
  const tokens = first.records.filter((r) => r.event === 'pushTokenDidChange');
  assert.equal(tokens.length, 1, 'not again on the relaunch: the token did not change');
  assert.match(String(tokens[0].detail?.token), /^[0-9a-f]{64}$/);
  assert.deepEqual(tokens[0].detail?.widgets, [{ kind: 'pushed', family: 'systemSmall' }]);
  assert.ok(first.stderr.includes(`token ${String(tokens[0].detail?.token)} for pushed/systemSmall`), first.stderr);
  const shown = first.records.filter((r) => r.event === 'timeline').map((r) => (r.detail?.entries as { token?: unknown }[])[0].token);
  assert.deepEqual(shown, [tokens[0].detail?.token, tokens[0].detail?.token], 'WidgetCenter.currentPushInfo has the same token');
  const again = await runJson(['--until', '+30m']);
  assert.equal(again.records.find((r) => r.event === 'pushTokenDidChange')?.detail?.token, tokens[0].detail?.token);
});

test('a process that dies inside pushTokenDidChange gets it again on its next launch', async () => {
  const { code, records } = await runJson(['--until', '+20m', '--push-at', '+10m', '--terminate-at', 'pushTokenDidChange']);
  assert.equal(code, 0);
  const tokens = records.filter((r) => r.event === 'pushTokenDidChange');
  assert.deepEqual(tokens.map((r) => r.launch), [1, 2]);
  assert.equal(records[records.indexOf(tokens[0]) + 1]?.event, 'extensionTerminate');
});

test('the push budget: a push over it is recorded, reloads nothing, and is a warning finding', async () => {
  const { code, records, stderr } = await runJson(['--until', '+1h', '--push-budget', '1', '--push-at', '+10m', '--push-at', '+20m']);
  assert.equal(code, 0, `a warning, not an error: ${stderr}`);
  const pushes = records.filter((r) => r.event === 'widgetPush');
  assert.deepEqual(pushes.map((r) => r.detail?.outcome), ['reload', 'overBudget']);
  assert.match(String(pushes[1].detail?.reason), /push budget is spent \(1 of 1/);
  assert.deepEqual(counts(records), [1, 2], 'no getTimeline for the second push');
  const finding = records.find((r) => r.event === 'diagnostic');
  assert.equal(finding?.detail?.code, 'push-budget-exhausted');
  assert.equal(finding?.detail?.severity, 'warning');
});

test('a widget without a pushHandler: the push is recorded as ignored and nothing reloads', async () => {
  const { code, records } = await runJson(['--kind', 'plain', '--until', '+30m', '--push-at', '+10m']);
  assert.equal(code, 0);
  const push = records.find((r) => r.event === 'widgetPush');
  assert.equal(push?.detail?.outcome, 'ignored');
  assert.match(String(push?.detail?.reason), /no pushHandler/);
  assert.ok(!records.some((r) => r.event === 'pushTokenDidChange'));
  assert.equal((records.find((r) => r.event === 'timeline')?.detail?.entries as { token?: unknown }[])[0].token, null, 'currentPushInfo is null');
  assert.deepEqual(counts(records), [1]);
});

for (const [name, args, mention] of [
  ['a malformed time', ['--push-at', 'soon'], '--push-at soon: expected an ISO date'],
  ['a push after the horizon', ['--until', '+1h', '--push-at', '+2h'], 'after the run ends'],
  ['a push before the start', ['--push-at', '2020-01-01T00:00:00Z'], 'before the start'],
  ['a negative push budget', ['--push-budget', '-3'], '--push-budget -3'],
] as const) {
  test(`--push-at usage: exit 2 for ${name}, naming it`, async () => {
    const result = await runCli(['run', PUSHED, '--now', START, ...args]);
    assert.equal(result.code, 2);
    assert.ok(result.stderr.includes(mention), result.stderr);
  });
}

test('defineWidget checks pushHandler like its other fields: a load failure that says what to write', async () => {
  const file = join(work, 'bad-push.widget.mjs');
  writeFileSync(
    file,
    `import { defineWidget, Text, Timeline } from 'widgetkit';
export default defineWidget({
  kind: 'bad',
  provider: { placeholder: () => ({ date: new Date() }), getSnapshot: () => ({ date: new Date() }), getTimeline: () => new Timeline([{ date: new Date() }]) },
  view: () => Text('x'),
  pushHandler: { pushTokenChanged() {} },
});
`,
  );
  const result = await runCli(['run', file, '--now', START]);
  assert.equal(result.code, 2);
  assert.match(result.stdout, /pushHandler must be an object \{ pushTokenDidChange\(pushInfo, widgets\) \}/);
});

test('--help lists --push-at and --push-budget', async () => {
  const result = await runCli(['--help']);
  assert.match(result.stdout, /--push-at <ISO\|\+15m>/);
  assert.match(result.stdout, /--push-budget <n>/);
});

test('a recording of a run with planned pushes replays to the same trace', async () => {
  const file = join(work, 'planned.jsonl');
  const run = await runCli(['run', PUSHED, '--now', START, '--until', '+40m', '--push-at', '+10m', '--push-at', '+25m', '--record', file]);
  assert.equal(run.code, 0, run.stderr);
  const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]) as { options: { pushAt?: string[] } };
  assert.deepEqual(header.options.pushAt, ['2025-06-01T08:10:00.000Z', '2025-06-01T08:25:00.000Z']);
  const replay = await runCli(['replay', file]);
  assert.equal(replay.code, 0, replay.stdout + replay.stderr);
});

test('sendPush through the engine API: what happened, recorded as a user action that replays', async () => {
  const system = new WidgetSystem({ program: PUSHED, mode: 'cli', now: new Date(START), seed: 3 });
  const recording = new RunRecording(system, { program: PUSHED, mode: 'cli', now: new Date(START), seed: 3 });
  try {
    await system.start();
    await system.advanceClock({ by: 60_000 });
    const result = await system.sendPush();
    assert.equal(result.outcome, 'reload');
    assert.equal(result.time, '2025-06-01T08:01:00.000Z');
    assert.deepEqual([result.used, result.limit], [1, 50]);
    assert.deepEqual(system.snapshot().pushBudget?.used, 1);
    assert.equal((system.snapshot().timeline?.entries[0].data as { count?: number } | undefined)?.count, 2);
    // Another family is another push configuration: pushTokenDidChange runs again (Apple's WidgetInfo carries the family).
    await system.setFamily('systemMedium');
    const tokens = system.snapshot().trace.filter((r) => r.event === 'pushTokenDidChange');
    assert.deepEqual(tokens.map((r) => r.detail?.widgets), [[{ kind: 'pushed', family: 'systemSmall' }], [{ kind: 'pushed', family: 'systemMedium' }]]);
    assert.equal(tokens[0].detail?.token, tokens[1].detail?.token, 'the same token');
    const until = Date.parse(START) + 600_000;
    await system.runUntil(until);
    await system.dispose();
    const recorded = recording.recording(until);
    assert.ok(recorded.inputs.some((input) => input.input === 'push'), 'the push is an input of the recording');
    const outcome = await replayRecording(recorded);
    assert.equal(outcome.difference, undefined, JSON.stringify(outcome.difference));
    assert.ok(outcome.replayed.some((r) => r.event === 'widgetPush'));
  } finally {
    await system.dispose();
  }
});
