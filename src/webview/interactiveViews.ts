// Button and Toggle as the preview draws them (iOS 17 interactive widgets): a Button is its label
// in a tinted capsule, a Toggle its label beside a switch showing `isOn`. Each carries the intent
// and bound parameters in data attributes, so a click can be sent back as a tap (widgetTaps.ts).
// A redacted rendering (the placeholder) is not interactive, as on a device.
import { tapTargetOf } from '../protocol/tapTargets';
import type { ViewNode } from '../protocol/views';
import { el } from './elements';
import type { Rendered } from './viewModifiers';

/** Wraps the rendered label of a Button or Toggle (a row of its children) into the control. */
export function interactiveControl(view: ViewNode, label: Rendered, redacted: boolean): Rendered {
  const target = redacted ? undefined : tapTargetOf(view);
  const isToggle = view.type === 'Toggle';
  const isOn = view.props.isOn === true;
  const node = el('div', {
    class: `w-control ${isToggle ? 'w-toggle' : 'w-button'}${isOn ? ' w-on' : ''}`,
    attrs: {
      role: isToggle ? 'switch' : 'button',
      'aria-checked': isToggle ? String(isOn) : undefined,
      tabindex: target ? 0 : undefined,
      'data-intent': target?.intent,
      'data-parameters': target ? JSON.stringify(target.parameters) : undefined,
      title: target ? `Tap: performs the intent "${target.intent}"` : undefined,
    },
  }, [label.node, isToggle ? el('span', { class: 'w-switch', attrs: { 'aria-hidden': 'true' } }, [el('span', { class: 'w-knob' })]) : null]);
  return { node, growsH: label.growsH, growsV: label.growsV };
}
