// The adapter's custom request `tap { intent, parameters? }` (DESIGN.md section 10): a tap on a
// Button or Toggle of the widget, as if the user touched it. Without `parameters` the system uses
// those bound to the first Button or Toggle of the intent on screen. Arguments are checked here
// so a bad request is an answer a user can act on, not an engine error.
import type { TapRequest } from '../system/api';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The engine's tap request, or why the arguments are not one. */
export function tapArguments(args: Record<string, unknown>): TapRequest | { error: string } {
  if (typeof args.intent !== 'string' || args.intent === '') return { error: 'tap: "intent" must be the name of an intent the widget defines (defineIntent).' };
  if (args.parameters === undefined) return { intent: args.intent };
  if (!isPlainObject(args.parameters)) return { error: 'tap: "parameters" must be an object such as { "on": true } (or absent: the ones bound to the button on screen).' };
  return { intent: args.intent, parameters: JSON.parse(JSON.stringify(args.parameters)) as TapRequest['parameters'] };
}
