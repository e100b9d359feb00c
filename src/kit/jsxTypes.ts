// The JSX types of widgetkit's factory (src/kit/jsxRuntime.ts): which props each built-in view
// takes (its arguments by name, plus every modifier as a prop: `<Text font="title" padding={8}>`),
// for TypeScript's automatic runtime (`jsxImportSource: "widgetkit"`) and the classic `h` pragma.
// Types only: they reach widget code through types/widgetkit.d.ts.
import type {
  Divider, Gauge, Group, HStack, Image, Label, Link, ProgressView, Spacer, Text, View, VStack, ZStack,
} from './views';
import type { Button, Toggle } from './interactiveViews';
import type { IntentInvocation } from './intents';
import type { WidgetAccentedRenderingMode } from '../protocol/renderingModes';
import type { ContentTransition, DateStyle, Edge, Font, FontWeight, FrameOptions, RedactionReason, ShapeStyle, TextAlignment } from './viewTypes';

/** Props that apply a modifier: `<Text font="title" padding={8}>`; an array spreads the arguments. */
export interface ModifierProps {
  font?: Font;
  fontWeight?: FontWeight;
  foregroundStyle?: ShapeStyle;
  padding?: number | [Edge, number?];
  frame?: FrameOptions;
  background?: ShapeStyle | View;
  containerBackground?: ShapeStyle | View | [ShapeStyle | View, 'widget'];
  contentTransition?: ContentTransition;
  multilineTextAlignment?: TextAlignment;
  lineLimit?: number | null;
  minimumScaleFactor?: number;
  opacity?: number;
  cornerRadius?: number;
  widgetURL?: string;
  redacted?: RedactionReason;
  widgetAccentable?: boolean;
  widgetAccentedRenderingMode?: WidgetAccentedRenderingMode | null;
  invalidatableContent?: boolean;
}

type Children = { children?: unknown };

/** The JSX props of each built-in view (its arguments by name). */
type BuiltinProps<C> =
  C extends typeof Text ? { date?: Date; style?: DateStyle } :
  C extends typeof Image ? { systemName?: string; name?: string } :
  C extends typeof VStack | typeof HStack ? { spacing?: number; alignment?: string } :
  C extends typeof ZStack ? { alignment?: string } :
  C extends typeof Spacer ? { minLength?: number } :
  C extends typeof Gauge ? { value: number; in?: [number, number]; label?: string; currentValueLabel?: string } :
  C extends typeof ProgressView ? { value?: number; total?: number; label?: string } :
  C extends typeof Label ? { title: string; systemImage: string } :
  C extends typeof Link ? { destination: string } :
  C extends typeof Divider | typeof Group ? {} :
  C extends typeof Button ? { intent: IntentInvocation } :
  C extends typeof Toggle ? { isOn: boolean; intent: IntentInvocation } :
  never;

type Builtin = typeof Text | typeof Image | typeof VStack | typeof HStack | typeof ZStack | typeof Spacer | typeof Divider
  | typeof Gauge | typeof ProgressView | typeof Label | typeof Link | typeof Group | typeof Button | typeof Toggle;

// A namespace: TypeScript looks up JSX types only in a namespace named JSX.
export namespace JSX {
  export type Element = View;
  export interface ElementChildrenAttribute { children: {} }
  export interface IntrinsicElements {}
  /** Built-in views take their arguments and modifiers as props; your components take their own props. */
  export type LibraryManagedAttributes<C, P> = C extends Builtin ? BuiltinProps<C> & ModifierProps & Children : P;
}
