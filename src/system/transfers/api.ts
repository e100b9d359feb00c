// The contract between the simulated system and its background transfer daemon. The daemon
// performs the HTTP for background sessions on the system's side of the process boundary, so
// transfers outlive the widget extension process (Apple: "the system continues the transfers
// in a separate process" — URLSessionConfiguration.background(withIdentifier:)).
import type { TransferError } from '../../protocol/ipc';
import type { FixtureMap } from '../api';
import type { RecordedNetwork, RunPlace, ServedByNetwork } from './recordedNetwork';

/** The virtual clock as the daemon sees it. In simulated mode timers fire in virtual time. */
export interface TransferClock {
  /** Virtual now, ms since the epoch. */
  now(): number;
  /** Runs `callback` at virtual time `at`; returns a function that cancels it. */
  schedule(at: number, callback: () => void, label: string): () => void;
}

export interface TransferRequest {
  /** The task identifier (unique across relaunches). */
  task: number;
  /** The background session identifier. */
  identifier: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Virtual ms since the epoch; the transfer does not begin before it. */
  earliestBeginDate?: number;
  discretionary: boolean;
  /** An upload: the file streamed as the request body. */
  bodyFile?: string;
}

export interface TransferResult {
  task: number;
  /** A private temporary file holding the whole body (0600). The system deletes it. */
  location: string;
  status: number;
  headers: Record<string, string>;
  bytes: number;
  /** An upload task's result: the response body is not handed to the delegate. */
  upload?: boolean;
}

export interface TransferDaemonOptions {
  clock: TransferClock;
  /** Private per-session directory (0700) for downloaded files. */
  tempDir: string;
  /**
   * A fixtures map, or (widened by the transfer daemon, backward compatible) the path of a
   * fixtures file: the daemon runs loadFixtures on either, relative to `fixturesDir`.
   */
  fixtures?: FixtureMap | string;
  /** Directory that relative `file` paths in fixtures resolve against. */
  fixturesDir?: string;
  offline?: boolean;
  // Added by the transfer daemon (optional, backward compatible): knobs that tests and the
  // system need to drive real-network faults and discretionary scheduling.
  /** Apple's timeoutIntervalForRequest: ms without data before failing with -1001. Default 60 000. */
  requestTimeoutMs?: number;
  /** Virtual ms a discretionary transfer starts after its earliest begin date. Default 5 000. */
  discretionaryDelayMs?: number;
  /** Extra PEM certificates to trust besides the system roots (e.g. a local HTTPS server). */
  trustedCertificates?: string[];
  /**
   * Awaited before a woken transfer takes its turn (file I/O and events). The simulated system
   * resolves it once it has handled what the previous turn emitted, so the same-moment events of
   * several transfers interleave with the extension's answers the same way in every run.
   */
  beforeTurn?: () => Promise<void>;
  /**
   * A replay's answers of the real network (DESIGN.md section 11): with them the daemon never
   * reaches the network; a request the recording did not see fails as offline.
   */
  recordedNetwork?: RecordedNetwork;
  /**
   * Told what the real network served or how it failed, for a recording; asked per transfer,
   * since keeping it means reading the whole body back: undefined when nobody records.
   */
  servedByNetwork?: () => ((served: ServedByNetwork) => void) | undefined;
  /** Where the run stands: recorded chunks and served ones are placed by it. */
  place?: RunPlace;
}

/**
 * Events: 'progress' (task, bytesWritten, totalBytesWritten, totalBytesExpected),
 * 'finished' (TransferResult), 'failed' (task, TransferError), 'busy' (), 'idle' ().
 * Every started transfer ends in exactly one 'finished' or 'failed'.
 */
export interface TransferDaemonApi {
  start(request: TransferRequest): void;
  /** Cancels a transfer: it fails with NSURLErrorCancelled (-999). */
  cancel(task: number): void;
  /** True while any transfer is waiting for real I/O (the simulated clock must not jump). */
  busy(): boolean;
  dispose(): Promise<void>;
}

export type { TransferError };
