// The virtual clock behind widget code's `new Date()`, `Date.now()`, `setTimeout` and
// `setInterval` (@sinonjs/fake-timers). DESIGN.md section 9: in `simulated` mode time moves only
// when the system sends `clock`, and the widget's timers are the system's to fire: this process
// tells the system the virtual moment of its next timer (see quiescence.ts), the system jumps
// there when every party is idle, and the timers due by then fire, each in its own turn of the
// event loop with the promise jobs it queued run before the next. In `live` mode only Date is
// faked and runs on with real time from the virtual start (moved by an unref'd real timer, which
// never counts as pending work); timers are the real ones.
// setImmediate, process.nextTick and queueMicrotask stay real: they are work to run now.
import FakeTimers from '@sinonjs/fake-timers';
import { realTimers } from './realTimers';

type Clock = ReturnType<typeof FakeTimers.install>;
/** fake-timers keeps its pending timers in this map (by id); only the moments are read here. */
type ClockWithTimers = Clock & { timers?: Map<number, { callAt?: number }> };

const SIMULATED_FAKES: FakeTimers.FakeMethod[] = ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'];

/** How often live virtual time catches up with the wall clock. */
const LIVE_TICK_MS = 10;

let clock: ClockWithTimers | null = null;
let simulated = false;
let liveTicks: NodeJS.Timeout | undefined;
/** Advances in progress: the widget's timers are running (the process is not idle). */
let advancing = 0;

export function installVirtualClock(now: number, mode: 'live' | 'simulated'): void {
  clock?.uninstall();
  if (liveTicks) realTimers.clearInterval(liveTicks);
  simulated = mode === 'simulated';
  // The default implementation is withGlobal(globalThis), made when the module loaded: making
  // another here would cost a launch 1-2 ms between `start` and `ready`.
  const installed: ClockWithTimers = FakeTimers.install({ toFake: simulated ? SIMULATED_FAKES : ['Date'], now, loopLimit: 100_000 });
  clock = installed;
  if (!simulated) {
    let wall = performance.now();
    liveTicks = realTimers.setInterval(() => {
      const elapsed = performance.now() - wall;
      wall += elapsed;
      installed.tick(elapsed);
    }, LIVE_TICK_MS);
    liveTicks.unref();
  }
}

/**
 * Moves virtual time to `now`. With `fire` (the extension is running) the widget's timers due by
 * then fire in order; without it (a suspended extension, whose timers do not run) they keep their
 * remaining delays. Returns a promise when timers fire (it settles once they have run), nothing
 * when the new time held at once.
 */
export function advanceVirtualClock(now: number, fire: boolean): Promise<void> | undefined {
  if (!clock) return undefined;
  const delta = now - clock.now;
  if (!simulated || !fire || delta < 0) {
    if (delta !== 0) clock.setSystemTime(now);
    return undefined;
  }
  const next = nextTimerAt();
  if (next === undefined || next > now) {
    clock.tick(delta);
    return undefined;
  }
  advancing += 1;
  return clock.tickAsync(delta).then(
    () => void (advancing -= 1),
    () => void (advancing -= 1),
  );
}

/** Simulated mode: the virtual moment of the widget's next timer, if it has one. */
export function nextTimerAt(): number | undefined {
  if (!clock || !simulated || !clock.timers) return undefined;
  let next: number | undefined;
  for (const { callAt } of clock.timers.values()) {
    if (callAt !== undefined && (next === undefined || callAt < next)) next = callAt;
  }
  return next;
}

/** True while widget timers are being fired. */
export function clockAdvancing(): boolean {
  return advancing > 0;
}
