// A recording (DESIGN.md section 11): everything a run needs to happen again, as JSON Lines that
// a person can read. The first line is the header: the widget file and its hash, the options the
// run was given (the seed of the widget's randomness and the horizon among them) and the
// fixtures' contents. Then, in the order they happened, the run's inputs (`{ "input": ... }`:
// network responses as the real network served them, user actions with their place in the run)
// and its trace records (`{ "seq": ..., "event": ... }`).
import type { FixtureResponse } from '../api';
import type { TransferError } from '../../protocol/ipc';
import type { JsonValue, TraceRecord, WidgetFamily } from '../../protocol/lifecycle';
import type { RunPosition, ServedChunk } from '../transfers/recordedNetwork';

export const RECORDING_VERSION = 1;

/** A fixture response as recorded: a `file` body travels inline, base64-encoded. */
export type RecordedFixtureResponse = Omit<FixtureResponse, 'file'> & { bodyBase64?: string };

/** The options of the run, as SystemOptions minus what belongs to one machine or session. */
export interface RecordedOptions {
  kind?: string;
  family?: WidgetFamily;
  device?: string;
  /** ISO: the virtual start. */
  now: string;
  /** ISO: the virtual moment the run ended (its horizon). */
  until: string;
  clock: 'live' | 'simulated';
  offline?: boolean;
  terminate?: { at: string; occurrence?: number; mode?: 'system' | 'forceQuit' }[];
  memoryLimitMb?: number;
  backgroundTimeLimitMs?: number;
  idleTerminationMs?: number;
  budget?: number;
  pushBudget?: number;
  /** ISO moments of the pushes planned in advance (`--push-at`). */
  pushAt?: string[];
  env?: Record<string, string>;
  /** The seed of the widget's Math.random and crypto randomness. */
  seed: number;
}

export interface RecordingHeader {
  recording: typeof RECORDING_VERSION;
  widget: { file: string; sha256: string };
  options: RecordedOptions;
  fixtures: Record<string, RecordedFixtureResponse | RecordedFixtureResponse[]>;
}

/** Where in the run an input came: after the trace record `afterSeq` (0: before any), at virtual `time`. */
export interface RunPlace {
  afterSeq: number;
  time: string;
}

export type RecordedInput =
  /**
   * A response the real network served (fixtures are in the header): the chunks its body came
   * in, each after the trace record it arrived after, and the size progress expected.
   */
  | { input: 'response'; method: string; url: string; status: number; headers: Record<string, string>; bodyBase64: string; expected: number; chunks: ServedChunk[] }
  /** A transfer the real network failed, at its place in the run. */
  | ({ input: 'networkFailure'; method: string; url: string; error: TransferError } & RunPosition)
  | ({ input: 'terminate'; mode: 'system' | 'forceQuit' } & RunPlace)
  | ({ input: 'advanceClock'; to: string } & RunPlace)
  | ({ input: 'reloadTimelines'; kind?: string } & RunPlace)
  | ({ input: 'setFamily'; family: WidgetFamily } & RunPlace)
  /** A tap on a Button or Toggle (section 10), with the parameters it was performed with. */
  | ({ input: 'tap'; intent: string; parameters: { [key: string]: JsonValue } } & RunPlace)
  /** A push the user sent (DAP sendPush, the preview's button); planned ones are in the options. */
  | ({ input: 'push' } & RunPlace);

/** The user's actions among the inputs: each replays at its place in the run. */
export type UserAction = Extract<RecordedInput, { input: 'terminate' | 'advanceClock' | 'reloadTimelines' | 'setFamily' | 'tap' | 'push' }>;

/** A user's action as the system sees it happen, before the recording gives it its place. */
export type UnplacedUserAction = UserAction extends infer A ? (A extends unknown ? Omit<A, keyof RunPlace> : never) : never;

export type RecordingLine = RecordedInput | TraceRecord;

export interface Recording {
  header: RecordingHeader;
  inputs: RecordedInput[];
  trace: TraceRecord[];
}

export class RecordingError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'RecordingError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a recording's text; a RecordingError names the file, the line and what is wrong. */
export function parseRecording(file: string, text: string): Recording {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new RecordingError(file, 'the file is empty: it is not a recording. Write one with `widget-timeline run <widget> --record <file>`.');
  const parsed = lines.map((line, index) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new RecordingError(file, `line ${index + 1} is not JSON: a recording is JSON Lines, one object per line.`);
    }
  });
  const header = parsed[0];
  if (!isObject(header) || header.recording !== RECORDING_VERSION || !isObject(header.widget) || !isObject(header.options) || !isObject(header.fixtures)) {
    throw new RecordingError(file, `line 1 is not a recording header ({ "recording": ${RECORDING_VERSION}, "widget", "options", "fixtures" }): it is not a recording of this version.`);
  }
  const widget = header.widget;
  const options = header.options;
  if (typeof widget.file !== 'string' || typeof widget.sha256 !== 'string') throw new RecordingError(file, 'line 1: "widget" needs "file" and "sha256".');
  for (const field of ['now', 'until', 'clock'] as const) {
    if (typeof options[field] !== 'string') throw new RecordingError(file, `line 1: "options.${field}" is missing.`);
  }
  if (typeof options.seed !== 'number') throw new RecordingError(file, 'line 1: "options.seed" is missing.');
  const inputs: RecordedInput[] = [];
  const trace: TraceRecord[] = [];
  parsed.slice(1).forEach((line, index) => {
    if (isObject(line) && typeof line.input === 'string') inputs.push(line as unknown as RecordedInput);
    else if (isObject(line) && typeof line.seq === 'number' && typeof line.event === 'string') trace.push(line as unknown as TraceRecord);
    else throw new RecordingError(file, `line ${index + 2} is neither an input ({ "input": ... }) nor a trace record ({ "seq", "event", ... }).`);
  });
  return { header: header as unknown as RecordingHeader, inputs, trace };
}

/** The recording as JSON Lines: header, then inputs and trace records in the order they came. */
export function serializeRecording(header: RecordingHeader, lines: RecordingLine[]): string {
  return [header, ...lines].map((line) => JSON.stringify(line)).join('\n') + '\n';
}


/** Where an input came in the run: after how many trace records. */
function inputPlace(input: RecordedInput): number {
  if (input.input === 'response') return input.chunks[0]?.afterSeq ?? 0;
  return input.afterSeq;
}

/** A parsed recording's lines again in the order they came: each input before the records after its place. */
export function recordingLines(recording: Recording): RecordingLine[] {
  const inputs = [...recording.inputs];
  const lines: RecordingLine[] = [];
  for (const record of recording.trace) {
    while (inputs.length > 0 && inputPlace(inputs[0]) < record.seq) lines.push(inputs.shift() as RecordedInput);
    lines.push(record);
  }
  return [...lines, ...inputs];
}
