// Where a run stands (DESIGN.md section 11): how many trace records are written and whether the
// rest of the system has settled, the place a network chunk arrived at in a recorded run, and the
// wait for that place in its replay. A replay that went another way may never get there; after
// REPLAY_PLACE_WAIT_MS of wall time the chunk goes on anyway, and the comparison of the traces
// names where the runs parted.
import type { RunPlace, RunPosition } from '../transfers/recordedNetwork';

const REPLAY_PLACE_WAIT_MS = 2000;

export interface PlaceSources {
  /** Trace records written so far. */
  size(): number;
  /** The system's own work and the extension are idle. */
  settled(): boolean;
  /** Waits until `done()` holds, looked at again whenever the system's state changes. */
  until(done: () => boolean): Promise<unknown>;
}

export function tracePlace(sources: PlaceSources): RunPlace {
  const at = (position: RunPosition): boolean => sources.size() >= position.afterSeq && (!position.settled || sources.settled());
  return {
    now: () => ({ afterSeq: sources.size(), settled: sources.settled() }),
    reached: async (position) => {
      if (at(position)) return;
      let timer: NodeJS.Timeout | undefined;
      let late = false;
      const giveUp = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          late = true;
          resolve();
        }, REPLAY_PLACE_WAIT_MS);
      });
      await Promise.race([sources.until(() => late || at(position)), giveUp]);
      clearTimeout(timer);
    },
  };
}
