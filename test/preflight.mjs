// What the selected tests need from the machine, provided before any of them runs (test/run.mjs
// calls this first): the page and end-to-end suites drive Debian's Chromium, the end-to-end suite
// a cached code-server 4.100.3 (scripts/setup-code-server.sh), unzip and zip. What is missing is
// installed with apt-get when that is possible (root, or sudo without a password); otherwise the
// run stops at once with one line naming the command to run, instead of a failure per test.
// Usage: node test/preflight.mjs [test file ...]   (exit 1 and that one line on stderr)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const SETUP = join(root, 'scripts', 'setup-code-server.sh');
const SETUP_LOG = join(root, 'test-artifacts', 'preflight', 'setup-code-server.log');
const OR_CI = '(or `bash .ci/run`)';

/** The harnesses that start each outside program; a test needs what the files it imports start. */
const STARTED_BY = {
  chromium: ['test/webview/pageHarness.ts', 'test/e2e/workbench.ts'],
  codeServer: ['test/e2e/codeServer.ts'],
};

/** Relative imports of a TypeScript or JavaScript file, resolved to files. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = resolve(dirname(file), match[1]);
    const target = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    if (target && /\.(m?js|tsx?)$/.test(target)) found.push(target);
  }
  return found;
}

/** Which outside programs the test files reach through their imports. */
export function needsOf(testFiles) {
  const seen = new Set();
  const queue = testFiles.map((file) => resolve(root, file));
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  const reaches = (harnesses) => harnesses.some((harness) => seen.has(join(root, harness)));
  return { chromium: reaches(STARTED_BY.chromium), codeServer: reaches(STARTED_BY.codeServer) };
}

function onPath(name, env) {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, name)));
}

const isRoot = () => process.getuid?.() === 0;

/** How to run apt-get here (as root, or through passwordless sudo), or undefined when it cannot run. */
function aptGet(env) {
  if (!onPath('apt-get', env)) return undefined;
  if (isRoot()) return ['apt-get'];
  if (onPath('sudo', env) && spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore' }).status === 0) return ['sudo', '-n', 'apt-get'];
  return undefined;
}

/** The command a person runs to install `packages`. */
function installCommand(packages) {
  return `${isRoot() ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`;
}

/** Installs Debian packages with apt-get when it can run; true when it did. */
function aptInstall(packages, env) {
  const apt = aptGet(env);
  if (!apt) return false;
  console.error(`preflight: installing ${packages.join(' ')} with apt-get`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync(apt[0], [...apt.slice(1), ...args], { env: aptEnv, stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
  return run(['update', '-qq']) && run(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

function provideChromium(env) {
  if (findChromium(env) || (aptInstall(['chromium'], env) && findChromium(env))) return undefined;
  return `npm test needs Chromium: run \`${installCommand(['chromium'])}\` ${OR_CI}`;
}

function provideCodeServer(env) {
  const setup = (args, options = {}) => spawnSync('bash', [SETUP, ...args], { env, encoding: 'utf8', ...options });
  // unzip: the VSIX listing check; zip: scripts/packageVsix.mjs adds the TypeScript plugin to the VSIX.
  const missingTools = ['unzip', 'zip'].filter((tool) => !onPath(tool, env));
  const cached = setup(['--check']).status === 0;
  const asked = cached ? { status: 0, stdout: '' } : setup(['--missing-packages']);
  if (asked.status !== 0) return `npm test needs code-server 4.100.3: run \`bash scripts/setup-code-server.sh\` ${OR_CI}`;
  const packages = [...asked.stdout.trim().split(/\s+/).filter(Boolean), ...missingTools];
  if (packages.length > 0 && !aptInstall(packages, env)) {
    return `npm test needs the Debian packages ${packages.join(' ')} for its VS Code suite: run \`${installCommand(packages)}\` ${OR_CI}`;
  }
  if (cached) return undefined;
  console.error(`preflight: installing code-server 4.100.3 with scripts/setup-code-server.sh (once, a few minutes; log: ${relative(root, SETUP_LOG)})`);
  mkdirSync(dirname(SETUP_LOG), { recursive: true });
  const installed = setup([], { timeout: 20 * 60_000 });
  writeFileSync(SETUP_LOG, `${installed.stdout ?? ''}${installed.stderr ?? ''}`);
  if (installed.status === 0) return undefined;
  return `npm test needs code-server 4.100.3 and its install failed (${relative(root, SETUP_LOG)}): run \`bash scripts/setup-code-server.sh\` ${OR_CI}`;
}

/** Provides what `testFiles` need; returns the one line to stop with when something cannot be provided. */
export function preflight(testFiles, env = process.env) {
  const needs = needsOf(testFiles);
  return (needs.chromium ? provideChromium(env) : undefined) ?? (needs.codeServer ? provideCodeServer(env) : undefined);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stop = preflight(process.argv.slice(2));
  if (stop) {
    console.error(stop);
    process.exit(1);
  }
}
