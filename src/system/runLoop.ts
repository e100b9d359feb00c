// The run loop that owns virtual time (DESIGN.md section 9). In `simulated` mode the clock
// stands still while anything runs and jumps only when every party is idle, to the earliest
// moment any of them waits for:
// - the system itself: its queue of messages and transfer events, its own file and debugger
//   work (idle when nothing of it is in flight; its timers are the clock's);
// - the widget extension: idle once it reported that it handled every message and nothing is
//   pending in it; it names the virtual moment of its next timer, which only this loop fires;
// - the transfer daemon: idle when no transfer is writing; its next moments are clock timers;
// - the scheduler: reloads, entries, planned terminations, time limits, all clock timers.
// Nothing here is decided by wall time: a party that is not idle is waited for, however long it
// takes (the busy limit of a process that holds the CPU is the extension host's business).
// Every decision to move time is taken in a macrotask of its own, after the promise jobs queued
// so far have run: a flow of the system's that an answer just resumed is then parked at its next
// real wait (a call in flight, file work), never caught between two awaits and taken for idle.
import { setImmediate as afterMicrotasks } from 'node:timers/promises';
import type { VirtualClock } from './clock';
import type { Naps } from './naps';

export interface RunLoopParties {
  /** The system's own work is done (no message, transfer event or file work in flight). */
  systemIdle(): boolean;
  /** The daemon writes no transfer now. */
  daemonIdle(): boolean;
  /** No extension process runs, or it is idle. */
  extensionIdle(): boolean;
  /** The virtual moment of the running extension's next timer, when it is idle and has one. */
  extensionNextTimer(): number | undefined;
  /** Moves the extension's virtual time (and fires its timers due by then, when it runs). */
  sendClock(now: number): void;
  stopped(): boolean;
}

export type NextMoment = { at: number; party: 'extension' | 'system'; label: string };

export class RunLoop {
  constructor(
    private readonly clock: VirtualClock,
    private readonly parties: RunLoopParties,
    private readonly naps: Naps,
  ) {}

  /** Every party is idle at this very moment. */
  settled(): boolean {
    const p = this.parties;
    return p.systemIdle() && p.daemonIdle() && p.extensionIdle();
  }

  /**
   * Settled, and no flow of the system's waits for a condition that holds now (a straight
   * delivery whose floor is free, a wake whose extension went quiet): time may move.
   */
  idle(): boolean {
    return this.settled() && !this.naps.waiterReady();
  }

  /**
   * The earliest moment any party waits for. At a tie the extension's timers come first: the
   * extension sees the new time as the clock arrives at a moment, and its timers due then fire
   * before the system's timers of that moment.
   */
  next(): NextMoment | undefined {
    const system = this.clock.peek();
    const extension = this.parties.extensionNextTimer();
    if (extension !== undefined && (!system || extension <= system.at)) return { at: extension, party: 'extension', label: 'widget timer' };
    return system ? { at: system.at, party: 'system', label: system.label } : undefined;
  }

  /** Waits until every party is idle (or the system stopped), as seen from a fresh macrotask. */
  async settle(): Promise<void> {
    await this.until(() => false, false);
  }

  /**
   * Waits until `done()` holds or every party is idle; resolves to whether `done()` held. The
   * second look, one macrotask after the naps saw the state, is load-bearing: work the system
   * hands to an immediate of its own (the pump after an exit is handled, the host's exit
   * handling) starts in between, and without it the clock ran past a wake (seen as different
   * traces for the same seed in the chaos campaign).
   */
  private async idleOr(done: () => boolean): Promise<boolean> {
    for (;;) {
      await this.naps.until(() => done() || this.idle(), () => this.parties.stopped(), false);
      if (this.parties.stopped()) return true;
      await afterMicrotasks();
      if (done()) return true;
      if (this.idle()) return false;
    }
  }

  /**
   * Simulated mode: one step, taken only when settled: fires the system timer due now, or jumps
   * to the next moment (the extension sees the new time first, and its timers due then fire).
   * Returns false when nothing is due by `limit`.
   */
  step(limit: number): boolean {
    const next = this.next();
    if (!next || next.at > limit) return false;
    const now = this.clock.now();
    if (next.at > now) {
      this.clock.moveTo(next.at);
      this.parties.sendClock(next.at);
      return true;
    }
    if (next.party === 'extension') {
      // A timer of the extension's at the current moment (a setTimeout(fn, 0)).
      this.parties.sendClock(now);
      return true;
    }
    return this.clock.fireNext(limit);
  }

  /** Simulated mode: steps from moment to moment until nothing is due by `target`, then moves there. */
  async runTo(target: number): Promise<void> {
    for (;;) {
      if (await this.idleOr(() => false)) return;
      // The jump is decided in the same tick as the check: nothing can start in between.
      if (!this.step(target)) break;
    }
    if (target > this.clock.now()) {
      this.clock.moveTo(target);
      this.parties.sendClock(target);
      await this.settle();
    }
  }

  /**
   * Simulated mode: steps as long as `done()` does not hold, with no horizon: a job that waits
   * for virtual time (a provider awaiting its own download or a timer) gets it. Every wait of the
   * system's has a virtual time limit, so this ends; it also ends when nothing is scheduled.
   */
  async until(done: () => boolean, moveTime = true): Promise<void> {
    for (;;) {
      if (await this.idleOr(done)) return;
      if (!moveTime || !this.step(Number.POSITIVE_INFINITY)) return;
    }
  }
}
