// SF Symbols by name, drawn without Apple's font (licensed for Apple platforms only): the common
// symbols as small monochrome SVG outlines that take the foreground colour, as SF Symbols do by
// default (`.fill` variants filled; `.symbolRenderingMode(.multicolor)` tints suns and rain), and
// the rest as plain Unicode glyphs that system fonts carry. An unknown name falls back to a
// neutral glyph and says so in its tooltip. Kept free of DOM; the renderer builds the elements.

/** One SVG element of a 24×24 icon. `fill`: filled in `.fill` variants; `tone`: multicolor hue. */
export interface IconPart {
  tag: 'path' | 'circle' | 'line' | 'polygon';
  attrs: Record<string, string | number>;
  fill?: boolean;
  tone?: 'sun' | 'rain' | 'bolt' | 'heart';
}

const p = (d: string, fill = false, tone?: IconPart['tone']): IconPart => ({ tag: 'path', attrs: { d }, fill, tone });
const CLOUD = 'M7 18.5h10.5a4 4 0 0 0 .6-7.96A6 6 0 0 0 6.35 9.7 4.4 4.4 0 0 0 7 18.5z';
const CLOUD_HIGH = 'M7 14.5h10.5a3.7 3.7 0 0 0 .55-7.36A5.6 5.6 0 0 0 6.4 6.3 4.1 4.1 0 0 0 7 14.5z';
const SUN_RAYS = 'M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4';

const ICONS: Record<string, IconPart[]> = {
  'sun.max': [{ tag: 'circle', attrs: { cx: 12, cy: 12, r: 4.3 }, fill: true, tone: 'sun' }, p(SUN_RAYS, false, 'sun')],
  'moon': [p('M19.5 14.6A8 8 0 1 1 9.4 4.5a6.4 6.4 0 0 0 10.1 10.1z', true)],
  'moon.stars': [p('M17 15.6A7 7 0 1 1 8.4 7a5.6 5.6 0 0 0 8.6 8.6z', true), p('M18 3.5v4M16 5.5h4')],
  'cloud': [p(CLOUD, true)],
  'cloud.sun': [p('M8.5 3v1.4M3.2 8.5h1.4M4.7 4.7l1 1M12.3 4.7l-1 1', false, 'sun'), p('M5.2 11.2A3.6 3.6 0 1 1 11.7 7', false, 'sun'), p('M9 20h8.6a3.3 3.3 0 0 0 .5-6.56 4.9 4.9 0 0 0-9.4-1.1A3.6 3.6 0 0 0 9 20z', true)],
  'cloud.rain': [p(CLOUD_HIGH, true), p('M8 17.5l-1 3M12 17.5l-1 3M16 17.5l-1 3', false, 'rain')],
  'cloud.drizzle': [p(CLOUD_HIGH, true), p('M8 17.5v.5M8 20.5v.5M12 17.5v.5M12 20.5v.5M16 17.5v.5M16 20.5v.5', false, 'rain')],
  'cloud.heavyrain': [p(CLOUD_HIGH, true), p('M7.5 17l-1.5 4M11 17l-1.5 4M14.5 17l-1.5 4M18 17l-1.5 4', false, 'rain')],
  'cloud.bolt': [p(CLOUD_HIGH, true), p('M12.5 14.5l-2.5 4h3l-2 3.5', false, 'bolt')],
  'cloud.bolt.rain': [p(CLOUD_HIGH, true), p('M12.5 14.5l-2.5 4h3l-2 3.5', false, 'bolt'), p('M7.5 17.5l-1 3M17 17.5l-1 3', false, 'rain')],
  'cloud.snow': [p(CLOUD_HIGH, true), p('M8 18.5h.01M12 17.5h.01M16 18.5h.01M10 21h.01M14 21h.01')],
  'cloud.fog': [p(CLOUD_HIGH, true), p('M4.5 18h15M6.5 21h11')],
  'snowflake': [p('M12 2.5v19M3.8 7.25l16.4 9.5M3.8 16.75l16.4-9.5M9.5 3.8 12 6l2.5-2.2M9.5 20.2 12 18l2.5 2.2')],
  'wind': [p('M3 9h11.5a3 3 0 1 0-3-3M3 14.5h15.5a3 3 0 1 1-3 3M3 19h6')],
  'thermometer': [p('M10 14.3V5a2 2 0 1 1 4 0v9.3a4 4 0 1 1-4 0z'), { tag: 'circle', attrs: { cx: 12, cy: 17.5, r: 1.6 }, fill: true }],
  'drop': [p('M12 3.2s6 6.8 6 11a6 6 0 0 1-12 0c0-4.2 6-11 6-11z', true, 'rain')],
  'humidity': [p('M12 3.2s6 6.8 6 11a6 6 0 0 1-12 0c0-4.2 6-11 6-11z', true, 'rain')],
  'umbrella': [p('M3 12a9 9 0 0 1 18 0zM12 12v6.5a2 2 0 0 1-4 0', true)],
  'bolt': [p('M13.5 2 5 13.5h6.2L10.5 22 19 10.5h-6.2z', true, 'bolt')],
  'star': [{ tag: 'polygon', attrs: { points: '12 2.8 14.8 8.7 21.2 9.4 16.4 13.8 17.7 20.2 12 17 6.3 20.2 7.6 13.8 2.8 9.4 9.2 8.7' }, fill: true, tone: 'sun' }],
  'heart': [p('M12 20s-7.8-4.7-7.8-10.2A4.3 4.3 0 0 1 12 7.3a4.3 4.3 0 0 1 7.8 2.5C19.8 15.3 12 20 12 20z', true, 'heart')],
  'location': [p('M20.5 3.5 3.5 10.8l7.3 2 2 7.2z', true)],
  'location.north': [p('M12 3 5.5 20 12 16l6.5 4z', true)],
  'clock': [{ tag: 'circle', attrs: { cx: 12, cy: 12, r: 8.5 } }, p('M12 7.5V12l3 2')],
  'calendar': [p('M4.5 6.5h15v13h-15zM4.5 10.5h15M8.5 4v4M15.5 4v4')],
  'leaf': [p('M5 19C5 10 10 5 20 4c-1 10-6 15-15 15zM5 19l7-7', true)],
  'flame': [p('M12 21.5a6 6 0 0 0 6-6c0-4.5-4-6.5-4.5-11-3 2-6.5 5.5-7.5 9.5A6 6 0 0 0 12 21.5z', true, 'sun')],
  'xmark.circle': [{ tag: 'circle', attrs: { cx: 12, cy: 12, r: 9 }, fill: true }, p('M9 9l6 6M15 9l-6 6')],
  'info.circle': [{ tag: 'circle', attrs: { cx: 12, cy: 12, r: 9 } }, p('M12 11v5.5M12 7.8v.2')],
  'checkmark': [p('M5 12.5l4.5 4.5L19 7.5')],
  'xmark': [p('M6 6l12 12M18 6 6 18')],
  'exclamationmark.triangle': [p('M12 3.5 2.5 20h19z', true), p('M12 9.5v5M12 17.2v.3')],
  'play': [p('M7 4.5v15l12.5-7.5z', true)],
  'pause': [p('M7 5h3.5v14H7zM13.5 5H17v14h-3.5z', true)],
  'backward.end': [p('M6 5v14M19 5v14L8.5 12z', true)],
  'forward.end': [p('M18 5v14M5 5v14l10.5-7z', true)],
  'repeat': [p('M4 11V9a3 3 0 0 1 3-3h12l-3-3M20 13v2a3 3 0 0 1-3 3H5l3 3')],
  'arrow.up.left.and.arrow.down.right': [p('M4 10V4h6M4 4l6.5 6.5M20 14v6h-6M20 20l-6.5-6.5')],
  'arrow.down.right.and.arrow.up.left': [p('M10.5 4.5v6h-6M10.5 10.5 4 4M13.5 19.5v-6h6M13.5 13.5 20 20')],
  'arrow.clockwise': [p('M19 12a7 7 0 1 1-2.05-4.95M19 4.5v3.5h-3.5')],
};

