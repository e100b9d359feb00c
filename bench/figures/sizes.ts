// Bundle and VSIX sizes: what users download and what the extension host loads.
import { existsSync, readdirSync, statSync } from 'node:fs';
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
  const vsix = readdirSync(root).find((name) => name.endsWith('.vsix'));
  if (vsix) {
    const size = statSync(join(root, vsix)).size / KB;
    figures.push({ name: 'size VSIX', unit: 'KB', median: round(size, 1), baseline: null, ratio: null, target: '< 1024 KB', met: size < 1024, runs: 1, note: vsix });
  } else {
    figures.push({ name: 'size VSIX', unit: 'KB', median: NaN, baseline: null, ratio: null, target: '< 1024 KB', met: false, runs: 0, note: 'no .vsix found: run npm run package first' });
  }
  return figures;
}
