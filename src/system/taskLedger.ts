// The system's record of every background task a session resumed: its identifier, URL, state
// and progress. Tasks belong to the system, not to the extension process (Apple: a background
// session's tasks keep running in another process), so the ledger answers getAllTasks after a
// relaunch and feeds the session view of the widget state snapshot.
import type { TaskInfo } from '../protocol/ipc';
import type { SessionSnapshot } from '../protocol/lifecycle';

export interface LedgerTask extends TaskInfo {
  identifier: string;
}

export class TaskLedger {
  private readonly tasks = new Map<number, LedgerTask>();
  private highestTask = 0;

  add(identifier: string, task: number, url: string): LedgerTask {
    const entry: LedgerTask = { identifier, task, url, state: 'running', bytesWritten: 0, bytesExpected: -1 };
    this.tasks.set(task, entry);
    this.highestTask = Math.max(this.highestTask, task);
    return entry;
  }

  get(task: number): LedgerTask | undefined {
    return this.tasks.get(task);
  }

  /** First task id the next process may hand out: ids stay unique across relaunches. */
  nextTaskId(): number {
    return this.highestTask + 1;
  }

  progress(task: number, totalBytesWritten: number, totalBytesExpected: number): void {
    const entry = this.tasks.get(task);
    if (!entry) return;
    entry.bytesWritten = totalBytesWritten;
    entry.bytesExpected = totalBytesExpected;
  }

  settle(task: number, state: 'completed' | 'cancelled' | 'failed', bytes?: number): void {
    const entry = this.tasks.get(task);
    if (!entry) return;
    entry.state = state;
    if (bytes !== undefined) {
      entry.bytesWritten = bytes;
      if (entry.bytesExpected < 0) entry.bytesExpected = bytes;
    }
  }

  /** Tasks of a session as getAllTasks answers (completed ones are no longer listed). */
  running(identifier: string): TaskInfo[] {
    return [...this.tasks.values()]
      .filter((t) => t.identifier === identifier && (t.state === 'running' || t.state === 'suspended'))
      .map(({ identifier: _, ...info }) => info);
  }

  sessions(live: ReadonlySet<string>): SessionSnapshot[] {
    const ids = new Set<string>([...live, ...[...this.tasks.values()].map((t) => t.identifier)]);
    return [...ids].sort().map((identifier) => ({
      identifier,
      live: live.has(identifier),
      tasks: [...this.tasks.values()]
        .filter((t) => t.identifier === identifier)
        .map(({ identifier: _, ...info }) => info),
    }));
  }
}
