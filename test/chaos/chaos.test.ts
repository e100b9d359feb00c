// The chaos campaign as part of `npm test`: 200 seeded runs of the examples under forced
// terminations and network faults (see test/chaos/run.mjs for 1,000 on demand). It fails on
// any violation and prints each with the seed and run index that reproduce it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCampaign, summarise, writeViolationArtifacts } from './chaosCampaign';

const root = process.env.WIDGET_TIMELINES_ROOT ?? join(__dirname, '..', '..', '..', '..');
const SEED = Number(process.env.CHAOS_SEED ?? 20251121);

test('200 chaos runs: nothing lost, nothing delivered twice, no orphan, no temporary file, same seed same trace, every run replays to its trace', { timeout: 20 * 60 * 1000 }, async () => {
  const result = await runCampaign({ runs: 200, seed: SEED, parallel: 4, repeatEvery: 10, replayEvery: 1, root });
  const summary = summarise(result, SEED);
  console.log(summary);
  if (result.violations.length > 0) console.log(`traces and recordings of the violating runs: ${writeViolationArtifacts(result, SEED, root)}`);
  assert.equal(result.runs, 200);
  assert.equal(result.replayed, 200, 'every run was replayed from its recording');
  // The campaign must actually exercise what it checks, or a pass would mean nothing.
  assert.ok(result.terminations >= 50, `expected at least 50 forced terminations, got ${result.terminations}`);
  assert.ok(result.faults >= 50, `expected at least 50 network faults, got ${result.faults}`);
  assert.ok(result.deliveries >= 50, `expected at least 50 deliveries, got ${result.deliveries}`);
  assert.deepEqual(result.violations.map((v) => `run ${v.index}: ${v.message}`), [], summary);
});
