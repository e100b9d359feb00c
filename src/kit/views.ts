// The SwiftUI-like view tree a widget's `view(entry, ctx)` returns. Builders are immutable: each
// modifier returns a new View, as SwiftUI's modifiers return new views. `toViewNode` turns a
// View into the plain serialisable ViewNode of src/protocol/views.ts that crosses to the system.
import { ACCENTED_IMAGE_MODES } from '../protocol/renderingModes';
import type { WidgetAccentedRenderingMode } from '../protocol/renderingModes';
import type { ModifierArg, ViewModifier, ViewNode, ViewType } from '../protocol/views';
import { WidgetKitError } from './errors';
import { isDate, toJsonValue } from './jsonData';
import type {
  ContentTransition, DateStyle, Edge, Font, FontWeight, FrameOptions, RedactionReason, ShapeStyle, StackOptions, TextAlignment,
} from './viewTypes';

type Props = { [key: string]: ModifierArg };
interface PendingModifier {
  name: string;
  args: unknown[];
}

/** An immutable SwiftUI-like view: every modifier returns a new view. Plain data once rendered. */
export class View {
  constructor(
    readonly type: ViewType,
    readonly props: Props,
    readonly children: readonly View[] = [],
    readonly modifiers: readonly PendingModifier[] = [],
  ) {}

  /** Applies a modifier by name; the named methods below are the documented ones. */
  modifier(name: string, ...args: unknown[]): View {
    return new View(this.type, this.props, this.children, [...this.modifiers, { name, args }]);
  }

  font(style: Font): View { return this.modifier('font', style); }
  fontWeight(weight: FontWeight): View { return this.modifier('fontWeight', weight); }
  foregroundStyle(style: ShapeStyle): View { return this.modifier('foregroundStyle', style); }
  padding(length?: number): View;
  padding(edges: Edge, length?: number): View;
  padding(...args: unknown[]): View { return this.modifier('padding', ...args); }
  frame(options: FrameOptions): View { return this.modifier('frame', options); }
  background(style: ShapeStyle | View): View { return this.modifier('background', style); }
  /** iOS 17: required for widgets; the system removes it in StandBy and tinted modes. */
  containerBackground(style: ShapeStyle | View, placement: 'widget' = 'widget'): View { return this.modifier('containerBackground', style, placement); }
  contentTransition(transition: ContentTransition): View { return this.modifier('contentTransition', transition); }
  multilineTextAlignment(alignment: TextAlignment): View { return this.modifier('multilineTextAlignment', alignment); }
  lineLimit(lines: number | null): View { return this.modifier('lineLimit', lines); }
  minimumScaleFactor(factor: number): View { return this.modifier('minimumScaleFactor', factor); }
  opacity(value: number): View { return this.modifier('opacity', value); }
  cornerRadius(radius: number): View { return this.modifier('cornerRadius', radius); }
  /** The URL the system opens in the app when the user taps the widget (one per widget). */
  widgetURL(url: string): View { return this.modifier('widgetURL', url); }
  redacted(reason: RedactionReason): View { return this.modifier('redacted', reason); }
  /**
   * Puts the view and its content in the accent group (Apple: widgetAccentable(_:)). In accented
   * mode the system draws the accent group in the tint colour and everything else in its
   * primary treatment, keeping only each colour's opacity.
   */
  widgetAccentable(accentable = true): View { return this.modifier('widgetAccentable', accentable === true); }
  /**
   * How this image is drawn in accented mode (Apple: Image.widgetAccentedRenderingMode(_:), iOS
   * 18): 'fullColor' keeps its colours, 'accented' joins the accent group, 'desaturated' and
   * 'accentedDesaturated' keep its luminance as opacity in the primary or accent colour.
   */
  widgetAccentedRenderingMode(mode: WidgetAccentedRenderingMode | null): View {
    if (this.type !== 'Image') throw new WidgetKitError('invalid-argument', `widgetAccentedRenderingMode applies to Image only, not ${this.type}; use widgetAccentable() on other views.`);
    if (mode !== null && !(ACCENTED_IMAGE_MODES as readonly unknown[]).includes(mode)) {
      throw new WidgetKitError('invalid-argument', `widgetAccentedRenderingMode got ${describe(mode)}; use one of ${ACCENTED_IMAGE_MODES.map((m) => `'${m}'`).join(', ')} or null.`);
    }
    return this.modifier('widgetAccentedRenderingMode', mode);
  }
  /** Content that may be out of date until the widget reloads after an interaction (Apple: invalidatableContent(_:), iOS 17). */
  invalidatableContent(invalidatable = true): View { return this.modifier('invalidatableContent', invalidatable === true); }
}

