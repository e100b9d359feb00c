// The `System` thread (id 1): the simulated OS as a debuggee. A system-side lifecycle event that
// should stop holds the engine inside its beforeEvent hook until the user continues or steps;
// while held, the thread shows one frame named after the event. Events that arrive while one
// is held (the engine may raise a finding meanwhile) wait their turn, so that every stop is
// reported, one at a time.
import type { TraceRecord } from '../protocol/lifecycle';

export const SYSTEM_THREAD_ID = 1;
export const SYSTEM_THREAD_NAME = 'System';

interface Hold {
  record: TraceRecord;
  /** Called when this hold becomes the current stop (to report it). */
  onHeld: () => void;
  release: () => void;
}

export class SystemThread {
  private current: Hold | null = null;
  private readonly waiting: Hold[] = [];

  get heldRecord(): TraceRecord | null {
    return this.current?.record ?? null;
  }

  /** Holds the engine at `record`; resolves when released (continue, step, terminate, dispose). */
  hold(record: TraceRecord, onHeld: () => void): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ record, onHeld, release: resolve });
      if (!this.current) this.advance();
    });
  }

  /** Lets the engine go on from the current stop; the next waiting one (if any) becomes current. */
  release(): boolean {
    const held = this.current;
    this.current = null;
    held?.release();
    this.advance();
    return held !== null;
  }

  /** Releases every hold, current and waiting (end of session, extension terminated). */
  releaseAll(): void {
    const all = [...(this.current ? [this.current] : []), ...this.waiting.splice(0)];
    this.current = null;
    for (const hold of all) hold.release();
  }

  private advance(): void {
    const next = this.waiting.shift();
    if (!next) return;
    this.current = next;
    next.onHeld();
  }
}
