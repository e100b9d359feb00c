// Runs the test suites with Node's built-in test runner. TypeScript tests (`*.test.ts` under
// test/ and src/) are bundled by esbuild into .test-out/ first; node_modules stay external.
// Before that, test/preflight.mjs provides the browser and code-server the selected tests need.
// Usage: node test/run.mjs [substring ...]   (only test files whose path contains one of them)
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleTypeScript, root } from '../scripts/bundleTypeScript.mjs';
import { preflight } from './preflight.mjs';
const filters = process.argv.slice(2);

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const tests = [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))]
  .filter((file) => filters.length === 0 || filters.some((f) => relative(root, file).includes(f)))
  .sort();
if (tests.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

// Chromium and code-server for the suites that drive them: provided now, or one line saying how.
const stop = preflight(tests);
if (stop) {
  console.error(stop);
  process.exit(1);
}

// One output folder per run: several runs may share a working tree.
const outdirName = join('.test-out', String(process.pid));
const outputs = await bundleTypeScript(tests, outdirName);

// A test that never settles fails at its timeout (10 minutes unless it says less), and a file
// whose tests are over ends even if something it started still holds its event loop: a hang is
// a failure that names the test, never a run that waits until CI gives up.
const child = spawn(
  process.execPath,
  ['--enable-source-maps', '--test', '--test-concurrency=1', '--test-timeout=600000', '--test-force-exit', ...outputs],
  { stdio: 'inherit', cwd: root, env: { ...process.env, WIDGET_TIMELINES_ROOT: root } },
);
child.on('exit', (code, signal) => {
  rmSync(join(root, outdirName), { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
