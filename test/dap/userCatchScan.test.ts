// Whether widget code catches an error itself: a position inside an open try block counts, one
// in its catch block, after it, or in a string that merely spells "try {" does not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insideTryBlock, lineStartsOf } from '../../src/debug/userCatchScan';

const SOURCE = [
  'function handler() {', // 0
  '  try {', // 1
  '    JSON.parse(text);', // 2
  '  } catch {', // 3
  '    throw new Error("again");', // 4
  '  }', // 5
  '  const note = "try { not code";', // 6
  '  throw new Error("out");', // 7
  '}', // 8
].join('\n');

test('a throw inside try is caught by the user; in catch, after the block or after a string, it is not', () => {
  const starts = lineStartsOf(SOURCE);
  const from = { line: 0, column: 0 };
  assert.equal(insideTryBlock(SOURCE, starts, from, { line: 2, column: 4 }), true);
  assert.equal(insideTryBlock(SOURCE, starts, from, { line: 4, column: 4 }), false);
  assert.equal(insideTryBlock(SOURCE, starts, from, { line: 7, column: 2 }), false);
});
