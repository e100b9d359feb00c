// The launch arguments of pushes (DESIGN.md section 10), checked like the others in options.ts:
// `pushBudget` (pushes acted on per day, default 50) and `pushAt` (ISO moments of pushes planned
// in advance; the CLI's `--push-at` resolves its relative times to these).
import type { SystemOptions } from './api';

type Raw = Record<string, unknown>;

/** `fail` throws options.ts's OptionsError (passed in: options.ts imports this file). */
export function pushOptions(raw: Raw, fail: (argument: string, message: string) => never): Pick<SystemOptions, 'pushBudget' | 'pushAt'> {
  const result: Pick<SystemOptions, 'pushBudget' | 'pushAt'> = {};
  const budget = raw.pushBudget;
  if (budget !== undefined && budget !== null) {
    if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 0) {
      fail('pushBudget', `expected a whole number of pushes per day (0 or more), got ${JSON.stringify(budget)}.`);
    }
    result.pushBudget = budget;
  }
  const at = raw.pushAt;
  if (at !== undefined && at !== null) {
    if (!Array.isArray(at)) fail('pushAt', 'expected an array of ISO dates, e.g. ["2025-06-01T08:15:00Z"].');
    result.pushAt = at.map((value: unknown, index) => {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(time)) fail(`pushAt[${index}]`, `${JSON.stringify(value)} is not an ISO 8601 date; write e.g. "2025-06-01T08:15:00Z".`);
      return new Date(time).toISOString();
    });
  }
  return result;
}
