// Runs every benchmark figure, prints a table and writes bench/results.json. Each figure's
// baseline runs in the same process, side by side, so that ratios hold on any machine. Each
// suite runs in a fresh process of its own: no heap, spare extension process or JIT state of
// one suite colours the next (the streaming figure's RSS growth, above all).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureActivation } from './figures/activation';
import { measureDebugLatency } from './figures/debugLatency';
import { measureEditToPreview } from './figures/editToPreview';
import { measureSimulatedDay } from './figures/simulatedDay';
import { measureSizes } from './figures/sizes';
import { measureStreaming } from './figures/streaming';
import { measureTimeTravel } from './figures/timeTravel';
import type { Figure } from './statistics';

const root = process.env.WIDGET_TIMELINES_ROOT ?? process.cwd();
const runs = Number(process.env.BENCH_RUNS ?? 7);
const CHILD_FLAG = '--suite';
const childSuite = process.argv[2] === CHILD_FLAG ? process.argv[3] : undefined;
const only = childSuite === undefined ? process.argv.slice(2) : [];

const suites: [string, () => Promise<Figure[]>][] = [
  ['edit-to-preview', async () => [await measureEditToPreview(root, runs)]],
  ['debug', () => measureDebugLatency(root, runs)],
  ['simulated-day', () => measureSimulatedDay(root, Math.min(runs, 3))],
  ['streaming', () => measureStreaming(root, Math.min(runs, 3), Number(process.env.BENCH_STREAM_MB ?? 500))],
  ['time-travel', () => measureTimeTravel(root, Math.min(runs, 5), scratchDir())],
  ['activation', async () => [measureActivation(root, runs)]],
  ['sizes', async () => measureSizes(root)],
];

/** A private folder for a suite's files, removed when the program exits. */
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function cell(value: number | null, unit = ''): string {
  return value === null || Number.isNaN(value) ? '-' : `${value}${unit}`;
}

function failed(name: string, message: string): Figure {
  return { name, unit: '', median: NaN, baseline: null, ratio: null, target: 'runs', met: false, runs: 0, note: `failed: ${message}` };
}

/** In a child process: one suite's figures as JSON on stdout. */
async function measureSuite(name: string): Promise<void> {
  const suite = suites.find(([n]) => n === name);
  let figures: Figure[];
  try {
    if (!suite) throw new Error(`no suite ${name}`);
    figures = await suite[1]();
  } catch (error) {
    figures = [failed(name, (error as Error).message)];
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** Runs one suite in a fresh process with this script's flags (--expose-gc, source maps). */
function inChild(name: string): Promise<Figure[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, CHILD_FLAG, name], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as Figure[]);
      } catch {
        resolve([failed(name, `its process ended with code ${code} and no figures`)]);
      }
    });
  });
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  for (const [name] of suites) {
    if (only.length && !only.includes(name)) continue;
    process.stderr.write(`measuring ${name}...\n`);
    figures.push(...(await inChild(name)));
  }
  const rows = figures.map((f) => [f.name, cell(f.median, ` ${f.unit}`), cell(f.baseline, ` ${f.unit}`), cell(f.ratio), f.target, f.met ? 'yes' : 'NO', f.note ?? '']);
  const header = ['figure', 'median', 'baseline', 'ratio', 'target', 'met', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  writeFileSync(join(root, 'bench/results.json'), JSON.stringify({ date: new Date().toISOString(), runs, node: process.version, figures }, null, 2) + '\n');
  console.log(`\n${figures.filter((f) => f.met).length} of ${figures.length} targets met; written to bench/results.json`);
}

// A figure's stray rejection must fail that figure's row, not end the whole benchmark.
process.on('unhandledRejection', (error) => process.stderr.write(`unhandled rejection in a figure: ${String(error)}\n`));

(childSuite === undefined ? main() : measureSuite(childSuite)).then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
