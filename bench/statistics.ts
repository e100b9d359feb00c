// Medians and the result rows the benchmark prints and writes to bench/results.json.

export interface Figure {
  name: string;
  unit: string;
  /** Median of our measurement. */
  median: number;
  /** Median of the baseline measured in the same run, or null where the figure has none. */
  baseline: number | null;
  /** median / baseline (for throughput: ours / baseline's). */
  ratio: number | null;
  target: string;
  met: boolean;
  runs: number;
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `measure` `runs` times after one warm-up and returns each run's milliseconds. */
export async function timeRuns(runs: number, measure: () => Promise<number>): Promise<number[]> {
  await measure();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await measure());
  return times;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
