// "Open Recording" reads a recording the way a chaos report or a CLI run leaves it: the findings
// with the seq of their records (Debug this run stops there), the run's end, and whether the
// widget file is still the one recorded. The recordings are made by the real CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli, START } from '../../../test/engine/engineHarness';
import { readRecordedRun } from './recordedRun';

const work = mkdtempSync(join(tmpdir(), 'recorded-run-'));
after(() => rmSync(work, { recursive: true, force: true }));

const EMPTY_TIMELINE = `import { defineWidget, ReloadPolicy, Text, Timeline } from 'widgetkit';
export default defineWidget({
  kind: 'empty',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline: () => new Timeline([], ReloadPolicy.never),
  },
  view: () => Text('nothing'),
});
`;

test('a recording\'s findings come with their records, and a changed or missing widget is said', async () => {
  const widget = join(work, 'empty.widget.ts');
  const recording = join(work, 'empty.recording.jsonl');
  writeFileSync(widget, EMPTY_TIMELINE);
  const result = await runCli(['run', widget, '--now', START, '--until', '+10m', '--record', recording]);
  assert.notEqual(result.code, 2, result.stderr);

  const read = readRecordedRun(recording);
  assert.ok(read.ok, read.ok ? '' : read.error.message);
  const run = read.value;
  assert.equal(run.program, widget);
  assert.equal(run.widgetProblem, undefined);
  const empty = run.findings.find((f) => f.code === 'timeline-empty');
  assert.ok(empty, `timeline-empty among ${run.findings.map((f) => f.code).join(', ')}`);
  const seq = run.seqs.get(empty);
  assert.ok(seq !== undefined && seq >= 1 && seq <= run.lastSeq, `the finding's record #${seq} is in the run (last #${run.lastSeq})`);

  writeFileSync(widget, EMPTY_TIMELINE.replace("'nothing'", "'something'"));
  const changed = readRecordedRun(recording);
  assert.match(changed.ok ? changed.value.widgetProblem ?? '' : '', /changed since the run was recorded/);
  rmSync(widget);
  const missing = readRecordedRun(recording);
  assert.match(missing.ok ? missing.value.widgetProblem ?? '' : '', /is not on this machine/);
});

test('a file that is not a recording is an error naming it and what to open instead', () => {
  const notRecording = join(work, 'trace.recording.jsonl');
  writeFileSync(notRecording, '{"seq":1,"event":"extensionLaunch"}\n');
  const read = readRecordedRun(notRecording);
  assert.equal(read.ok, false);
  if (read.ok) return;
  assert.equal(read.error.code, 'not-a-recording');
  assert.ok(read.error.message.startsWith(notRecording), read.error.message);
  assert.match(read.error.message, /line 1 is not a recording header.*--record/);
});
