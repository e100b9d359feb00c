// Packages the extension as a user would receive it: a production build and `vsce package
// --no-dependencies`, done in a staging copy of the repository so that the minified bundles never
// overwrite the development builds other test runs are using in dist/. The staging copy keeps
// the repository's own .vscodeignore, so the VSIX tested is the VSIX that ships.
import { cpSync, existsSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { runTool, tail } from './tool';

/** Top-level entries never copied to the staging folder: dependencies, history, outputs. */
const NOT_STAGED = new Set(['node_modules', '.git', 'dist', '.test-out', 'test-artifacts', '.vscode-test']);

export interface PackagedVsix {
  path: string;
  bytes: number;
  /** Paths inside the archive, e.g. `extension/dist/extension.js`. */
  entries: string[];
}

export class PackagingError extends Error {
  constructor(
    readonly code: 'build-failed' | 'vsce-failed' | 'unzip-failed',
    message: string,
  ) {
    super(message);
  }
}

/** Lists the archive's entries with `unzip -Z1` (Info-ZIP, a Debian package). */
export async function listVsix(path: string): Promise<string[]> {
  const listing = await runTool('unzip', ['-Z1', path], { timeoutMs: 30_000 });
  if (listing.code !== 0) {
    throw new PackagingError('unzip-failed', `cannot list ${path} with unzip -Z1 (apt-get install unzip):\n${tail(listing.output)}`);
  }
  return listing.output.split('\n').filter((line) => line !== '');
}

/**
 * Builds and packages into `workDir`. `WIDGET_TIMELINES_VSIX` names a VSIX that an earlier
 * step of the same run already packaged; it is reused instead of packaging again.
 */
export async function packageVsix(repoRoot: string, workDir: string): Promise<PackagedVsix> {
  const reused = process.env.WIDGET_TIMELINES_VSIX;
  if (reused && existsSync(reused)) {
    return { path: reused, bytes: statSync(reused).size, entries: await listVsix(reused) };
  }
  const repo = resolve(repoRoot);
  const stage = join(workDir, 'stage');
  mkdirSync(stage, { recursive: true });
  cpSync(repo, stage, {
    recursive: true,
    filter: (source) => {
      const relativeTop = relative(repo, source).split(sep)[0];
      if (relativeTop === '') return true;
      return !NOT_STAGED.has(relativeTop) && !source.endsWith('.vsix');
    },
  });
  // esbuild resolves the symlink to the real node_modules; vsce never walks it (--no-dependencies).
  symlinkSync(join(repo, 'node_modules'), join(stage, 'node_modules'), 'dir');
  // The same recipe a user runs: `npm run package` (production build, then vsce), into `path`.
  const path = join(workDir, 'widget-timelines.vsix');
  const packaging = await runTool('npm', ['run', 'package', '--', '-o', path], { cwd: stage, timeoutMs: 300_000 });
  if (packaging.code !== 0 || !existsSync(path)) {
    const failedStage = /vsce|DONE|ERROR/.test(packaging.output) ? 'vsce-failed' : 'build-failed';
    throw new PackagingError(failedStage, `npm run package failed:\n${tail(packaging.output)}`);
  }
  return { path, bytes: statSync(path).size, entries: await listVsix(path) };
}
