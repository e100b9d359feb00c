// One chaos run, drawn from a seed: which example widget runs, the network it meets (fixtures
// generated with failures, HTTP errors and delays) and when the extension is terminated (by the
// system or by a force quit, at a random lifecycle event and occurrence). The same seed always
// draws the same scenario.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureMap, FixtureResponse, TerminateRule } from '../../src/system/api';
import { SeededRandom } from '../../src/protocol/seededRandom';
import { LIFECYCLE_EVENTS, type LifecycleEventName } from '../../src/protocol/lifecycle';

export type ChaosExample = 'weather' | 'ledger';

export interface ChaosScenario {
  seed: number;
  example: ChaosExample;
  program: string;
  /** Extra environment for the widget (the ledger's file is added per run). */
  env: Record<string, string>;
  fixtures: FixtureMap;
  terminate: TerminateRule[];
  /** Virtual start, fixed so that traces compare across runs. */
  now: Date;
  /** Virtual horizon after the start, ms. */
  horizonMs: number;
  backgroundTimeLimitMs: number;
  /** A small daily reload budget: a widget that reloads on every failure stops early. */
  budget: number;
}

const WEATHER_URL = 'GET https://weather.example.com/v1/forecast?city=cupertino';
const LEDGER_BASE = 'https://chaos.example.com/item';

/**
 * Kills land on extension-side events (the record is written, the handler never completes: inside
 * a delegate method or provider call), on events the extension reports (right after user code
 * called resume(), the completion or reloadTimelines) and on system-side events (between events).
 */
const KILL_POINTS: LifecycleEventName[] = LIFECYCLE_EVENTS.filter(
  // Not kill points: a termination's own record, progress (never queued, so a kill there adds
  // nothing a kill at transferComplete does not), findings, and pushes (the chaos widgets have no
  // pushHandler and receive none: the list, and so every seed's scenario, stays as it was), and
  // taps (no intents, no taps in a chaos run).
  (event) => !['extensionTerminate', 'didWriteData', 'diagnostic', 'widgetPush', 'pushTokenDidChange', 'intentPerform'].includes(event),
);

function response(random: SeededRandom, body: () => FixtureResponse): FixtureResponse {
  const delayMs = random.pick([0, 0, 500, 2000, 30_000]);
  const roll = random.next();
  if (roll < 0.55) return { ...body(), delayMs, ...(random.chance(0.3) ? { bytesPerSecond: random.pick([200, 1000]) } : {}) };
  if (roll < 0.7) return { status: random.pick([404, 500]), body: 'server says no', delayMs };
  return { fail: random.pick(['timeout', 'reset', 'offline', 'dns'] as const), delayMs, ...(random.chance(0.5) ? body() : {}) };
}

function responses(random: SeededRandom, body: () => FixtureResponse): FixtureResponse[] {
  const count = random.int(1, 3);
  return Array.from({ length: count }, () => response(random, body));
}

export function drawScenario(seed: number, root: string): ChaosScenario {
  const random = new SeededRandom(seed);
  const example: ChaosExample = random.chance(0.5) ? 'weather' : 'ledger';
  const fixtures: FixtureMap = {};
  const env: Record<string, string> = {};
  let program: string;
  if (example === 'weather') {
    program = join(root, 'examples', 'weather', 'weather.widget.ts');
    const forecast = readFileSync(join(root, 'examples', 'weather', 'forecast.json'), 'utf8');
    fixtures[WEATHER_URL] = responses(random, () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: forecast }));
  } else {
    program = join(root, 'test', 'chaos', 'widgets', 'ledger.widget.mjs');
    const downloads = random.int(1, 4);
    env.CHAOS_DOWNLOADS = String(downloads);
    env.CHAOS_IRREGULAR = '1';
    for (let i = 0; i < downloads; i++) fixtures[`${LEDGER_BASE}/${i}`] = responses(random, () => ({ status: 200, body: { item: i, filler: 'x'.repeat(random.int(0, 2000)) } }));
  }
  const terminate: TerminateRule[] = [];
  const kills = random.pick([0, 1, 1, 2, 2, 3]);
  for (let i = 0; i < kills; i++) {
    terminate.push({ at: random.pick(KILL_POINTS), occurrence: random.int(1, 2), mode: random.chance(0.2) ? 'forceQuit' : 'system' });
  }
  return {
    seed,
    example,
    program,
    env,
    fixtures,
    terminate,
    now: new Date('2025-06-01T08:00:00Z'),
    horizonMs: 20 * 60 * 1000,
    backgroundTimeLimitMs: 30_000,
    budget: random.pick([4, 8, 12]),
  };
}

export function describeScenario(scenario: ChaosScenario): string {
  const kills = scenario.terminate.map((r) => `${r.mode === 'forceQuit' ? '--force-quit-at' : '--terminate-at'} ${r.at}#${r.occurrence ?? 1}`).join(' ');
  const network = Object.entries(scenario.fixtures)
    .map(([url, list]) => `${url.replace(/^GET /, '')} -> ${(Array.isArray(list) ? list : [list]).map((r) => r.fail ?? r.status ?? 200).join(',')}`)
    .join('; ');
  return `${scenario.example} ${kills || '(no kills)'} | ${network}`;
}
