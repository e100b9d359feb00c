// The command line's taps (DESIGN.md section 10): `--tap <intent>[@<ISO | +duration>]`, each a
// user's tap at a virtual moment (default: the start, right after the first timeline). The run
// goes on to that moment, then taps the first Button or Toggle of the intent in the entry current
// then, with its bound parameters (the system's tap); an intent the widget does not define is
// bad usage (exit 2) naming the intents it does.
import type { WidgetSystem } from '../system/widgetSystem';
import { momentInRun, UsageError, type PlannedTap } from './arguments';

/** The taps in the order they happen, each with its virtual moment; bad moments are bad usage. */
function schedule(taps: PlannedTap[], start: number, horizon: number): { tap: PlannedTap; at: number }[] {
  const timed = taps.map((tap) => ({ tap, at: tap.at === undefined ? start : momentInRun(`--tap ${tap.intent}@${tap.at}`, tap.at, start, horizon) }));
  // Stable: taps of one moment keep the order they were given in.
  return timed.sort((a, b) => a.at - b.at);
}

/** Starts the run and carries out the taps at their moments (the caller then runs to the horizon). */
export async function performTaps(system: WidgetSystem, taps: PlannedTap[], start: number, horizon: number, warn: (text: string) => void): Promise<void> {
  if (taps.length === 0) return;
  const planned = schedule(taps, start, horizon);
  await system.start();
  if (!system.snapshot().widget) return; // the widget failed to load: the run reports it (exit 2)
  for (const { tap } of planned) {
    const unknown = system.unknownIntent(tap.intent);
    if (unknown) throw new UsageError(`--tap ${tap.intent}: ${unknown}`);
  }
  for (const { tap, at } of planned) {
    await system.advanceClock({ to: new Date(at).toISOString() });
    if (!system.tapTargetOnScreen(tap.intent)) warn(`--tap ${tap.intent}: no button or toggle of "${tap.intent}" is on screen at ${new Date(at).toISOString()}; performed with no parameters.`);
    await system.tap({ intent: tap.intent });
  }
}
