// Going back in a debug session (DESIGN.md section 11): where Step Back, Reverse Continue and
// goToEvent lead in the run so far, and the state of a re-execution under way (the record to stop
// at, the stop to report there, the launch it belongs to). The session replaces its engine and
// runs the recorded run forward; this part decides, the session carries it out.
import type { TraceRecord } from '../protocol/lifecycle';
import type { ExtensionStop } from './extensionTarget';
import type { SessionRecording } from './sessionRecording';

type StopReason = ExtensionStop['reason'];

/** Where going back leads: the record, the stop to report there, and the request's answer body. */
export interface RewindTarget {
  seq: number;
  reason: StopReason;
  body?: unknown;
}

export type RewindChoice = { ok: true; target: RewindTarget } | { ok: false; id: number; message: string };

const refuse = (id: number, message: string): RewindChoice => ({ ok: false, id, message });

export class GoingBack {
  /**
   * The re-execution under way: the record gone back to, its stop, and the launch the record
   * belongs to. Processes of earlier launches end before it, so nobody attaches to them: they run
   * their part of the run undebugged, which spares each an inspector attach.
   */
  private rewind: { seq: number; reason: StopReason; launch: number } | null = null;

  constructor(private readonly history: () => SessionRecording | null) {}

  /** Step Back: the lifecycle event before the one the session stands at. */
  stepBack(current: number): RewindChoice {
    const seq = current - 1;
    if (seq < 1) return refuse(3101, 'This is the first lifecycle event of the run: there is nothing before it.');
    return { ok: true, target: { seq, reason: 'step' } };
  }

  /** Reverse Continue: the latest earlier record that a breakpoint or event filter matches. */
  reverseContinue(current: number, matches: (record: TraceRecord) => boolean): RewindChoice {
    const record = this.history()?.previousMatch(current, matches);
    if (!record) return refuse(3102, 'No earlier lifecycle event matches a breakpoint or filter.');
    return { ok: true, target: { seq: record.seq, reason: 'breakpoint' } };
  }

  /** goToEvent { seq }: any record of the run so far. */
  goTo(args: unknown): RewindChoice {
    const seq = (args as { seq?: unknown } | undefined)?.seq;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) return refuse(3103, 'goToEvent needs { seq }: the seq of a trace record (1 or more).');
    const history = this.history();
    if (!history?.record(seq)) return refuse(3104, `The run has no trace record #${seq} yet (the last is #${history?.lastSeq ?? 0}).`);
    return { ok: true, target: { seq, reason: 'goto', body: { seq } } };
  }

  /** A re-execution up to `target` begins. */
  begin(target: RewindTarget): void {
    this.rewind = { seq: target.seq, reason: target.reason, launch: this.history()?.record(target.seq)?.launch ?? 0 };
  }

  /** The re-execution could not start. */
  cancel(): void {
    this.rewind = null;
  }

  /** True while the run is re-executed: line breakpoints and exceptions before the target do not stop. */
  get rewinding(): boolean {
    return this.rewind !== null;
  }

  /** Whether the debugger attaches to the process of `launch` (not to those that end before the target). */
  attaches(launch: number): boolean {
    return !this.rewind || launch >= this.rewind.launch;
  }

  /**
   * A lifecycle record arrives: 'live' when no re-execution is under way (the session decides),
   * 'before' for a record before the target (no stop), else the stop to make at the target (the
   * re-execution is then over).
   */
  arrive(record: TraceRecord): 'live' | 'before' | StopReason {
    if (!this.rewind) return 'live';
    if (record.seq < this.rewind.seq) return 'before';
    const { reason } = this.rewind;
    this.rewind = null;
    return reason;
  }
}
