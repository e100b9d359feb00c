// Two traces of the same inputs compared record by record (DESIGN.md section 11): what differs
// between any two runs by nature is left out: process ids, and the private folders and
// temporary file names the system makes up for each run.
import type { TraceRecord } from '../../protocol/lifecycle';

/** A record as JSON with pid and per-run paths normalised. */
export function comparableRecord(record: TraceRecord): string {
  const { pid: _pid, ...rest } = record;
  return JSON.stringify(rest)
    .replace(/[^"\s]*widget-timelines-[A-Za-z0-9]{6}/g, '<session>')
    .replace(/CFNetworkDownload_[0-9a-f]+/g, 'CFNetworkDownload_*');
}

export interface TraceDifference {
  /** The seq where the traces part (the first record of one that the other lacks or differs from). */
  seq: number;
  recorded?: TraceRecord;
  replayed?: TraceRecord;
}

/** The first place where `replayed` differs from `recorded`, or undefined when they are the same. */
export function firstDifference(recorded: TraceRecord[], replayed: TraceRecord[]): TraceDifference | undefined {
  const length = Math.max(recorded.length, replayed.length);
  for (let i = 0; i < length; i++) {
    const a = recorded[i];
    const b = replayed[i];
    if (a && b && comparableRecord(a) === comparableRecord(b)) continue;
    return { seq: a?.seq ?? b?.seq ?? i + 1, ...(a ? { recorded: a } : {}), ...(b ? { replayed: b } : {}) };
  }
  return undefined;
}
