// The rendering-mode matrix: each family drawn in every mode side by side (full colour, tinted,
// clear, vibrant), on the wallpaper of the place iOS draws it there, so the white-on-white and
// invisible-colour bugs of tinted and clear Home Screens show before the widget ships. Accessory
// families have one cell: the Lock Screen draws them vibrant whatever the Home Screen's mode.
import type { WidgetFamily } from '../protocol/lifecycle';
import { widgetSize } from '../protocol/widgetSizes';
import { el } from './elements';
import { familyLabel, isAccessory } from './pageModel';
import { PREVIEW_RENDERING_MODES, RENDERING_LABELS } from './renderingModes';
import type { PreviewRenderingMode } from './renderingModes';

type Appearance = 'light' | 'dark';
export type FrameMaker = (family: WidgetFamily, appearance: Appearance, mode: PreviewRenderingMode) => HTMLElement;

function cell(family: WidgetFamily, appearance: Appearance, mode: PreviewRenderingMode, frame: FrameMaker): HTMLElement {
  const place = isAccessory(family) ? ' lock' : ` rendering-${mode}`;
  return el('div', { class: `matrix-cell wallpaper appearance-${appearance}${place}`, attrs: { 'data-rendering': mode, 'data-family': family } }, [frame(family, appearance, mode)]);
}

function row(family: WidgetFamily, appearance: Appearance, device: string, frame: FrameMaker): HTMLElement[] {
  const size = widgetSize(device, family)!;
  const head = el('div', { class: 'matrix-row-head' }, [
    el('span', { class: 'family-name', text: familyLabel(family) }),
    el('span', { class: 'family-size', text: `${size.width}×${size.height} · ${appearance === 'light' ? 'Light' : 'Dark'}` }),
  ]);
  if (isAccessory(family)) {
    return [head, el('div', { class: 'matrix-note', text: 'Lock Screen: accessory widgets are always vibrant, without their container background, whatever the Home Screen shows.' }), cell(family, appearance, 'vibrant', frame)];
  }
  return [head, ...PREVIEW_RENDERING_MODES.map((mode) => cell(family, appearance, mode, frame))];
}

export function renderingMatrix(families: readonly WidgetFamily[], appearances: readonly Appearance[], device: string, frame: FrameMaker): HTMLElement {
  const heads = PREVIEW_RENDERING_MODES.map((mode) =>
    el('div', { class: 'matrix-col-head', attrs: { 'data-rendering': mode } }, [
      el('span', { class: 'matrix-mode', text: RENDERING_LABELS[mode].title }),
      el('span', { class: 'matrix-where', text: RENDERING_LABELS[mode].where }),
    ]));
  const ordered = [...families.filter((f) => !isAccessory(f)), ...families.filter(isAccessory)];
  const rows = ordered.flatMap((family) => appearances.flatMap((appearance) => row(family, appearance, device, frame)));
  return el('div', { class: 'matrix-scroller' }, [
    el('div', { class: 'rendering-matrix', attrs: { role: 'table', 'aria-label': 'Rendering modes side by side' } }, [el('div', { class: 'matrix-corner' }), ...heads, ...rows]),
  ]);
}
