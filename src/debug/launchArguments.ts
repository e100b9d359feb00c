// The `widget-timeline` launch arguments (DESIGN.md section 4) turned into the engine's
// SystemOptions by the engine's own validateSystemOptions (shared with the CLI), plus the one
// argument only the debugger has (stopOnEntry). A bad value becomes an error naming the argument
// and what to do, which the session answers as a DAP error response instead of crashing.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { SystemOptions } from '../system/api';
import { OptionsError, validateSystemOptions } from '../system/options';

export interface WidgetLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  [argument: string]: unknown;
}

export interface LaunchError {
  code: 'bad-launch-argument';
  argument: string;
  message: string;
}

export type LaunchPlan =
  | { ok: true; options: Omit<SystemOptions, 'mode' | 'debug'>; stopOnEntry: boolean }
  | { ok: false; error: LaunchError };

function failure(argument: string, message: string): LaunchPlan {
  return { ok: false, error: { code: 'bad-launch-argument', argument, message: `Launch argument "${argument}": ${message}` } };
}

/** Validates the launch request's arguments; never throws. */
export function planLaunch(args: WidgetLaunchArguments): LaunchPlan {
  if (args.stopOnEntry !== undefined && typeof args.stopOnEntry !== 'boolean') return failure('stopOnEntry', 'expected true or false.');
  const cwd = args.cwd;
  // Relative paths (program, fixtures, trace) resolve against `cwd` when it is given.
  const baseDir = typeof cwd === 'string' && cwd.trim() !== '' ? cwd : process.cwd();
  try {
    const { mode: _mode, debug: _debug, ...options } = validateSystemOptions({ ...args, mode: 'debug' }, baseDir);
    return { ok: true, options, stopOnEntry: args.stopOnEntry === true };
  } catch (error) {
    if (error instanceof OptionsError) return failure(error.argument, error.message.slice(error.argument.length + 2));
    return failure('launch', `cannot read the launch arguments (${(error as Error).message}).`);
  }
}
