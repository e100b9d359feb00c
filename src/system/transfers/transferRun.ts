// What one transfer's run (real network or fixture playback) may ask of the daemon: its clock,
// its cancellation signal, a private file, progress reports, and whether it waits on real I/O.
import type { TransferClock } from './api';
import type { DownloadFile } from './downloadFile';
import type { ProgressReport } from './progressMeter';

export interface TransferRun {
  readonly task: number;
  readonly clock: TransferClock;
  /** Aborted by cancel() and dispose(); a run rejects soon after. */
  readonly signal: AbortSignal;
  /** Apple's timeoutIntervalForRequest: the longest wait for the next data. */
  readonly requestTimeoutMs: number;
  /** Creates the transfer's private temporary file; the daemon removes it on failure. */
  createFile(): Promise<DownloadFile>;
  readonly progress: ProgressReport;
  /**
   * Waits for virtual time `at`. While waiting the transfer does not count as busy (the
   * simulated clock may jump to `at`); from the moment it wakes it counts as busy again until
   * its next wait or its end, so the clock never runs ahead of the I/O that follows.
   */
  waitUntil(at: number, label: string): Promise<void>;
}

/** A transfer that got a whole response into its file. */
export interface CompletedResponse {
  status: number;
  headers: Record<string, string>;
  bytes: number;
  file: DownloadFile;
}
