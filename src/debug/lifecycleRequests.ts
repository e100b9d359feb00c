// The adapter's custom requests (DESIGN.md section 4): terminateExtension, advanceClock,
// reloadTimelines, setFamily, sendPush, tap, stepLifecycle and widgetState. Each checks its arguments, calls
// the engine, and answers a body or an error a user can act on.
import { FAMILIES, isWidgetFamily } from '../protocol/lifecycle';
import type { AdvanceClockRequest } from '../system/api';
import { tapArguments } from './tapRequest';
import type { WidgetEngine } from './widgetEngine';

export type CustomRequestResult = { ok: true; body?: unknown } | { ok: false; message: string };

/** How long a request waits for the engine before answering; the engine goes on regardless. */
const ANSWER_WITHIN_MS = 5000;

function record(args: unknown): Record<string, unknown> {
  return typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
}

async function settle<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ANSWER_WITHIN_MS)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export class LifecycleRequests {
  constructor(
    private readonly engine: () => WidgetEngine | null,
    private readonly stepLifecycle: () => Promise<void>,
  ) {}

  async handle(command: string, rawArgs: unknown, releaseStops: () => void): Promise<CustomRequestResult> {
    const engine = this.engine();
    if (!engine) return { ok: false, message: `${command}: no widget is running; start a widget-timeline debug session first.` };
    const args = record(rawArgs);
    try {
      switch (command) {
        case 'terminateExtension': {
          const mode = args.mode ?? 'system';
          if (mode !== 'system' && mode !== 'forceQuit') return { ok: false, message: `terminateExtension: mode must be "system" or "forceQuit", got ${JSON.stringify(mode)}.` };
          releaseStops();
          await settle(engine.terminateExtension(mode));
          return { ok: true };
        }
        case 'advanceClock': {
          const request: AdvanceClockRequest = {};
          if (args.to !== undefined) {
            if (typeof args.to !== 'string' || Number.isNaN(Date.parse(args.to))) return { ok: false, message: 'advanceClock: "to" must be an ISO 8601 date such as 2026-06-01T10:00:00Z.' };
            request.to = args.to;
          }
          if (args.by !== undefined) {
            if (typeof args.by !== 'number' || !Number.isFinite(args.by) || args.by < 0) return { ok: false, message: 'advanceClock: "by" must be a number of milliseconds (0 or more).' };
            request.by = args.by;
          }
          if (args.next !== undefined) {
            if (args.next !== 'entry' && args.next !== 'reload' && args.next !== 'event') return { ok: false, message: 'advanceClock: "next" must be "entry", "reload" or "event".' };
            request.next = args.next;
          }
          if (request.to === undefined && request.by === undefined && request.next === undefined) request.next = 'event';
          const now = await settle(engine.advanceClock(request));
          return { ok: true, body: { now: now ?? engine.snapshot().now } };
        }
        case 'reloadTimelines': {
          if (args.kind !== undefined && typeof args.kind !== 'string') return { ok: false, message: 'reloadTimelines: "kind" must be a string (the widget kind).' };
          await settle(engine.reloadTimelines(args.kind as string | undefined));
          return { ok: true };
        }
        case 'setFamily': {
          const family = args.family;
          if (typeof family !== 'string' || !isWidgetFamily(family)) return { ok: false, message: `setFamily: "family" must be one of ${FAMILIES.join(', ')}.` };
          await settle(engine.setFamily(family));
          return { ok: true };
        }
        case 'tap': {
          const request = tapArguments(args);
          if ('error' in request) return { ok: false, message: request.error };
          // Stops stay: a tap while paused is performed once the user continues, as a tap on a
          // device waits for a process held by the debugger.
          await settle(engine.tap(request));
          return { ok: true };
        }
        case 'sendPush': {
          // A WidgetKit push now (DESIGN.md section 10): the answer says what the system did with it.
          const result = await settle(engine.sendPush());
          return { ok: true, body: result ?? { outcome: 'pending', reason: 'the push is still being handled (held at a breakpoint?); its widgetPush record tells the outcome' } };
        }
        case 'stepLifecycle':
          await this.stepLifecycle();
          return { ok: true };
        case 'widgetState':
          return { ok: true, body: engine.snapshot() };
        default:
          return { ok: false, message: `Unknown request "${command}".` };
      }
    } catch (error) {
      return { ok: false, message: `${command}: ${(error as Error).message}` };
    }
  }
}
