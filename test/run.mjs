// Runs the test suites with Node's built-in test runner. TypeScript tests (`*.test.ts` under
// test/ and src/) are bundled by esbuild into .test-out/ first; node_modules stay external.
// Usage: node test/run.mjs [substring ...]   (only test files whose path contains one of them)
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
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

const outdir = join(root, '.test-out');
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: tests,
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
const outputs = tests.map((file) => join(outdir, relative(root, file)).replace(/\.ts$/, '.js'));

const child = spawn(
  process.execPath,
  ['--enable-source-maps', '--test', '--test-concurrency=1', ...outputs],
  { stdio: 'inherit', cwd: root, env: { ...process.env, WIDGET_TIMELINES_ROOT: root } },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
