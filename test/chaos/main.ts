// Entry of `npm run chaos -- --runs N --seed S [--parallel P] [--only I] [--repeat-every K]
// [--replay-every K] [--verbose]`: runs a chaos campaign, prints the counts and every violation with the seed and
// run to reproduce it, and exits 1 on any violation (2 on bad usage).
import { join } from 'node:path';
import { runCampaign, summarise, writeViolationArtifacts } from './chaosCampaign';

interface ChaosArguments {
  runs: number;
  seed: number;
  parallel: number;
  repeatEvery: number;
  replayEvery: number;
  only?: number;
  verbose: boolean;
}

function parse(argv: string[]): ChaosArguments {
  const args: ChaosArguments = { runs: 200, seed: 20251121, parallel: 4, repeatEvery: 10, replayEvery: 10, verbose: false };
  const integer = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} expects a whole number, got ${value ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--verbose') args.verbose = true;
    else if (flag === '--runs') args.runs = integer(flag, argv[++i]);
    else if (flag === '--seed') args.seed = integer(flag, argv[++i]);
    else if (flag === '--parallel') args.parallel = Math.max(1, integer(flag, argv[++i]));
    else if (flag === '--repeat-every') args.repeatEvery = integer(flag, argv[++i]);
    else if (flag === '--replay-every') args.replayEvery = integer(flag, argv[++i]);
    else if (flag === '--only') args.only = integer(flag, argv[++i]);
    else throw new Error(`unknown option ${flag}; use --runs N --seed S [--parallel P] [--only I] [--repeat-every K] [--replay-every K] [--verbose]`);
  }
  return args;
}

async function main(): Promise<number> {
  let args: ChaosArguments;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`chaos: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const root = process.env.WIDGET_TIMELINES_ROOT ?? join(__dirname, '..', '..', '..', '..');
  const started = Date.now();
  let done = 0;
  const result = await runCampaign({
    ...args,
    root,
    onRun: (index, outcome) => {
      done += 1;
      if (args.verbose || outcome.violations.length > 0) process.stderr.write(`run ${index}: ${outcome.violations.length} violation(s)\n`);
      else if (done % 50 === 0) process.stderr.write(`chaos: ${done} runs...\n`);
    },
  });
  process.stdout.write(`${summarise(result, args.seed)}\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  if (result.violations.length > 0) process.stdout.write(`traces and recordings of the violating runs: ${writeViolationArtifacts(result, args.seed, root)}\n`);
  return result.violations.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
