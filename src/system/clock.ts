// The virtual clock of the simulated system. Everything that happens "later" on a phone
// (timeline reloads, idle termination, background time limits, fixture delays) is a timer here.
// Two modes (DESIGN.md section 5, --clock):
// - `live`: virtual time runs at wall-clock speed from the start time; timers fire on real timeouts.
// - `simulated`: discrete-event; virtual time stands still while work is in flight and the owner
//   (the system's run loop, see runLoop.ts) calls `fireNext()` or `moveTo()` to jump to the next
//   moment any party waits for once every party is idle (DESIGN.md section 9).
// Timers due at the same moment fire in the order they were scheduled, so runs are repeatable.
import type { TransferClock } from './transfers/api';

export type ClockMode = 'live' | 'simulated';

/** A timer's callback; a promise it returns is work the system waits for (see `onWork`). */
export type TimerCallback = () => void | Promise<void>;

interface Timer {
  at: number;
  seq: number;
  label: string;
  callback: TimerCallback;
}

export class VirtualClock implements TransferClock {
  private timers: Timer[] = [];
  private seq = 0;
  /** Virtual now in simulated mode; in live mode the virtual time at `wallAnchor`. */
  private virtualAnchor: number;
  private wallAnchor = Date.now();
  private liveTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Told of the work a fired callback goes on with (its promise): the system is not idle until it ends. */
  onWork: ((work: Promise<void>) => void) | undefined;

  constructor(readonly mode: ClockMode, start: number) {
    this.virtualAnchor = start;
  }

  now(): number {
    if (this.mode === 'simulated') return this.virtualAnchor;
    return this.virtualAnchor + (Date.now() - this.wallAnchor);
  }

  schedule(at: number, callback: TimerCallback, label: string): () => void {
    const timer: Timer = { at, seq: this.seq++, label, callback };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.armLive();
    return () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) this.timers.splice(index, 1);
      this.armLive();
    };
  }

  /** The earliest scheduled moment, if any. */
  peek(): { at: number; label: string } | undefined {
    const first = this.timers[0];
    return first ? { at: first.at, label: first.label } : undefined;
  }

  /** Labels of every pending timer in firing order (the debugger's lifecycle scope shows them). */
  pending(): { at: number; label: string }[] {
    return this.timers.map((t) => ({ at: t.at, label: t.label }));
  }

  /**
   * Simulated mode: jumps to the earliest timer due no later than `limit` and fires it.
   * Returns false (and leaves the time alone) when nothing is due by then.
   */
  fireNext(limit: number): boolean {
    const first = this.timers[0];
    if (!first || first.at > limit) return false;
    this.timers.shift();
    if (first.at > this.now()) this.setNow(first.at);
    this.run(first);
    this.armLive();
    return true;
  }

  /** Moves virtual time forward to `to` without firing timers (the run loop fires them next). */
  moveTo(to: number): void {
    if (to > this.now()) this.setNow(to);
  }

  /** Moves virtual time forward to `to` (never backwards), firing every timer due by then. */
  advanceTo(to: number): void {
    while (this.timers.length > 0 && this.timers[0].at <= to) this.fireNext(to);
    if (to > this.now()) this.setNow(to);
    this.armLive();
  }

  dispose(): void {
    this.disposed = true;
    this.timers = [];
    if (this.liveTimer) clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
  }

  private run(timer: Timer): void {
    const work = timer.callback();
    if (work) this.onWork?.(work);
  }

  private setNow(at: number): void {
    this.virtualAnchor = at;
    this.wallAnchor = Date.now();
  }

  /** Live mode: keeps one real timeout armed for the earliest virtual timer. */
  private armLive(): void {
    if (this.mode !== 'live' || this.disposed) return;
    if (this.liveTimer) clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
    const first = this.timers[0];
    if (!first) return;
    const delay = Math.max(0, Math.min(first.at - this.now(), 2 ** 31 - 1));
    this.liveTimer = setTimeout(() => {
      this.liveTimer = undefined;
      const due = this.timers[0];
      if (due && due.at <= this.now()) {
        this.timers.shift();
        this.run(due);
      }
      this.armLive();
    }, delay);
    this.liveTimer.unref();
  }
}
