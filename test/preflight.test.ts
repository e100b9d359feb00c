// `npm test` on a machine that lacks what a suite drives: test/run.mjs stops before any test with
// one line naming the command to run, and goes on when nothing is missing. Chromium, apt-get and
// the build tools are made absent for the child through PATH (a folder holding only what the
// case keeps), code-server through WIDGET_TIMELINES_CACHE (an empty cache); nothing is uninstalled.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? join(__dirname, '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'preflight-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A PATH folder holding only the named programs (links to the real ones). */
function pathWith(name: string, programs: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [program, target] of Object.entries(programs)) symlinkSync(target, join(dir, program));
  return dir;
}

function run(script: string, args: string[], env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // NODE_TEST_CONTEXT would make a nested test runner report to this one instead of printing.
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, WIDGET_TIMELINES_CHROMIUM: undefined, ...env },
    timeout: 120_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  return { status: result.status, output, lines: output.split('\n').filter((line) => line.trim() !== '') };
}

const chromium = findChromium();
const bash = spawnSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim();

test('no Chromium and no apt-get: one line naming the command, exit 1, no test runs', () => {
  const { status, output, lines } = run('test/run.mjs', ['test/webview/previewPage.test'], { PATH: pathWith('empty', {}) });
  assert.equal(status, 1, output);
  assert.equal(lines.length, 1, output);
  assert.match(lines[0], /^npm test needs Chromium: run `(sudo )?apt-get install -y chromium` \(or `bash \.ci\/run`\)$/);
  assert.doesNotMatch(output, /TAP version|# tests|not ok/);
});

test('code-server not cached, its build packages missing and no apt-get: one line naming them', { skip: !chromium && 'no Chromium on this machine' }, () => {
  const { status, output, lines } = run('test/preflight.mjs', ['test/e2e/authoring.test.ts'], {
    PATH: pathWith('chromium-only', { chromium: chromium!, bash }),
    WIDGET_TIMELINES_CACHE: join(scratch, 'empty-cache'),
  });
  assert.equal(status, 1, output);
  assert.equal(lines.length, 1, output);
  assert.match(lines[0], /^npm test needs the Debian packages .*\bripgrep\b.*\bunzip zip for its VS Code suite: run `(sudo )?apt-get install -y [^`]*ripgrep make g\+\+ python3 unzip zip` \(or `bash \.ci\/run`\)$/);
});

test('tests that drive no browser run on a machine without one', () => {
  const { status, output } = run('test/run.mjs', ['src/editor/authoring/launchJson.test'], { PATH: pathWith('bare', {}) });
  assert.equal(status, 0, output);
  assert.match(output, /# pass [1-9]/);
  assert.match(output, /# fail 0/);
});

const cached = spawnSync('bash', [join(ROOT, 'scripts', 'setup-code-server.sh'), '--check']).status === 0;

test('Chromium and a cached code-server present: the preflight says nothing and lets the tests run', { skip: !(chromium && cached) && 'Chromium or the cached code-server is absent here' }, () => {
  const { status, output } = run('test/preflight.mjs', ['test/e2e/authoring.test.ts', 'test/webview/previewPage.test.ts'], {});
  assert.equal(status, 0, output);
  assert.equal(output, '');
});
