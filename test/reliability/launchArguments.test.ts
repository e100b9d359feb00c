// Bad launch.json values through the real debug adapter (node dist/debugAdapter.js driven by
// @vscode/debugadapter-testsupport's DebugClient) and bad command lines through the real CLI:
// each gets an error response (or exit 2) that names the argument and says what to write,
// and after all of them the same adapter still launches a good widget.
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { stopAdapter } from '../dap/dapSession';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..', '..');
const ADAPTER = join(ROOT, 'dist', 'debugAdapter.js');
const CLI = join(ROOT, 'dist', 'cli.js');
const TIMEOUT = { timeout: 60_000 };

const GOOD_WIDGET = `import { defineWidget, ReloadPolicy, Text, Timeline } from 'widgetkit';
export default defineWidget({
  kind: 'good',
  provider: {
    placeholder: () => ({ date: new Date(), value: 0 }),
    getSnapshot: () => ({ date: new Date(), value: 1 }),
    getTimeline: () => new Timeline([{ date: new Date(), value: 2 }], ReloadPolicy.never),
  },
  view: (entry) => Text(String(entry.value)),
});
`;

// Line 3 holds the mistake: the error must point there.
const MALFORMED_FIXTURES = `{
  "https://api.example.com/a": { "status": 200 },
  "https://api.example.com/b": { "status": 200, }
}
`;

let dir = '';
let program = '';
let fixtures = '';
let client: DebugClient;
// DebugClient's pipes to the adapter do not hold the event loop open between requests.
let keepAlive: NodeJS.Timeout | undefined;

before(async () => {
  keepAlive = setInterval(() => undefined, 1000);
  dir = mkdtempSync(join(tmpdir(), 'launch-args-'));
  program = join(dir, 'good.widget.ts');
  fixtures = join(dir, 'broken.fixtures.json');
  writeFileSync(program, GOOD_WIDGET);
  writeFileSync(fixtures, MALFORMED_FIXTURES);
  client = new DebugClient(process.execPath, ADAPTER, 'widget-timeline', { env: { ...process.env } });
  client.defaultTimeout = 30_000;
  await client.start();
  await client.initializeRequest({ adapterID: 'widget-timeline', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  await client.configurationDoneRequest();
});

after(async () => {
  clearInterval(keepAlive);
  await stopAdapter(client);
  rmSync(dir, { recursive: true, force: true });
});

async function launchError(args: Record<string, unknown>): Promise<string> {
  try {
    await client.launchRequest(args as DebugProtocol.LaunchRequestArguments);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`the adapter accepted ${JSON.stringify(args)}`);
}

const WRONG_TYPES: { name: string; args: () => Record<string, unknown>; says: RegExp }[] = [
  { name: 'program is a number', args: () => ({ program: 42 }), says: /"program".*widget file/ },
  { name: 'program is missing', args: () => ({}), says: /"program".*missing/ },
  { name: 'program does not exist', args: () => ({ program: join(dir, 'nope.widget.ts') }), says: /"program".*nope\.widget\.ts/ },
  { name: 'family is a number', args: () => ({ program, family: 7 }), says: /"family".*string/ },
  { name: 'family is unknown', args: () => ({ program, family: 'huge' }), says: /"family".*systemSmall/ },
  { name: 'terminate is a string', args: () => ({ program, terminate: 'soon' }), says: /"terminate".*array/ },
  { name: 'terminate names no event', args: () => ({ program, terminate: [{ at: 'lunch' }] }), says: /terminate\[0\]\.at.*lunch/ },
  { name: 'terminate mode is wrong', args: () => ({ program, terminate: [{ at: 'taskResume', mode: 'nuke' }] }), says: /terminate\[0\]\.mode/ },
  { name: 'memoryLimitMb is a string', args: () => ({ program, memoryLimitMb: 'big' }), says: /"memoryLimitMb".*megabytes/ },
  { name: 'backgroundTimeLimitMs is negative', args: () => ({ program, backgroundTimeLimitMs: -5 }), says: /"backgroundTimeLimitMs"/ },
  { name: 'idleTerminationMs is zero', args: () => ({ program, idleTerminationMs: 0 }), says: /"idleTerminationMs".*milliseconds/ },
  { name: 'network is an array', args: () => ({ program, network: [] }), says: /"network".*object/ },
  { name: 'network.offline is a string', args: () => ({ program, network: { offline: 'yes' } }), says: /network\.offline.*true or false/ },
  { name: 'env holds a number', args: () => ({ program, env: { PORT: 8080 } }), says: /"env".*string/ },
  { name: 'clock is unknown', args: () => ({ program, clock: 'fast' }), says: /"clock".*live.*simulated/ },
  { name: 'now is not a date', args: () => ({ program, now: 'yesterday' }), says: /"now".*ISO/ },
  { name: 'budget is fractional', args: () => ({ program, budget: 1.5 }), says: /"budget"/ },
  { name: 'pushBudget is negative', args: () => ({ program, pushBudget: -1 }), says: /pushBudget.*pushes per day/ },
  { name: 'pushAt holds a word, not a date', args: () => ({ program, pushAt: ['soon'] }), says: /pushAt\[0\].*ISO/ },
  { name: 'stopOnEntry is a string', args: () => ({ program, stopOnEntry: 'yes' }), says: /"stopOnEntry".*true or false/ },
  { name: 'cwd does not exist', args: () => ({ program, cwd: join(dir, 'missing-folder') }), says: /"cwd"|missing-folder/ },
  { name: 'the fixtures file is malformed', args: () => ({ program, network: { fixtures } }), says: /broken\.fixtures\.json:3:\d+/ },
  { name: 'the fixtures file does not exist', args: () => ({ program, network: { fixtures: join(dir, 'absent.json') } }), says: /absent\.json/ },
];

for (const bad of WRONG_TYPES) {
  test(`launch.json: ${bad.name} -> an error response naming the argument`, TIMEOUT, async () => {
    assert.match(await launchError(bad.args()), bad.says);
  });
}

test('launch.json: after every bad launch the same adapter still launches a good widget and shows its timeline', TIMEOUT, async () => {
  const state = new Promise<DebugProtocol.Event>((resolve) => {
    const listener = (event: DebugProtocol.Event): void => {
      const body = event.body as { timeline?: { entries: unknown[] } | null };
      if (body?.timeline && body.timeline.entries.length > 0) {
        client.removeListener('widgetState', listener);
        resolve(event);
      }
    };
    client.on('widgetState', listener);
  });
  await client.launchRequest({ program, now: '2025-06-01T08:00:00Z' } as DebugProtocol.LaunchRequestArguments);
  const event = await state;
  const body = event.body as { timeline: { entries: { data: { value: number } }[] } };
  assert.equal(body.timeline.entries[0].data.value, 2);
});

function cli(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, cwd: dir });
  return { status: result.status, stderr: result.stderr };
}

test('cli: a missing widget file exits 2 naming the path', TIMEOUT, () => {
  const result = cli(['run', join(dir, 'nope.widget.ts')]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /nope\.widget\.ts/);
});

test('cli: a malformed fixtures file exits 2 naming file:line', TIMEOUT, () => {
  const result = cli(['run', program, '--fixtures', fixtures, '--until', '+1m']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /broken\.fixtures\.json:3:\d+/);
});

test('cli: an unknown flag and a bad --until exit 2 naming the flag', TIMEOUT, () => {
  const unknown = cli(['run', program, '--frobnicate']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /--frobnicate/);
  const until = cli(['run', program, '--until', 'tomorrowish']);
  assert.equal(until.status, 2);
  assert.match(until.stderr, /--until/);
});