/** Unicode stand-ins for symbols without an outline (text presentation, present in common fonts). */
const GLYPHS: Record<string, string> = {
  'arrow.up': '↑', 'arrow.down': '↓', 'arrow.left': '←', 'arrow.right': '→', 'arrow.up.right': '↗', 'arrow.down.right': '↘',
  'chevron.right': '›', 'chevron.left': '‹', 'plus': '+', 'minus': '−', 'circle': '○', 'square': '□', 'triangle': '△',
  'music.note': '♪', 'airplane': '✈', 'envelope': '✉', 'phone': '☎', 'person': '☺', 'house': '⌂', 'gear': '⚙',
  'sunrise': '☀', 'sunset': '☀', 'sun.min': '☀', 'sun.haze': '☀', 'tornado': '≋', 'hurricane': '⊛',
  'mappin': '⌖', 'bell': '♫', 'cup.and.saucer': '☕', 'hourglass': '⌛', 'timer': '⏱', 'alarm': '⏰', 'battery.100': '▮',
};

export const UNKNOWN_SYMBOL = '◻';

export type SymbolArt = { kind: 'icon'; parts: IconPart[]; filled: boolean } | { kind: 'glyph'; glyph: string; known: boolean };

/** The art for an SF Symbol name; variants (`.fill`, `.circle`, `.medium`) fall back to their base. */
export function symbolArt(name: string): SymbolArt {
  const filled = /\.fill(\.|$)/.test(name);
  let candidate = name.replace(/\.fill(?=\.|$)/g, '');
  while (candidate) {
    if (ICONS[candidate]) return { kind: 'icon', parts: ICONS[candidate], filled };
    if (GLYPHS[candidate]) return { kind: 'glyph', glyph: GLYPHS[candidate], known: true };
    const dot = candidate.lastIndexOf('.');
    if (dot < 0) break;
    candidate = candidate.slice(0, dot);
  }
  return { kind: 'glyph', glyph: UNKNOWN_SYMBOL, known: false };
}
