// `npm run bench`: bundles the benchmark (TypeScript) and runs it. Not part of `npm test`.
// Usage: npm run bench [-- figure ...]   e.g. npm run bench -- streaming sizes
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bundleTypeScript, root } from '../scripts/bundleTypeScript.mjs';

const [main] = await bundleTypeScript([join(root, 'bench/main.ts')], '.bench-out');
const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', main, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, WIDGET_TIMELINES_ROOT: root },
});
child.on('exit', (code) => process.exit(code ?? 1));
