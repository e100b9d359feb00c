// The engine driven directly through WidgetSystemApi, as the debug adapter and the preview do:
// the debug hooks, the clock modes, the API's own terminate / reload / advanceClock, the
// wall-clock time limit, TypeScript stacks at the user's lines, and dispose leaving nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import type { TraceRecord } from '../../src/protocol/lifecycle';
import type { SystemOptions } from '../../src/system/api';
import { VirtualClock } from '../../src/system/clock';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { START, widget } from './engineHarness';

const work = mkdtempSync(join(tmpdir(), 'engine-api-'));
after(() => rmSync(work, { recursive: true, force: true }));
const start = Date.parse(START);
const HOUR = 3_600_000;

function writeWidget(name: string, source: string): string {
  const file = join(work, name);
  writeFileSync(file, source);
  return file;
}

const TWO_HOURLY = writeWidget(
  'hourly.widget.js',
  `import { defineWidget, Timeline, ReloadPolicy, Text } from 'widgetkit';
export default defineWidget({
  kind: 'hourly',
  provider: {
    placeholder: () => ({ date: new Date(), n: 0 }),
    getSnapshot: () => ({ date: new Date(), n: 0 }),
    getTimeline: () => new Timeline([0, 1, 2].map((i) => ({ date: new Date(Date.now() + i * ${HOUR}), n: i })), ReloadPolicy.atEnd),
  },
  view: (e) => Text(String(e.n)),
});
`,
);

async function withSystem<T>(options: Omit<SystemOptions, 'mode'>, body: (system: WidgetSystem, records: TraceRecord[]) => Promise<T>): Promise<T> {
  const system = new WidgetSystem({ mode: 'debug', now: new Date(start), ...options });
  const records: TraceRecord[] = [];
  system.on('trace', (record: TraceRecord) => records.push(record));
  try {
    return await body(system, records);
  } finally {
    await system.dispose();
  }
}

test('VirtualClock: equal times fire in scheduling order, cancel works, nothing past the limit', () => {
  const clock = new VirtualClock('simulated', 1000);
  const fired: string[] = [];
  clock.schedule(2000, () => void fired.push('b'), 'b');
  clock.schedule(1500, () => void fired.push('a'), 'a');
  clock.schedule(2000, () => void fired.push('c'), 'c');
  const cancel = clock.schedule(1800, () => void fired.push('x'), 'x');
  cancel();
  while (clock.fireNext(1900));
  assert.deepEqual(fired, ['a']);
  assert.equal(clock.now(), 1500);
  while (clock.fireNext(5000));
  assert.deepEqual(fired, ['a', 'b', 'c']);
  assert.equal(clock.now(), 2000);
  clock.dispose();
});

test('simulated clock: a day of reloads lands exactly on the policy dates', async () => {
  await withSystem({ program: TWO_HOURLY, clock: 'simulated' }, async (system, records) => {
    const result = await system.runUntil(start + 23 * HOUR);
    assert.equal(result.loadFailed, false);
    const reloads = records.filter((r) => r.event === 'getTimeline').map((r) => r.time);
    assert.equal(reloads.length, 12);
    reloads.forEach((time, i) => assert.equal(time, new Date(start + i * 2 * HOUR).toISOString()));
    assert.equal(system.snapshot().budget.used, 11, 'policy reloads spend the budget, the first timeline does not');
  });
});

test('idle termination: after 5 virtual minutes by default, after idleTerminationMs when set', async () => {
  const launchesOver = (options: Partial<SystemOptions>) =>
    withSystem({ program: TWO_HOURLY, clock: 'simulated', ...options }, async (system, records) => {
      await system.runUntil(start + 7 * HOUR);
      const idle = records.filter((r) => r.event === 'extensionTerminate' && r.detail?.reason === 'idle');
      return { launches: records.filter((r) => r.event === 'extensionLaunch').length, idleAt: idle.map((r) => Date.parse(r.time) - start) };
    });
  // Reloads every 2 hours: each finds the extension terminated 5 minutes after the previous one.
  const byDefault = await launchesOver({});
  assert.equal(byDefault.launches, 4);
  assert.deepEqual(byDefault.idleAt, [0, 2, 4, 6].map((h) => h * HOUR + 5 * 60_000));
  // Kept for 3 hours, one process serves every reload and is terminated once the reloads stop.
  const keptLonger = await launchesOver({ idleTerminationMs: 3 * HOUR });
  assert.equal(keptLonger.launches, 1);
  assert.deepEqual(keptLonger.idleAt, []);
});

test('live clock: virtual time moves with the wall clock from the start time', async () => {
  await withSystem({ program: TWO_HOURLY, clock: 'live' }, async (system, records) => {
    await system.runUntil(start + 1500);
    const now = Date.parse(system.snapshot().now);
    assert.ok(now >= start + 1500, 'virtual now reached the horizon');
    assert.ok(now < start + 60_000, 'and did not jump ahead like the simulated clock');
    assert.equal(records.filter((r) => r.event === 'getTimeline').length, 1);
  });
});

