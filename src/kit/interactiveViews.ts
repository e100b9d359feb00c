// Button and Toggle (Apple, iOS 17: Button(intent:label:) and Toggle(isOn:intent:label:)): the
// only views of a widget that do something when tapped. Each carries its intent's name and bound
// parameters as plain data in the ViewNode, so the preview can send a tap back and the system
// can find "the first button or toggle of an intent" in the entry on screen.
import { WidgetKitError } from './errors';
import { isIntentInvocation, WidgetIntent, type IntentInvocation } from './intents';
import { childViews, View, type ViewContent } from './views';

function invocationOf(action: unknown, view: 'Button' | 'Toggle'): IntentInvocation {
  if (action instanceof WidgetIntent) return action.with();
  if (isIntentInvocation(action)) return action;
  throw new WidgetKitError('invalid-argument', `${view} needs an intent: pass myIntent.with({ ... }) from defineIntent.`);
}

/** Performs the intent when tapped; the content is its label. */
export function Button(action: IntentInvocation | WidgetIntent, ...content: ViewContent[]): View {
  const { intent, parameters } = invocationOf(action, 'Button');
  return new View('Button', { intent, parameters }, childViews(content, 'Button'));
}

/**
 * Shows `isOn` and performs the intent when tapped. As in WidgetKit, the toggle does not flip by
 * itself: `perform` stores the new state and the reloaded timeline shows it.
 */
export function Toggle(isOn: boolean, action: IntentInvocation | WidgetIntent, ...content: ViewContent[]): View {
  if (typeof isOn !== 'boolean') throw new WidgetKitError('invalid-argument', `Toggle(isOn, intent, ...) needs a boolean isOn; got ${typeof isOn}.`);
  const { intent, parameters } = invocationOf(action, 'Toggle');
  return new View('Toggle', { isOn, intent, parameters }, childViews(content, 'Toggle'));
}

type Props = Record<string, unknown>;

/** How the JSX runtime builds them: `<Button intent={x.with()}>Go</Button>`, `<Toggle isOn={on} intent={...}>`. */
export const INTERACTIVE_BUILDERS: [unknown, (props: Props, children: ViewContent[]) => View][] = [
  [Button, (p, c) => Button(p.intent as IntentInvocation, ...c)],
  [Toggle, (p, c) => Toggle(p.isOn as boolean, p.intent as IntentInvocation, ...c)],
];
