// The extension process's memory, as the system judges it (src/protocol/memory.ts). The kit's
// bootstrap (src/kit/bootstrap.ts) turns on --expose-gc before the runtime loads; the collector
// is taken from a new context of its own, so the user's global object has no `gc` (a widget
// has none on a device). A figure is measured synchronously: at the baseline (after load,
// before any provider call) after a full collection, so the runtime's load garbage is not in
// it; and, when a report would be over the limit, again after a full collection, so that only
// what the widget still holds is judged, in every run alike (a simulated run stays
// reproducible). Without the collector (a kit run outside the system) figures are as measured.
import { runInNewContext } from 'node:vm';
import { attributableMemory, type MemoryUsage } from '../protocol/memory';

const collector = takeCollector();

function takeCollector(): (() => void) | undefined {
  try {
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}

function measure(): MemoryUsage {
  const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
  return { heapUsed, external, arrayBuffers, rss };
}

let baseline: MemoryUsage | undefined;
let limit: number | undefined;

export const memoryMeter = {
  /** Whether figures are taken after a full collection (the process was forked with --expose-gc). */
  get collects(): boolean {
    return collector !== undefined;
  },

  /** The limit in bytes (from `start`): a report over it is measured again after a collection. */
  setLimit(bytes: number | undefined): void {
    limit = bytes;
  },

  /** The runtime and the widget module are loaded: what the process holds now is not the widget's. */
  takeBaseline(): MemoryUsage {
    collector?.();
    baseline = measure();
    return baseline;
  },

  /** The memory in use now; over the limit, after a full collection (garbage is not held). */
  report(): MemoryUsage {
    const usage = measure();
    if (!collector || !baseline || limit === undefined || attributableMemory(usage, baseline) <= limit) return usage;
    collector();
    return measure();
  },
};
