// Bundle and VSIX sizes: what users download and what the extension host loads. The VSIX is
// packaged here, from the production bundles `npm run bench` has just built, into a folder of
// its own: a .vsix lying in the tree may be older than the code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from '../statistics';
import { round } from '../statistics';

const KB = 1024;

/** Every script the build wrote under `dir` (bundles loaded at once or on first use), sorted. */
function scripts(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return (readdirSync(join(root, dir), { recursive: true }) as string[])
    .map((name) => `${dir}/${name.split('\\').join('/')}`)
    .filter((name) => name.endsWith('.js'))
    .sort();
}

export function measureSizes(root: string): Figure[] {
  const figures: Figure[] = [];
  for (const bundle of [...scripts(root, 'dist'), 'media/webview.js']) {
    const path = join(root, bundle);
    if (!existsSync(path)) continue;
    const size = statSync(path).size / KB;
    figures.push({ name: `size ${bundle}`, unit: 'KB', median: round(size, 1), baseline: null, ratio: null, target: 'report', met: true, runs: 1 });
  }
  figures.push(measureVsix(root));
  return figures;
}

/** Packages the VSIX as `npm run package` does (without rebuilding) and measures it. */
function measureVsix(root: string): Figure {
  const folder = mkdtempSync(join(tmpdir(), 'wt-bench-vsix-'));
  const vsix = join(folder, 'widget-timelines.vsix');
  try {
    // vsce package plus the TypeScript server plugin's package, as `npm run package` after its build.
    const packaged = spawnSync(process.execPath, [join(root, 'scripts', 'packageVsix.mjs'), '--out', vsix], { cwd: root, encoding: 'utf8' });
    if (packaged.status !== 0 || !existsSync(vsix)) {
      const why = (packaged.stderr || packaged.stdout || String(packaged.error ?? '')).trim().split('\n').pop();
      return { name: 'size VSIX', unit: 'KB', median: NaN, baseline: null, ratio: null, target: '< 1024 KB', met: false, runs: 0, note: `vsce package failed: ${why}` };
    }
    const size = statSync(vsix).size / KB;
    return { name: 'size VSIX', unit: 'KB', median: round(size, 1), baseline: null, ratio: null, target: '< 1024 KB', met: size < 1024, runs: 1, note: 'packaged from the bundles just built' };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
