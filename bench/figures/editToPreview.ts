// Edit to preview: a save of the example widget until the preview has the new timeline
// snapshot, the way the preview reruns the widget on save. Baseline: esbuild's transform of
// the same file plus spawning `node -e 0` (the least any out-of-process rerun must pay).
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { WidgetSystem } from '../../src/system/widgetSystem';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import type { Figure } from '../statistics';
import { median, round, timeRuns } from '../statistics';

async function baseline(file: string): Promise<number> {
  const started = performance.now();
  await transform(readFileSync(file, 'utf8'), { loader: 'ts', sourcemap: 'inline', format: 'cjs' });
  await new Promise<void>((resolve) => spawn(process.execPath, ['-e', '0']).on('exit', () => resolve()));
  return performance.now() - started;
}

async function saveToSnapshot(file: string, fixtures: string, edit: number): Promise<number> {
  const source = readFileSync(file, 'utf8').replace(/\n\/\/ edit \d+\n$/, '\n');
  const started = performance.now();
  writeFileSync(file, `${source}\n// edit ${edit}\n`);
  const system = new WidgetSystem({ program: file, mode: 'preview', clock: 'simulated', network: { fixtures } });
  try {
    await new Promise<void>((resolve, reject) => {
      system.on('state', (snapshot: WidgetStateSnapshot) => {
        if (snapshot.timeline) resolve();
        else if (snapshot.loadError) reject(new Error(snapshot.loadError.message));
      });
      system.start().catch(reject);
    });
    return performance.now() - started;
  } finally {
    await system.dispose();
  }
}

export async function measureEditToPreview(root: string, runs: number): Promise<Figure> {
  const folder = mkdtempSync(join(tmpdir(), 'wt-bench-edit-'));
  cpSync(join(root, 'examples/weather'), folder, { recursive: true });
  const file = join(folder, 'weather.widget.ts');
  const fixtures = join(folder, 'weather.fixtures.json');
  copyFileSync(join(root, 'examples/weather/weather.fixtures.json'), fixtures);
  try {
    let edit = 0;
    const ours = await timeRuns(runs, () => saveToSnapshot(file, fixtures, edit++));
    const base = await timeRuns(runs, () => baseline(file));
    const m = median(ours);
    const ratio = m / median(base);
    return { name: 'edit-to-preview', unit: 'ms', median: round(m, 1), baseline: round(median(base), 1), ratio: round(ratio), target: 'ratio <= 1.5 and median < 150 ms', met: ratio <= 1.5 && m < 150, runs };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
