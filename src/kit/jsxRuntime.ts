// The JSX factory: `widgetkit/jsx-runtime` (sucrase's automatic runtime, which the module loader
// uses for .tsx and .jsx files) and the classic `h` / `Fragment` pragma. Elements build the same
// Views as the functions: props naming a modifier apply it (`<Text font="title">`), other props
// are the view's own arguments, and function components receive `{ ...props, children }`.
import { WidgetKitError } from './errors';
import {
  Divider, Gauge, Group, HStack, Image, Label, Link, MODIFIER_NAMES, ProgressView, Spacer, Text, VStack, View, ZStack, childViews,
  type ViewContent,
} from './views';
import { Button, INTERACTIVE_BUILDERS, Toggle } from './interactiveViews';

type Props = Record<string, unknown>;
/** Children are checked when the view is built (childViews), so they pass through as content. */
type Build = (props: Props, children: ViewContent[]) => View;
const stackOptions = (p: Props): { spacing?: number; alignment?: string } =>
  ({ spacing: p.spacing as number | undefined, alignment: p.alignment as string | undefined });

function text(children: unknown[]): string {
  return children.flat(Infinity).filter((c) => c !== null && c !== undefined && typeof c !== 'boolean').join('');
}

/** How each view function reads JSX props; the modifier props are applied afterwards. */
const BUILDERS = new Map<unknown, Build>([
  [Text, (p, c) => (p.date !== undefined ? Text(p.date as Date, p.style as 'date') : Text(text(c)))],
  [Image, (p) => Image({ systemName: p.systemName as string | undefined, name: p.name as string | undefined })],
  [VStack, (p, c) => VStack(stackOptions(p), ...c)],
  [HStack, (p, c) => HStack(stackOptions(p), ...c)],
  [ZStack, (p, c) => ZStack({ alignment: p.alignment as string | undefined }, ...c)],
  [Spacer, (p) => Spacer(p.minLength as number | undefined)],
  [Divider, () => Divider()],
  [Gauge, (p, c) => Gauge(Number(p.value), { in: p.in as [number, number] | undefined, label: (p.label as string | undefined) ?? (text(c) || undefined), currentValueLabel: p.currentValueLabel as string | undefined })],
  [ProgressView, (p, c) => ProgressView({ value: p.value as number | undefined, total: p.total as number | undefined, label: (p.label as string | undefined) ?? (text(c) || undefined) })],
  [Label, (p) => Label(String(p.title), String(p.systemImage))],
  [Link, (p, c) => Link(String(p.destination), ...c)],
  [Group, (_p, c) => Group(...c)],
  ...INTERACTIVE_BUILDERS,
]);

const BY_NAME = new Map<string, unknown>(
  Object.entries({ Text, Image, VStack, HStack, ZStack, Spacer, Divider, Gauge, ProgressView, Label, Link, Group, Button, Toggle }),
);

/** `<>...</>`: a Group. */
export function Fragment(props: { children?: unknown }): View {
  return Group(props.children as ViewContent);
}

function applyModifiers(view: View, props: Props): View {
  let result = view;
  for (const [name, value] of Object.entries(props)) {
    if (!MODIFIER_NAMES.has(name) || value === undefined) continue;
    result = Array.isArray(value) && name !== 'frame' ? result.modifier(name, ...value) : result.modifier(name, value);
  }
  return result;
}

function ownProps(props: Props): Props {
  const own: Props = {};
  for (const [key, value] of Object.entries(props)) if (!MODIFIER_NAMES.has(key) && key !== 'children') own[key] = value;
  return own;
}

function element(type: unknown, props: Props | null): View {
  const all = props ?? {};
  const children = (all.children === undefined ? [] : [all.children]) as ViewContent[];
  const resolved = typeof type === 'string' ? BY_NAME.get(type) : type;
  const build = BUILDERS.get(resolved);
  if (build) return applyModifiers(build(ownProps(all), children), all);
  if (resolved === Fragment) return Group(...children);
  if (typeof resolved === 'function') {
    const result: unknown = (resolved as (p: Props) => unknown)(all);
    const [view] = childViews([result], `<${resolved.name || 'component'}>`);
    if (!view) throw new WidgetKitError('invalid-argument', `<${resolved.name || 'component'}> returned nothing; return a view.`);
    return view;
  }
  throw new WidgetKitError('invalid-argument', `<${String(type)}> is not a widgetkit view; use Text, VStack, HStack, ZStack, Image, ...`);
}

/** Automatic runtime: one child or none (`key` has no meaning for plain-data views). */
export function jsx(type: unknown, props: Props | null, _key?: unknown): View {
  return element(type, props);
}

/** Automatic runtime: several static children. */
export const jsxs = jsx;

/** Development variant of the automatic runtime (same behaviour). */
export const jsxDEV = jsx;

/** Classic runtime: `/** @jsx h *\/` or jsxFactory "h". */
export function h(type: unknown, props: Props | null, ...children: unknown[]): View {
  return element(type, children.length ? { ...(props ?? {}), children } : props);
}
