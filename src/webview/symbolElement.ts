// Builds the DOM for an SF Symbol (see symbols.ts): an inline SVG sized to the text (1em, so
// `.font` and `.imageScale` size it as they size SF Symbols) or a text glyph. Used by widget
// views and by the page's own buttons alike.
import { el, svg } from './elements';
import { symbolArt } from './symbols';

export function symbolNode(name: string): { node: Element; known: boolean } {
  const art = symbolArt(name);
  if (art.kind === 'glyph') return { node: document.createTextNode(art.glyph) as unknown as Element, known: art.known };
  const parts = art.parts.map((part) =>
    svg(part.tag, {
      ...part.attrs,
      fill: art.filled && part.fill ? 'currentColor' : 'none',
      stroke: 'currentColor',
      ...(part.tone ? { class: `tone-${part.tone}` } : {}),
    }));
  return { node: svg('svg', { viewBox: '0 0 24 24', class: 'sf-symbol', 'stroke-width': 1.8, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true' }, parts), known: true };
}

/** A page button drawn with a symbol (transport, enlarge), labelled for screen readers. */
export function symbolButton(symbol: string, label: string, onClick: () => void, attrs: Record<string, string | boolean> = {}): HTMLButtonElement {
  const button = el('button', { class: 'icon-button', attrs: { title: label, 'aria-label': label, ...attrs }, on: { click: onClick } });
  button.appendChild(symbolNode(symbol).node);
  return button;
}
