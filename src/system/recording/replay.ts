// Runs a recording again (DESIGN.md section 11): the recorded options and seed, the fixtures of
// the header and the real network's recorded answers as fixtures (no network at all), and the
// user's actions at their place in the run; then compares the trace with the recorded one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding, TraceRecord } from '../../protocol/lifecycle';
import type { FixtureMap, FixtureResponse, RunResult, SystemOptions, WidgetSystemApi } from '../api';
import { WidgetSystem } from '../widgetSystem';
import type { RecordedNetwork } from '../transfers/recordedNetwork';
import { recordedAnswer } from './networkInput';
import { recordingLines, serializeRecording, type RecordedFixtureResponse, type RecordedInput, type Recording, type UserAction } from './recordingFormat';
import { widgetHash } from './runRecording';
import { firstDifference, type TraceDifference } from './traceComparison';

export interface ReplayOutcome {
  /** The widget file is not the one recorded (its hash differs, or it is gone). */
  widgetChanged: boolean;
  replayed: TraceRecord[];
  /** The recorded trace, up to `untilSeq` when given. */
  recorded: TraceRecord[];
  difference?: TraceDifference;
  findings: Finding[];
}

export interface ReplaySettings {
  /** Stops once the trace record with this seq was written (and compares up to it). */
  untilSeq?: number;
  onTrace?: (record: TraceRecord) => void;
}


/** Writes the bodies the recording carries inline into a private folder, as fixture files. */
class BodyFiles {
  private count = 0;
  readonly dir = mkdtempSync(join(tmpdir(), 'widget-timelines-replay-'));

  write(base64: string): string {
    const file = join(this.dir, `body-${++this.count}`);
    writeFileSync(file, Buffer.from(base64, 'base64'));
    return file;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function headerResponse(response: RecordedFixtureResponse, bodies: BodyFiles): FixtureResponse {
  const { bodyBase64, ...rest } = response;
  return bodyBase64 === undefined ? rest : { ...rest, file: bodies.write(bodyBase64) };
}

/** The header's fixtures, with their bodies in files again. */
function headerFixtures(recording: Recording, bodies: BodyFiles): FixtureMap {
  const fixtures: FixtureMap = {};
  for (const [key, value] of Object.entries(recording.header.fixtures)) {
    fixtures[key] = Array.isArray(value) ? value.map((r) => headerResponse(r, bodies)) : headerResponse(value, bodies);
  }
  return fixtures;
}

/** The real network's answers, by request, in the order it gave them. */
function networkAnswers(recording: Recording, bodies: BodyFiles): RecordedNetwork {
  const answers: RecordedNetwork = {};
  for (const input of recording.inputs) {
    if (input.input !== 'response' && input.input !== 'networkFailure') continue;
    const file = input.input === 'response' && input.bodyBase64 !== '' ? bodies.write(input.bodyBase64) : undefined;
    (answers[`${input.method} ${input.url}`] ??= []).push(recordedAnswer(input, file));
  }
  return answers;
}

function replayOptions(recording: Recording, bodies: BodyFiles): Omit<SystemOptions, 'mode'> {
  const { widget, options: o } = recording.header;
  return {
    program: widget.file,
    cwd: dirname(widget.file),
    now: new Date(o.now),
    clock: o.clock,
    seed: o.seed,
    network: { fixtures: headerFixtures(recording, bodies), recorded: networkAnswers(recording, bodies), ...(o.offline ? { offline: true } : {}) },
    ...(o.kind !== undefined ? { kind: o.kind } : {}),
    ...(o.family !== undefined ? { family: o.family } : {}),
    ...(o.device !== undefined ? { device: o.device } : {}),
    ...(o.terminate ? { terminate: o.terminate as SystemOptions['terminate'] } : {}),
    ...(o.memoryLimitMb !== undefined ? { memoryLimitMb: o.memoryLimitMb } : {}),
    ...(o.backgroundTimeLimitMs !== undefined ? { backgroundTimeLimitMs: o.backgroundTimeLimitMs } : {}),
    ...(o.idleTerminationMs !== undefined ? { idleTerminationMs: o.idleTerminationMs } : {}),
    ...(o.budget !== undefined ? { budget: o.budget } : {}),
    ...(o.pushBudget !== undefined ? { pushBudget: o.pushBudget } : {}),
    ...(o.pushAt ? { pushAt: o.pushAt } : {}),
    ...(o.env ? { env: o.env } : {}),
  };
}

async function perform(system: WidgetSystemApi, action: UserAction): Promise<void> {
  switch (action.input) {
    case 'terminate':
      return system.terminateExtension(action.mode);
    case 'advanceClock':
      return void (await system.advanceClock({ to: action.to }));
    case 'reloadTimelines':
      return system.reloadTimelines(action.kind);
    case 'setFamily':
      return system.setFamily(action.family);
    case 'tap':
      return system.tap({ intent: action.intent, parameters: action.parameters });
    case 'push':
      return void (await system.sendPush());
  }
}

/**
 * A recording made ready to run again: the options of its run (recorded network answers and
 * fixture bodies in files of a private folder, until `dispose`) and its user actions.
 */
export class ReplaySource {
  private readonly bodies = new BodyFiles();
  readonly options: Omit<SystemOptions, 'mode'>;

  constructor(readonly recording: Recording) {
    this.options = replayOptions(recording, this.bodies);
  }

  /** The widget file is not the one recorded (its hash differs, or it is gone). */
  get widgetChanged(): boolean {
    return widgetHash(this.recording.header.widget.file) !== this.recording.header.widget.sha256;
  }

  /**
   * Drives `system` through the recorded run: started, each user action at its place, then on
   * to `until` (default: the recorded horizon). Actions at or after `untilSeq` are left out.
   */
  async drive(system: WidgetSystemApi, until = Date.parse(this.recording.header.options.until), untilSeq?: number): Promise<RunResult> {
    await system.start();
    for (const action of this.recording.inputs.filter((input): input is UserAction => 'time' in input)) {
      if (untilSeq !== undefined && action.afterSeq >= untilSeq) break;
      await system.advanceClock({ to: action.time });
      await perform(system, action);
    }
    return system.runUntil(until);
  }

  /** The recording as JSON Lines. */
  text(): string {
    return serializeRecording(this.recording.header, recordingLines(this.recording));
  }

  dispose(): void {
    this.bodies.remove();
  }
}

export async function replayRecording(recording: Recording, settings: ReplaySettings = {}): Promise<ReplayOutcome> {
  const source = new ReplaySource(recording);
  const replayed: TraceRecord[] = [];
  let findings: Finding[] = [];
  const { untilSeq } = settings;
  try {
    const system = new WidgetSystem({ ...source.options, mode: 'cli' });
    system.on('trace', (record: TraceRecord) => {
      if (untilSeq !== undefined && record.seq > untilSeq) return;
      replayed.push(record);
      settings.onTrace?.(record);
      if (record.seq === untilSeq) void system.dispose();
    });
    try {
      findings = (await source.drive(system, undefined, untilSeq)).findings;
    } finally {
      await system.dispose();
    }
  } finally {
    source.dispose();
  }
  const recorded = untilSeq === undefined ? recording.trace : recording.trace.filter((record) => record.seq <= untilSeq);
  const difference = firstDifference(recorded, replayed);
  return { widgetChanged: source.widgetChanged, replayed, recorded, findings, ...(difference ? { difference } : {}) };
}
