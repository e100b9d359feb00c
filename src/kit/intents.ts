// App Intents for interactive widgets (Apple, iOS 17: "Adding interactivity to widgets and Live
// Activities"): `defineIntent` declares an action a Button or Toggle performs, `intent.with(...)`
// binds its parameters. Intents register when the module defines them, so the extension process
// can name every intent the widget offers in `ready` and find the one a tap asks for; the system
// never runs user code, it only sends the intent's name and the bound parameters.
import type { IntentSummary, JsonValue, WidgetFamily } from '../protocol/lifecycle';
import { WidgetKitError } from './errors';
import { toJsonValue } from './jsonData';

/** Parameters an intent takes: plain data (they are stored in the view and sent as JSON). */
export type IntentParameters = { [key: string]: unknown };

/** What the system passes to `perform` beside the parameters. */
export interface IntentContext {
  /** The intent's name. */
  intent: string;
  /** The kind of the widget whose button or toggle was tapped. */
  kind: string;
  /** The family shown when the user tapped. */
  family: WidgetFamily;
}

export interface IntentDefinition<Parameters extends IntentParameters> {
  /** Identifies the intent (a tap names it; `--tap <name>` on the command line). Unique per module. */
  name: string;
  /** What the intent does, for people (Apple: the intent's `title`). */
  title?: string;
  /**
   * Runs in the widget extension when the user taps a Button or Toggle bound to the intent; may
   * return a promise. Afterwards the system reloads the widget's timelines, so store the new
   * state (UserDefaults) here and read it in getTimeline.
   */
  perform(parameters: Parameters, context: IntentContext): unknown;
}

/** An intent with its parameters bound: what Button and Toggle take. */
export interface IntentInvocation {
  readonly intent: string;
  readonly parameters: { [key: string]: JsonValue };
}

/** What defineIntent returns: bind parameters with `with` for a Button or Toggle. */
export class WidgetIntent<Parameters extends IntentParameters = IntentParameters> {
  readonly name: string;
  readonly title: string | undefined;

  /** Use defineIntent: an intent made here is not registered, so no tap can perform it. */
  constructor(name: string, title?: string) {
    this.name = name;
    this.title = title;
  }

  /** Binds parameters for a Button or Toggle: plain data, checked now so a mistake names this call. */
  with(parameters?: Parameters): IntentInvocation {
    const bound = parameters === undefined ? {} : toJsonValue(parameters, `${this.name}.with(parameters)`);
    if (typeof bound !== 'object' || bound === null || Array.isArray(bound)) {
      throw new WidgetKitError('invalid-argument', `${this.name}.with(parameters): pass an object such as { id: 1 }.`);
    }
    return Object.freeze({ intent: this.name, parameters: bound });
  }
}

/**
 * Every intent the module defined, with its definition: a tap calls the user's own `perform` (not
 * a wrapper), so a breakpoint on the intentPerform event stops in the user's function.
 */
const registry = new Map<string, { intent: WidgetIntent; definition: IntentDefinition<IntentParameters> }>();

function invalid(message: string): never {
  throw new WidgetKitError('invalid-intent', `defineIntent: ${message}`);
}

/** Declares an intent a Button or Toggle performs. Call it at module level, once per name. */
export function defineIntent<Parameters extends IntentParameters = IntentParameters>(definition: IntentDefinition<Parameters>): WidgetIntent<Parameters> {
  if (typeof definition !== 'object' || definition === null) invalid('pass { name, perform(parameters, context) }.');
  if (typeof definition.name !== 'string' || definition.name === '') invalid('`name` must be a non-empty string that names the intent.');
  if (typeof definition.perform !== 'function') invalid(`\`perform\` of "${definition.name}" must be a function (parameters, context) => void | Promise<void>.`);
  if (definition.title !== undefined && typeof definition.title !== 'string') invalid(`\`title\` of "${definition.name}" must be a string.`);
  if (registry.has(definition.name)) invalid(`an intent named "${definition.name}" is already defined; give each intent its own name.`);
  const intent = new WidgetIntent<Parameters>(definition.name, definition.title);
  registry.set(intent.name, { intent, definition: definition as unknown as IntentDefinition<IntentParameters> });
  return intent;
}

/** The definition of the intent with this name in this process. */
export function intentNamed(name: string): IntentDefinition<IntentParameters> | undefined {
  return registry.get(name)?.definition;
}

/** Every intent defined in this process, in definition order (the system learns them in `ready`). */
export function definedIntents(): IntentSummary[] {
  return [...registry.values()].map(({ intent }) => (intent.title === undefined ? { name: intent.name } : { name: intent.name, title: intent.title }));
}

/** Whether a value is what `intent.with(...)` returns. */
export function isIntentInvocation(value: unknown): value is IntentInvocation {
  const candidate = value as Partial<IntentInvocation> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.intent === 'string' && typeof candidate.parameters === 'object';
}
