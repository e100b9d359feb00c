// Security of a run, seen from the widget's own process and from the file system: temporary
// and container files are private (0600 files, 0700 folders) under one per-session folder
// that is gone after dispose; the extension process does not inherit the editor's environment
// (only what Node needs plus the launch configuration's `env`); a widget path full of shell
// syntax runs as a path, never as a command; what a killed run leaves in TMPDIR the next run
// removes, and never a folder of a program still running.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { withWidget } from './widgetHarness';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..', '..');
const TIMEOUT = { timeout: 60_000 };

const MODES_WIDGET = `import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appGroupContainer, defineWidget, ReloadPolicy, sessionCache, Text, Timeline, UserDefaults, WidgetCenter } from 'widgetkit';

const mode = (path) => (statSync(path).mode & 0o777).toString(8);
// Every file and folder under the session folder, with its mode.
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
  const path = join(dir, e.name);
  return [[path, e.isDirectory() ? 'dir' : 'file', mode(path)], ...(e.isDirectory() ? walk(path) : [])];
});
let completion;
const delegate = () => ({
  didFinishDownloadingTo(_s, _t, location) {
    const suite = UserDefaults.suite('group.security');
    suite.set('k', 1);
    const container = appGroupContainer();
    const modes = {
      location: mode(location),
      locationDir: mode(dirname(location)),
      sessionRoot: mode(dirname(dirname(location))),
      container: mode(container),
    };
    console.log('MODES ' + JSON.stringify({ root: dirname(dirname(location)), container, modes, tree: walk(dirname(dirname(location))) }));
  },
  didFinishEvents() { WidgetCenter.reloadTimelines(); completion?.(); },
});
let started = false;
export default defineWidget({
  kind: 'security',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      if (!started) { started = true; sessionCache.session('com.security', delegate).downloadTask('https://secure.example.com/x').resume(); }
      return new Timeline([{ date: new Date() }], ReloadPolicy.never);
    },
  },
  view: () => Text('secure'),
  onBackgroundURLSessionEvents(id, done) { completion = done; sessionCache.session(id, delegate); },
});
`;

test('private files: the download, its folder, the session folder and the app group container are 0600/0700, and all of it is gone after dispose', TIMEOUT, async () => {
  let root = '';
  let container = '';
  await withWidget({ 'modes.widget.mjs': MODES_WIDGET }, { network: { fixtures: { 'https://secure.example.com/x': { body: 'secret forecast' } } } }, async (run) => {
    await run.runTo(60_000);
    const line = run.output.join('').split('\n').find((l) => l.startsWith('MODES '));
    assert.ok(line, `the widget never got its download: ${run.output.join('')}`);
    const seen = JSON.parse(line.slice('MODES '.length)) as { root: string; container: string; modes: Record<string, string>; tree: [string, 'dir' | 'file', string][] };
    root = seen.root;
    container = seen.container;
    assert.deepEqual(seen.modes, { location: '600', locationDir: '700', sessionRoot: '700', container: '700' });
    assert.ok(container.startsWith(root), `the container ${container} lives inside the session folder ${root}`);
    assert.ok(seen.tree.some(([path, kind]) => kind === 'file' && !path.includes('CFNetworkDownload')), 'the UserDefaults file is in the tree too');
    const open = seen.tree.filter(([, kind, m]) => m !== (kind === 'dir' ? '700' : '600'));
    assert.deepEqual(open, [], 'every file 0600 and every folder 0700 under the session folder');
  });
  assert.ok(root !== '' && !existsSync(root), `the session folder ${root} must be removed at dispose`);
});

test('environment: a secret in the editor environment does not reach the widget; a variable passed through env does', TIMEOUT, async () => {
  const widget = `import { defineWidget, ReloadPolicy, Text, Timeline } from 'widgetkit';
console.log('SECRET=' + String(process.env.WT_SECRET_TOKEN) + ' PASSED=' + String(process.env.WT_PASSED));
export default defineWidget({
  kind: 'env',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline: () => new Timeline([{ date: new Date() }], ReloadPolicy.never),
  },
  view: () => Text('env'),
});
`;
  process.env.WT_SECRET_TOKEN = 'hunter2-do-not-leak';
  try {
    await withWidget({ 'env.widget.mjs': widget }, { env: { WT_PASSED: 'yes' } }, async (run) => {
      await run.runTo(1_000);
      const line = run.output.join('').split('\n').find((l) => l.startsWith('SECRET='));
      assert.equal(line, 'SECRET=undefined PASSED=yes');
    });
  } finally {
    delete process.env.WT_SECRET_TOKEN;
  }
});

