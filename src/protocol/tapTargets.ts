// Where a tap lands (DESIGN.md section 10): the Buttons and Toggles of a rendered view, in the
// order a reader meets them (depth first, as SwiftUI lays out a stack's children). The system
// uses it to tap "the first button or toggle of an intent" in the entry on screen; the page
// uses the same nodes to send a click back as a tap.
import type { JsonValue, TimelineSnapshot, WidgetFamily } from './lifecycle';
import type { ViewNode } from './views';

export interface TapTarget {
  intent: string;
  parameters: { [key: string]: JsonValue };
}

/** The intent a Button or Toggle node performs, or undefined for any other node. */
export function tapTargetOf(node: ViewNode): TapTarget | undefined {
  if (node.type !== 'Button' && node.type !== 'Toggle') return undefined;
  const { intent, parameters } = node.props;
  if (typeof intent !== 'string') return undefined;
  const bound = typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters) ? parameters : {};
  return { intent, parameters: bound as { [key: string]: JsonValue } };
}

/** The first Button or Toggle in `view` that performs `intent`. */
export function firstTapTarget(view: ViewNode, intent: string): TapTarget | undefined {
  const own = tapTargetOf(view);
  if (own?.intent === intent) return own;
  for (const child of view.children) {
    const found = firstTapTarget(child, intent);
    if (found) return found;
  }
  return undefined;
}

/** The first Button or Toggle of `intent` in the timeline's entry current now, for `family`. */
export function tapTargetOnScreen(timeline: TimelineSnapshot | null, family: WidgetFamily, intent: string): TapTarget | undefined {
  const entry = timeline && timeline.currentIndex >= 0 ? timeline.entries[timeline.currentIndex] : undefined;
  const rendered = entry?.views[family];
  return rendered?.ok ? firstTapTarget(rendered.view, intent) : undefined;
}
