// `npm run test:desktop`: the end-to-end scenarios in desktop VS Code 1.100.3 through
// @vscode/test-electron 2.x (3.x needs Node 22). Where VS Code cannot be downloaded it prints
// one line saying so and exits non-zero: a suite that did not run never counts as passing.
// On a Linux machine without a display, run it under xvfb-run.
import { downloadAndUnzipVSCode, runTests, SilentReporter } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VSCODE_VERSION = '1.100.3';
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;
const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'widget-timelines-desktop-'));

async function download() {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DOWNLOAD_TIMEOUT_MS / 1000} s`)), DOWNLOAD_TIMEOUT_MS);
  });
  try {
    return await Promise.race([downloadAndUnzipVSCode({ version: VSCODE_VERSION, reporter: new SilentReporter(), timeout: 30_000 }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const executable = await download().catch((error) => {
  rmSync(work, { recursive: true, force: true });
  const reason = String(error?.message ?? error).split('\n')[0];
  console.log(`test:desktop did not run: VS Code ${VSCODE_VERSION} cannot be downloaded here (${reason})`);
  process.exit(3);
});

let exitCode = 1;
try {
  // The suite runs inside VS Code's extension host: one CommonJS file, `vscode` external.
  const suite = join(work, 'suite', 'index.js');
  await esbuild.build({
    entryPoints: [join(root, 'test', 'desktop', 'suite', 'index.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
  });
  exitCode = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    extensionTestsEnv: { WIDGET_TIMELINES_ROOT: root, WIDGET_TIMELINES_DESKTOP_WORK: work },
    launchArgs: [
      '--disable-extensions',
      '--disable-workspace-trust',
      '--user-data-dir', join(work, 'user-data'),
      '--extensions-dir', join(work, 'extensions'),
    ],
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
