// Loads and validates a fixtures map (DESIGN.md section 5): `{ "<url>" | "<METHOD> <url>":
// response | [response, ...] }`. Every problem is a FixturesError naming the fixtures file (and
// line where one can be found), the key, and what to do; `file` paths come back absolute.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { FixtureMap, FixtureResponse } from '../api';
import { keyPosition, positionAt, syntaxErrorOffset, type TextPosition } from './jsonLocation';

export type FixturesErrorCode =
  | 'fixtures-unreadable'
  | 'fixtures-invalid-json'
  | 'fixtures-not-object'
  | 'fixtures-bad-key'
  | 'fixtures-duplicate-key'
  | 'fixtures-unknown-field'
  | 'fixtures-wrong-type'
  | 'fixtures-conflict'
  | 'fixtures-file-missing';

export class FixturesError extends Error {
  constructor(
    readonly code: FixturesErrorCode,
    message: string,
    /** The fixtures file, absent for an inline map. */
    readonly fixturesFile?: string,
    readonly key?: string,
    readonly position?: TextPosition,
  ) {
    super(message);
    this.name = 'FixturesError';
  }
}

export const RESPONSE_FIELDS = ['status', 'headers', 'body', 'file', 'delayMs', 'bytesPerSecond', 'fail'] as const;
export const FAIL_KINDS = ['timeout', 'reset', 'offline', 'dns'] as const;

export interface FixtureKey {
  /** Upper case; undefined answers every method. */
  method?: string;
  /** Normalised (`new URL(...).href`). */
  url: string;
}

