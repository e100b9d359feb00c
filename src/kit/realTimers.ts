// The kit's own timers: the runtime's memory reports, its idle rechecks and warm-ups run on real
// time whatever the widget's virtual clock does. Captured when the runtime loads, before
// virtualClock.ts replaces the globals that widget code calls (setTimeout, setInterval, ...).
export const realTimers = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
};