test('no shell interpolation: a widget in a folder named with spaces, quotes and $(...) runs through the CLI and creates no stray file', TIMEOUT, () => {
  const work = mkdtempSync(join(tmpdir(), 'shell-'));
  try {
    const hostile = join(work, `my "widget" 'dir' $(touch pwned) \`touch pwned2\` ; touch pwned3`);
    mkdirSync(hostile);
    const program = join(hostile, `w $(touch pwned4).widget.mjs`);
    writeFileSync(program, `import { defineWidget, ReloadPolicy, Text, Timeline } from 'widgetkit';
export default defineWidget({
  kind: 'shell',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline: () => new Timeline([{ date: new Date(), value: 'ran' }], ReloadPolicy.never),
  },
  view: (e) => Text(e.value),
});
`);
    const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'run', program, '--json', '--until', '+1m', '--now', '2025-06-01T08:00:00Z'], { cwd: work, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.split('\n').some((l) => l.includes('"event":"timeline"') && l.includes('ran')), 'the widget ran and produced its timeline');
    const stray = [work, hostile, dirname(work), ROOT].flatMap((dir) => readdirSync(dir).filter((name) => name.startsWith('pwned')));
    assert.deepEqual(stray, [], 'no command in the path was executed');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('nothing left behind: a headless run with a relaunch leaves its TMPDIR as empty as it found it (session folder and transpile cache)', TIMEOUT, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'wt-leftovers-'));
  try {
    const result = spawnSync(
      process.execPath,
      [
        join(ROOT, 'dist', 'cli.js'), 'run', join(ROOT, 'examples', 'weather', 'weather.widget.ts'),
        '--fixtures', join(ROOT, 'examples', 'weather', 'weather.fixtures.json'),
        '--terminate-at', 'taskResume', '--now', '2025-06-01T08:00:00Z', '--until', '+1h', '--json',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, TMPDIR: tmp } },
    );
    assert.equal(result.status, 0, result.stderr);
    const launches = result.stdout.split('\n').filter((l) => l.includes('"event":"extensionLaunch"')).length;
    assert.ok(launches >= 2, `the run relaunched the extension (it reuses the transpile cache then): ${launches} launch(es)`);
    assert.deepEqual(readdirSync(tmp), [], 'every folder the run made under TMPDIR is gone after it exits');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

const WEATHER = join(ROOT, 'examples', 'weather', 'weather.widget.ts');

/** A CLI run on a live clock under `tmp`: it goes on until killed. Resolves once it made its two folders (session and transpile cache). */
async function startLongRun(tmp: string): Promise<{ child: ChildProcess; folders: string[] }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'run', WEATHER, '--clock', 'live', '--until', '+1h'], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (readdirSync(tmp).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const folders = readdirSync(tmp).sort();
  assert.equal(folders.length, 2, `the run made its two folders: ${folders.join(', ')}`);
  return { child, folders };
}

/** A short CLI run under `tmp`, to its end. */
function shortRun(tmp: string): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'run', WEATHER, '--now', '2025-06-01T08:00:00Z', '--until', '+10m'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, TMPDIR: tmp } });
  assert.equal(result.status, 0, result.stderr);
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

test('a run killed with SIGKILL leaves its folders in TMPDIR, and the next run removes them', TIMEOUT, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'wt-killed-'));
  try {
    const killed = await startLongRun(tmp);
    await kill(killed.child);
    assert.deepEqual(readdirSync(tmp).sort(), killed.folders, 'a killed program cannot remove its own folders');
    shortRun(tmp);
    assert.deepEqual(readdirSync(tmp), [], "the next run removed the killed run's folders, and its own");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("a folder of a program still running is not another run's to remove", TIMEOUT, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'wt-alive-'));
  let running: ChildProcess | undefined;
  try {
    const started = await startLongRun(tmp);
    running = started.child;
    shortRun(tmp);
    assert.deepEqual(readdirSync(tmp).sort(), started.folders, "the running program's folders are still there, and nothing of the second run's");
  } finally {
    if (running) await kill(running);
    rmSync(tmp, { recursive: true, force: true });
  }
});
