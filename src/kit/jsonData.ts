// Converts user data (timeline entries, UserDefaults values) to plain JSON before it crosses a
// process boundary or hits the disk: Dates become ISO strings, `toJSON` is honoured, and what
// JSON cannot carry (circular references, functions, symbols, BigInt, Map, Set, invalid dates)
// is refused with the path of the offending value, so the user knows what to change.
import type { JsonValue } from '../protocol/lifecycle';
import { WidgetKitError } from './errors';

export function isDate(value: unknown): value is Date {
  // Not `instanceof Date`: the virtual clock replaces the global Date constructor.
  return Object.prototype.toString.call(value) === '[object Date]';
}

function refuse(what: string, path: string, hint: string): never {
  throw new WidgetKitError('unserialisable-data', `${what} at ${path} cannot be sent as JSON: ${hint}`);
}

function convert(value: unknown, path: string, ancestors: object[]): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'undefined':
      return undefined;
    case 'bigint':
      return refuse('A BigInt', path, 'convert it to a number or a string');
    case 'function':
      return refuse('A function', path, 'entries and stored values hold data only; compute in the view');
    case 'symbol':
      return refuse('A symbol', path, 'use a string instead');
  }
  if (value === null) return null;
  const object = value as object;
  if (isDate(object)) {
    const time = (object as Date).getTime();
    if (Number.isNaN(time)) refuse('An invalid Date', path, 'construct it from a valid time');
    return new Date(time).toISOString();
  }
  if (object instanceof Map || object instanceof Set) {
    refuse(`A ${object instanceof Map ? 'Map' : 'Set'}`, path, 'convert it to an object or an array');
  }
  const cycleStart = ancestors.indexOf(object);
  if (cycleStart >= 0) refuse('A circular reference', path, 'the value contains itself; send a copy without the back reference');
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return convert(toJSON.call(object), path, [...ancestors, object]);
  const inner = [...ancestors, object];
  if (Array.isArray(object)) {
    return object.map((item: unknown, index) => convert(item, `${path}[${index}]`, inner) ?? null);
  }
  const result: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(object)) {
    const converted = convert(item, `${path}.${key}`, inner);
    if (converted !== undefined) result[key] = converted;
  }
  return result;
}

/** `value` as JSON; `path` names it in errors (e.g. "timeline entry 3"). */
export function toJsonValue(value: unknown, path: string): JsonValue {
  return convert(value, path, []) ?? null;
}
