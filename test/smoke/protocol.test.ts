// The IPC contract rejects what does not fit it, naming the field, so that a malformed message
// from either process is reported instead of acted upon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToExtension, parseToSystem, ProtocolError } from '../../src/protocol/ipc';

test('a well-formed message passes validation unchanged', () => {
  const message = { type: 'clock', now: 1_700_000_000_000 };
  assert.deepEqual(parseToExtension(message), message);
});

test('an unknown message type is refused with its name', () => {
  assert.throws(() => parseToSystem({ type: 'bogus' }), (e: unknown) => e instanceof ProtocolError && /"bogus"/.test(e.message));
});

test('a malformed field is refused naming the field', () => {
  assert.throws(
    () => parseToSystem({ type: 'taskResume', identifier: 'com.x', task: 'one', request: {} }),
    /"task"/,
  );
});

test('an optional "handled" on delivered / wakeHandled is a boolean when present', () => {
  const unhandled = { type: 'delivered', delivery: 3, returnedPromise: false, handled: false };
  assert.deepEqual(parseToSystem(unhandled), unhandled);
  assert.deepEqual(parseToSystem({ type: 'wakeHandled', call: 1 }), { type: 'wakeHandled', call: 1 });
  assert.throws(() => parseToSystem({ type: 'wakeHandled', call: 1, handled: 'no' }), /malformed "handled"/);
  assert.throws(() => parseToSystem({ type: 'delivered', delivery: 3, returnedPromise: false, handled: 0 }), /malformed "handled"/);
});
