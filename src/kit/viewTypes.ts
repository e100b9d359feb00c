// The argument types of the view builders and modifiers, as widget code sees them in
// types/widgetkit.d.ts (generated from the kit's sources). SwiftUI's names where they exist.

export type Font =
  | 'largeTitle' | 'title' | 'title2' | 'title3' | 'headline' | 'subheadline' | 'body' | 'callout' | 'footnote' | 'caption' | 'caption2'
  | { size: number; weight?: FontWeight; design?: 'default' | 'rounded' | 'serif' | 'monospaced' };
export type FontWeight = 'ultraLight' | 'thin' | 'light' | 'regular' | 'medium' | 'semibold' | 'bold' | 'heavy' | 'black';
/** A colour name ('orange', 'secondary'), a hex string ('#ff8800') or a gradient description. */
export type ShapeStyle = string | { [key: string]: unknown };
export type Edge = 'all' | 'horizontal' | 'vertical' | 'top' | 'bottom' | 'leading' | 'trailing';
export interface FrameOptions {
  width?: number; height?: number; minWidth?: number; maxWidth?: number | 'infinity';
  minHeight?: number; maxHeight?: number | 'infinity'; alignment?: string;
}
export type DateStyle = 'time' | 'date' | 'relative' | 'offset' | 'timer';
export type ContentTransition = 'numericText' | 'opacity' | 'identity' | 'interpolate';
export type TextAlignment = 'leading' | 'center' | 'trailing';
export type RedactionReason = 'placeholder' | 'privacy';
export interface StackOptions { spacing?: number; alignment?: string }
