// Locations point at the line the user wrote, also when the call passes through the helpers
// sucrase prepends to a file's first line (optional calls such as `completion?.()`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerUserFile, userLocationInStack } from './callerLocation';

registerUserFile('/w/weather.widget.ts');

test('an optional call is located at its own line, not at the helper on line 1', () => {
  const stack = [
    'Error',
    '    at completion (/ext/dist/kit/widgetkit.js:1:2000)',
    '    at <anonymous> (/w/weather.widget.ts:1:1)',
    '    at <anonymous> (/w/weather.widget.ts:57:7)',
    '    at _optionalChain (/w/weather.widget.ts:1:1)',
    '    at Object.didFinishEvents (/w/weather.widget.ts:57:1)',
  ].join('\n');
  assert.deepEqual(userLocationInStack(stack), { file: '/w/weather.widget.ts', line: 57, column: 7 });
});

test('runtime and node frames are passed over; a lone 1:1 frame is still a location', () => {
  const stack = ['Error', '    at x (node:internal/timers:1:1)', '    at <anonymous> (/w/weather.widget.ts:1:1)'].join('\n');
  assert.deepEqual(userLocationInStack(stack), { file: '/w/weather.widget.ts', line: 1, column: 1 });
  assert.equal(userLocationInStack('Error\n    at f (/other/file.ts:3:4)'), undefined);
});
