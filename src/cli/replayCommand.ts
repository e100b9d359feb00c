// `widget-timeline replay <recording> [--json] [--until-seq n]` (DESIGN.md section 11): runs a
// recording again from its recorded inputs alone and says whether the trace is the recorded one.
// Exit 0: it is; 1: the first record that differs is named (a changed widget file is said first);
// 2: the file is not a recording.
import { readFileSync } from 'node:fs';
import type { TraceRecord } from '../protocol/lifecycle';
import { parseRecording, RecordingError } from '../system/recording/recordingFormat';
import { replayRecording } from '../system/recording/replay';
import { comparableRecord } from '../system/recording/traceComparison';
import { tableHeader, tableRow } from './traceTable';

export async function replayCommand(file: string, json: boolean, untilSeq: number | undefined): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecordingError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): give the path of a recording written by \`run --record\`.`);
  }
  const recording = parseRecording(file, text);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const report = json ? (line: string) => process.stderr.write(`${line}\n`) : out;
  if (!json) out(tableHeader());
  const outcome = await replayRecording(recording, {
    ...(untilSeq !== undefined ? { untilSeq } : {}),
    onTrace: (record: TraceRecord) => out(json ? JSON.stringify(record) : tableRow(record)),
  });
  if (outcome.widgetChanged) {
    report(`The widget file ${recording.header.widget.file} is not the one recorded (its sha256 differs or it is gone): replayed anyway.`);
  }
  const { difference } = outcome;
  if (!difference) {
    report(`Replay: the trace is the recorded one (${outcome.recorded.length} records, process ids aside).`);
    return 0;
  }
  report(`Replay: record #${difference.seq} differs from the recording.`);
  report(`  recorded: ${difference.recorded ? comparableRecord(difference.recorded) : '(no such record)'}`);
  report(`  replayed: ${difference.replayed ? comparableRecord(difference.replayed) : '(no such record)'}`);
  return 1;
}

