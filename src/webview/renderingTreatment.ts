// The system's colour treatment of a widget's content in accented and vibrant rendering, as CSS.
// Apple (WidgetRenderingMode; "Optimizing your widget for accented rendering mode and Liquid
// Glass"): accented mode splits the view into an accent group (widgetAccentable) and a primary
// group and paints each in one colour, keeping only each colour's opacity (gradients and
// translucent content keep their opacity, tinted); vibrant mode desaturates content to its
// luminance. So a colour is replaced, not filtered: `rgb(from <colour> ...)` keeps its alpha (and
// its luminance, for vibrant) and takes the group's colour, which media/webview.css sets per mode
// (--w-primary-rgb, --w-accent-rgb, --w-primary-alpha) so tinted and clear differ only there.
import type { ViewModifier } from '../protocol/views';
import type { WidgetAccentedRenderingMode } from '../protocol/renderingModes';

export type ColorGroup = 'primary' | 'accent';

export interface Treatment {
  rendering: 'accented' | 'vibrant';
  group: ColorGroup;
}

/** A CSS colour as the system paints it under `treatment`; untouched without one. */
export function paintColor(color: string, treatment: Treatment | undefined): string {
  if (!treatment) return color;
  if (treatment.rendering === 'vibrant') {
    // Luminance (Rec. 709) becomes opacity; black stays faintly visible, as on the Lock Screen.
    return `rgb(from ${color} var(--w-vibrant-rgb) / calc(alpha * max(0.2, (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255)))`;
  }
  return `rgb(from ${color} var(--w-${treatment.group}-rgb) / calc(alpha * var(--w-${treatment.group}-alpha)))`;
}

/** The colour painter of a treatment, for cssColor. */
export const painter = (treatment: Treatment | undefined) => (color: string) => paintColor(color, treatment);

const accentableArg = (m: ViewModifier) => m.args[0] !== false;

/**
 * The group of the view's content and of each modifier: `widgetAccentable(on)` decides for the
 * view and the modifiers before it; the modifiers after it are in the enclosing group again.
 */
export function groupsOf(modifiers: readonly ViewModifier[], inherited: ColorGroup): { content: ColorGroup; at: ColorGroup[] } {
  const at: ColorGroup[] = new Array(modifiers.length);
  let current = inherited;
  for (let i = modifiers.length - 1; i >= 0; i--) {
    at[i] = current;
    if (modifiers[i].name === 'widgetAccentable') current = accentableArg(modifiers[i]) ? 'accent' : 'primary';
  }
  return { content: current, at };
}

/** An Image's widgetAccentedRenderingMode, null when it sets none (the system default). */
export function accentedImageMode(modifiers: readonly ViewModifier[]): WidgetAccentedRenderingMode | null {
  const found = [...modifiers].reverse().find((m) => m.name === 'widgetAccentedRenderingMode');
  const mode = found?.args[0];
  return mode === 'fullColor' || mode === 'accented' || mode === 'desaturated' || mode === 'accentedDesaturated' ? mode : null;
}

/**
 * The treatment of an Image in accented mode by its widgetAccentedRenderingMode: full colour is
 * left alone, accented joins the accent group (Apple: "equivalent to widgetAccentable()"), the
 * desaturated modes keep their luminance in the primary or accent colour.
 */
export function imageTreatment(mode: WidgetAccentedRenderingMode | null, treatment: Treatment | undefined): Treatment | undefined {
  if (!treatment || treatment.rendering !== 'accented' || mode === null) return treatment;
  if (mode === 'fullColor') return undefined;
  return { rendering: 'accented', group: mode === 'desaturated' ? 'primary' : 'accent' };
}

/** How a mode paints the content outside any accent group: none in full colour. */
export function treatmentFor(mode: 'fullColor' | 'accented' | 'clear' | 'vibrant'): Treatment | undefined {
  if (mode === 'fullColor') return undefined;
  return { rendering: mode === 'vibrant' ? 'vibrant' : 'accented', group: 'primary' };
}
