// The rendering modes the preview draws a widget in (DESIGN.md section 10), free of DOM: which
// of the entry's trees a mode shows, what the view was told, and where the system removes the
// container background. Apple: "Optimizing your widget for accented rendering mode and Liquid
// Glass" (a tinted or clear Home Screen renders widgets accented and replaces their background)
// and "Displaying the right widget background" (removed in StandBy and in the vibrant appearance).
import type { RenderedEntry, RenderedView, WidgetFamily } from '../protocol/lifecycle';
import { renderingEnvironments } from '../protocol/renderingModes';
import type { AlternateRenderingMode, WidgetRenderingMode } from '../protocol/renderingModes';
import { isAccessory } from './pageModel';

/** Full colour (default Home Screen), tinted (iOS 18), clear (iOS 26 Liquid Glass), vibrant (Lock Screen, StandBy). */
export const PREVIEW_RENDERING_MODES = ['fullColor', 'accented', 'clear', 'vibrant'] as const;
export type PreviewRenderingMode = (typeof PREVIEW_RENDERING_MODES)[number];
/** What the rendering selector offers: one mode, or every mode side by side. */
export type RenderingChoice = PreviewRenderingMode | 'matrix';

export const RENDERING_LABELS: Record<PreviewRenderingMode, { title: string; where: string }> = {
  fullColor: { title: 'Full Color', where: 'Home Screen' },
  accented: { title: 'Tinted', where: 'Home Screen, iOS 18' },
  clear: { title: 'Clear', where: 'Liquid Glass, iOS 26' },
  vibrant: { title: 'Vibrant', where: 'StandBy at night · Lock Screen' },
};

export function isRenderingChoice(value: unknown): value is RenderingChoice {
  return value === 'matrix' || (PREVIEW_RENDERING_MODES as readonly unknown[]).includes(value);
}

/** The mode a family is drawn in: accessory families live on the Lock Screen, always vibrant. */
export function familyMode(family: WidgetFamily, mode: PreviewRenderingMode): PreviewRenderingMode {
  return isAccessory(family) ? 'vibrant' : mode;
}

/** What `ctx.renderingMode` was in that mode: the clear Home Screen renders accented too (Apple, iOS 26). */
export function widgetRenderingMode(family: WidgetFamily, mode: PreviewRenderingMode): WidgetRenderingMode {
  const drawn = familyMode(family, mode);
  return drawn === 'clear' ? 'accented' : drawn;
}

/** Only the default Home Screen keeps the containerBackground; `ctx.showsWidgetContainerBackground` says the same. */
export function showsContainerBackground(family: WidgetFamily, mode: PreviewRenderingMode): boolean {
  return familyMode(family, mode) === 'fullColor';
}

/** The tree the view returned in that mode: its own render where it branched, the family's first otherwise. */
export function viewInMode(entry: RenderedEntry, family: WidgetFamily, mode: PreviewRenderingMode): RenderedView | undefined {
  const wanted = widgetRenderingMode(family, mode);
  if (renderingEnvironments(family)[0].renderingMode === wanted) return entry.views[family];
  return entry.renderingModes?.[family]?.[wanted as AlternateRenderingMode] ?? entry.views[family];
}
