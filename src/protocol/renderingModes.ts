// Rendering modes (DESIGN.md section 10): how the system draws a widget in each place it shows
// it, and what the widget's view is told of that. Shared by the kit, which renders the view once
// per environment, and the preview page, which draws each mode.
// Apple: WidgetRenderingMode ("fullColor", "accented", "vibrant") and the environment value
// showsWidgetContainerBackground; "Displaying the right widget background" and "Optimizing your
// widget for accented rendering mode and Liquid Glass".

/** Apple's WidgetRenderingMode, read by the view as `ctx.renderingMode`. */
export const WIDGET_RENDERING_MODES = ['fullColor', 'accented', 'vibrant'] as const;
export type WidgetRenderingMode = (typeof WIDGET_RENDERING_MODES)[number];

/** Apple's WidgetAccentedRenderingMode: how an Image is drawn in accented mode (iOS 18). */
export const ACCENTED_IMAGE_MODES = ['fullColor', 'accented', 'desaturated', 'accentedDesaturated'] as const;
export type WidgetAccentedRenderingMode = (typeof ACCENTED_IMAGE_MODES)[number];

/** What a view is told about where it is drawn. */
export interface RenderingEnvironment {
  renderingMode: WidgetRenderingMode;
  showsWidgetContainerBackground: boolean;
}

/** Rendering modes other than a family's first (full colour), whose views may differ from it. */
export type AlternateRenderingMode = Exclude<WidgetRenderingMode, 'fullColor'>;

const isAccessoryFamily = (family: string) => family.startsWith('accessory');

/**
 * The environments the system draws a family in, the one `RenderedEntry.views` holds first.
 * System families: full colour with their container background on the default Home Screen;
 * accented without it on a tinted or clear Home Screen (iOS 18, iOS 26 Liquid Glass); vibrant
 * without it in StandBy at night. Accessory families are drawn vibrant on the Lock Screen, where
 * the system removes the container background (Apple: "In the vibrant appearance, the system
 * removes the background of your widget").
 */
export function renderingEnvironments(family: string): RenderingEnvironment[] {
  if (isAccessoryFamily(family)) return [{ renderingMode: 'vibrant', showsWidgetContainerBackground: false }];
  return [
    { renderingMode: 'fullColor', showsWidgetContainerBackground: true },
    { renderingMode: 'accented', showsWidgetContainerBackground: false },
    { renderingMode: 'vibrant', showsWidgetContainerBackground: false },
  ];
}
