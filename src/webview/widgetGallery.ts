// The stage: the selected entry rendered as the widget in every family the device offers, each
// at its point size from the HIG table, in light and dark on home-screen (or lock-screen, for
// accessory families) wallpaper; or one family enlarged. Moving between entries cross-fades the
// content and slides numeric text, as `.contentTransition(.numericText())` does on a device.
import type { RenderedEntry, WidgetFamily } from '../protocol/lifecycle';
import { widgetSize } from '../protocol/widgetSizes';
import { el, replaceChildren } from './elements';
import { familyLabel, isAccessory } from './pageModel';
import type { ModeContent } from './pageModel';
import { familyMode, showsContainerBackground, viewInMode } from './renderingModes';
import type { PreviewRenderingMode, RenderingChoice } from './renderingModes';
import { renderingMatrix } from './renderingMatrix';
import { treatmentFor } from './renderingTreatment';
import { symbolButton } from './symbolElement';
import { containerBackground, renderView } from './viewRenderer';

export type Appearance = 'both' | 'light' | 'dark';

export interface GalleryInput {
  content: ModeContent;
  device: string;
  selected: number;
  appearance: Appearance;
  /** One family enlarged, or null for every family side by side. */
  focus: WidgetFamily | null;
  /** The rendering mode every widget is drawn in, or 'matrix': each family in every mode. */
  rendering: RenderingChoice;
}

/** Fixed enlargement for the focused family, capped so the widget still fits a narrow panel. */
function focusScale(width: number): number {
  return Math.max(1, Math.min(2, 640 / width));
}

export class WidgetGallery {
  private layoutKey = '';
  private readonly frames = new Map<string, HTMLElement>();

  constructor(
    private readonly root: HTMLElement,
    private readonly onFocus: (family: WidgetFamily | null) => void,
    /** Asks the system to render a family it has not rendered yet (it renders the requested one). */
    private readonly onRequestFamily: (family: WidgetFamily) => void,
  ) {}

  render(input: GalleryInput, animate: boolean): void {
    const families = input.focus && input.content.families.includes(input.focus) ? [input.focus] : input.content.families;
    const appearances = input.appearance === 'both' ? (['light', 'dark'] as const) : [input.appearance];
    const key = JSON.stringify([families, appearances, input.device, input.content.redacted, input.focus, input.rendering]);
    const entry = input.content.entries[input.selected] ?? null;
    if (key !== this.layoutKey) {
      this.layoutKey = key;
      this.build(families, appearances, input);
      animate = false;
    }
    for (const [id, frame] of this.frames) {
      const [family, appearance, mode] = id.split('/') as [WidgetFamily, string, PreviewRenderingMode];
      this.fill(frame, family, mode, entry, input.content.redacted, animate);
      frame.setAttribute('aria-label', `${familyLabel(family)} widget, ${appearance}, ${familyMode(family, mode)}`);
    }
  }

  private build(families: WidgetFamily[], appearances: readonly ('light' | 'dark')[], input: GalleryInput): void {
    this.frames.clear();
    if (families.length === 0) {
      replaceChildren(this.root, [
        el('div', { class: 'empty-state' }, [
          el('div', { class: 'empty-title', text: 'No family to show on this device' }),
          el('div', { class: 'empty-detail', text: `${input.device} offers none of the widget's supported families; pick another device.` }),
        ]),
      ]);
      return;
    }
    if (input.rendering === 'matrix') {
      replaceChildren(this.root, [renderingMatrix(families, appearances, input.device, (family, appearance, mode) => this.frame(family, appearance, input.device, 1, mode))]);
      return;
    }
    const mode = input.rendering;
    const focused = input.focus !== null && families.length === 1;
    if (focused) {
      replaceChildren(this.root, [this.focusedCard(families[0], appearances, input.device, mode)]);
      return;
    }
    // Like the device: system families on the home screen, accessory families on the lock screen.
    const screens: HTMLElement[] = [];
    for (const [title, group, lock] of [[mode === 'vibrant' ? 'StandBy' : 'Home Screen', families.filter((f) => !isAccessory(f)), false], ['Lock Screen', families.filter(isAccessory), true]] as const) {
      if (group.length === 0) continue;
      for (const appearance of appearances) {
        screens.push(el('section', { class: `screen wallpaper appearance-${appearance}${lock ? ' lock' : ` rendering-${mode}`}`, attrs: { 'aria-label': `${title}, ${appearance}` } }, [
          el('header', { class: 'screen-title', text: `${title} · ${appearance === 'light' ? 'Light' : 'Dark'}` }),
          el('div', { class: 'screen-grid' }, group.map((family) => this.tile(family, appearance, input.device, mode))),
        ]));
      }
    }
    replaceChildren(this.root, [el('div', { class: 'screens' }, screens)]);
  }

