// Findings read from a CLI trace (JSONL) and the debug status bar's text from a widgetState body:
// both cross a process boundary, so malformed input must be skipped, not trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsFromTrace } from './traceFindings';
import { debugStatusFrom, statusText, statusTooltip } from './debugStatus';

const diagnostic = {
  seq: 7,
  time: '2026-01-01T08:00:05.000Z',
  event: 'diagnostic',
  pid: null,
  launch: 1,
  identifier: 'com.example.weather.refresh',
  detail: {
    code: 'completion-not-called',
    severity: 'error',
    message: 'The completion handler of onBackgroundURLSessionEvents was never called.',
    location: { file: '/w/weather.widget.ts', line: 42, column: 5 },
  },
};

test('diagnostic records become findings at the user\'s line; other records are ignored', () => {
  const lines = [
    JSON.stringify({ seq: 1, time: '2026-01-01T08:00:00.000Z', event: 'extensionLaunch', pid: 10, launch: 1, detail: { reason: 'timeline' } }),
    JSON.stringify(diagnostic),
    JSON.stringify({ ...diagnostic, seq: 8, detail: { code: 'entries-too-close', message: 'Entries 1 minute apart.' } }),
    '{"seq": 9, "event": "diagn', // a line cut short by a killed process
  ].join('\n');
  const { findings, skippedLines } = findingsFromTrace(lines);
  assert.equal(skippedLines, 1);
  assert.deepEqual(findings[0], {
    code: 'completion-not-called',
    severity: 'error',
    message: diagnostic.detail.message,
    time: diagnostic.time,
    location: { file: '/w/weather.widget.ts', line: 42, column: 5 },
    identifier: 'com.example.weather.refresh',
  });
  assert.equal(findings[1].code, 'entries-too-close');
  assert.equal(findings[1].severity, 'warning');
  assert.equal(findings[1].location, undefined);
});

test('diagnostics with unknown codes or no message are skipped, not shown', () => {
  const bad = [
    { ...diagnostic, detail: { ...diagnostic.detail, code: 'made-up' } },
    { ...diagnostic, detail: { code: 'timeline-empty' } },
    { ...diagnostic, detail: 'nope' },
  ].map((r) => JSON.stringify(r)).join('\n');
  const { findings, skippedLines } = findingsFromTrace(bad);
  assert.deepEqual(findings, []);
  assert.equal(skippedLines, 3);
});

test('the status bar shows the virtual time and the extension state from widgetState', () => {
  const now = '2026-03-04T05:06:07.000Z';
  const status = debugStatusFrom({ version: 1, now, clock: 'simulated', extension: { state: 'running', pid: 4242, launch: 2 } });
  assert.ok(status);
  const local = new Date(now);
  const hhmmss = [local.getHours(), local.getMinutes(), local.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  assert.equal(statusText(status), `$(watch) ${hhmmss} · extension running (pid 4242, launch 2)`);
  assert.match(statusTooltip(status), /2026-03-04T05:06:07\.000Z \(simulated clock\).*running, launch 2/);
  const terminated = debugStatusFrom({ now, extension: { state: 'notRunning', pid: null, launch: 2 } });
  assert.ok(terminated);
  assert.equal(statusText(terminated), `$(watch) ${hhmmss} · extension not running`);
});

test('malformed widgetState bodies are ignored', () => {
  for (const body of [null, 'x', {}, { now: 'not a date', extension: { state: 'running', pid: 1, launch: 1 } },
    { now: '2026-01-01T00:00:00Z', extension: { state: 'flying', pid: 1, launch: 1 } },
    { now: '2026-01-01T00:00:00Z', extension: { state: 'running', pid: '1', launch: 1 } }]) {
    assert.equal(debugStatusFrom(body), undefined, JSON.stringify(body));
  }
});
