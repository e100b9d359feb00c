import assert from 'node:assert/strict';
import test from 'node:test';
import { messageWithoutPlace } from './placedMessage';

const at = { file: '/work/tides/tides.widget.ts', line: 8, column: 13 };

test('drops the place in front of a message when it is the row\'s own place', () => {
  assert.equal(
    messageWithoutPlace('/work/tides/tides.widget.ts:8:13: provider.getTimeline threw: feed unavailable.', at),
    'provider.getTimeline threw: feed unavailable.',
  );
});

test('keeps a place that differs from the row\'s, and a message that is only the place', () => {
  const elsewhere = '/work/tides/tides.widget.ts:9:13: provider.getTimeline threw: feed unavailable.';
  assert.equal(messageWithoutPlace(elsewhere, at), elsewhere);
  assert.equal(messageWithoutPlace('/work/tides/tides.widget.ts:8:13: ', at), '/work/tides/tides.widget.ts:8:13: ');
  assert.equal(messageWithoutPlace('completion handler called twice', at), 'completion handler called twice');
});
