// The lifecycle invariants the chaos harness checks on a finished run's trace (DESIGN.md
// sections 3 and 6), as pure functions of the records so they can be read and tested alone:
// - `seq` strictly increasing;
// - Apple's rule for background sessions: "events are never lost and never delivered twice":
//   every transfer the daemon finished is handed exactly once to a didFinishDownloadingTo that
//   returned, unless the run reported why not (a finding about that session) or a force quit
//   cancelled it (Apple: force quit cancels the session's transfers);
// - every completion handler given to onBackgroundURLSessionEvents is called, unless the run
//   reported completion-not-called, or the system itself killed the process holding it.
import type { TraceRecord } from '../../protocol/lifecycle';

export interface TraceTally {
  /** Extension terminations by the plan or the user (reasons forced and forceQuit). */
  terminations: number;
  /** Transfers that ended in an NSURLError or with an HTTP status of 400 or more. */
  faults: number;
  /** didFinishDownloadingTo handlers that returned. */
  deliveries: number;
  /** Finished transfers whose delivery a finding or a force quit accounts for. */
  excused: number;
}

export interface TraceVerdict {
  violations: string[];
  tally: TraceTally;
  /** Completed deliveries per task, for cross-checks against what the widget itself saw. */
  deliveredTasks: Map<number, number>;
}

function describe(record: TraceRecord): string {
  const who = record.identifier ? ` ${record.identifier}` : '';
  const task = record.task !== undefined ? ` task ${record.task}` : '';
  return `#${record.seq} ${record.event}${who}${task} (launch ${record.launch})`;
}

/**
 * Whether the didFinishDownloadingTo handler delivered at `index` returned. The system sends a
 * session's next event only after the previous handler returned, so either a later delivery on
 * the same session in the same launch, or the task's didCompleteWithError coming next for that
 * task (not a second didFinishDownloadingTo, which would be a redelivery), shows it did. The
 * second covers a kill that lands after the handler returned but before the next event.
 */
function handlerReturned(records: TraceRecord[], index: number): boolean {
  const at = records[index];
  for (let i = index + 1; i < records.length; i++) {
    const next = records[i];
    if (next.launch !== at.launch || next.event === 'extensionTerminate') break;
    if (next.identifier === at.identifier && (next.event === 'didCompleteWithError' || next.event === 'didFinishDownloadingTo' || next.event === 'urlSessionDidFinishEvents')) return true;
  }
  const sameTask = records.slice(index + 1).find((r) => r.task === at.task && (r.event === 'didFinishDownloadingTo' || r.event === 'didCompleteWithError'));
  return sameTask?.event === 'didCompleteWithError';
}

function isFault(record: TraceRecord): boolean {
  const status = record.detail?.status;
  return record.detail?.error !== undefined || (typeof status === 'number' && status >= 400);
}

function findingCodesFor(records: TraceRecord[], identifier: string | undefined, afterSeq: number): string[] {
  return records
    .filter((r) => r.event === 'diagnostic' && r.seq > afterSeq && (r.identifier === identifier || r.identifier === undefined))
    .map((r) => String(r.detail?.code));
}

export function checkTrace(records: TraceRecord[]): TraceVerdict {
  const violations: string[] = [];
  const tally: TraceTally = { terminations: 0, faults: 0, deliveries: 0, excused: 0 };
  for (let i = 1; i < records.length; i++) {
    if (records[i].seq <= records[i - 1].seq) violations.push(`seq not strictly increasing: ${describe(records[i - 1])} then ${describe(records[i])}`);
  }

  const deliveredTasks = new Map<number, number>();
  records.forEach((record, index) => {
    if (record.event === 'extensionTerminate' && (record.detail?.reason === 'forced' || record.detail?.reason === 'forceQuit')) tally.terminations += 1;
    if (record.event === 'transferComplete' && isFault(record)) tally.faults += 1;
    if (record.event !== 'didFinishDownloadingTo' || record.task === undefined) return;
    if (!handlerReturned(records, index)) return;
    deliveredTasks.set(record.task, (deliveredTasks.get(record.task) ?? 0) + 1);
    tally.deliveries += 1;
  });

  for (const [task, count] of deliveredTasks) {
    if (count > 1) violations.push(`task ${task}: didFinishDownloadingTo returned ${count} times (delivered twice)`);
  }

  for (const done of records.filter((r) => r.event === 'transferComplete' && r.detail?.error === undefined && r.task !== undefined)) {
    if (deliveredTasks.has(done.task as number)) continue;
    // A force quit, before or after: the system launches nothing for background events after one
    // (Apple: a force-quit app is not relaunched for them until the user opens it); they wait for
    // a process that recreates their session, which may not come before the run ends.
    const forceQuit = records.some((r) => r.event === 'extensionTerminate' && r.detail?.reason === 'forceQuit');
    const findings = findingCodesFor(records, done.identifier, done.seq);
    if (forceQuit || findings.length > 0) {
      tally.excused += 1;
      continue;
    }
    violations.push(`${describe(done)} finished but was never delivered and no finding says why`);
  }

  for (const wake of records.filter((r) => r.event === 'onBackgroundURLSessionEvents')) {
    const later = records.filter((r) => r.seq > wake.seq);
    const called = later.some((r) => r.event === 'completionHandler' && r.identifier === wake.identifier && r.launch === wake.launch);
    const reported = later.some((r) => r.event === 'diagnostic' && r.detail?.code === 'completion-not-called' && r.identifier === wake.identifier);
    // A planned or user termination takes the stored completion with the process, as on a device.
    const killed = later.some((r) => r.event === 'extensionTerminate' && r.launch === wake.launch && (r.detail?.reason === 'forced' || r.detail?.reason === 'forceQuit'));
    if (!called && !reported && !killed) violations.push(`${describe(wake)}: its completion handler was neither called nor reported (completion-not-called)`);
  }
  return { violations, tally, deliveredTasks };
}
