// Air quality: a widget that reads well in every rendering mode (DESIGN.md section 10).
// - On a tinted or clear Home Screen (iOS 18, iOS 26) the system renders it accented: colours
//   keep only their opacity and become the primary colour, except views marked
//   widgetAccentable(), which take the tint. So the index is accentable, and the coloured pill
//   behind the level (a white capsule with blue text in full colour) is dropped there: drawn
//   accented it would be a white block with white text on it, the "invisible content" bug.
// - ctx.showsWidgetContainerBackground is false where the system removes the container
//   background (tinted, clear, StandBy, Lock Screen); the widget then leaves out its own
//   decoration too.
// - The named preview "Without the rendering-mode branch" ignores ctx.renderingMode: switch the
//   preview to Tinted or All modes to see the bug this widget avoids.
import { defineWidget, HStack, Image, ReloadPolicy, Spacer, Text, Timeline, VStack, type ViewContext } from 'widgetkit';

interface AirEntry {
  date: Date;
  index: number;
  city: string;
  /** Draws as if every mode were full colour: the preview of the bug. */
  ignoreRenderingMode?: boolean;
}

const LEVELS = [
  { upTo: 50, label: 'Good', color: '#34c759' },
  { upTo: 100, label: 'Moderate', color: '#ffcc00' },
  { upTo: 150, label: 'Unhealthy for some', color: '#ff9500' },
  { upTo: Infinity, label: 'Unhealthy', color: '#ff3b30' },
];

const levelOf = (index: number) => LEVELS.find((level) => index <= level.upTo)!;

function sample(date: Date, step = 0): AirEntry {
  return { date, index: 38 + ((step * 17) % 90), city: 'Lisbon' };
}

/** The level as a pill in full colour; as plain accentable text where the system tints the widget. */
function levelBadge(entry: AirEntry, ctx: ViewContext) {
  const level = levelOf(entry.index);
  if (ctx.renderingMode === 'fullColor' || entry.ignoreRenderingMode) {
    return Text(level.label).font('caption').fontWeight('semibold').foregroundStyle('#0a5bd8')
      .padding('horizontal', 8).padding('vertical', 3).background('white').cornerRadius(8);
  }
  return Text(level.label).font('caption').fontWeight('semibold').widgetAccentable();
}

export default defineWidget<AirEntry>({
  kind: 'air-quality',
  displayName: 'Air Quality',
  supportedFamilies: ['systemSmall', 'systemMedium', 'accessoryRectangular'],
  provider: {
    placeholder: () => sample(new Date()),
    getSnapshot: () => sample(new Date()),
    getTimeline() {
      const now = Date.now();
      const entries = [0, 1, 2, 3].map((step) => sample(new Date(now + step * 60 * 60_000), step));
      return new Timeline(entries, ReloadPolicy.atEnd);
    },
  },
  view(entry, ctx) {
    const level = levelOf(entry.index);
    if (ctx.family === 'accessoryRectangular') {
      // The Lock Screen draws this vibrant: luminance only, so the level is text, not colour.
      return VStack({ alignment: 'leading', spacing: 0 },
        Text(`AQI ${entry.index}`).font('headline').widgetAccentable(),
        Text(level.label).font('caption'),
        Text(entry.city).font('caption').foregroundStyle('secondary'));
    }
    const decorated = ctx.showsWidgetContainerBackground || entry.ignoreRenderingMode === true;
    return VStack({ alignment: 'leading', spacing: 4 },
      HStack({ spacing: 4 },
        Image({ systemName: 'wind' }).font('caption').widgetAccentedRenderingMode('accented'),
        Text(entry.city).font('footnote').fontWeight('semibold'),
        Spacer()),
      Text(String(entry.index)).font({ size: 44, weight: 'semibold', design: 'rounded' }).foregroundStyle(level.color)
        .contentTransition('numericText').widgetAccentable(),
      Spacer(),
      levelBadge(entry, ctx),
      decorated ? Text('AQI · US EPA').font('caption2').foregroundStyle({ color: 'white', opacity: 0.7 }) : null,
    )
      .foregroundStyle('white')
      .frame({ maxWidth: 'infinity', maxHeight: 'infinity', alignment: 'topLeading' })
      .containerBackground({ colors: ['#3a7bd5', '#1e4fa3'], startPoint: 'top', endPoint: 'bottom' });
  },
});

export const previews = [
  { name: 'Without the rendering-mode branch', family: 'systemSmall' as const, entries: [{ ...sample(new Date('2026-06-01T09:00:00Z'), 2), ignoreRenderingMode: true }] },
];
