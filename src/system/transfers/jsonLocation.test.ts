// The JSON scanner finds where a fixtures file stops being JSON, so the error names that line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { positionAt, syntaxErrorOffset } from './jsonLocation';

test('valid JSON has no error offset; each mistake is found where it is', () => {
  for (const valid of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"k": []}] ', '"x"']) {
    assert.equal(syntaxErrorOffset(valid), undefined, valid);
  }
  const cases: [string, number][] = [
    ['{"a": 1,}', 8], // trailing comma: the } where a key should be
    ['{"a" 1}', 5], // missing colon
    ['{"a": "unterminated}', 20], // runs to the end
    ['{"a": tru}', 6], // bad literal
    ['{"a": 1} extra', 9], // trailing text
    ['{\n  "a": 01\n}', 10], // leading zero: the number ends at 0, then 1 is unexpected
  ];
  for (const [text, offset] of cases) {
    assert.equal(syntaxErrorOffset(text), offset, text);
    assert.throws(() => JSON.parse(text), SyntaxError, `JSON.parse agrees that ${text} is invalid`);
  }
  assert.deepEqual(positionAt('{\n  "a": 01\n}', 10), { line: 2, column: 9 });
});
