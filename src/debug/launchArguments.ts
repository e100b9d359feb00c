// The `widget-timeline` launch arguments (DESIGN.md section 4) and their translation into the
// engine's SystemOptions. Every bad value becomes an error naming the argument and what to do;
// the adapter answers it as a DAP error response instead of crashing. These checks are the
// adapter's own thin layer until the engine's `validateSystemOptions` lands; swap them here.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { FAMILIES, isLifecycleEventName, isWidgetFamily, LIFECYCLE_EVENTS } from '../protocol/lifecycle';
import type { FixtureMap, SystemOptions, TerminateRule } from '../system/api';

export interface WidgetLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  program?: unknown;
  kind?: unknown;
  family?: unknown;
  device?: unknown;
  now?: unknown;
  clock?: unknown;
  network?: unknown;
  terminate?: unknown;
  memoryLimitMb?: unknown;
  backgroundTimeLimitMs?: unknown;
  budget?: unknown;
  stopOnEntry?: unknown;
  trace?: unknown;
  cwd?: unknown;
  env?: unknown;
  runtimeExecutable?: unknown;
}

export interface LaunchError {
  code: 'bad-launch-argument';
  argument: string;
  message: string;
}

export type LaunchPlan =
  | { ok: true; options: Omit<SystemOptions, 'mode' | 'debug'>; stopOnEntry: boolean }
  | { ok: false; error: LaunchError };

class ArgumentError extends Error {
  constructor(readonly argument: string, message: string) {
    super(message);
  }
}

function fail(argument: string, message: string): never {
  throw new ArgumentError(argument, `Launch argument "${argument}": ${message}`);
}

function optionalString(args: WidgetLaunchArguments, name: keyof WidgetLaunchArguments): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(String(name), `expected a non-empty string, got ${JSON.stringify(value)}.`);
  return value;
}

