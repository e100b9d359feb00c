// Test rig for the transfer daemon's tests (not shipped): a real-time TransferClock for network
// tests, a manual virtual clock that runs like the simulated system (jump to the next scheduled
// moment only while the daemon is idle), a recorder of daemon events, and private temp dirs.
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TransferClock, TransferError, TransferResult } from './api';
import type { TransferDaemon } from './transferDaemon';

export class RealTimeClock implements TransferClock {
  now(): number {
    return Date.now();
  }

  /** Timers may fire a millisecond before Date.now() reaches `at`; such a callback waits on. */
  schedule(at: number, callback: () => void): () => void {
    let timer: NodeJS.Timeout;
    const arm = (): void => {
      timer = setTimeout(() => (Date.now() >= at ? callback() : arm()), Math.max(0, at - Date.now()));
    };
    arm();
    return () => clearTimeout(timer);
  }
}

interface Scheduled {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/** A discrete-event clock: time moves only when the test runs it and the daemon is idle. */
export class VirtualClock implements TransferClock {
  private time: number;
  private seq = 0;
  private queue: Scheduled[] = [];

  constructor(start = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(at: number, callback: () => void): () => void {
    const entry: Scheduled = { at, seq: this.seq++, callback, cancelled: false };
    this.queue.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Runs scheduled moments in order until `done()`; fails if nothing is left to run. */
  async runUntil(daemon: TransferDaemon, done: () => boolean): Promise<void> {
    for (let steps = 0; steps < 100_000; steps++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done()) return;
      if (daemon.busy()) {
        await once(daemon, 'idle');
        continue;
      }
      this.queue = this.queue.filter((entry) => !entry.cancelled);
      if (this.queue.length === 0) throw new Error('the virtual clock has nothing left to run');
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.queue.shift()!;
      this.time = Math.max(this.time, next.at);
      next.callback();
    }
    throw new Error('the virtual clock ran 100000 steps without finishing');
  }
}

export type DaemonEvent =
  | { event: 'progress'; at: number; task: number; bytesWritten: number; totalBytesWritten: number; totalBytesExpected: number }
  | { event: 'finished'; at: number; result: TransferResult }
  | { event: 'failed'; at: number; task: number; error: TransferError }
  | { event: 'busy' | 'idle'; at: number };

/** Records every daemon event with the clock's time when it was emitted. */
export class EventLog {
  readonly events: DaemonEvent[] = [];

  constructor(daemon: TransferDaemon, clock: TransferClock) {
    daemon.on('progress', (task, bytesWritten, totalBytesWritten, totalBytesExpected) =>
      this.events.push({ event: 'progress', at: clock.now(), task, bytesWritten, totalBytesWritten, totalBytesExpected }),
    );
    daemon.on('finished', (result) => this.events.push({ event: 'finished', at: clock.now(), result }));
    daemon.on('failed', (task, error) => this.events.push({ event: 'failed', at: clock.now(), task, error }));
    daemon.on('busy', () => this.events.push({ event: 'busy', at: clock.now() }));
    daemon.on('idle', () => this.events.push({ event: 'idle', at: clock.now() }));
  }

  progress(task: number): Extract<DaemonEvent, { event: 'progress' }>[] {
    return this.events.filter((e): e is Extract<DaemonEvent, { event: 'progress' }> => e.event === 'progress' && e.task === task);
  }

  /** The task's 'finished' or 'failed' event, if it has ended. */
  ending(task: number): Extract<DaemonEvent, { event: 'finished' | 'failed' }> | undefined {
    return this.events.find(
      (e): e is Extract<DaemonEvent, { event: 'finished' | 'failed' }> =>
        (e.event === 'finished' && e.result.task === task) || (e.event === 'failed' && e.task === task),
    );
  }

  endings(task: number): number {
    return this.events.filter((e) => (e.event === 'finished' && e.result.task === task) || (e.event === 'failed' && e.task === task)).length;
  }

  /** Waits (in real time) for the task to end; the test's own timeout bounds the wait. */
  async waitForEnd(daemon: TransferDaemon, task: number): Promise<Extract<DaemonEvent, { event: 'finished' | 'failed' }>> {
    for (;;) {
      const ended = this.ending(task);
      if (ended) return ended;
      await Promise.race([once(daemon, 'finished'), once(daemon, 'failed')]);
    }
  }
}

export function finishedResult(ended: DaemonEvent | undefined): TransferResult {
  if (ended?.event !== 'finished') throw new Error(`expected 'finished', got ${JSON.stringify(ended)}`);
  return ended.result;
}

export function failedError(ended: DaemonEvent | undefined): TransferError {
  if (ended?.event !== 'failed') throw new Error(`expected 'failed', got ${JSON.stringify(ended)}`);
  return ended.error;
}

export function privateTempDir(prefix: string): { dir: string; files: () => string[]; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `wt-${prefix}-`));
  return {
    dir,
    files: () => readdirSync(dir),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