test('debug hooks: onExtensionSpawn before the widget runs, beforeEvent for every record', async () => {
  const seen: TraceRecord[] = [];
  const spawned: number[] = [];
  let system: WidgetSystem | undefined;
  const hooks: SystemOptions['debug'] = {
    execArgv: () => [],
    onExtensionSpawn: async ({ pid }) => {
      spawned.push(pid);
      assert.equal(system?.snapshot().widget, null, 'no user code ran yet');
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
    beforeEvent: async (record) => {
      seen.push(record);
      await new Promise((resolve) => setImmediate(resolve));
      return { pause: false };
    },
  };
  system = new WidgetSystem({ mode: 'debug', now: new Date(start), program: TWO_HOURLY, debug: hooks });
  const records: TraceRecord[] = [];
  system.on('trace', (record: TraceRecord) => records.push(record));
  try {
    await system.runUntil(start + 10 * 60_000);
    assert.deepEqual(seen.map((r) => r.seq), records.map((r) => r.seq));
    assert.equal(spawned.length, 1);
    assert.equal(records[0].pid, spawned[0]);
    assert.equal(system.snapshot().widget?.kind, 'hourly');
  } finally {
    await system.dispose();
  }
});

test('terminateExtension, reloadTimelines and advanceClock through the API', async () => {
  await withSystem({ program: TWO_HOURLY }, async (system, records) => {
    await system.start();
    await system.terminateExtension('system');
    const terminated = records.find((r) => r.event === 'extensionTerminate');
    assert.equal(terminated?.detail?.reason, 'forced');
    assert.equal(system.snapshot().extension.state, 'notRunning');
    await system.reloadTimelines();
    const relaunch = records.filter((r) => r.event === 'extensionLaunch')[1];
    assert.equal(relaunch?.detail?.reason, 'reload');
    assert.equal(records.filter((r) => r.event === 'timeline').length, 2);
    const now = await system.advanceClock({ by: 3 * HOUR });
    assert.equal(now, new Date(start + 3 * HOUR).toISOString());
    assert.equal(records.filter((r) => r.event === 'timeline').length, 3, 'the atEnd reload at +2h happened on the way');
    assert.equal(system.snapshot().timeline?.currentIndex, 1, 'the +3h entry of the timeline reloaded at +2h');
  });
});

test('a provider call that never returns hits the background time limit', async () => {
  const file = writeWidget(
    'stuck.widget.js',
    `import { defineWidget, Text } from 'widgetkit';
export default defineWidget({
  kind: 'stuck',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline: () => new Promise(() => {}),
  },
  view: () => Text('stuck'),
});
`,
  );
  const system = new WidgetSystem({ mode: 'cli', now: new Date(start), program: file, backgroundTimeLimitMs: 800 });
  const records: TraceRecord[] = [];
  system.on('trace', (record: TraceRecord) => records.push(record));
  try {
    const result = await system.runUntil(start + 60_000);
    assert.ok(result.findings.some((f) => f.code === 'time-limit'));
    assert.equal(records.find((r) => r.event === 'extensionTerminate')?.detail?.reason, 'timeLimit');
  } finally {
    await system.dispose();
  }
});

test('stacks and findings of a TypeScript widget point at its .ts lines', async () => {
  const file = writeWidget(
    'typed.widget.ts',
    `import { defineWidget, Text } from 'widgetkit';

interface Reading {
  date: Date;
  celsius: number;
}

enum Unit {
  Celsius,
  Fahrenheit,
}

function probe(): string {
  return new Error('probe').stack ?? '';
}

export default defineWidget({
  kind: 'typed',
  provider: {
    placeholder: (): Reading => ({ date: new Date(), celsius: Unit.Celsius }),
    getSnapshot: (): Reading => {
      console.log(probe());
      return { date: new Date(), celsius: 20 };
    },
    getTimeline: (): never => {
      throw new TypeError('no readings');
    },
  },
  view: (entry: Reading) => Text(String(entry.celsius)),
});
`,
  );
  await withSystem({ program: file }, async (system) => {
    let output = '';
    system.on('output', (o: { text: string }) => (output += o.text));
    const result = await system.runUntil(start + 60_000);
    const threw = result.findings.find((f) => f.code === 'provider-threw');
    assert.equal(threw?.location?.file, file);
    assert.equal(threw?.location?.line, 26);
    assert.ok(output.includes(`${file}:14:`), `the stack names typed.widget.ts:14\n${output}`);
  });
});

test('dispose leaves no process and no file behind', async () => {
  const fixtures = { 'https://dispose.example.com/data': { status: 200, body: { value: 1 } } };
  const file = widget('test', 'engine', 'widgets', 'recovery.widget.mjs');
  const system = new WidgetSystem({
    mode: 'cli',
    now: new Date(start),
    program: file,
    env: { DATA_URL: 'https://dispose.example.com/data' },
    network: { fixtures },
  });
  const records: TraceRecord[] = [];
  system.on('trace', (record: TraceRecord) => records.push(record));
  await system.runUntil(start + 60_000);
  const location = records.find((r) => r.event === 'didFinishDownloadingTo')?.detail?.location;
  assert.equal(typeof location, 'string');
  const sessionRoot = dirname(dirname(location as string));
  assert.ok(existsSync(sessionRoot), 'the session directory exists while the system runs');
  const pid = system.snapshot().extension.pid;
  assert.ok(pid !== null);
  await system.dispose();
  assert.equal(existsSync(sessionRoot), false);
  assert.throws(() => process.kill(pid, 0), /ESRCH/);
  assert.equal(records[records.length - 1].event, 'extensionTerminate');
  assert.equal(records[records.length - 1].detail?.reason, 'sessionEnd');
});