function optionalNumber(args: WidgetLaunchArguments, name: keyof WidgetLaunchArguments, integer: boolean, min: number): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    fail(String(name), `expected ${integer ? 'an integer' : 'a number'} of at least ${min}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function readableFile(argument: string, path: string, what: string): void {
  try {
    if (!statSync(path).isFile()) fail(argument, `${path} is not a file; point it at ${what}.`);
    accessSync(path, constants.R_OK);
  } catch (error) {
    if (error instanceof ArgumentError) throw error;
    fail(argument, `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); point it at ${what}.`);
  }
}

function checkFixtureMap(argument: string, value: unknown): FixtureMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(argument, 'expected an object mapping "<url>" or "<METHOD> <url>" to a response or an array of responses.');
  }
  for (const [key, response] of Object.entries(value)) {
    for (const item of Array.isArray(response) ? response : [response]) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) fail(argument, `the response for "${key}" must be an object such as { "status": 200, "body": "..." }.`);
      const { status, fail: failure, delayMs, bytesPerSecond } = item as Record<string, unknown>;
      if (status !== undefined && (typeof status !== 'number' || status < 100 || status > 599)) fail(argument, `"${key}": status must be an HTTP status between 100 and 599.`);
      if (failure !== undefined && !['timeout', 'reset', 'offline', 'dns'].includes(String(failure))) fail(argument, `"${key}": fail must be one of timeout, reset, offline, dns.`);
      for (const [field, number] of [['delayMs', delayMs], ['bytesPerSecond', bytesPerSecond]] as const) {
        if (number !== undefined && (typeof number !== 'number' || number < 0)) fail(argument, `"${key}": ${field} must be a non-negative number.`);
      }
    }
  }
  return value as FixtureMap;
}

function network(args: WidgetLaunchArguments, base: string): SystemOptions['network'] {
  const value = args.network;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) fail('network', 'expected an object such as { "fixtures": "fixtures.json", "offline": false }.');
  const { fixtures, offline } = value as Record<string, unknown>;
  if (offline !== undefined && typeof offline !== 'boolean') fail('network.offline', 'expected true or false.');
  if (fixtures === undefined) return { offline: offline as boolean | undefined };
  if (typeof fixtures === 'string') {
    const path = resolve(base, fixtures);
    readableFile('network.fixtures', path, 'a JSON fixtures file');
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      fail('network.fixtures', `${path} is not valid JSON (${(error as Error).message}); fix the file.`);
    }
    checkFixtureMap(`network.fixtures (${path})`, parsed);
    return { fixtures: path, offline: offline as boolean | undefined };
  }
  return { fixtures: checkFixtureMap('network.fixtures', fixtures), offline: offline as boolean | undefined };
}

function terminateRules(args: WidgetLaunchArguments): TerminateRule[] | undefined {
  const value = args.terminate;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail('terminate', 'expected an array such as [{ "at": "didFinishDownloadingTo", "occurrence": 1, "mode": "system" }].');
  return value.map((rule: unknown, index) => {
    const where = `terminate[${index}]`;
    if (typeof rule !== 'object' || rule === null) fail(where, 'expected an object with "at" (a lifecycle event name).');
    const { at, occurrence, mode } = rule as Record<string, unknown>;
    if (typeof at !== 'string' || !isLifecycleEventName(at)) fail(`${where}.at`, `${JSON.stringify(at)} is not a lifecycle event; use one of ${LIFECYCLE_EVENTS.join(', ')}.`);
    if (occurrence !== undefined && (typeof occurrence !== 'number' || !Number.isInteger(occurrence) || occurrence < 1)) fail(`${where}.occurrence`, 'expected an integer of at least 1.');
    if (mode !== undefined && mode !== 'system' && mode !== 'forceQuit') fail(`${where}.mode`, 'expected "system" or "forceQuit".');
    return { at, occurrence: occurrence as number | undefined, mode: mode as TerminateRule['mode'] };
  });
}

function environment(args: WidgetLaunchArguments): Record<string, string> | undefined {
  const value = args.env;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    fail('env', 'expected an object of string values such as { "API_KEY": "..." }.');
  }
  return value as Record<string, string>;
}

/** Validates the launch request's arguments; never throws. */
export function planLaunch(args: WidgetLaunchArguments): LaunchPlan {
  try {
    const cwdArg = optionalString(args, 'cwd');
    const base = cwdArg ? resolve(cwdArg) : process.cwd();
    if (cwdArg) {
      try {
        if (!statSync(base).isDirectory()) fail('cwd', `${base} is not a directory.`);
      } catch (error) {
        if (error instanceof ArgumentError) throw error;
        fail('cwd', `${base} does not exist; point it at the widget's folder.`);
      }
    }
    if (args.program === undefined || args.program === null || args.program === '') {
      fail('program', 'missing; set it to the widget file to debug, e.g. "${file}" or "${workspaceFolder}/weather.widget.ts".');
    }
    const programArg = optionalString(args, 'program')!;
    const program = isAbsolute(programArg) ? programArg : resolve(base, programArg);
    readableFile('program', program, 'a widget file (.ts, .tsx, .js, .mjs) that imports widgetkit');

    const family = optionalString(args, 'family');
    if (family !== undefined && !isWidgetFamily(family)) fail('family', `unknown family "${family}"; use one of ${FAMILIES.join(', ')}.`);
    const nowText = optionalString(args, 'now');
    const now = nowText === undefined ? undefined : new Date(nowText);
    if (now && Number.isNaN(now.getTime())) fail('now', `"${nowText}" is not an ISO 8601 date such as 2026-06-01T09:00:00Z.`);
    const clock = optionalString(args, 'clock');
    if (clock !== undefined && clock !== 'live' && clock !== 'simulated') fail('clock', `expected "live" or "simulated", got "${clock}".`);
    if (args.stopOnEntry !== undefined && typeof args.stopOnEntry !== 'boolean') fail('stopOnEntry', 'expected true or false.');
    const trace = optionalString(args, 'trace');
    const runtimeExecutable = optionalString(args, 'runtimeExecutable');

    return {
      ok: true,
      stopOnEntry: args.stopOnEntry === true,
      options: {
        program,
        kind: optionalString(args, 'kind'),
        family: family as SystemOptions['family'],
        device: optionalString(args, 'device'),
        now,
        clock: clock as SystemOptions['clock'],
        network: network(args, base),
        terminate: terminateRules(args),
        memoryLimitMb: optionalNumber(args, 'memoryLimitMb', false, 1),
        backgroundTimeLimitMs: optionalNumber(args, 'backgroundTimeLimitMs', false, 1),
        budget: optionalNumber(args, 'budget', true, 0),
        trace: trace === undefined ? undefined : resolve(base, trace),
        cwd: cwdArg ? base : undefined,
        env: environment(args),
        runtimeExecutable,
      },
    };
  } catch (error) {
    if (error instanceof ArgumentError) return { ok: false, error: { code: 'bad-launch-argument', argument: error.argument, message: error.message } };
    return { ok: false, error: { code: 'bad-launch-argument', argument: 'launch', message: `Cannot read the launch arguments: ${(error as Error).message}` } };
  }
}
