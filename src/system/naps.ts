// The system's waits for a condition of its own state (the run loop for every party to be idle, a
// straight delivery for the floor, a wake for its session). A waiter looks at its condition in a
// macrotask of its own, after the promise jobs queued so far have run, so that it never sees a
// flow of the system's caught between two awaits; anything that may have changed the state (a
// message or job of the system's ending, the extension reporting, system work finishing) calls
// `wakeAll`, and each nap also ends after POLL_MS as a safety net. Waking early or late never
// changes what a waiter decides, only how soon: conditions are read from state, never from time.
// A waiter whose condition holds is work about to run: the run loop asks `waiterReady` and does
// not move time past it, so which of the two looks first never changes what happens.
import { setImmediate as afterMicrotasks } from 'node:timers/promises';

const POLL_MS = 10;

export class Naps {
  private readonly waiting = new Set<() => void>();
  /** The conditions of the flows waiting in `until` (the run loop's own waits are not among them). */
  private readonly conditions = new Set<() => boolean>();

  /** Waits POLL_MS, or until `wakeAll`; resolves in a macrotask of its own. */
  nap(): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        setImmediate(resolve);
      };
      const timer = setTimeout(wake, POLL_MS);
      this.waiting.add(wake);
    });
  }

  /** Ends every nap now: the caller's state changed and may be what they wait for. */
  wakeAll(): void {
    for (const wake of [...this.waiting]) wake();
  }

  /** Some flow waits in `until` for a condition that holds now: it is about to run. */
  waiterReady(): boolean {
    for (const done of this.conditions) if (done()) return true;
    return false;
  }

  /**
   * Waits until `done()` holds, looked at first after the promise jobs queued now have run, or
   * until `stopped()` (e.g. the system was disposed); resolves to whether it had to nap.
   * `watched` (default): the condition counts for `waiterReady` meanwhile; false for waits that
   * are the run loop's own or that only observe (their conditions would ask the loop again).
   */
  async until(done: () => boolean, stopped: () => boolean, watched = true): Promise<boolean> {
    if (watched) this.conditions.add(done);
    try {
      await afterMicrotasks();
      let waited = false;
      while (!stopped() && !done()) {
        waited = true;
        await this.nap();
      }
      return waited;
    } finally {
      this.conditions.delete(done);
    }
  }
}
