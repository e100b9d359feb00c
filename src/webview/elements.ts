// The page's one way to make DOM nodes: a tiny typed element builder, so that every renderer
// builds elements the same way and never goes through innerHTML (user strings stay text).
export type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  class?: string;
  /** Attributes, set with setAttribute (aria-*, data-*, role, title, tabindex, ...). */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** Inline style properties, camelCase or --custom-property. */
  style?: Record<string, string | number | undefined>;
  text?: string;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  if (options.style) applyStyle(node, options.style);
  for (const [type, listener] of Object.entries(options.on ?? {})) {
    node.addEventListener(type, listener as EventListener);
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function applyStyle(node: HTMLElement | SVGElement, style: Record<string, string | number | undefined>): void {
  for (const [name, value] of Object.entries(style)) {
    if (value === undefined) continue;
    if (name.startsWith('--')) node.style.setProperty(name, String(value));
    else (node.style as unknown as Record<string, string>)[name] = typeof value === 'number' ? `${value}px` : value;
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag: string, attrs: Record<string, string | number>, children: SVGElement[] = []): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.appendChild(child);
  return node;
}

/** Replaces a container's children in one step. */
export function replaceChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
