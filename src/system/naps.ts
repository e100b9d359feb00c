// The system's waits for a condition of its own state (the run loop for every party to be idle, a
// straight delivery for the floor, a wake for its session). A waiter looks at its condition in a
// macrotask of its own, after the promise jobs queued so far have run, so that it never sees a
// flow of the system's caught between two awaits; anything that may have changed the state (a
// message or job of the system's ending, the extension reporting, system work finishing) calls
// `wakeAll`, and each nap also ends after POLL_MS as a safety net. Waking early or late never
// changes what a waiter decides, only how soon: conditions are read from state, never from time.
import { setImmediate as afterMicrotasks } from 'node:timers/promises';

const POLL_MS = 10;

export class Naps {
  private readonly waiting = new Set<() => void>();

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

  /**
   * Waits until `done()` holds, looked at first after the promise jobs queued now have run, or
   * until `stopped()` (e.g. the system was disposed); resolves to whether it had to nap.
   */
  async until(done: () => boolean, stopped: () => boolean): Promise<boolean> {
    await afterMicrotasks();
    let waited = false;
    while (!stopped() && !done()) {
      waited = true;
      await this.nap();
    }
    return waited;
  }
}
