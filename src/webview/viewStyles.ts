// SwiftUI's text styles, colours and layout modifiers translated to CSS. The text styles are
// Apple's default (Large) Dynamic Type sizes from the HIG typography tables; colours are the
// iOS system colours, resolved per appearance through CSS variables (--w-<name>) that
// media/webview.css defines for light, dark and the lock screen's vibrant accessory mode.
import type { ModifierArg } from '../protocol/views';

interface TextStyle {
  size: number;
  lineHeight: number;
  weight: number;
}

/** HIG "Typography" > Dynamic Type sizes, iOS, Large (default). */
export const TEXT_STYLES: Record<string, TextStyle> = {
  largeTitle: { size: 34, lineHeight: 41, weight: 400 },
  title: { size: 28, lineHeight: 34, weight: 400 },
  title2: { size: 22, lineHeight: 28, weight: 400 },
  title3: { size: 20, lineHeight: 25, weight: 400 },
  headline: { size: 17, lineHeight: 22, weight: 600 },
  body: { size: 17, lineHeight: 22, weight: 400 },
  callout: { size: 16, lineHeight: 21, weight: 400 },
  subheadline: { size: 15, lineHeight: 20, weight: 400 },
  footnote: { size: 13, lineHeight: 18, weight: 400 },
  caption: { size: 12, lineHeight: 16, weight: 400 },
  caption2: { size: 11, lineHeight: 13, weight: 400 },
};

const WEIGHTS: Record<string, number> = {
  ultraLight: 100,
  thin: 200,
  light: 300,
  regular: 400,
  medium: 500,
  semibold: 600,
  bold: 700,
  heavy: 800,
  black: 900,
};

const DESIGNS: Record<string, string> = {
  rounded: 'var(--w-font-rounded)',
  monospaced: 'var(--w-font-mono)',
  serif: 'var(--w-font-serif)',
  default: 'var(--w-font)',
};

export const SYSTEM_COLORS = [
  'red', 'orange', 'yellow', 'green', 'mint', 'teal', 'cyan', 'blue', 'indigo', 'purple', 'pink', 'brown', 'gray',
  'primary', 'secondary', 'tertiary', 'quaternary', 'accentColor', 'background',
] as const;

export type Css = Record<string, string | number | undefined>;

const strip = (name: string) => name.replace(/^\./, '');
const isRecord = (v: ModifierArg | undefined): v is { [key: string]: ModifierArg } => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A SwiftUI colour or ShapeStyle as a CSS value: names, hex, {color, opacity}, gradients. `paint`
 * maps each solid colour (each gradient stop) as the system draws it in the rendering mode
 * (src/webview/renderingTreatment.ts); full colour leaves it as it is.
 */
export function cssColor(arg: ModifierArg | undefined, paint: (color: string) => string = (color) => color): string | undefined {
  if (typeof arg === 'string') {
    const name = strip(arg);
    const gradient = /^(\w+)\.gradient$/.exec(name);
    if (gradient) {
      const base = cssColor(gradient[1]);
      return `linear-gradient(180deg, ${paint(`color-mix(in srgb, ${base} 80%, white)`)}, ${paint(base ?? 'transparent')})`;
    }
    const solid = solidColor(name);
    return solid === undefined ? undefined : paint(solid);
  }
  if (!isRecord(arg)) return undefined;
  const colors = Array.isArray(arg.colors) ? arg.colors : Array.isArray(arg.gradient) ? arg.gradient : undefined;
  if (colors) {
    const stops = colors.map((c) => cssColor(c, paint)).filter((c): c is string => c !== undefined);
    return `linear-gradient(${gradientAngle(arg.startPoint, arg.endPoint)}, ${stops.join(', ')})`;
  }
  if (isRecord(arg.linearGradient)) return cssColor(arg.linearGradient, paint);
  const base = cssColor(arg.color ?? (typeof arg.red === 'number' ? rgbString(arg) : undefined));
  if (base && typeof arg.opacity === 'number') return paint(`color-mix(in srgb, ${base} ${Math.round(arg.opacity * 100)}%, transparent)`);
  return base === undefined ? undefined : paint(base);
}