/** Parses "<url>" or "<METHOD> <url>"; undefined when it is neither (only http and https). */
export function parseFixtureKey(key: string): FixtureKey | undefined {
  const match = /^(?:([A-Za-z]+)\s+)?(\S+)$/.exec(key.trim());
  if (!match) return undefined;
  let url: URL;
  try {
    url = new URL(match[2]);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return { method: match[1]?.toUpperCase(), url: url.href };
}

/** The identity of a key for duplicate detection: method (or *) and normalised URL. */
function keyIdentity(key: FixtureKey): string {
  return `${key.method ?? '*'} ${key.url}`;
}

interface Source {
  /** Absolute path of the fixtures file; undefined for an inline map. */
  file?: string;
  text?: string;
  /** Where relative `file` paths resolve. */
  baseDir: string;
}

class FixtureValidator {
  private readonly seen = new Map<string, string>();

  constructor(private readonly source: Source) {}

  private fail(code: FixturesErrorCode, key: string | undefined, problem: string, todo: string, field?: string): never {
    const position = key !== undefined && this.source.text ? keyPosition(this.source.text, key, field) : undefined;
    const where = this.source.file
      ? `${this.source.file}${position ? `:${position.line}:${position.column}` : ''}`
      : 'inline fixtures (network.fixtures)';
    const subject = key === undefined ? '' : ` fixture "${key}":`;
    throw new FixturesError(code, `${where}:${subject} ${problem}. ${todo}`, this.source.file, key, position);
  }

  map(value: unknown): FixtureMap {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(
        'fixtures-not-object',
        undefined,
        `the fixtures must be a JSON object, found ${describe(value)}`,
        'Write { "https://example.com/data.json": { "body": { ... } } }.',
      );
    }
    const result: FixtureMap = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      result[key] = this.entry(key, entry);
    }
    return result;
  }

  private entry(key: string, entry: unknown): FixtureResponse | FixtureResponse[] {
    const parsed = parseFixtureKey(key);
    if (!parsed) {
      this.fail(
        'fixtures-bad-key',
        key,
        'the key is not an http(s) URL or "METHOD URL"',
        'Use a full URL such as "https://api.example.com/forecast" or "POST https://api.example.com/forecast".',
      );
    }
    const identity = keyIdentity(parsed);
    const earlier = this.seen.get(identity);
    if (earlier !== undefined) {
      this.fail('fixtures-duplicate-key', key, `it names the same request as "${earlier}"`, 'Keep one of the two keys.');
    }
    this.seen.set(identity, key);
    if (Array.isArray(entry)) {
      if (entry.length === 0) {
        this.fail('fixtures-wrong-type', key, 'the array of responses is empty', 'Give at least one response object.');
      }
      return entry.map((response, index) => this.response(key, response, `response [${index}]: `));
    }
    return this.response(key, entry, '');
  }

  /** `label` prefixes each problem: '' for a single response, "response [i]: " in an array. */
  private response(key: string, value: unknown, label: string): FixtureResponse {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(
        'fixtures-wrong-type',
        key,
        `${label}a response must be an object or an array of objects, found ${describe(value)}`,
        'Write { "status": 200, "body": ... }.',
      );
    }
    const fields = value as Record<string, unknown>;
    for (const field of Object.keys(fields)) {
      if (!(RESPONSE_FIELDS as readonly string[]).includes(field)) {
        this.fail(
          'fixtures-unknown-field',
          key,
          `${label}unknown field "${field}"`,
          `Use only ${RESPONSE_FIELDS.join(', ')}.`,
          field,
        );
      }
    }
    const wrong = (field: string, expected: string): never =>
      this.fail('fixtures-wrong-type', key, `${label}"${field}" must be ${expected}, found ${describe(fields[field])}`, `Fix "${field}".`, field);
    const { status, headers, file, delayMs, bytesPerSecond, fail } = fields;
    if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) {
      wrong('status', 'an HTTP status code between 100 and 599');
    }
    if (headers !== undefined) {
      if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) wrong('headers', 'an object of strings');
      for (const [name, header] of Object.entries(headers as Record<string, unknown>)) {
        if (typeof header !== 'string') wrong('headers', `an object of strings (header "${name}" is not a string)`);
      }
    }
    if (delayMs !== undefined && !(typeof delayMs === 'number' && Number.isFinite(delayMs) && delayMs >= 0)) {
      wrong('delayMs', 'a number of milliseconds, 0 or more');
    }
    if (bytesPerSecond !== undefined && !(typeof bytesPerSecond === 'number' && Number.isFinite(bytesPerSecond) && bytesPerSecond > 0)) {
      wrong('bytesPerSecond', 'a number greater than 0');
    }
    if (fail !== undefined && !(FAIL_KINDS as readonly unknown[]).includes(fail)) {
      wrong('fail', `one of ${FAIL_KINDS.map((kind) => `"${kind}"`).join(', ')}`);
    }
    if (file !== undefined && (typeof file !== 'string' || file === '')) wrong('file', 'a path to a file');
    if (file !== undefined && 'body' in fields) {
      this.fail('fixtures-conflict', key, `${label}both "body" and "file" are given`, 'Keep one: "body" for inline data, "file" for a file beside the fixtures.', 'file');
    }
    const response = { ...fields } as FixtureResponse;
    if (typeof file === 'string') response.file = this.existingFile(key, file, label);
    return response;
  }

  private existingFile(key: string, file: string, label: string): string {
    const absolute = isAbsolute(file) ? file : resolve(this.source.baseDir, file);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      this.fail(
        'fixtures-file-missing',
        key,
        `${label}the file "${file}" does not exist (looked for ${absolute})`,
        `Create it, or give a path relative to ${this.source.baseDir}.`,
        'file',
      );
    }
    return absolute;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function readFixturesFile(file: string): { value: unknown; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FixturesError('fixtures-unreadable', `${file}: the fixtures file cannot be read (${reason}). Check the path given as fixtures.`, file);
  }
  try {
    return { value: JSON.parse(text), text };
  } catch (error) {
    const offset = syntaxErrorOffset(text) ?? text.length;
    const position = positionAt(text, offset);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FixturesError(
      'fixtures-invalid-json',
      `${file}:${position.line}:${position.column}: the fixtures file is not valid JSON (${reason}). Fix line ${position.line}, column ${position.column}.`,
      file,
      undefined,
      position,
    );
  }
}

/**
 * Loads a fixtures file (a path, relative to `baseDir`) or validates an inline map. Relative
 * `file` paths resolve against the fixtures file's own directory, where their author wrote
 * them; for an inline map, against `baseDir`. Throws FixturesError.
 */
export function loadFixtures(pathOrMap: string | FixtureMap, baseDir: string): FixtureMap {
  if (typeof pathOrMap === 'string') {
    const file = resolve(baseDir, pathOrMap);
    const { value, text } = readFixturesFile(file);
    return new FixtureValidator({ file, text, baseDir: dirname(file) }).map(value);
  }
  return new FixtureValidator({ baseDir }).map(pathOrMap);
}
