// The timeline scheduler: keeps the widget's current timeline, checks it against WidgetKit's
// rules, finds the entry current at virtual now and decides when the reload policy asks for
// the next timeline. Apple (TimelineReloadPolicy): `atEnd` requests a new timeline after the
// last date in the current one passes, `after(date)` after that date, `never` only when the app
// calls WidgetCenter.reloadTimelines.
import type { ReloadPolicyJson, RenderedEntry, TimelineSnapshot, JsonValue } from '../protocol/lifecycle';
import type { TimelineResult } from '../protocol/ipc';
import type { FindingInput } from './contractChecker';

/** "Entries should be at least about 5 minutes apart" (DESIGN.md section 3). */
export const MIN_ENTRY_SPACING_MS = 5 * 60 * 1000;
/** The system never reloads a timeline sooner than this after the previous one arrived. */
export const MIN_RELOAD_INTERVAL_MS = 5 * 60 * 1000;
/** `detail.entries` of a `timeline` record carries at most this many entries. */
const TRACE_ENTRY_LIMIT = 50;

export type TimelineFinding = Omit<FindingInput, 'time'>;

export interface AcceptedTimeline {
  snapshot: TimelineSnapshot;
  /** Virtual time the policy asks for the next timeline; undefined for `never`. */
  nextReload: number | undefined;
  findings: TimelineFinding[];
}

export class TimelineScheduler {
  private timeline: TimelineSnapshot | null = null;

  current(now: number): TimelineSnapshot | null {
    if (!this.timeline) return null;
    return { ...this.timeline, currentIndex: currentIndex(this.timeline.entries, now) };
  }

  accept(result: TimelineResult, now: number): AcceptedTimeline {
    const entries = result.entries;
    const findings: TimelineFinding[] = [];
    const times = entries.map((e) => Date.parse(e.date));
    if (entries.length === 0) findings.push({ code: 'timeline-empty', subject: '' });
    const unsorted = times.findIndex((t, i) => i > 0 && t < times[i - 1]);
    if (unsorted > 0) {
      findings.push({
        code: 'timeline-unsorted',
        subject: `entry ${unsorted} at ${entries[unsorted].date} comes after ${entries[unsorted - 1].date}`,
      });
    }
    const close = times.findIndex((t, i) => i > 0 && Math.abs(t - times[i - 1]) < MIN_ENTRY_SPACING_MS);
    if (close > 0) {
      findings.push({ code: 'entries-too-close', subject: `${entries[close - 1].date} and ${entries[close].date}` });
    }
    if (result.policy.kind === 'after' && Date.parse(result.policy.date) < now) {
      findings.push({ code: 'reload-date-in-past', subject: result.policy.date });
    }
    this.timeline = {
      entries,
      policy: result.policy,
      currentIndex: currentIndex(entries, now),
      receivedAt: new Date(now).toISOString(),
      totalEntries: result.totalEntries,
    };
    return { snapshot: this.timeline, nextReload: nextReload(result.policy, times, now), findings };
  }
}

/** Index of the last entry dated at or before `now`; -1 when every entry is in the future. */
export function currentIndex(entries: RenderedEntry[], now: number): number {
  let index = -1;
  entries.forEach((entry, i) => {
    if (Date.parse(entry.date) <= now && (index < 0 || Date.parse(entry.date) >= Date.parse(entries[index].date))) {
      index = i;
    }
  });
  return index;
}

function nextReload(policy: ReloadPolicyJson, times: number[], now: number): number | undefined {
  const earliest = now + MIN_RELOAD_INTERVAL_MS;
  if (policy.kind === 'never') return undefined;
  if (policy.kind === 'after') return Math.max(Date.parse(policy.date), earliest);
  if (times.length === 0) return undefined;
  return Math.max(Math.max(...times), earliest);
}

/** The entries as the `timeline` trace record carries them: the data, dates as ISO, at most 50. */
export function entriesForTrace(entries: RenderedEntry[]): JsonValue[] {
  return entries.slice(0, TRACE_ENTRY_LIMIT).map((entry) => {
    const data = entry.data;
    const fields = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : { value: data };
    return { ...fields, date: entry.date };
  });
}
