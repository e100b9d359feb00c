// Renders a widget's view tree (src/protocol/views.ts) as HTML and CSS, the way SwiftUI lays it
// out: stacks are flex boxes with SwiftUI's default 8-point spacing, a Spacer or an infinite
// frame makes its stack flexible along that axis (and the stack's parents too), a ZStack
// overlays its children in one grid cell. Placeholder redaction follows `.redacted(reason:
// .placeholder)`: text and images become rounded bars, except under `.unredacted()`.
import type { ModifierArg, ViewNode } from '../protocol/views';
import { el, svg } from './elements';
import { interactiveControl } from './interactiveViews';
import { dateText } from './dateText';
import { symbolNode } from './symbolElement';
import { accentedImageMode, groupsOf, imageTreatment } from './renderingTreatment';
import type { Treatment } from './renderingTreatment';
import { applyModifiers } from './viewModifiers';
import type { Rendered } from './viewModifiers';
import { alignmentCss, cssColor } from './viewStyles';

export interface RenderContext {
  /** Render as a placeholder: every text and image redacted unless `.unredacted()`. */
  redacted: boolean;
  /** The moment the view is shown at (its entry's date, ISO): what `Text(date, style)` counts from. */
  now?: string;
  /** How the system paints colours in accented and vibrant rendering; none in full colour. */
  treatment?: Treatment;
}


const DEFAULT_SPACING = 8;

/** Renders a view tree; the root is laid out by its frame (`.w-content`). */
export function renderView(view: ViewNode, context: RenderContext): HTMLElement {
  return render(view, context).node;
}

function render(view: ViewNode, context: RenderContext): Rendered {
  const redacted = context.redacted && !hasModifier(view, 'unredacted');
  const { content, modifiers } = treatmentsOf(view, context.treatment);
  const inner: RenderContext = { redacted: redacted || hasRedactedModifier(view), now: context.now, treatment: content };
  const base = renderBase(view, inner);
  return applyModifiers(base, view.modifiers, modifiers);
}

/** The treatment of the view's content and of each of its modifiers: widgetAccentable moves them between groups. */
function treatmentsOf(view: ViewNode, treatment: Treatment | undefined): { content?: Treatment; modifiers: (Treatment | undefined)[] } {
  if (!treatment) return { modifiers: [] };
  const groups = groupsOf(view.modifiers, treatment.group);
  const imageMode = view.type === 'Image' ? accentedImageMode(view.modifiers) : null;
  const inGroup = (group: Treatment['group']) => imageTreatment(imageMode, { rendering: treatment.rendering, group });
  return { content: inGroup(groups.content), modifiers: groups.at.map(inGroup) };
}

const hasModifier = (view: ViewNode, name: string) => view.modifiers.some((m) => m.name === name);
const hasRedactedModifier = (view: ViewNode) => view.modifiers.some((m) => m.name === 'redacted' && m.args[0] !== null && m.args[0] !== 'none');

