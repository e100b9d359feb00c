// A WidgetSystem whose extension is an in-memory scripted widget (inMemoryExtension.ts): the
// system's rules run exactly as in the product, with no child process behind them.
import type { SystemOptions } from '../../src/system/api';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { InMemoryExtension, type ScriptedWidget } from './inMemoryExtension';
import { FIXTURES, START, runSystem, type WidgetRun } from './systemHarness';

/** The path the scripted widget claims to be loaded from (nothing is read from it). */
export const SCRIPTED_FILE = '/scripted/in-memory.widget.js';

export interface ScriptedRun extends WidgetRun {
  /** The process of each launch, in order. */
  launches: InMemoryExtension[];
}

/** Runs `widget` in a real WidgetSystem until START + `untilMs`. */
export async function runScripted(widget: ScriptedWidget, untilMs: number, options: Partial<Omit<SystemOptions, 'program' | 'mode'>> = {}): Promise<ScriptedRun> {
  const launches: InMemoryExtension[] = [];
  const system = new WidgetSystem(
    { mode: 'cli', now: new Date(START), program: SCRIPTED_FILE, network: { fixtures: FIXTURES }, ...options },
    { extension: InMemoryExtension.factory(widget, launches) },
  );
  return { ...(await runSystem(system, untilMs, SCRIPTED_FILE)), launches };
}

/** The trace as `event@ms` from START (and the reason of terminations), for readable assertions. */
export function timeline(run: WidgetRun, events?: string[]): string[] {
  return run.records
    .filter((record) => !events || events.includes(record.event))
    .map((record) => {
      const reason = record.event === 'extensionTerminate' || record.event === 'extensionLaunch' ? `(${String(record.detail?.reason)})` : '';
      return `${record.event}${reason}@${Date.parse(record.time) - START}`;
    });
}
