// The prewarmed extension process pool seen from outside: a launch takes the spare yet the
// trace is the one a fresh fork gives, a debugged launch never takes one, a program that used
// the engine still ends by itself, and no widget extension process is left behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { TraceRecord } from '../../src/protocol/lifecycle';
import { CLI, ROOT } from './engineHarness';
import { codeCacheName } from '../../src/kit/codeCache';
import { memoryLimitBytes, type SystemOptions } from '../../src/system/api';
import { kitExecArgv, memoryFlags } from '../../src/system/extensionProcess';
import { transpileCacheDirectory } from '../../src/system/sessionDirectories';
import { WidgetSystem } from '../../src/system/widgetSystem';

const TIMEOUT = { timeout: 60_000 };
const START = new Date('2025-06-01T08:00:00Z');
const HOUR = 60 * 60 * 1000;
// Reloads every 20 minutes: with the idle termination after 5 minutes, each reload relaunches.
const WIDGET = `import { defineWidget, ReloadPolicy, Text, Timeline } from 'widgetkit';
export default defineWidget({
  kind: 'pool',
  displayName: 'Pool',
  supportedFamilies: ['systemSmall'],
  provider: {
    placeholder: () => ({ date: new Date(), n: 0 }),
    getSnapshot: () => ({ date: new Date(), n: 0 }),
    getTimeline: () => new Timeline([{ date: new Date(), n: 1 }], ReloadPolicy.after(new Date(Date.now() + 20 * 60 * 1000))),
  },
  view: (entry: { n: number }) => Text(String(entry.n)),
});
`;

const dir = mkdtempSync(join(tmpdir(), 'pool-test-'));
const program = join(dir, 'pool.widget.ts');
writeFileSync(program, WIDGET);
after(() => rmSync(dir, { recursive: true, force: true }));

/** Pids of this program's children that run the widget extension, from /proc. */
function extensionChildren(parent = process.pid): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('widgetkit')) found.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

/** Runs the widget for `hours` of virtual time; returns its trace. */
async function runFor(hours: number, options: Partial<SystemOptions> = {}): Promise<TraceRecord[]> {
  const system = new WidgetSystem({ program, mode: 'cli', clock: 'simulated', now: START, cwd: dir, ...options });
  const records: TraceRecord[] = [];
  system.on('trace', (record: TraceRecord) => records.push(record));
  try {
    await system.runUntil(START.getTime() + hours * HOUR);
  } finally {
    await system.dispose();
  }
  return records;
}

/** The trace with pids numbered by first appearance, as the same-seed comparisons do. */
function normalised(records: TraceRecord[]): string[] {
  const pids = new Map<number, number>();
  return records.map((r) => JSON.stringify({ ...r, pid: r.pid === null ? null : pids.get(r.pid) ?? pids.set(r.pid, pids.size + 1).get(r.pid) }));
}

test('a debugged launch forks its own process: no spare is warmed beside it', TIMEOUT, async () => {
  const seen = new Set<number>();
  const system = new WidgetSystem({
    program, mode: 'debug', clock: 'simulated', now: START, cwd: dir,
    debug: { onExtensionSpawn: async () => void extensionChildren().forEach((pid) => seen.add(pid)) },
  });
  try {
    await system.runUntil(START.getTime() + HOUR);
    for (const pid of extensionChildren()) seen.add(pid);
    const launched = new Set(system.snapshot().extension.pid === null ? [] : [system.snapshot().extension.pid]);
    assert.ok(seen.size >= 1, 'the debugged system launched its extension');
    assert.ok([...seen].every((pid) => launched.has(pid) || !alive(pid)), `a process other than the launched one ran: ${[...seen].join(', ')}`);
  } finally {
    await system.dispose();
  }
  assert.deepEqual(extensionChildren().filter(alive), [], 'no process is left after a debugged session');
});

/** True when no child process keeps this program's event loop alive. */
function noChildKeepsAlive(): boolean {
  return !process.getActiveResourcesInfo().includes('ProcessWrap');
}

test('a launch takes the prewarmed spare, and the trace is the one a fresh fork gives', TIMEOUT, async () => {
  const first = await runFor(2);
  const spares = extensionChildren().filter(alive);
  assert.equal(spares.length, 1, `one spare waits after the first system is disposed: ${spares.join(', ')}`);
  // The handle of the process killed at dispose closes within a turn or two of the event loop;
  // the spare's would stay until its grace period ends, seconds later.
  assert.ok(await until(noChildKeepsAlive, 2000), 'the spare keeps this program alive');
  assert.ok(alive(spares[0]), 'the spare still waits');
  const second = await runFor(2);
  const launches = second.filter((r) => r.event === 'extensionLaunch');
  assert.ok(launches.length >= 3, `the widget was relaunched by its reloads (${launches.length} launches)`);
  assert.equal(launches[0].pid, spares[0], 'the second system launched into the spare');
  assert.deepEqual(launches.map((r) => r.launch), launches.map((_, i) => i + 1), 'the spare never counted as a launch');
  assert.deepEqual(normalised(second), normalised(first));
  for (const record of second.filter((r) => r.event === 'extensionTerminate')) {
    assert.equal(alive(record.pid as number), false, `launch ${record.launch} (pid ${record.pid}) ended when terminated`);
  }
});

