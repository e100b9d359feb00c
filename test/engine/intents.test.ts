// Interactive widgets through the command line (DESIGN.md section 10): `--tap` performs the
// intent of the Button or Toggle on screen in the widget extension (`intentPerform` with its
// bound parameters), the reloaded timeline shows what perform stored, the reload spends no budget,
// an unknown intent is bad usage naming the known ones, and a recorded run with taps replays.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { TraceRecord } from '../../src/protocol/lifecycle';
import { parseRecords, runCli, START, traceProblems, widget } from './engineHarness';

const LAMP = widget('examples', 'interactive', 'lamp.widget.ts');
const work = mkdtempSync(join(tmpdir(), 'intents-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** What the lamp shows in each timeline, in order: `on` of its one entry. */
function shownStates(records: TraceRecord[]): unknown[] {
  return records
    .filter((r) => r.event === 'timeline')
    .map((r) => ((r.detail?.entries as { on?: unknown }[] | undefined) ?? [])[0]?.on);
}

test('--tap performs the toggle\'s intent with its bound parameters and the reloaded timeline shows the stored state', async () => {
  const run = await runCli(['run', LAMP, '--now', START, '--json', '--tap', 'toggleLamp@+5m', '--tap', 'toggleLamp@+10m', '--tap', 'countTap@+12m']);
  assert.equal(run.code, 0, run.stderr);
  const records = parseRecords(run.stdout);
  assert.deepEqual(traceProblems(records), []);
  const performs = records.filter((r) => r.event === 'intentPerform');
  assert.deepEqual(performs.map((r) => r.detail), [
    { intent: 'toggleLamp', parameters: { on: true } },
    { intent: 'toggleLamp', parameters: { on: false } },
    { intent: 'countTap', parameters: {} },
  ]);
  assert.deepEqual(performs.map((r) => r.time), ['2025-06-01T08:05:00.000Z', '2025-06-01T08:10:00.000Z', '2025-06-01T08:12:00.000Z']);
  // The extension had gone idle and was terminated: the first tap launches it for the intent.
  const launch = records.filter((r) => r.event === 'extensionLaunch').at(-1);
  assert.equal(launch?.detail?.reason, 'intent');
  // Each perform is followed by a reload whose timeline shows the stored state.
  assert.deepEqual(shownStates(records), [false, true, false, false]);
  const taps = records.filter((r) => r.event === 'timeline').at(-1)?.detail?.entries as { taps?: number }[];
  assert.equal(taps[0].taps, 1);
});

test('the reload after a tap is not charged to the budget', async () => {
  const run = await runCli(['run', LAMP, '--now', START, '--json', '--budget', '0', '--tap', 'toggleLamp@+1m']);
  assert.equal(run.code, 0, run.stderr);
  const records = parseRecords(run.stdout);
  assert.equal(records.filter((r) => r.detail?.code === 'budget-exhausted').length, 0);
  assert.deepEqual(shownStates(records), [false, true]);
});

test('an unknown intent is exit 2 naming it and the intents the widget defines', async () => {
  const run = await runCli(['run', LAMP, '--now', START, '--tap', 'toggleLight']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown intent "toggleLight"/);
  assert.match(run.stderr, /toggleLamp, countTap/);
});

test('a malformed --tap moment is bad usage', async () => {
  const run = await runCli(['run', LAMP, '--now', START, '--tap', 'toggleLamp@soon']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--tap toggleLamp@soon: expected an ISO date/);
});

test('a recorded run with taps replays to the same trace', async () => {
  const file = join(work, 'lamp.jsonl');
  const run = await runCli(['run', LAMP, '--now', START, '--json', '--record', file, '--tap', 'toggleLamp@+5m', '--tap', 'countTap@+7m']);
  assert.equal(run.code, 0, run.stderr);
  const inputs = readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('"input":"tap"')).map((line) => JSON.parse(line) as { intent: string; parameters: unknown });
  assert.deepEqual(inputs.map((i) => [i.intent, i.parameters]), [['toggleLamp', { on: true }], ['countTap', {}]]);
  const replay = await runCli(['replay', file, '--json']);
  assert.equal(replay.code, 0, replay.stderr);
  assert.deepEqual(parseRecords(replay.stdout).filter((r) => r.event === 'intentPerform').map((r) => r.detail?.intent), ['toggleLamp', 'countTap']);
});

/** perform waits 2 s of its own (a timer) before it stores the state. */
const SLOW_INTENT = `import { defineIntent, defineWidget, ReloadPolicy, Text, Timeline, Toggle, UserDefaults } from 'widgetkit';
const store = UserDefaults.suite('group.test.slow');
const flip = defineIntent<{ on: boolean }>({
  name: 'flip',
  async perform({ on }) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    store.set('on', on);
  },
});
const entry = () => ({ date: new Date(), on: store.get('on') === true });
export default defineWidget({
  kind: 'slow',
  provider: { placeholder: entry, getSnapshot: entry, getTimeline: () => new Timeline([entry()], ReloadPolicy.never) },
  view: (e) => Toggle(e.on, flip.with({ on: !e.on }), 'Flip'),
});
`;

test('an async perform is waited for on the virtual clock before the reload', async () => {
  const file = join(work, 'slow.widget.ts');
  writeFileSync(file, SLOW_INTENT);
  const run = await runCli(['run', file, '--now', START, '--json', '--tap', 'flip@+1m']);
  assert.equal(run.code, 0, run.stderr);
  const records = parseRecords(run.stdout);
  const perform = records.find((r) => r.event === 'intentPerform');
  const reload = records.find((r) => r.event === 'getTimeline' && r.seq > (perform?.seq ?? Infinity));
  assert.equal(perform?.time, '2025-06-01T08:01:00.000Z');
  assert.equal(reload?.time, '2025-06-01T08:01:02.000Z', 'the reload comes when perform\'s promise settled, 2 s of virtual time later');
  assert.deepEqual(shownStates(records), [false, true]);
});

test('intentPerform is recorded before perform runs: a termination there leaves the state unstored', async () => {
  const run = await runCli(['run', LAMP, '--now', START, '--json', '--tap', 'toggleLamp@+1m', '--terminate-at', 'intentPerform']);
  const records = parseRecords(run.stdout);
  const perform = records.findIndex((r) => r.event === 'intentPerform');
  assert.ok(perform > 0, run.stderr);
  assert.equal(records[perform + 1]?.event, 'extensionTerminate');
  assert.equal(records[perform + 1]?.detail?.reason, 'forced');
  assert.deepEqual(shownStates(records), [false], 'no reload shows a state perform never stored');
});

test('a tap whose intent has no control on screen is performed with no parameters, and says so', async () => {
  const file = join(work, 'hidden.widget.ts');
  writeFileSync(file, `import { defineIntent, defineWidget, ReloadPolicy, Text, Timeline } from 'widgetkit';
defineIntent({ name: 'secret', perform: () => undefined });
const entry = () => ({ date: new Date() });
export default defineWidget({
  kind: 'hidden',
  provider: { placeholder: entry, getSnapshot: entry, getTimeline: () => new Timeline([entry()], ReloadPolicy.never) },
  view: () => Text('no controls'),
});
`);
  const run = await runCli(['run', file, '--now', START, '--json', '--tap', 'secret']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /--tap secret: no button or toggle of "secret" is on screen at 2025-06-01T08:00:00.000Z; performed with no parameters/);
  assert.deepEqual(parseRecords(run.stdout).filter((r) => r.event === 'intentPerform').map((r) => r.detail), [{ intent: 'secret', parameters: {} }]);
});
