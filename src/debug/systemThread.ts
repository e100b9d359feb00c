// The `System` thread (id 1): the simulated OS as a debuggee. A system-side lifecycle event that
// should stop holds the engine inside its beforeEvent hook until the user continues or steps;
// while held, the thread shows one frame named after the event.
import type { TraceRecord } from '../protocol/lifecycle';

export const SYSTEM_THREAD_ID = 1;
export const SYSTEM_THREAD_NAME = 'System';

export class SystemThread {
  private held: { record: TraceRecord; release: () => void } | null = null;

  get heldRecord(): TraceRecord | null {
    return this.held?.record ?? null;
  }

  /** Holds the engine at `record`; resolves when released (continue, step, terminate, dispose). */
  hold(record: TraceRecord): Promise<void> {
    this.release();
    return new Promise((resolve) => {
      this.held = { record, release: resolve };
    });
  }

  /** Lets the engine go on; true when it was held. */
  release(): boolean {
    const held = this.held;
    this.held = null;
    held?.release();
    return held !== null;
  }
}