test('the spare is killed a short while after the last system is disposed', TIMEOUT, async () => {
  await runFor(1);
  assert.ok(await until(() => extensionChildren().filter(alive).length === 0, 30_000), `still running: ${extensionChildren().join(', ')}`);
});

test('the CLI ends by itself with a spare warmed, and leaves no extension process', TIMEOUT, async () => {
  // The CLI sets process.exitCode and returns: only an unref'd spare lets it end.
  const child = spawn(process.execPath, [CLI, 'run', program, '--now', START.toISOString(), '--until', '+2h'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.resume();
  const seen = new Set<number>();
  const watch = setInterval(() => extensionChildren(child.pid).forEach((pid) => seen.add(pid)), 20);
  const killer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  clearInterval(watch);
  clearTimeout(killer);
  assert.equal(signal, null, 'the CLI had to be killed: something kept it running');
  assert.equal(code, 0, stdout);
  const launched = new Set([...stdout.matchAll(/#\d+ (\d+) +extensionLaunch/g)].map((m) => Number(m[1])));
  assert.ok(launched.size >= 3, `the CLI relaunched the widget: ${stdout}`);
  assert.ok([...seen].some((pid) => !launched.has(pid)), 'a spare was warmed beside the launches');
  assert.ok(await until(() => [...seen].every((pid) => !alive(pid)), 15_000), `orphaned: ${[...seen].filter(alive).join(', ')}`);
});

test("a spare serves a launch whose env differs in the widget's own variables, and the widget reads that launch's values", TIMEOUT, async () => {
  const envProgram = join(dir, 'greeting.widget.ts');
  writeFileSync(envProgram, WIDGET.replace("kind: 'pool'", "kind: 'greeting'").replace('export default', 'console.log(`greeting=${process.env.GREETING}`);\nexport default'));
  const greetings = async (env: Record<string, string>): Promise<{ pids: number[]; said: string[] }> => {
    const system = new WidgetSystem({ program: envProgram, mode: 'cli', clock: 'simulated', now: START, cwd: dir, env });
    const said: string[] = [];
    const pids: number[] = [];
    system.on('output', (out: { text: string }) => said.push(...(out.text.match(/greeting=\S+/g) ?? [])));
    system.on('trace', (record: TraceRecord) => void (record.event === 'extensionLaunch' && pids.push(record.pid as number)));
    try {
      await system.runUntil(START.getTime() + HOUR);
    } finally {
      await system.dispose();
    }
    return { pids, said };
  };
  const first = await greetings({ GREETING: 'first' });
  assert.ok(first.said.length >= 1 && first.said.every((s) => s === 'greeting=first'), `the widget read its env: ${first.said.join(', ')}`);
  const waiting = extensionChildren().filter(alive);
  assert.equal(waiting.length, 1, 'a spare waits');

  const second = await greetings({ GREETING: 'second' });
  assert.equal(second.pids[0], waiting[0], 'the spare warmed for the first env served the second');
  assert.ok(second.said.length >= 1 && second.said.every((s) => s === 'greeting=second'), `the widget in the spare read the second env: ${second.said.join(', ')}`);

  // A variable Node reads while it starts is given at the fork: no spare forked without it serves.
  const spare = extensionChildren().filter(alive);
  const third = await greetings({ GREETING: 'third', NODE_NO_WARNINGS: '1' });
  assert.ok(!spare.includes(third.pids[0]), 'a launch with NODE_NO_WARNINGS took a spare forked without it');
  assert.ok(third.said.every((s) => s === 'greeting=third'), third.said.join(', '));
});

test("the system's widget processes start from V8's code cache of the kit (the flag that lets the system open their inspector keeps it)", TIMEOUT, async () => {
  const records = await runFor(2);
  assert.ok(records.filter((r) => r.event === 'extensionLaunch').length >= 2, 'the widget was relaunched');
  const cache = transpileCacheDirectory();
  assert.ok(cache, 'the program has a transpile cache');
  // The name of the runtime's code cache for the flags a watched widget process runs with.
  const execArgv = kitExecArgv({ execArgv: memoryFlags(memoryLimitBytes({})), watched: true });
  const name = codeCacheName(join(ROOT, 'dist', 'kit', 'runtime.js'), execArgv);
  assert.ok(name, `the flags ${execArgv.join(' ')} allow no code cache`);
  assert.ok(readdirSync(cache).includes(name), `no code cache of the kit for ${execArgv.join(' ')}: ${readdirSync(cache).join(', ')}`);
});
