// Paces `didWriteData` progress for real network transfers. Foundation calls the delegate
// periodically while bytes arrive, not once per packet; here a report goes out for the first
// bytes, then at most once per 100 ms of wall time, and always once at the end for what is
// left, so a 200 MB download makes a readable trace instead of thousands of records.
export type ProgressReport = (bytesWritten: number, totalBytesWritten: number, totalBytesExpected: number) => void;

export const PROGRESS_INTERVAL_MS = 100;

export class ProgressMeter {
  private total = 0;
  private pending = 0;
  private lastReportAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** NSURLSessionTransferSizeUnknown (-1) when the server sent no Content-Length. */
    private readonly expected: number,
    private readonly report: ProgressReport,
    private readonly wallNow: () => number = () => performance.now(),
  ) {}

  get totalBytesWritten(): number {
    return this.total;
  }

  /** Counts bytes that reached the file; reports when the interval has passed. */
  wrote(bytes: number): void {
    if (bytes === 0) return;
    this.total += bytes;
    this.pending += bytes;
    const now = this.wallNow();
    if (now - this.lastReportAt >= PROGRESS_INTERVAL_MS) this.flush(now);
  }

  /** Reports whatever was written since the last report (the final report of a transfer). */
  finish(): void {
    if (this.pending > 0) this.flush(this.wallNow());
  }

  private flush(now: number): void {
    this.lastReportAt = now;
    const bytes = this.pending;
    this.pending = 0;
    this.report(bytes, this.total, this.expected);
  }
}
