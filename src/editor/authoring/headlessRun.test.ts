// What "Run headless" relies on, through the real CLI (built here from src/ into a private
// folder, run as a child process): the scaffolded widget lives through its background-download
// lifecycle with no finding, also when the system kills it inside didFinishDownloadingTo; and a
// finding in a trace reaches the Problems panel's shape at the user's line.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { writeScaffold } from './scaffold';
import { findingsFromTrace } from './traceFindings';

const root = process.env.WIDGET_TIMELINES_ROOT ?? process.cwd();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'widget-headless-'));
const cli = path.join(work, 'dist', 'cli.js');

before(async () => {
  const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'silent' } as const;
  await esbuild.build({ ...node, entryPoints: [path.join(root, 'src', 'cli.ts')], outfile: cli });
  await esbuild.build({ ...node, entryPoints: [path.join(root, 'src', 'kit', 'index.ts')], outfile: path.join(work, 'dist', 'kit', 'widgetkit.js') });
});

function run(args: string[]): { status: number | null; trace: string; output: string } {
  const trace = path.join(work, `trace-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
  // Without WIDGET_TIMELINES_ROOT the CLI uses the runtime built beside it, not the repository's dist/.
  const env = { ...process.env };
  delete env.WIDGET_TIMELINES_ROOT;
  const child = spawnSync(process.execPath, [cli, 'run', ...args, '--trace', trace], { encoding: 'utf8', env, timeout: 120_000 });
  return { status: child.status, trace: fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8') : '', output: `${child.stdout}${child.stderr}` };
}

function events(trace: string): string[] {
  return trace.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { event: string }).event);
}

test('the scaffolded widget downloads, reloads and completes with no finding', () => {
  const scaffold = writeScaffold(work, 'weather', root);
  assert.ok(scaffold.ok, scaffold.ok ? '' : scaffold.error.message);
  const { widgetFile, fixturesFile } = scaffold.value;
  const calm = run([widgetFile, '--fixtures', fixturesFile, '--until', '+3h']);
  assert.equal(calm.status, 0, calm.output);
  assert.deepEqual(findingsFromTrace(calm.trace).findings, []);
  const seen = events(calm.trace);
  for (const event of ['taskResume', 'didFinishDownloadingTo', 'urlSessionDidFinishEvents', 'reloadTimelines', 'completionHandler']) {
    assert.ok(seen.includes(event), `no ${event} in the trace`);
  }
  // The reload after the download must not start another download (no reload loop).
  assert.ok(seen.filter((e) => e === 'taskResume').length <= 4, `${seen.filter((e) => e === 'taskResume').length} downloads in 3 hours`);

  const killed = run([widgetFile, '--fixtures', fixturesFile, '--until', '+30m', '--terminate-at', 'didFinishDownloadingTo#1']);
  assert.equal(killed.status, 0, killed.output);
  assert.deepEqual(findingsFromTrace(killed.trace).findings, []);
  const relaunch = killed.trace.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { event: string; launch: number; detail?: { reason?: string } });
  assert.ok(relaunch.some((r) => r.event === 'extensionLaunch' && r.detail?.reason === 'backgroundEvents'), 'no relaunch for background events');
  assert.ok(relaunch.some((r) => r.event === 'completionHandler' && r.launch === 2), 'the relaunched extension did not call the completion');
});

test('a finding in the trace carries the user\'s file and line', () => {
  const widget = path.join(work, 'throws.widget.ts');
  fs.writeFileSync(widget, [
    "import { defineWidget, Text } from 'widgetkit';",
    'export default defineWidget({',
    "  kind: 'throws',",
    '  provider: {',
    '    placeholder() { return { date: new Date() }; },',
    '    getSnapshot() { return { date: new Date() }; },',
    '    async getTimeline() {',
    "      throw new Error('feed unavailable');",
    '    },',
    '  },',
    "  view: () => Text('x'),",
    '});',
    '',
  ].join('\n'));
  const result = run([widget, '--until', '+5m']);
  assert.equal(result.status, 1, result.output);
  const { findings } = findingsFromTrace(result.trace);
  const threw = findings.find((f) => f.code === 'provider-threw');
  assert.ok(threw, JSON.stringify(findings));
  assert.equal(threw.severity, 'error');
  assert.deepEqual(threw.location && { file: threw.location.file, line: threw.location.line }, { file: widget, line: 8 });
});
