// A chaos campaign: N runs drawn from one seed, a few at a time (the work is mostly waiting on
// child processes), a sample of them run twice to check that the same seed gives the same
// trace, and the totals. Every violation names the campaign seed and run index to reproduce it
// with `npm run chaos -- --seed S --only I`.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSeed } from '../../src/protocol/seededRandom';
import { runScenario, type RunOutcome } from './chaosRun';
import { describeScenario, drawScenario } from './scenario';
import { transpileCacheDirectory } from '../../src/system/sessionDirectories';

export interface CampaignOptions {
  runs: number;
  seed: number;
  /** Runs in flight at once. */
  parallel: number;
  /** Every n-th run is repeated for the same-seed comparison (0: none). */
  repeatEvery: number;
  /** Every n-th run's recording is replayed and must give the same trace (0: none). */
  replayEvery: number;
  /** Run only this index (reproducing a failure). */
  only?: number;
  root: string;
  onRun?: (index: number, outcome: RunOutcome) => void;
}

export interface CampaignViolation {
  index: number;
  seed: number;
  scenario: string;
  message: string;
  output: string[];
  /** The run's normalised trace, to read what happened. */
  trace: string[];
  /** The run's recording (JSON Lines), to replay it. */
  recording: string;
}

export interface CampaignResult {
  runs: number;
  repeated: number;
  replayed: number;
  terminations: number;
  faults: number;
  deliveries: number;
  excused: number;
  violations: CampaignViolation[];
}

function firstDifference(a: string[], b: string[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `record ${i + 1}: first run ${a[i] ?? '(none)'}; second run ${b[i] ?? '(none)'}`;
  }
  return 'identical';
}

/**
 * Runs in a private TMPDIR (the engine's session folders and the extension's temporary files
 * land there) and checks at the end that nothing was left in it.
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const previousTmp = process.env.TMPDIR;
  const privateTmp = mkdtempSync(join(tmpdir(), 'chaos-campaign-'));
  process.env.TMPDIR = privateTmp;
  const result: CampaignResult = { runs: 0, repeated: 0, replayed: 0, terminations: 0, faults: 0, deliveries: 0, excused: 0, violations: [] };
  const indices = options.only !== undefined ? [options.only] : Array.from({ length: options.runs }, (_, i) => i);
  let next = 0;

  const one = async (index: number): Promise<void> => {
    const seed = runSeed(options.seed, index);
    const scenario = drawScenario(seed, options.root);
    const report = (message: string, run: RunOutcome): void => {
      result.violations.push({ index, seed, scenario: describeScenario(scenario), message, output: run.output, trace: run.normalisedTrace, recording: run.recording });
    };
    const replay = options.replayEvery > 0 && index % options.replayEvery === 0;
    const outcome = await runScenario(scenario, { replay });
    result.runs += 1;
    if (replay) result.replayed += 1;
    result.terminations += outcome.tally.terminations;
    result.faults += outcome.tally.faults;
    result.deliveries += outcome.tally.deliveries;
    result.excused += outcome.tally.excused;
    for (const message of outcome.violations) report(message, outcome);
    if (options.repeatEvery > 0 && index % options.repeatEvery === 0) {
      const again = await runScenario(drawScenario(seed, options.root));
      result.repeated += 1;
      for (const message of again.violations) report(`(repeat) ${message}`, again);
      const same = again.normalisedTrace.join('\n') === outcome.normalisedTrace.join('\n');
      if (!same) {
        // Both traces, first run then repeat, to read where they part.
        const both = { ...again, normalisedTrace: ['--- first run', ...outcome.normalisedTrace, '--- repeat', ...again.normalisedTrace], output: [...outcome.output, '--- repeat', ...again.output] };
        report(`same seed, different trace: ${firstDifference(outcome.normalisedTrace, again.normalisedTrace)}`, both);
      }
    }
    options.onRun?.(index, outcome);
  };

  const lane = async (): Promise<void> => {
    while (next < indices.length) await one(indices[next++]);
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.parallel) }, lane));
    // The program's transpile cache outlives each run on purpose (it goes when the program
    // exits: test/reliability/security.test.ts checks that); everything else must be gone.
    const cache = transpileCacheDirectory();
    const left = readdirSync(privateTmp).filter((name) => cache === undefined || join(privateTmp, name) !== cache);
    if (left.length > 0) {
      result.violations.push({ index: -1, seed: options.seed, scenario: 'campaign', message: `temporary files left in TMPDIR after every run ended: ${left.join(', ')}`, output: [], trace: [], recording: '' });
    }
  } finally {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    rmSync(privateTmp, { recursive: true, force: true });
  }
  return result;
}

export function summarise(result: CampaignResult, seed: number): string {
  const lines = [
    `chaos: seed ${seed}: ${result.runs} runs (${result.repeated} repeated for determinism, ${result.replayed} replayed from their recordings), ${result.terminations} terminations, ` +
      `${result.faults} network faults, ${result.deliveries} deliveries, ${result.excused} transfers excused by a finding or force quit, ` +
      `${result.violations.length} violations`,
  ];
  for (const v of result.violations.slice(0, 20)) {
    lines.push(`  VIOLATION run ${v.index} (reproduce: npm run chaos -- --seed ${seed} --only ${v.index}; run seed ${v.seed}): ${v.message}`);
    lines.push(`    scenario: ${v.scenario}`);
  }
  if (result.violations.length > 20) lines.push(`  ... and ${result.violations.length - 20} more`);
  return lines.join('\n');
}

/**
 * The trace, output and recording of each violating run, to read what happened and to replay it
 * (`node dist/cli.js replay <file>`) or debug it (VS Code: "Widget Timelines: Open Recording");
 * test-artifacts/ is ignored by git. Returns the folder.
 */
export function writeViolationArtifacts(result: CampaignResult, seed: number, root: string): string {
  const dir = join(root, 'test-artifacts', 'chaos');
  mkdirSync(dir, { recursive: true });
  result.violations.forEach((v, i) => {
    const name = `seed-${seed}-run-${v.index}-${i}`;
    writeFileSync(join(dir, `${name}.txt`), `${v.message}\n${v.scenario}\n\n${v.trace.join('\n')}\n\n${v.output.join('\n')}\n`);
    if (v.recording) writeFileSync(join(dir, `${name}.recording.jsonl`), v.recording);
  });
  return dir;
}
