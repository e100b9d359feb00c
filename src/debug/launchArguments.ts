// The `widget-timeline` launch arguments (DESIGN.md section 4) turned into the engine's
// SystemOptions by the engine's own validateSystemOptions (shared with the CLI), plus the one
// arguments only the debugger has (stopOnEntry; record and replay, DESIGN.md section 11). A bad value becomes an error naming the argument
// and what to do, which the session answers as a DAP error response instead of crashing.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { SystemOptions } from '../system/api';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { OptionsError, validateSystemOptions } from '../system/options';
import { parseRecording, RecordingError, type Recording } from '../system/recording/recordingFormat';

export interface WidgetLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  [argument: string]: unknown;
}

export interface LaunchError {
  code: 'bad-launch-argument';
  argument: string;
  message: string;
}

export type LaunchPlan =
  | {
      ok: true;
      options: Omit<SystemOptions, 'mode' | 'debug'>;
      stopOnEntry: boolean;
      /** Where to write the session's recording; undefined: nowhere (`record: false`). */
      record: string | undefined;
      /** The recording to replay (launch argument `replay`), parsed. */
      replay?: Recording;
    }
  | { ok: false; error: LaunchError };

/** `record: true` (the default): beside the trace when there is one, else in the temporary folder. */
function recordingPath(record: unknown, trace: string | undefined, program: string, baseDir: string): string | undefined | LaunchPlan {
  if (record === false) return undefined;
  if (typeof record === 'string' && record.trim() !== '') return resolve(baseDir, record);
  if (record !== undefined && record !== true) return failure('record', 'expected true, false or the path of the recording to write.');
  if (trace) return trace.replace(/(\.jsonl)?$/, '.recording.jsonl');
  const dir = join(tmpdir(), 'widget-timeline-recordings');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${basename(program).replace(/\.[^.]*$/, '')}-${Date.now()}-${process.pid}.jsonl`);
}

function loadReplay(path: unknown, baseDir: string): Recording | LaunchPlan {
  if (typeof path !== 'string' || path.trim() === '') return failure('replay', 'expected the path of a recording (written by a debug session or `widget-timeline run --record`).');
  const file = resolve(baseDir, path);
  try {
    return parseRecording(file, readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof RecordingError) return failure('replay', error.message);
    return failure('replay', `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}

function failure(argument: string, message: string): LaunchPlan {
  return { ok: false, error: { code: 'bad-launch-argument', argument, message: `Launch argument "${argument}": ${message}` } };
}

/** Validates the launch request's arguments; never throws. */
export function planLaunch(args: WidgetLaunchArguments): LaunchPlan {
  if (args.stopOnEntry !== undefined && typeof args.stopOnEntry !== 'boolean') return failure('stopOnEntry', 'expected true or false.');
  const cwd = args.cwd;
  // Relative paths (program, fixtures, trace) resolve against `cwd` when it is given.
  const baseDir = typeof cwd === 'string' && cwd.trim() !== '' ? cwd : process.cwd();
  let replay: Recording | undefined;
  if (args.replay !== undefined) {
    const loaded = loadReplay(args.replay, baseDir);
    if ('ok' in loaded) return loaded;
    replay = loaded;
  }
  try {
    // A replay runs the recorded widget with the recorded options (the launch's own are not needed).
    const raw = replay ? { ...args, program: replay.header.widget.file } : args;
    const { mode: _mode, debug: _debug, ...options } = validateSystemOptions({ ...raw, mode: 'debug' }, baseDir);
    const record = recordingPath(args.record, options.trace, options.program, baseDir);
    if (typeof record === 'object') return record;
    return { ok: true, options, stopOnEntry: args.stopOnEntry === true, record, ...(replay ? { replay } : {}) };
  } catch (error) {
    if (error instanceof OptionsError) return failure(error.argument, error.message.slice(error.argument.length + 2));
    return failure('launch', `cannot read the launch arguments (${(error as Error).message}).`);
  }
}
