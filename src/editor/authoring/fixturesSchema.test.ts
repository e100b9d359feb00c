// The fixtures JSON schema (schemas/fixtures.schema.json, used by VS Code's jsonValidation for
// *.fixtures.json) accepts the scaffold's and the examples' fixtures and rejects the mistakes the
// engine would refuse. A small draft-07 validator for the keywords the schema uses lives here,
// in the test only (no schema library is a dependency).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderTemplate, templateValues } from './scaffold';

const root = process.env.WIDGET_TIMELINES_ROOT ?? process.cwd();
type Schema = { [keyword: string]: unknown };
const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'fixtures.schema.json'), 'utf8')) as Schema;

const KNOWN = new Set(['$schema', '$id', 'title', 'description', 'default', 'enumDescriptions', 'definitions', '$ref', 'type',
  'properties', 'additionalProperties', 'propertyNames', 'pattern', 'enum', 'minimum', 'maximum', 'exclusiveMinimum',
  'minLength', 'minItems', 'items', 'oneOf', 'not', 'required']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Problems of `value` against `node` (empty when valid), each with a JSON path. */
function validate(node: Schema, value: unknown, at = '$'): string[] {
  for (const keyword of Object.keys(node)) assert.ok(KNOWN.has(keyword), `the test validator does not know "${keyword}"`);
  if (typeof node.$ref === 'string') {
    const target = node.$ref.replace('#/definitions/', '');
    return validate((schema.definitions as { [name: string]: Schema })[target], value, at);
  }
  const problems: string[] = [];
  const actual = typeOf(value);
  if (node.type !== undefined) {
    const types = Array.isArray(node.type) ? (node.type as string[]) : [node.type as string];
    if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) return [`${at}: ${actual} is not ${types.join('|')}`];
  }
  if (Array.isArray(node.enum) && !node.enum.includes(value)) problems.push(`${at}: not one of ${node.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (typeof node.minimum === 'number' && value < node.minimum) problems.push(`${at}: below ${node.minimum}`);
    if (typeof node.maximum === 'number' && value > node.maximum) problems.push(`${at}: above ${node.maximum}`);
    if (typeof node.exclusiveMinimum === 'number' && value <= node.exclusiveMinimum) problems.push(`${at}: not above ${node.exclusiveMinimum}`);
  }
  if (typeof value === 'string') {
    if (typeof node.minLength === 'number' && value.length < node.minLength) problems.push(`${at}: too short`);
    if (typeof node.pattern === 'string' && !new RegExp(node.pattern).test(value)) problems.push(`${at}: does not match ${node.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof node.minItems === 'number' && value.length < node.minItems) problems.push(`${at}: fewer than ${node.minItems} items`);
    if (node.items) value.forEach((item, i) => problems.push(...validate(node.items as Schema, item, `${at}[${i}]`)));
  }
  if (actual === 'object') {
    const object = value as { [key: string]: unknown };
    const properties = (node.properties ?? {}) as { [name: string]: Schema };
    for (const name of (node.required ?? []) as string[]) if (!(name in object)) problems.push(`${at}: missing ${name}`);
    for (const [key, item] of Object.entries(object)) {
      if (node.propertyNames) problems.push(...validate(node.propertyNames as Schema, key, `${at} key ${JSON.stringify(key)}`));
      if (properties[key]) problems.push(...validate(properties[key], item, `${at}.${key}`));
      else if (node.additionalProperties === false) problems.push(`${at}: unknown field ${key}`);
      else if (typeof node.additionalProperties === 'object') problems.push(...validate(node.additionalProperties as Schema, item, `${at}[${JSON.stringify(key)}]`));
    }
  }
  if (Array.isArray(node.oneOf)) {
    const passing = (node.oneOf as Schema[]).filter((option) => validate(option, value, at).length === 0).length;
    if (passing !== 1) problems.push(`${at}: matches ${passing} of the oneOf options`);
  }
  if (node.not && validate(node.not as Schema, value, at).length === 0) problems.push(`${at}: matches a forbidden shape`);
  return problems;
}

function examplesFixtures(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : examplesFixtures(full);
    return entry.name.endsWith('.fixtures.json') ? [full] : [];
  });
}

test('the scaffold\'s fixtures and the examples\' fixtures are valid', () => {
  const template = fs.readFileSync(path.join(root, 'templates', 'widget', 'fixtures.json.tmpl'), 'utf8');
  const rendered = renderTemplate(template, templateValues('weather'));
  assert.ok(rendered.ok);
  assert.deepEqual(validate(schema, JSON.parse(rendered.value)), []);
  for (const file of examplesFixtures(path.join(root, 'examples'))) {
    assert.deepEqual(validate(schema, JSON.parse(fs.readFileSync(file, 'utf8'))), [], file);
  }
});

test('every documented response shape is accepted', () => {
  const good = {
    'https://example.com/a.json': { status: 200, headers: { 'content-type': 'application/json' }, body: { temp: 21 } },
    'GET https://example.com/b.txt': { body: 'plain text', delayMs: 1500, bytesPerSecond: 1024 },
    'post http://127.0.0.1:8080/upload': { status: 201 },
    'https://example.com/big.bin': { file: 'big.bin' },
    'https://example.com/flaky': [{ fail: 'timeout' }, { fail: 'reset' }, { fail: 'offline' }, { fail: 'dns' }, { status: 200, body: [1, 2, 3] }],
    'https://example.com/null': { body: null },
  };
  assert.deepEqual(validate(schema, good), []);
});

test('mistakes are rejected', () => {
  const bad: [string, unknown][] = [
    ['unknown field', { 'https://example.com/a': { status: 200, bodyy: 'x' } }],
    ['unknown failure', { 'https://example.com/a': { fail: 'boom' } }],
    ['status out of range', { 'https://example.com/a': { status: 99 } }],
    ['non-integer status', { 'https://example.com/a': { status: 200.5 } }],
    ['body and file together', { 'https://example.com/a': { body: 'x', file: 'a.bin' } }],
    ['not a URL key', { '/relative/path': { status: 200 } }],
    ['unsupported scheme', { 'ftp://example.com/a': { status: 200 } }],
    ['empty response array', { 'https://example.com/a': [] }],
    ['header value not a string', { 'https://example.com/a': { headers: { 'x-count': 3 } } }],
    ['negative delay', { 'https://example.com/a': { delayMs: -1 } }],
    ['zero rate', { 'https://example.com/a': { bytesPerSecond: 0 } }],
    ['response not an object', { 'https://example.com/a': 'hello' }],
    ['not an object at all', ['https://example.com/a']],
  ];
  for (const [why, fixtures] of bad) assert.notDeepEqual(validate(schema, fixtures), [], why);
});

test('every field of a response has a description', () => {
  const response = (schema.definitions as { response: { properties: { [name: string]: Schema } } }).response;
  assert.deepEqual(Object.keys(response.properties).sort(), ['body', 'bytesPerSecond', 'delayMs', 'fail', 'file', 'headers', 'status']);
  for (const [name, field] of Object.entries(response.properties)) {
    assert.equal(typeof field.description, 'string', name);
  }
});
