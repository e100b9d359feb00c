// validateSystemOptions: the launch arguments of DESIGN.md section 4 as the debug adapter and
// the CLI pass them; each bad value is an OptionsError naming the argument and what to do.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { OptionsError, validateSystemOptions } from '../../src/system/options';

const dir = mkdtempSync(join(tmpdir(), 'options-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'w.widget.ts'), 'export {};\n');
writeFileSync(join(dir, 'ok.fixtures.json'), '{ "https://a.example.com/x": { "status": 200, "body": "hi" } }');
writeFileSync(join(dir, 'bad.fixtures.json'), '{ "https://a.example.com/x": { "status": "two hundred" } }');

test('valid arguments come back typed, relative paths resolved against the base directory', () => {
  const options = validateSystemOptions(
    {
      program: 'w.widget.ts',
      family: 'systemMedium',
      now: '2025-06-01T08:00:00Z',
      clock: 'live',
      network: { fixtures: 'ok.fixtures.json', offline: false },
      terminate: [{ at: 'taskResume' }, { at: 'didFinishDownloadingTo', occurrence: 2, mode: 'forceQuit' }],
      memoryLimitMb: 12,
      budget: 0,
      trace: 'out/trace.jsonl',
      env: { API: 'http://127.0.0.1:1' },
    },
    dir,
  );
  assert.equal(options.program, join(dir, 'w.widget.ts'));
  assert.equal(options.now?.toISOString(), '2025-06-01T08:00:00.000Z');
  assert.equal(options.network?.fixtures, join(dir, 'ok.fixtures.json'));
  assert.deepEqual(options.terminate, [{ at: 'taskResume' }, { at: 'didFinishDownloadingTo', occurrence: 2, mode: 'forceQuit' }]);
  assert.equal(options.trace, join(dir, 'out', 'trace.jsonl'));
  assert.equal(options.budget, 0);
  assert.equal(options.mode, 'debug');
});

const BAD: [string, Record<string, unknown>, RegExp][] = [
  ['missing program', {}, /^program: missing/],
  ['unreadable program', { program: 'nope.ts' }, /^program: cannot read the widget file .*nope\.ts/],
  ['unknown family', { family: 'systemHuge' }, /^family: unknown widget family "systemHuge"/],
  ['bad clock', { clock: 'fast' }, /^clock: expected "live" or "simulated"/],
  ['bad now', { now: 'yesterday' }, /^now: "yesterday" is not an ISO 8601 date/],
  ['malformed fixtures', { network: { fixtures: 'bad.fixtures.json' } }, /^network\.fixtures: .*status/],
  ['inline fixtures of the wrong type', { network: { fixtures: 3 } }, /^network\.fixtures: expected/],
  ['unknown terminate event', { terminate: [{ at: 'didFinish' }] }, /^terminate\[0\]\.at: unknown lifecycle event "didFinish"/],
  ['occurrence below 1', { terminate: [{ at: 'taskResume', occurrence: 0 }] }, /^terminate\[0\]\.occurrence: expected an integer of at least 1/],
  ['bad terminate mode', { terminate: [{ at: 'taskResume', mode: 'kill' }] }, /^terminate\[0\]\.mode: expected "system" or "forceQuit"/],
  ['terminate not an array', { terminate: 'taskResume' }, /^terminate: expected an array/],
  ['negative memory limit', { memoryLimitMb: -1 }, /^memoryLimitMb: expected a positive number/],
  ['fractional budget', { budget: 1.5 }, /^budget: expected a whole number/],
  ['env with a number', { env: { A: 1 } }, /^env: expected an object of string values/],
  ['kind of the wrong type', { kind: 3 }, /^kind: expected a string/],
];

for (const [name, raw, message] of BAD) {
  test(`${name} is an OptionsError naming the argument`, () => {
    const args = { program: 'w.widget.ts', ...raw };
    if (name === 'missing program') delete (args as Record<string, unknown>).program;
    assert.throws(() => validateSystemOptions(args, dir), (error: unknown) => {
      assert.ok(error instanceof OptionsError);
      assert.match(error.message, message);
      return true;
    });
  });
}
