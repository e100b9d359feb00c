// Bundles TypeScript entry points that run under plain Node (tests, benchmarks) into an output
// folder, keeping node_modules external so they resolve from the repository.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

/** Returns the output path of each entry, in the entries' order. */
export async function bundleTypeScript(entries, outdirName) {
  const outdir = join(root, outdirName);
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outbase: root,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    packages: 'external',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return entries.map((file) => join(outdir, relative(root, file)).replace(/\.tsx?$/, '.js'));
}
