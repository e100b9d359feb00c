// A recording read for the editor (DESIGN.md section 11): a chaos report's or a teammate's run,
// opened so that its findings land in the Problems panel with "Debug this run" on each, and the
// run itself can be debugged from its end. Pure (no VS Code API), so it is unit-tested directly.
import { existsSync, readFileSync } from 'node:fs';
import type { Finding } from '../../protocol/lifecycle';
import { parseRecording, RecordingError } from '../../system/recording/recordingFormat';
import { widgetHash } from '../../system/recording/runRecording';
import { describeThrown, fail, succeed, type Outcome } from './authoringError';
import { findingsFromRecords } from './traceFindings';

export interface RecordedRun {
  /** The recording file. */
  recording: string;
  /** The widget file the run ran. */
  program: string;
  findings: Finding[];
  /** The seq of each finding's `diagnostic` record. */
  seqs: Map<Finding, number>;
  /** The run's last trace record: where "Debug this run" stops when there is no finding to go to. */
  lastSeq: number;
  /** What about the widget file makes the replay unreliable, if anything. */
  widgetProblem?: string;
}

export function readRecordedRun(file: string): Outcome<RecordedRun> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (thrown) {
    return fail('io-failed', `Cannot read the recording ${file}: ${describeThrown(thrown)}`);
  }
  let recording;
  try {
    recording = parseRecording(file, text);
  } catch (thrown) {
    if (thrown instanceof RecordingError) return fail('not-a-recording', `${thrown.message} Open a file written by \`widget-timeline run --record\`, a debug session or a chaos report (test-artifacts/chaos/*.recording.jsonl).`);
    throw thrown;
  }
  const program = recording.header.widget.file;
  const { findings, seqs } = findingsFromRecords(recording.trace);
  const run: RecordedRun = { recording: file, program, findings, seqs, lastSeq: recording.trace.at(-1)?.seq ?? 0 };
  if (!existsSync(program)) run.widgetProblem = `The widget file ${program} the run was recorded from is not on this machine: the recording cannot be debugged here.`;
  else if (widgetHash(program) !== recording.header.widget.sha256) run.widgetProblem = `The widget file ${program} changed since the run was recorded: the replay may go another way.`;
  return succeed(run);
}
