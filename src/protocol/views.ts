// The view tree a widget's `view` returns: plain serialisable data, SwiftUI-like. The kit builds
// it, the system carries it, the webview renders it.

export type ViewType =
  | 'Text'
  | 'Image'
  | 'VStack'
  | 'HStack'
  | 'ZStack'
  | 'Spacer'
  | 'Divider'
  | 'Gauge'
  | 'ProgressView'
  | 'Label'
  | 'Link'
  | 'Group'
  | 'Button'
  | 'Toggle';

export type ModifierArg = string | number | boolean | null | { [key: string]: ModifierArg } | ModifierArg[];

export interface ViewModifier {
  /** e.g. font, foregroundStyle, padding, frame, background, containerBackground, contentTransition. */
  name: string;
  args: ModifierArg[];
}

export interface ViewNode {
  type: ViewType;
  /**
   * Type-specific properties: Text.text, Image.systemName, Gauge.value, stack spacing, ...; a
   * Button or Toggle (iOS 17) its intent and bound parameters, a Toggle also isOn.
   */
  props: { [key: string]: ModifierArg };
  modifiers: ViewModifier[];
  children: ViewNode[];
}
