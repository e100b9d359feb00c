// The system's short waits. Whoever waits for the system to settle (the run loop, a timer due
// now, a straight delivery waiting for the floor, a wake waiting for a session) naps for at most
// POLL_MS and looks again; anything that may have settled it (a message or job of the system's
// own ending, the extension acknowledging its messages, system work finishing) ends every nap at
// once, so a simulated day does not sleep out the poll period hundreds of times. Conditions are
// always looked at again after a nap: waking early never changes what happens, only how soon.

const POLL_MS = 10;

export class Naps {
  private readonly waiting = new Set<() => void>();

  /** Waits POLL_MS, or less when `wakeAll` is called meanwhile. */
  nap(): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, POLL_MS);
      this.waiting.add(wake);
    });
  }

  /** Ends every nap now: the caller's state changed and may be what they wait for. */
  wakeAll(): void {
    for (const wake of [...this.waiting]) wake();
  }

  /** Naps until `done()` holds or `stopped()` (e.g. the system was disposed); resolves to whether it had to wait. */
  async until(done: () => boolean, stopped: () => boolean): Promise<boolean> {
    let waited = false;
    while (!stopped() && !done()) {
      waited = true;
      await this.nap();
    }
    return waited;
  }
}
