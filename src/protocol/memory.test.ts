import assert from 'node:assert/strict';
import test from 'node:test';
import { megabytes } from './memory';

const MB = 1024 * 1024;

test('a measured size is said in whole megabytes: the tenths a collection moves do not reach the trace', () => {
  assert.equal(megabytes(47.6 * MB), '48 MB');
  assert.equal(megabytes(47.7 * MB), '48 MB');
  assert.equal(megabytes(48.3 * MB), '48 MB');
});

test('a configured limit is said as given', () => {
  assert.equal(megabytes(30 * MB, false), '30 MB');
  assert.equal(megabytes(12.5 * MB, false), '12.5 MB');
});
