// Validation of the launch arguments (DESIGN.md section 4), shared by the debug adapter and the
// CLI: raw JSON in, typed SystemOptions out, or an OptionsError whose message names the
// argument and says what to do. Bad values get a clear error, never a crash.
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { isLifecycleEventName, isWidgetFamily, FAMILIES, LIFECYCLE_EVENTS } from '../protocol/lifecycle';
import type { FixtureMap, SystemOptions, TerminateRule } from './api';
import { loadFixtures } from './transfers/fixtures';
import { pushOptions } from './pushOptions';

export class OptionsError extends Error {
  readonly code = 'invalid-launch-argument';
  constructor(readonly argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = 'OptionsError';
  }
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(raw: Raw, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new OptionsError(name, `expected a string, got ${JSON.stringify(value)}.`);
  return value;
}

function optionalPositiveNumber(raw: Raw, name: string, what: string, allowZero = false): number | undefined {
  const value = raw[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new OptionsError(name, `expected ${what}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function program(raw: Raw, baseDir: string): string {
  const value = raw.program;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new OptionsError('program', 'missing: set "program" to the widget file to run, e.g. "${file}".');
  }
  const path = isAbsolute(value) ? value : resolve(baseDir, value);
  try {
    accessSync(path, constants.R_OK);
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch {
    throw new OptionsError('program', `cannot read the widget file ${path}: check the path (relative paths resolve against ${baseDir}).`);
  }
  return path;
}

function terminateRules(raw: Raw): TerminateRule[] | undefined {
  const value = raw.terminate;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new OptionsError('terminate', 'expected an array of { at, occurrence?, mode? }.');
  return value.map((item: unknown, index) => {
    const name = `terminate[${index}]`;
    if (!isRecord(item)) throw new OptionsError(name, 'expected an object { at, occurrence?, mode? }.');
    const at = item.at;
    if (typeof at !== 'string' || !isLifecycleEventName(at)) {
      throw new OptionsError(`${name}.at`, `unknown lifecycle event ${JSON.stringify(at)}; use one of ${LIFECYCLE_EVENTS.join(', ')}.`);
    }
    const rule: TerminateRule = { at };
    if (item.occurrence !== undefined) {
      const n = item.occurrence;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
        throw new OptionsError(`${name}.occurrence`, `expected an integer of at least 1, got ${JSON.stringify(n)}.`);
      }
      rule.occurrence = n;
    }
    if (item.mode !== undefined) {
      if (item.mode !== 'system' && item.mode !== 'forceQuit') {
        throw new OptionsError(`${name}.mode`, `expected "system" or "forceQuit", got ${JSON.stringify(item.mode)}.`);
      }
      rule.mode = item.mode;
    }
    return rule;
  });
}

function network(raw: Raw, baseDir: string): SystemOptions['network'] {
  const value = raw.network;
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new OptionsError('network', 'expected an object { fixtures?, offline? }.');
  const result: NonNullable<SystemOptions['network']> = {};
  if (value.offline !== undefined) {
    if (typeof value.offline !== 'boolean') throw new OptionsError('network.offline', 'expected true or false.');
    result.offline = value.offline;
  }
  const fixtures = value.fixtures;
  if (fixtures !== undefined && fixtures !== null) {
    if (typeof fixtures !== 'string' && !isRecord(fixtures)) {
      throw new OptionsError('network.fixtures', 'expected a fixtures file path or an object of "<url>": response.');
    }
    const resolved = typeof fixtures === 'string' && !isAbsolute(fixtures) ? resolve(baseDir, fixtures) : fixtures;
    try {
      loadFixtures(resolved as string | FixtureMap, baseDir);
    } catch (error) {
      throw new OptionsError('network.fixtures', error instanceof Error ? error.message : String(error));
    }
    result.fixtures = resolved as string | FixtureMap;
  }
  return result;
}

function env(raw: Raw): Record<string, string> | undefined {
  const value = raw.env;
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new OptionsError('env', 'expected an object of string values, e.g. { "API_URL": "http://127.0.0.1:8080" }.');
  }
  return value as Record<string, string>;
}

/** Validates raw launch arguments; relative paths resolve against `baseDir`. */
export function validateSystemOptions(raw: unknown, baseDir: string): SystemOptions {
  if (!isRecord(raw)) throw new OptionsError('launch', 'expected an object of launch arguments.');
  const family = optionalString(raw, 'family');
  if (family !== undefined && !isWidgetFamily(family)) {
    throw new OptionsError('family', `unknown widget family "${family}"; use one of ${FAMILIES.join(', ')}.`);
  }
  const clock = optionalString(raw, 'clock');
  if (clock !== undefined && clock !== 'live' && clock !== 'simulated') {
    throw new OptionsError('clock', `expected "live" or "simulated", got "${clock}".`);
  }
  const nowText = optionalString(raw, 'now');
  const now = nowText === undefined ? undefined : new Date(nowText);
  if (now && Number.isNaN(now.getTime())) {
    throw new OptionsError('now', `"${nowText}" is not an ISO 8601 date; write e.g. "2025-06-01T08:00:00Z".`);
  }
  const mode = raw.mode === 'cli' || raw.mode === 'preview' ? raw.mode : 'debug';
  const cwdText = optionalString(raw, 'cwd');
  const cwd = cwdText === undefined ? undefined : resolve(baseDir, cwdText);
  if (cwd !== undefined) {
    try {
      if (!statSync(cwd).isDirectory()) throw new Error('not a directory');
    } catch {
      throw new OptionsError('cwd', `${cwd} is not a directory; set "cwd" to an existing folder.`);
    }
  }
  const budget = optionalPositiveNumber(raw, 'budget', 'a whole number of reloads per day (0 or more)', true);
  if (budget !== undefined && !Number.isInteger(budget)) {
    throw new OptionsError('budget', `expected a whole number of reloads per day, got ${budget}.`);
  }
  const options: SystemOptions = { program: program(raw, baseDir), mode };
  const assign = <K extends keyof SystemOptions>(key: K, value: SystemOptions[K] | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  assign('kind', optionalString(raw, 'kind'));
  assign('family', family as SystemOptions['family']);
  assign('device', optionalString(raw, 'device'));
  assign('now', now);
  assign('clock', clock as SystemOptions['clock']);
  assign('network', network(raw, baseDir));
  assign('terminate', terminateRules(raw));
  assign('memoryLimitMb', optionalPositiveNumber(raw, 'memoryLimitMb', 'a positive number of megabytes'));
  assign('backgroundTimeLimitMs', optionalPositiveNumber(raw, 'backgroundTimeLimitMs', 'a positive number of milliseconds'));
  assign('idleTerminationMs', optionalPositiveNumber(raw, 'idleTerminationMs', 'a positive number of milliseconds (virtual time)'));
  assign('budget', budget);
  Object.assign(options, pushOptions(raw, (argument, message) => {
    throw new OptionsError(argument, message);
  }));
  const seed = optionalPositiveNumber(raw, 'seed', 'a whole number from 0 to 4294967295', true);
  if (seed !== undefined && (!Number.isInteger(seed) || seed > 0xffffffff)) {
    throw new OptionsError('seed', `expected a whole number from 0 to 4294967295, got ${seed}.`);
  }
  assign('seed', seed);
  const trace = optionalString(raw, 'trace');
  assign('trace', trace === undefined ? undefined : resolve(baseDir, trace));
  assign('cwd', cwd);
  assign('env', env(raw));
  assign('runtimeExecutable', optionalString(raw, 'runtimeExecutable'));
  return options;
}
