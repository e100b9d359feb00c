// The condition language of event breakpoints: comparisons of a trace record's fields, joined
// with && || !, parsed without eval; malformed text is refused with a message, not thrown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TraceRecord } from '../../src/protocol/lifecycle';
import { parseEventCondition } from '../../src/debug/eventCondition';

const record: TraceRecord = {
  seq: 7,
  time: '2026-06-01T09:00:00.000Z',
  event: 'extensionTerminate',
  pid: 4242,
  launch: 2,
  identifier: 'com.example.weather',
  task: 3,
  detail: { reason: 'forced', entries: [{ temp: 21 }], error: null },
};

function holds(text: string): boolean {
  const condition = parseEventCondition(text);
  assert.ok(condition.ok, `"${text}" should parse`);
  return condition.test(record);
}

test('conditions compare fields, nested details and literals', () => {
  const table: [string, boolean][] = [
    ['identifier == "com.example.weather"', true],
    ["identifier == 'com.example.other'", false],
    ['task == 3', true],
    ['task == "3"', true],
    ['task >= 4', false],
    ['launch > 1 && detail.reason == "forced"', true],
    ['launch > 2 || detail.reason == "idle"', false],
    ['!(detail.reason == "forced")', false],
    ['detail.entries[0].temp < 22', true],
    ['detail["reason"] != "forced"', false],
    ['detail.error == null', true],
    ['detail.missing == null', true],
    ['identifier', true],
    ['detail.missing', false],
    ['', true],
  ];
  for (const [text, expected] of table) assert.equal(holds(text), expected, text);
});

test('malformed conditions are refused with a readable message; nothing is evaluated', () => {
  for (const text of ['identifier ==', 'task = 3', '(task == 3', 'process.exit(1)', 'detail.', 'a ? b : c']) {
    const condition = parseEventCondition(text);
    assert.equal(condition.ok, false, `"${text}" should be refused`);
    if (!condition.ok) assert.match(condition.error, /Cannot read the condition/);
  }
});