/** Modifier names a JSX prop may use (`<Text font="title">`). */
export const MODIFIER_NAMES: ReadonlySet<string> = new Set([
  'font', 'fontWeight', 'foregroundStyle', 'padding', 'frame', 'background', 'containerBackground',
  'contentTransition', 'multilineTextAlignment', 'lineLimit', 'minimumScaleFactor', 'opacity',
  'cornerRadius', 'widgetURL', 'redacted', 'widgetAccentable', 'widgetAccentedRenderingMode', 'invalidatableContent',
]);

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'a plain object' : `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
}

/** Children as views: arrays flatten, strings and numbers become Text, null/boolean are skipped. */
export function childViews(content: readonly unknown[], parent: string): View[] {
  const views: View[] = [];
  for (const item of content.flat(Infinity)) {
    if (item === null || item === undefined || typeof item === 'boolean') continue;
    if (item instanceof View) views.push(item);
    else if (typeof item === 'string' || typeof item === 'number') views.push(Text(item));
    else throw new WidgetKitError('invalid-argument', `${parent} got ${describe(item)} as a child; pass views such as Text('…').`);
  }
  return views;
}

function isOptions(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof View);
}

function props(values: Record<string, unknown>, type: string): Props {
  const result: Props = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) result[key] = toJsonValue(value, `${type}.${key}`);
  }
  return result;
}

/** A child of a container: views; strings and numbers become Text; null, undefined and booleans are skipped. */
export type ViewContent = View | string | number | null | undefined | boolean | ViewContent[];

export function Text(content: string | number): View;
/** A date that the system keeps current without reloading (Apple: Text(_:style:)). */
export function Text(date: Date, style?: DateStyle): View;
export function Text(content: unknown, style?: DateStyle): View {
  if (isDate(content)) return new View('Text', props({ text: (content as Date).toISOString(), date: content, dateStyle: style ?? 'date' }, 'Text'));
  return new View('Text', { text: String(content ?? '') });
}

/** An asset name, or { systemName } for an SF Symbol. */
export function Image(image: string | { systemName?: string; name?: string }): View {
  return new View('Image', typeof image === 'string' ? { name: image } : props({ ...image }, 'Image'));
}

function stack(type: 'VStack' | 'HStack' | 'ZStack', content: unknown[]): View {
  const [first, ...rest] = content;
  if (isOptions(first)) return new View(type, props(first, type), childViews(rest, type));
  return new View(type, {}, childViews(content, type));
}

export function VStack(options: StackOptions, ...content: ViewContent[]): View;
export function VStack(...content: ViewContent[]): View;
export function VStack(...content: unknown[]): View { return stack('VStack', content); }
export function HStack(options: StackOptions, ...content: ViewContent[]): View;
export function HStack(...content: ViewContent[]): View;
export function HStack(...content: unknown[]): View { return stack('HStack', content); }
export function ZStack(options: { alignment?: string }, ...content: ViewContent[]): View;
export function ZStack(...content: ViewContent[]): View;
export function ZStack(...content: unknown[]): View { return stack('ZStack', content); }

export function Spacer(minLength?: number): View {
  return new View('Spacer', minLength === undefined ? {} : { minLength });
}

export function Divider(): View {
  return new View('Divider', {});
}

export function Gauge(value: number, options: { in?: [number, number]; label?: string; currentValueLabel?: string } = {}): View {
  const [min, max] = options.in ?? [0, 1];
  return new View('Gauge', props({ value, min, max, label: options.label, currentValueLabel: options.currentValueLabel }, 'Gauge'));
}

export function ProgressView(options: number | { value?: number; total?: number; label?: string } = {}): View {
  const values = typeof options === 'number' ? { value: options } : options;
  return new View('ProgressView', props({ total: 1, ...values }, 'ProgressView'));
}

export function Label(title: string, systemImage: string): View {
  return new View('Label', { title: String(title), systemImage: String(systemImage) });
}

/** A tappable area opening `destination` (systemMedium and larger). */
export function Link(destination: string, ...content: ViewContent[]): View {
  return new View('Link', { destination: String(destination) }, childViews(content, 'Link'));
}

export function Group(...content: ViewContent[]): View {
  return new View('Group', {}, childViews(content, 'Group'));
}

function modifierArg(arg: unknown, path: string): ModifierArg {
  return arg instanceof View ? (viewNodeOf(arg, path) as unknown as ModifierArg) : toJsonValue(arg, path);
}

function viewNodeOf(view: View, path: string): ViewNode {
  const modifiers: ViewModifier[] = view.modifiers.map((m) => ({
    name: m.name,
    args: m.args.filter((a) => a !== undefined).map((a, i) => modifierArg(a, `${path}.${m.name}(argument ${i + 1})`)),
  }));
  return {
    type: view.type,
    props: view.props,
    modifiers,
    children: view.children.map((child, i) => viewNodeOf(child, `${path}.${view.type}[${i}]`)),
  };
}

/** What the widget's view function returned, as a ViewNode, or a clear error. */
export function toViewNode(returned: unknown): ViewNode {
  const view = typeof returned === 'string' ? Text(returned) : returned;
  if (!(view instanceof View)) {
    throw new WidgetKitError(
      'invalid-argument',
      `view(entry, ctx) returned ${describe(returned)}; return a view built with widgetkit, e.g. VStack(Text('…')).`,
    );
  }
  return viewNodeOf(view, 'view');
}
