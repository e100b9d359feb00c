// Every finding code of DESIGN.md section 6 from a minimal widget in examples/findings, run
// through the CLI: the code is reported (as a `diagnostic` record with its severity), with the
// user's file and line where the code has one, and the exit code follows the severity.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FINDING_CODES, type FindingCode } from '../../src/protocol/lifecycle';
import { FINDING_RULES } from '../../src/system/contractChecker';
import { parseRecords, runCli, START, widget } from './engineHarness';

interface Case {
  code: FindingCode;
  file: string;
  args?: string[];
  /** The source line (a substring of it) the finding must point at, when it has a location. */
  line?: string;
}

const CASES: Case[] = [
  { code: 'completion-not-called', file: 'completion-not-called' },
  { code: 'time-limit', file: 'completion-not-called' },
  { code: 'completion-called-twice', file: 'completion-called-twice', line: 'the bug: the reference is not cleared' },
  { code: 'completion-before-finish-events', file: 'completion-before-finish-events', line: 'too early' },
  { code: 'session-not-recreated', file: 'session-not-recreated', args: ['--terminate-at', 'taskResume'] },
  { code: 'duplicate-session-identifier', file: 'duplicate-session', line: '// the bug' },
  { code: 'temp-file-after-return', file: 'temp-file-after-return', line: 'the bug: too late' },
  { code: 'unsupported-task', file: 'unsupported-task', line: '// the bug' },
  { code: 'timeline-unsorted', file: 'timeline-unsorted' },
  { code: 'timeline-empty', file: 'timeline-empty' },
  { code: 'reload-date-in-past', file: 'reload-date-in-past' },
  { code: 'entries-too-close', file: 'entries-too-close' },
  { code: 'budget-exhausted', file: 'budget-exhausted', args: ['--budget', '3'] },
  { code: 'reload-not-requested', file: 'reload-not-requested', line: 'the bug: no WidgetCenter.reloadTimelines' },
  { code: 'memory-limit', file: 'memory-limit' },
  { code: 'provider-threw', file: 'provider-threw', line: 'the bug: no fallback entry' },
  { code: 'load-failed', file: 'load-failed', line: 'malformed JSON at load time' },
  { code: 'delivery-abandoned', file: 'delivery-abandoned' },
  { code: 'background-events-unhandled', file: 'background-events-unhandled', args: ['--terminate-at', 'taskResume'] },
  { code: 'intent-threw', file: 'intent-threw', args: ['--tap', 'refresh'], line: 'the bug: perform throws' },
  { code: 'push-budget-exhausted', file: 'push-budget-exhausted', args: ['--push-budget', '1', '--push-at', '+10m', '--push-at', '+20m'] },
];

test('every finding code has an example case', () => {
  assert.deepEqual([...new Set(CASES.map((c) => c.code))].sort(), [...FINDING_CODES].sort());
});

for (const c of CASES) {
  test(`${c.code} from examples/findings/${c.file}.widget.ts`, async () => {
    const file = widget('examples', 'findings', `${c.file}.widget.ts`);
    const fixtures = widget('examples', 'findings', 'findings.fixtures.json');
    const result = await runCli(['run', file, '--now', START, '--fixtures', fixtures, '--json', ...(c.args ?? [])]);
    const diagnostics = parseRecords(result.stdout).filter((r) => r.event === 'diagnostic');
    const found = diagnostics.filter((r) => r.detail?.code === c.code);
    assert.ok(found.length > 0, `${c.code} reported; got ${diagnostics.map((d) => d.detail?.code).join(', ')}\n${result.stderr}`);
    const severity = FINDING_RULES[c.code].severity;
    assert.equal(found[0].detail?.severity, severity);
    const expectedExit = c.code === 'load-failed' ? 2 : diagnostics.some((d) => d.detail?.severity === 'error') ? 1 : 0;
    assert.equal(result.code, expectedExit);
    if (c.line) {
      const lines = readFileSync(file, 'utf8').split('\n');
      const expectedLine = lines.findIndex((text) => text.includes(c.line as string)) + 1;
      assert.ok(expectedLine > 0);
      const located = found.find((r) => r.detail?.file === file);
      assert.ok(located, `${c.code} carries the widget file as its location`);
      assert.equal(located.detail?.line, expectedLine, `${c.code} points at the line of the bug`);
    }
  });
}