  private frame(family: WidgetFamily, appearance: 'light' | 'dark', device: string, scale: number, mode: PreviewRenderingMode): HTMLElement {
    const size = widgetSize(device, family)!;
    const drawn = familyMode(family, mode);
    const frame = el('div', {
      class: `widget ${isAccessory(family) ? 'accessory' : 'system'} family-${family} rendering-${drawn}`,
      attrs: { 'data-family': family, 'data-appearance': appearance, 'data-rendering': drawn, role: 'img' },
      style: { width: size.width, height: size.height, transform: scale === 1 ? undefined : `scale(${scale})` },
    });
    this.frames.set(`${family}/${appearance}/${mode}`, frame);
    return el('div', { class: 'widget-slot', style: { width: size.width * scale, height: size.height * scale } }, [frame]);
  }

  private tile(family: WidgetFamily, appearance: 'light' | 'dark', device: string, mode: PreviewRenderingMode): HTMLElement {
    const size = widgetSize(device, family)!;
    return el('figure', { class: 'tile', attrs: { 'data-family': family } }, [
      this.frame(family, appearance, device, 1, mode),
      el('figcaption', { class: 'tile-caption' }, [
        el('span', { class: 'family-name', text: familyLabel(family) }),
        el('span', { class: 'family-size', text: `${size.width}×${size.height}` }),
        symbolButton('arrow.up.left.and.arrow.down.right', `Enlarge ${familyLabel(family)}`, () => this.onFocus(family)),
      ]),
    ]);
  }

  private focusedCard(family: WidgetFamily, appearances: readonly ('light' | 'dark')[], device: string, mode: PreviewRenderingMode): HTMLElement {
    const size = widgetSize(device, family)!;
    const scale = focusScale(size.width * appearances.length);
    return el('section', { class: 'family-card focused', attrs: { 'data-family': family } }, [
      el('header', { class: 'family-header' }, [
        el('span', { class: 'family-name', text: familyLabel(family) }),
        el('span', { class: 'family-size', text: `${size.width} × ${size.height} pt · shown at ${Math.round(scale * 100)}%` }),
        symbolButton('arrow.down.right.and.arrow.up.left', 'Show every family', () => this.onFocus(null)),
      ]),
      el('div', { class: 'family-stage' }, appearances.map((appearance) =>
        el('div', { class: `wallpaper appearance-${appearance}${isAccessory(family) ? ' lock' : ` rendering-${mode}`}` }, [
          this.frame(family, appearance, device, scale, mode),
          el('div', { class: 'wallpaper-label', text: appearance === 'light' ? 'Light' : 'Dark' }),
        ]))),
    ]);
  }

  private fill(frame: HTMLElement, family: WidgetFamily, mode: PreviewRenderingMode, entry: RenderedEntry | null, redacted: boolean, animate: boolean): void {
    const rendered = entry ? viewInMode(entry, family, mode) : undefined;
    let content: HTMLElement;
    let background: string | undefined;
    if (!entry) {
      content = el('div', { class: 'w-content w-message', text: 'No entry' });
    } else if (!rendered) {
      content = el('div', { class: 'w-content w-message' }, [
        el('span', { text: `${familyLabel(family)} is not rendered yet` }),
        el('button', { class: 'w-render-button', text: `Render ${familyLabel(family)}`, attrs: { 'data-render-family': family }, on: { click: () => this.onRequestFamily(family) } }),
      ]);
    } else if (!rendered.ok) {
      content = el('div', { class: 'w-content w-message w-error' }, [el('strong', { text: 'view threw' }), el('span', { text: rendered.error })]);
    } else {
      content = el('div', { class: `w-content${redacted ? ' redacted' : ''}` }, [renderView(rendered.view, { redacted, now: entry.date, treatment: treatmentFor(familyMode(family, mode)) })]);
      // The system removes the container background outside the default Home Screen.
      background = showsContainerBackground(family, mode) ? containerBackground(rendered.view) : undefined;
    }
    frame.style.setProperty('--w-container', background ?? 'var(--w-default-container)');
    frame.classList.toggle('has-container', background !== undefined);
    const previous = frame.querySelector(':scope > .w-content:not(.leaving)');
    frame.appendChild(content);
    if (!previous) return;
    if (!animate || matchMedia('(prefers-reduced-motion: reduce)').matches) {
      frame.querySelectorAll(':scope > .w-content.leaving').forEach((n) => n.remove());
      previous.remove();
      return;
    }
    previous.classList.add('leaving');
    content.classList.add('entering');
    previous.addEventListener('animationend', () => previous.remove(), { once: true });
    // A fallback for pages whose animations are throttled (hidden panels): never leave both.
    setTimeout(() => previous.remove(), 600);
  }
}