/** A named, hex or rgb()/hsl() colour. */
function solidColor(name: string): string | undefined {
  if (name === 'white') return '#fff';
  if (name === 'black') return '#000';
  if (name === 'clear') return 'transparent';
  if (name === 'accent') return 'var(--w-accentColor)';
  if ((SYSTEM_COLORS as readonly string[]).includes(name)) return `var(--w-${name})`;
  if (/^#[0-9a-f]{3,8}$/i.test(name) || /^(rgb|hsl)a?\(/.test(name)) return name;
  return undefined;
}

function rgbString(arg: { [key: string]: ModifierArg }): string {
  const channel = (v: ModifierArg) => Math.round((typeof v === 'number' ? v : 0) * 255);
  return `rgb(${channel(arg.red)}, ${channel(arg.green)}, ${channel(arg.blue)})`;
}

function gradientAngle(start: ModifierArg | undefined, end: ModifierArg | undefined): string {
  const from = typeof start === 'string' ? strip(start) : 'top';
  const to = typeof end === 'string' ? strip(end) : 'bottom';
  const direction: Record<string, string> = { top: 'top', bottom: 'bottom', leading: 'left', trailing: 'right', topLeading: 'top left', topTrailing: 'top right', bottomLeading: 'bottom left', bottomTrailing: 'bottom right' };
  if (from === 'top' && to === 'bottom') return '180deg';
  return `to ${direction[to] ?? 'bottom'}`;
}

/** Whether a colour value needs `background` (gradients) rather than `color`-like properties. */
export const isGradient = (css: string) => css.includes('gradient(');

/** `.font(.title)`, `.font(.system(size: 40, weight: .bold, design: .rounded))` and friends. */
export function fontCss(arg: ModifierArg | undefined): Css {
  if (typeof arg === 'string') {
    const style = TEXT_STYLES[strip(arg)] ?? TEXT_STYLES.body;
    return { fontSize: style.size, lineHeight: `${style.lineHeight}px`, fontWeight: String(style.weight) };
  }
  if (!isRecord(arg)) return {};
  const base = typeof arg.style === 'string' ? fontCss(arg.style) : {};
  const size = typeof arg.size === 'number' ? arg.size : undefined;
  return {
    ...base,
    fontSize: size ?? base.fontSize,
    lineHeight: size ? `${Math.round(size * 1.2)}px` : base.lineHeight,
    fontWeight: typeof arg.weight === 'string' ? String(WEIGHTS[strip(arg.weight)] ?? 400) : base.fontWeight,
    fontFamily: typeof arg.design === 'string' ? DESIGNS[strip(arg.design)] : undefined,
  };
}

export const fontWeightCss = (arg: ModifierArg | undefined): string | undefined =>
  typeof arg === 'string' ? String(WEIGHTS[strip(arg)] ?? 400) : undefined;

export const fontDesignCss = (arg: ModifierArg | undefined): string | undefined =>
  typeof arg === 'string' ? DESIGNS[strip(arg)] : undefined;

/** SwiftUI's default padding is 16 points on every edge. */
export function paddingCss(args: ModifierArg[]): Css {
  const [first, second] = args;
  if (first === undefined) return { padding: 16 };
  if (typeof first === 'number') return { padding: first };
  if (isRecord(first)) {
    const edge = (v: ModifierArg | undefined) => (typeof v === 'number' ? v : 0);
    return { paddingTop: edge(first.top), paddingBottom: edge(first.bottom), paddingLeft: edge(first.leading), paddingRight: edge(first.trailing) };
  }
  if (typeof first === 'string') {
    const amount = typeof second === 'number' ? second : 16;
    const edges: Record<string, string[]> = {
      all: ['Top', 'Bottom', 'Left', 'Right'],
      horizontal: ['Left', 'Right'],
      vertical: ['Top', 'Bottom'],
      top: ['Top'],
      bottom: ['Bottom'],
      leading: ['Left'],
      trailing: ['Right'],
    };
    const css: Css = {};
    for (const side of edges[strip(first)] ?? edges.all) css[`padding${side}`] = amount;
    return css;
  }
  return {};
}

/** `.frame(...)`: fixed sizes, or `maxWidth: .infinity` (any huge number, 'infinity' or null). */
export function frameCss(arg: ModifierArg | undefined): { css: Css; growsH: boolean; growsV: boolean } {
  const css: Css = {};
  if (!isRecord(arg)) return { css, growsH: false, growsV: false };
  const infinite = (v: ModifierArg | undefined) => v === null || v === 'infinity' || v === '.infinity' || (typeof v === 'number' && v >= 1e4);
  const px = (v: ModifierArg | undefined) => (typeof v === 'number' && v < 1e4 ? v : undefined);
  css.width = px(arg.width);
  css.height = px(arg.height);
  css.minWidth = px(arg.minWidth);
  css.minHeight = px(arg.minHeight);
  css.maxWidth = px(arg.maxWidth);
  css.maxHeight = px(arg.maxHeight);
  if (css.width !== undefined || css.height !== undefined) css.flexShrink = '0';
  const growsH = 'maxWidth' in arg && infinite(arg.maxWidth);
  const growsV = 'maxHeight' in arg && infinite(arg.maxHeight);
  Object.assign(css, alignmentCss(arg.alignment));
  return { css, growsH, growsV };
}

/** A frame's alignment places its content inside the frame (a flex container). */
export function alignmentCss(arg: ModifierArg | undefined): Css {
  if (typeof arg !== 'string') return {};
  const name = strip(arg);
  const vertical = /^top/.test(name) ? 'flex-start' : /^bottom/.test(name) ? 'flex-end' : 'center';
  const horizontal = /leading$/i.test(name) ? 'flex-start' : /trailing$/i.test(name) ? 'flex-end' : 'center';
  return { display: 'flex', flexDirection: 'column', justifyContent: vertical, alignItems: horizontal, textAlign: horizontal === 'flex-start' ? 'left' : horizontal === 'flex-end' ? 'right' : 'center' };
}
