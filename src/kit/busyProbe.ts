// Where the widget's code was when the system stopped a process that kept the CPU busy
// (DESIGN.md section 9: the time-limit finding names the file:line that was running). The
// system forks the kit with an extra pipe and names its fd in WIDGETKIT_BUSY_PROBE_FD; the
// probe's worker thread (busyProbeWorker.ts) answers on it while the main thread is held, by
// calling the function registered here on the paused frame.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { callerLocation } from './callerLocation';

const LOCATION_KEY = Symbol.for('widgetkit.busyLocation');

let probe: Worker | undefined;

/**
 * The resident size past which the probe aborts the process as out of memory (see
 * busyProbeWorker.ts); nothing without a probe.
 */
export function guardMemory(ceiling: number): void {
  probe?.postMessage({ memoryCeiling: ceiling });
}

/** Starts the probe when the system asked for one; a no-op otherwise (e.g. while debugging). */
export function startBusyProbe(kitFile: string): void {
  const fd = Number(process.env.WIDGETKIT_BUSY_PROBE_FD);
  delete process.env.WIDGETKIT_BUSY_PROBE_FD;
  if (!Number.isInteger(fd) || fd < 3) return;
  (globalThis as Record<symbol, unknown>)[LOCATION_KEY] = () => callerLocation() ?? {};
  const worker = new Worker(join(kitFile, '..', 'busyProbe.js'), { workerData: { fd } });
  worker.unref();
  probe = worker;
  worker.on('error', (error) => process.stderr.write(`widgetkit: the busy probe stopped: ${error.message}\n`));
}
