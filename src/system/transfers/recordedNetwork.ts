// The real network's answers as a recording keeps them (DESIGN.md section 11) and a replay serves
// them again: each response with the chunks its body came in, each chunk with its place in the
// run (how many trace records had been written when it arrived), so that a replay hands the
// chunks on at the same places and the same events come in the same order.
import type { TransferError } from '../../protocol/ipc';

/** Where in a run something arrived: after `afterSeq` trace records, with the rest of the system settled or not. */
export interface RunPosition {
  afterSeq: number;
  /** The system's own work and the extension were idle (only the network was awaited). */
  settled: boolean;
}

export interface ServedChunk extends RunPosition {
  bytes: number;
}

/** One answer of the real network: a whole response, or a failure. */
export type ServedByNetwork =
  | { method: string; url: string; status: number; headers: Record<string, string>; body: Buffer; expected: number; chunks: ServedChunk[] }
  | ({ method: string; url: string; error: TransferError } & RunPosition);

/** An answer as a replay serves it: the body in `file` (absent: empty). */
export type RecordedAnswer =
  | { status: number; headers: Record<string, string>; file?: string; expected: number; chunks: ServedChunk[] }
  | ({ error: TransferError } & RunPosition);

/** The answers by request ("GET https://..."), in the order the network gave them. */
export type RecordedNetwork = Record<string, RecordedAnswer[]>;

/** Where a run stands, for chunks that must arrive at their recorded place. */
export interface RunPlace {
  now(): RunPosition;
  /** Resolves once the run is at `position` (or can no longer get there). */
  reached(position: RunPosition): Promise<void>;
}
