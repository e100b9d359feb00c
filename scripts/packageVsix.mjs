// Packages the VSIX (`npm run package`, after the production build): `vsce package
// --no-dependencies` with the .vscodeignore allowlist, then the TypeScript server plugin's
// package added as extension/node_modules/widget-timelines-tsserver-plugin/. tsserver loads a
// contributed plugin only from the extension's node_modules, which `--no-dependencies` leaves
// out entirely; adding its two files keeps every other dependency out of the VSIX.
// Usage: node scripts/packageVsix.mjs [vsce package options, e.g. -o out.vsix]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const PLUGIN = join('node_modules', 'widget-timelines-tsserver-plugin');
const PLUGIN_FILES = ['package.json', 'index.js'];

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error?.code === 'ENOENT') {
    console.error(`${command} is not installed: apt-get install ${command}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

for (const file of PLUGIN_FILES) {
  if (!existsSync(join(root, PLUGIN, file))) {
    console.error(`${PLUGIN}/${file} is missing: run node esbuild.mjs --production first`);
    process.exit(1);
  }
}

const args = process.argv.slice(2);
const outFlag = args.findIndex((a) => a === '-o' || a === '--out');
const out = outFlag >= 0 ? args[outFlag + 1] : args.find((a) => a.startsWith('--out='))?.slice('--out='.length);
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = resolve(out ?? join(root, `${name}-${version}.vsix`));
const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', ...args], root);

// The archive's entries are under extension/; zip adds them with the same relative paths.
const staging = mkdtempSync(join(tmpdir(), 'widget-timelines-plugin-'));
try {
  for (const file of PLUGIN_FILES) cpSync(join(root, PLUGIN, file), join(staging, 'extension', PLUGIN, file));
  run('zip', ['-q', '-X', vsix, ...PLUGIN_FILES.map((file) => join('extension', PLUGIN, file))], staging);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
console.log(`added the TypeScript server plugin to ${vsix}`);
