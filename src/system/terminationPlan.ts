// Planned terminations: the `terminate` launch argument and the CLI's --terminate-at E#n /
// --force-quit-at E#n. A rule fires on the n-th trace record of its event. For an event the
// system delivers into the extension (a provider call, a wake, a delegate event) the record is
// written and the process is killed instead of running the handler, so the handler never
// completes; for an event the extension reports (taskResume, completionHandler,
// reloadTimelines) the process dies right after the call reached the system; for a
// system-side event, right after it.
import type { TraceRecord } from '../protocol/lifecycle';
import type { TerminateRule } from './api';

export type TerminationMode = 'system' | 'forceQuit';

export class TerminationPlan {
  private readonly remaining: TerminateRule[];
  private readonly counts = new Map<string, number>();

  constructor(rules: TerminateRule[] = []) {
    this.remaining = [...rules];
  }

  /** The mode to terminate with because of this record, or undefined. */
  check(record: TraceRecord): TerminationMode | undefined {
    const count = (this.counts.get(record.event) ?? 0) + 1;
    this.counts.set(record.event, count);
    const index = this.remaining.findIndex((rule) => rule.at === record.event && (rule.occurrence ?? 1) === count);
    if (index < 0) return undefined;
    const [rule] = this.remaining.splice(index, 1);
    return rule.mode ?? 'system';
  }
}