const propString = (view: ViewNode, ...names: string[]): string | undefined => {
  for (const name of names) {
    const value = view.props[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
};
const propNumber = (view: ViewNode, name: string): number | undefined => (typeof view.props[name] === 'number' ? (view.props[name] as number) : undefined);

function renderBase(view: ViewNode, context: RenderContext): Rendered {
  switch (view.type) {
    case 'VStack':
    case 'HStack':
      return renderStack(view, context, view.type === 'VStack' ? 'col' : 'row');
    case 'ZStack':
      return renderZStack(view, context);
    case 'Group':
    case 'Link':
      return renderStack(view, context, 'col', 0);
    case 'Spacer': {
      const min = propNumber(view, 'minLength') ?? 0;
      return { node: el('div', { class: 'w-spacer', style: { '--w-min': `${min}px` } }), growsH: false, growsV: false };
    }
    case 'Divider':
      return { node: el('div', { class: 'w-divider' }), growsH: false, growsV: false };
    case 'Text':
      return leaf(text(typeof view.props.date === 'string' && typeof view.props.dateStyle === 'string' ? dateText(view.props.date, view.props.dateStyle, context.now) : propString(view, 'text', 'content', 'verbatim') ?? '', context));
    case 'Image':
      return leaf(image(view, context));
    case 'Label': {
      const icon = image(view, context, propString(view, 'systemImage', 'systemName'));
      return leaf(el('span', { class: 'w-label' }, [icon, text(propString(view, 'title', 'text') ?? '', context)]));
    }
    case 'Gauge':
      return leaf(gauge(view, context));
    case 'ProgressView':
      return leaf(progress(view, context));
    case 'Button':
    case 'Toggle':
      return interactiveControl(view, renderStack(view, context, 'row', 6), context.redacted);
    default:
      return leaf(el('span', { class: 'w-unknown', text: `‹${String(view.type)}›`, attrs: { title: `The preview does not know the view type ${String(view.type)}` } }));
  }
}

const leaf = (node: HTMLElement): Rendered => ({ node, growsH: false, growsV: false });

function text(content: string, context: RenderContext): HTMLElement {
  return el('span', { class: context.redacted ? 'w-text w-redacted' : 'w-text', text: content, attrs: { 'aria-hidden': context.redacted || undefined } });
}

function image(view: ViewNode, context: RenderContext, name = propString(view, 'systemName', 'name')): HTMLElement {
  const symbol = symbolNode(name ?? '');
  const accented = accentedImageMode(view.modifiers);
  const node = el('span', {
    class: `w-image${context.redacted ? ' w-redacted' : ''}${accented ? ` w-image-${accented}${/^accented/.test(accented) ? ' w-group-accent' : ''}` : ''}${view.modifiers.some((m) => m.name === 'symbolRenderingMode' && /multicolor/.test(String(m.args[0]))) ? ' w-multicolor' : ''}`,
    attrs: { title: symbol.known ? name : `SF Symbol "${name ?? ''}" has no stand-in in the preview`, role: 'img', 'aria-label': name },
  });
  // A redacted symbol keeps only its box, as SwiftUI's placeholder redaction does.
  if (!context.redacted) node.appendChild(symbol.node);
  return node;
}

function stackChildren(view: ViewNode, context: RenderContext): Rendered[] {
  return view.children.map((child) => render(child, context));
}

function renderStack(view: ViewNode, context: RenderContext, axis: 'col' | 'row', defaultSpacing = DEFAULT_SPACING): Rendered {
  const children = stackChildren(view, context);
  const spacing = propNumber(view, 'spacing') ?? defaultSpacing;
  const alignment = typeof view.props.alignment === 'string' ? view.props.alignment.replace(/^\./, '') : 'center';
  const align: Record<string, string> = { leading: 'flex-start', top: 'flex-start', trailing: 'flex-end', bottom: 'flex-end', center: 'center', firstTextBaseline: 'baseline', lastTextBaseline: 'last baseline' };
  const node = el('div', {
    class: `w-stack w-${axis}`,
    style: { gap: spacing, alignItems: align[alignment] ?? 'center', textAlign: axis === 'col' && alignment === 'leading' ? 'left' : axis === 'col' && alignment === 'trailing' ? 'right' : undefined },
  }, children.map((c) => c.node));
  const hasSpacer = view.children.some((c) => c.type === 'Spacer');
  return {
    node,
    growsH: children.some((c) => c.growsH) || (axis === 'row' && hasSpacer),
    growsV: children.some((c) => c.growsV) || (axis === 'col' && hasSpacer),
  };
}

function renderZStack(view: ViewNode, context: RenderContext): Rendered {
  const children = stackChildren(view, context);
  const node = el('div', { class: 'w-zstack', style: alignmentCss(view.props.alignment) }, children.map((c) => c.node));
  node.style.display = 'grid';
  return { node, growsH: children.some((c) => c.growsH), growsV: children.some((c) => c.growsV) };
}

function fraction(view: ViewNode): number | undefined {
  const value = propNumber(view, 'value');
  if (value === undefined) return undefined;
  const min = propNumber(view, 'min') ?? 0;
  const max = propNumber(view, 'max') ?? propNumber(view, 'total') ?? 1;
  return max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0;
}

function gauge(view: ViewNode, context: RenderContext): HTMLElement {
  const share = fraction(view) ?? 0;
  const style = propString(view, 'style', 'gaugeStyle') ?? 'accessoryCircular';
  const label = propString(view, 'currentValueLabel', 'label') ?? '';
  if (/linear/i.test(style)) {
    return el('div', { class: 'w-gauge-linear', attrs: { role: 'meter', 'aria-valuenow': share } }, [
      el('div', { class: 'w-track' }, [el('div', { class: 'w-fill', style: { width: `${share * 100}%` } })]),
      label ? text(label, context) : null,
    ]);
  }
  // Apple's circular gauge is an open ring (a gap at the bottom), 3/4 of a turn.
  const radius = 20;
  const circumference = 2 * Math.PI * radius;
  const arc = circumference * 0.75;
  const ring = (cls: string, length: number) =>
    svg('circle', { class: cls, cx: 24, cy: 24, r: radius, fill: 'none', 'stroke-width': 5, 'stroke-linecap': 'round', 'stroke-dasharray': `${length} ${circumference}`, transform: 'rotate(135 24 24)' });
  const node = el('div', { class: 'w-gauge', attrs: { role: 'meter', 'aria-valuenow': share } }, [label ? text(label, context) : null]);
  node.prepend(svg('svg', { viewBox: '0 0 48 48', class: 'w-gauge-ring' }, [ring('w-gauge-track', arc), ring('w-gauge-value', arc * share)]));
  return node;
}

function progress(view: ViewNode, context: RenderContext): HTMLElement {
  const share = fraction(view);
  const label = propString(view, 'label', 'title');
  return el('div', { class: 'w-progress', attrs: { role: 'progressbar', 'aria-valuenow': share } }, [
    label ? text(label, context) : null,
    el('div', { class: `w-track${share === undefined ? ' w-indeterminate' : ''}` }, [el('div', { class: 'w-fill', style: { width: `${(share ?? 0.35) * 100}%` } })]),
  ]);
}

/** The view's containerBackground (iOS 17's `.containerBackground(_:for: .widget)`), searched depth-first. */
export function containerBackground(view: ViewNode): string | undefined {
  for (const modifier of view.modifiers) {
    if (modifier.name === 'containerBackground') return cssColor(modifier.args[0] as ModifierArg);
  }
  for (const child of view.children) {
    const found = containerBackground(child);
    if (found) return found;
  }
  return undefined;
}
