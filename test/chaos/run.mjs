// `npm run chaos -- --runs N --seed S`: bundles the chaos harness (TypeScript, against the
// engine's sources) the way test/run.mjs bundles tests, runs it against the built kit in dist/,
// and passes its exit code on (0: no violation; 1: violations, each printed with its seed).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleTypeScript, root } from '../../scripts/bundleTypeScript.mjs';

const outdirName = join('.test-out', `chaos-${process.pid}`);
const [entry] = await bundleTypeScript([join(root, 'test', 'chaos', 'main.ts')], outdirName);
const child = spawn(process.execPath, ['--enable-source-maps', entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, WIDGET_TIMELINES_ROOT: root },
});
child.on('exit', (code, signal) => {
  rmSync(join(root, outdirName), { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
