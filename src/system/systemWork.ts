// The system's own work (file copies, the debugger's hooks, a time limit's findings) and its
// waits for itself: the run loop does not move time while any of it is in flight. It also knows
// whether the system was disposed, after which every wait ends.
import { Naps } from './naps';

export class SystemWork {
  /** The system's short waits for itself to settle (see naps.ts). */
  readonly naps = new Naps();
  private inFlight = 0;
  private stopped = false;

  /** Runs system work the clock must wait for. */
  async busy<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      // The clock, a floor or a settle may have waited for just this work (a held stop, a file).
      if (this.inFlight === 0) this.naps.wakeAll();
    }
  }

  /** No work of the system's own is in flight. */
  get idle(): boolean {
    return this.inFlight === 0;
  }

  get disposed(): boolean {
    return this.stopped;
  }

  dispose(): void {
    this.stopped = true;
  }

  /** Waits until `done()` holds (or the system is disposed); see Naps.until. */
  until(done: () => boolean, watched = true): Promise<boolean> {
    return this.naps.until(done, () => this.stopped, watched);
  }

  /** The state changed: whoever waits for a condition looks again. */
  wakeAll(): void {
    this.naps.wakeAll();
  }
}
