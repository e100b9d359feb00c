// Records a run as it happens (DESIGN.md section 11): the system's inputs and trace records in
// the order they come, and, when written, the header: the widget file's hash, the options with
// the run's seed and horizon, and the fixtures with their bodies inline.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { TraceRecord } from '../../protocol/lifecycle';
import type { FixtureMap, FixtureResponse, SystemOptions } from '../api';
import { loadFixtures } from '../transfers/fixtures';
import {
  RECORDING_VERSION,
  serializeRecording,
  type RecordedFixtureResponse,
  type RecordedInput,
  type RecordedOptions,
  type RecordingHeader,
  type Recording,
  type RecordingLine,
} from './recordingFormat';

/** What a recording listens to: a WidgetSystem. */
export interface RecordedSystem {
  readonly seed: number;
  on(event: 'trace', listener: (record: TraceRecord) => void): unknown;
  on(event: 'input', listener: (input: RecordedInput) => void): unknown;
}

/** The hash a recording keeps of the widget file; undefined when it cannot be read. */
export function widgetHash(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

function inlineResponse(response: FixtureResponse): RecordedFixtureResponse {
  const { file, ...rest } = response;
  return file === undefined ? rest : { ...rest, bodyBase64: readFileSync(file).toString('base64') };
}

function inlineFixtures(fixtures: FixtureMap): RecordingHeader['fixtures'] {
  const inlined: RecordingHeader['fixtures'] = {};
  for (const [key, value] of Object.entries(fixtures)) inlined[key] = Array.isArray(value) ? value.map(inlineResponse) : inlineResponse(value);
  return inlined;
}

export class RunRecording {
  private readonly lines: RecordingLine[] = [];
  private readonly seed: number;

  constructor(
    system: RecordedSystem,
    private readonly options: SystemOptions,
  ) {
    this.seed = system.seed;
    system.on('trace', (record) => this.lines.push(record));
    system.on('input', (input) => this.lines.push(input));
  }

  /** The header of a run that ended at virtual `until`. */
  header(until: number): RecordingHeader {
    const o = this.options;
    const start = o.now?.getTime();
    const options: RecordedOptions = {
      now: new Date(start ?? until).toISOString(),
      until: new Date(until).toISOString(),
      clock: o.clock ?? 'simulated',
      seed: this.seed,
      ...(o.kind !== undefined ? { kind: o.kind } : {}),
      ...(o.family !== undefined ? { family: o.family } : {}),
      ...(o.device !== undefined ? { device: o.device } : {}),
      ...(o.network?.offline ? { offline: true } : {}),
      ...(o.terminate?.length ? { terminate: o.terminate } : {}),
      ...(o.memoryLimitMb !== undefined ? { memoryLimitMb: o.memoryLimitMb } : {}),
      ...(o.backgroundTimeLimitMs !== undefined ? { backgroundTimeLimitMs: o.backgroundTimeLimitMs } : {}),
      ...(o.idleTerminationMs !== undefined ? { idleTerminationMs: o.idleTerminationMs } : {}),
      ...(o.budget !== undefined ? { budget: o.budget } : {}),
      ...(o.pushBudget !== undefined ? { pushBudget: o.pushBudget } : {}),
      ...(o.pushAt?.length ? { pushAt: o.pushAt } : {}),
      ...(o.env && Object.keys(o.env).length ? { env: o.env } : {}),
    };
    const fixtures = o.network?.fixtures === undefined ? {} : loadFixtures(o.network.fixtures, o.cwd ?? process.cwd());
    return {
      recording: RECORDING_VERSION,
      widget: { file: o.program, sha256: widgetHash(o.program) ?? '' },
      options,
      fixtures: inlineFixtures(fixtures),
    };
  }

  /** The recording of a run that ended at virtual `until`, as JSON Lines. */
  text(until: number): string {
    return serializeRecording(this.header(until), this.lines);
  }

  /** The recording of a run that ended at virtual `until`, as `replayRecording` takes it. */
  recording(until: number): Recording {
    const inputs = this.lines.filter((line): line is RecordedInput => 'input' in line);
    const trace = this.lines.filter((line): line is TraceRecord => !('input' in line));
    return { header: this.header(until), inputs, trace };
  }

  /** Writes the recording of a run that ended at virtual `until` to `file`. */
  write(file: string, until: number): void {
    writeFileSync(file, this.text(until));
  }
}
