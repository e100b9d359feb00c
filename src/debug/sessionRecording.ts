// What a debug session keeps of its run so that it can go back in it (DESIGN.md section 11): the
// recording of the run (the live one, or the recording the session replays), the trace records
// seen so far, and where Step Back, Reverse Continue and goToEvent lead. Going back re-executes
// the deterministic run in a fresh system up to the chosen record, as Chakra's time-travel
// debugging restores a snapshot and runs forward; the run it re-executes is this recording.
import type { TraceRecord } from '../protocol/lifecycle';
import type { SystemOptions } from '../system/api';
import type { Recording } from '../system/recording/recordingFormat';
import { ReplaySource } from '../system/recording/replay';
import { RunRecording } from '../system/recording/runRecording';
import type { WidgetEngine } from './widgetEngine';

export class SessionRecording {
  private live: RunRecording | null = null;
  /** Once the session replays (a `replay` launch, or after going back): the run it replays. */
  private source: ReplaySource | null;
  private readonly records = new Map<number, TraceRecord>();
  private last = 0;

  constructor(replay: Recording | undefined) {
    this.source = replay ? new ReplaySource(replay) : null;
    for (const record of replay?.trace ?? []) this.remember(record);
  }

  /** The recording being replayed, if the session replays one. */
  get replaying(): ReplaySource | null {
    return this.source;
  }

  /** A live run's engine: its inputs and trace are recorded (a replay's are the source's). */
  watch(engine: WidgetEngine, options: Omit<SystemOptions, 'mode' | 'debug'>): void {
    if (!this.source) this.live = new RunRecording(engine, { ...options, mode: 'debug' });
    engine.on('trace', (record) => this.remember(record));
  }

  private remember(record: TraceRecord): void {
    this.records.set(record.seq, record);
    this.last = Math.max(this.last, record.seq);
  }

  /** The highest seq seen. */
  get lastSeq(): number {
    return this.last;
  }

  record(seq: number): TraceRecord | undefined {
    return this.records.get(seq);
  }

  /** The latest record before `seq` that `matches` (a breakpoint or filter), if any. */
  previousMatch(seq: number, matches: (record: TraceRecord) => boolean): TraceRecord | undefined {
    for (let at = seq - 1; at >= 1; at--) {
      const record = this.records.get(at);
      if (record && matches(record)) return record;
    }
    return undefined;
  }

  /**
   * The run to re-execute: the replayed recording, or the live run so far (ending at `until`),
   * from which the session replays from now on.
   */
  rewindSource(until: number): ReplaySource {
    if (!this.source && this.live) this.source = new ReplaySource(this.live.recording(until));
    if (!this.source) throw new Error('nothing was recorded yet: the session has not started.');
    return this.source;
  }

  /** The session's recording as JSON Lines: the replayed one, or the live run's (ending at `until`). */
  text(until: number): string | undefined {
    if (this.source) return this.source.text();
    return this.live?.text(until);
  }

  dispose(): void {
    this.source?.dispose();
  }
}
