// loadFixtures: a valid file loads with absolute `file` paths; every kind of mistake is a
// FixturesError with a stable code and a message naming the file, line, key and what to do.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { FixtureMap } from '../api';
import { FixturesError, loadFixtures } from './fixtures';
import { TransferDaemon } from './transferDaemon';
import { VirtualClock, privateTempDir } from './transferTestRig';

const temp = privateTempDir('fixtures');
after(() => temp.remove());

function fixturesFile(name: string, text: string): string {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
}

function loadError(pathOrMap: string | FixtureMap): FixturesError {
  try {
    loadFixtures(pathOrMap, temp.dir);
  } catch (error) {
    assert.ok(error instanceof FixturesError, `expected a FixturesError, got ${String(error)}`);
    return error;
  }
  assert.fail('loadFixtures accepted invalid fixtures');
}

test('a valid fixtures file loads; `file` resolves beside the fixtures file', () => {
  mkdirSync(join(temp.dir, 'net'), { recursive: true });
  writeFileSync(join(temp.dir, 'net', 'forecast.json'), '{"temp":21}');
  const path = fixturesFile(
    join('net', 'fixtures.json'),
    JSON.stringify({
      'https://api.example.com/forecast': { file: 'forecast.json', delayMs: 250 },
      'POST https://api.example.com/log': [{ status: 500 }, { status: 204 }],
      'https://api.example.com/down': { fail: 'reset', body: { partial: true } },
    }),
  );
  const map = loadFixtures('net/fixtures.json', temp.dir);
  assert.deepEqual(map['https://api.example.com/forecast'], { file: join(temp.dir, 'net', 'forecast.json'), delayMs: 250 });
  assert.deepEqual(map['POST https://api.example.com/log'], [{ status: 500 }, { status: 204 }]);
  assert.equal(loadFixtures(path, '/somewhere/else')['https://api.example.com/down'] !== undefined, true);
});

test('an unreadable fixtures file names the path', () => {
  const error = loadError('missing-fixtures.json');
  assert.equal(error.code, 'fixtures-unreadable');
  assert.match(error.message, /missing-fixtures\.json/);
  assert.match(error.message, /cannot be read/);
});

test('invalid JSON names the line and column', () => {
  fixturesFile('broken.json', '{\n  "https://a.example/x": { "body": "ok" },\n  "https://a.example/y": { "status": }\n}\n');
  const error = loadError('broken.json');
  assert.equal(error.code, 'fixtures-invalid-json');
  assert.deepEqual(error.position, { line: 3, column: 38 });
  assert.match(error.message, /broken\.json:3:38: .*not valid JSON.*Fix line 3, column 38/);
});

test('a key that is not a URL or "METHOD url" is refused with its line', () => {
  fixturesFile('badkey.json', '{\n  "https://a.example/x": {},\n  "forecast please": { "body": 1 }\n}');
  const error = loadError('badkey.json');
  assert.equal(error.code, 'fixtures-bad-key');
  assert.equal(error.key, 'forecast please');
  assert.match(error.message, /badkey\.json:3:3: fixture "forecast please": .*not an http\(s\) URL/);
  assert.equal(loadError({ 'ftp://a.example/x': {} }).code, 'fixtures-bad-key');
  assert.equal(loadError({ 'GET POST https://a.example/': {} }).code, 'fixtures-bad-key');
});

test('unknown response fields are named with the allowed ones', () => {
  // As a user's launch.json would hold it: plain JSON, unchecked by TypeScript.
  const inline: unknown = JSON.parse('{ "https://a.example/x": { "body": "x", "delay": 5 } }');
  const error = loadError(inline as FixtureMap);
  assert.equal(error.code, 'fixtures-unknown-field');
  assert.match(error.message, /inline fixtures .*unknown field "delay".*delayMs/);
  fixturesFile('field.json', '{\n  "https://a.example/x": {\n    "body": "x",\n    "delay": 5\n  }\n}');
  const inFile = loadError('field.json');
  assert.equal(inFile.code, 'fixtures-unknown-field');
  assert.deepEqual(inFile.position, { line: 4, column: 5 }, 'the line of the field to fix');
  assert.match(inFile.message, /field\.json:4:5: /);
});

test('wrong types are refused field by field', () => {
  const cases: [unknown, RegExp][] = [
    [{ status: '200' }, /"status" must be an HTTP status code/],
    [{ status: 99 }, /"status"/],
    [{ headers: { 'content-type': 1 } }, /header "content-type" is not a string/],
    [{ headers: ['a'] }, /"headers" must be an object/],
    [{ delayMs: -1 }, /"delayMs" must be a number of milliseconds/],
    [{ bytesPerSecond: 0 }, /"bytesPerSecond" must be a number greater than 0/],
    [{ fail: 'crash' }, /"fail" must be one of "timeout", "reset", "offline", "dns"/],
    [{ file: 5 }, /"file" must be a path/],
    ['just a string', /must be an object or an array of objects/],
    [[], /array of responses is empty/],
    [[{ status: 200 }, 7], /response \[1\]: a response must be an object/],
  ];
  for (const [response, message] of cases) {
    const error = loadError({ 'https://a.example/x': response as FixtureMap[string] });
    assert.equal(error.code, 'fixtures-wrong-type', `${JSON.stringify(response)}: ${error.message}`);
    assert.match(error.message, message);
  }
  assert.equal(loadError([] as unknown as FixtureMap).code, 'fixtures-not-object');
});

test('a missing `file` names the path looked for', () => {
  fixturesFile('nofile.json', JSON.stringify({ 'https://a.example/x': { file: 'data/gone.json' } }));
  const error = loadError('nofile.json');
  assert.equal(error.code, 'fixtures-file-missing');
  assert.ok(error.message.includes(join(temp.dir, 'data', 'gone.json')), error.message);
  assert.match(error.message, /fixture "https:\/\/a\.example\/x"/);
});

test('body with file, and keys naming the same request twice, are refused', () => {
  writeFileSync(join(temp.dir, 'x.txt'), 'x');
  assert.equal(loadError({ 'https://a.example/x': { body: 'a', file: 'x.txt' } }).code, 'fixtures-conflict');
  const duplicate = loadError({ 'https://a.example/x': {}, 'https://A.example/x': {} });
  assert.equal(duplicate.code, 'fixtures-duplicate-key');
  assert.match(duplicate.message, /same request as "https:\/\/a\.example\/x"/);
});

test('the daemon validates the fixtures it is given', () => {
  assert.throws(
    () => new TransferDaemon({ clock: new VirtualClock(), tempDir: temp.dir, fixtures: { nope: {} } }),
    (error: unknown) => error instanceof FixturesError && error.code === 'fixtures-bad-key',
  );
});
