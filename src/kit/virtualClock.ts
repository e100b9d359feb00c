// The virtual clock behind `new Date()` and `Date.now()` in widget code. Only Date is faked
// (@sinonjs/fake-timers, toFake: ['Date']): timers stay real so the process keeps working. In
// `simulated` mode time moves only when the system sends `clock`; in `live` mode it also runs on
// with real time from the virtual start.
import FakeTimers from '@sinonjs/fake-timers';

let clock: ReturnType<typeof FakeTimers.install> | null = null;

export function installVirtualClock(now: number, mode: 'live' | 'simulated'): void {
  clock?.uninstall();
  // The default implementation is withGlobal(globalThis), made when the module loaded: making
  // another here would cost a launch 1-2 ms between `start` and `ready`.
  clock = FakeTimers.install({
    toFake: ['Date'],
    now,
    shouldAdvanceTime: mode === 'live',
    advanceTimeDelta: 10,
  });
}

export function setVirtualNow(now: number): void {
  clock?.setSystemTime(now);
}
