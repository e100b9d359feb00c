// `--push-at` (DESIGN.md section 10): the moments of the pushes planned for a run, resolved
// against the virtual start once it is known. A push outside the run (before its start, after
// its horizon) would never arrive: that is bad usage (exit 2), not a silent no-op.
import { momentAfter, UsageError } from './arguments';

export function resolvePushTimes(written: string[], start: number, horizon: number): string[] {
  return written.map((text) => {
    const at = momentAfter(text, start);
    const iso = new Date(at).toISOString();
    if (at < start) throw new UsageError(`--push-at ${text}: ${iso} is before the start of the run (${new Date(start).toISOString()}).`);
    if (at > horizon) throw new UsageError(`--push-at ${text}: ${iso} is after the run ends (--until, ${new Date(horizon).toISOString()}); move the push or the horizon.`);
    return iso;
  });
}
