// The timeline strip: a card per entry with its time, its distance from virtual now and its
// relevance, a thumbnail of the widget, the entry current at virtual now marked, and the reload
// policy as the last card. Virtualised: only the cards in view (plus a margin) exist in the DOM,
// so a 10,000-entry timeline scrolls and arrows as lightly as a 10-entry one.
import type { WidgetFamily } from '../protocol/lifecycle';
import { widgetSize } from '../protocol/widgetSizes';
import { el } from './elements';
import { clockTime, dayLabel, maxRelevance, offsetLabel, policyLabel } from './pageModel';
import type { ModeContent } from './pageModel';
import { familyMode, showsContainerBackground, viewInMode } from './renderingModes';
import type { PreviewRenderingMode } from './renderingModes';
import { treatmentFor } from './renderingTreatment';
import { containerBackground, renderView } from './viewRenderer';

/** Card width plus gap, in CSS pixels: the unit of the virtual track. */
export const CARD_PITCH = 120;
const CARD_WIDTH = 110;
const THUMB = { width: 94, height: 54 };
/** Cards rendered beyond each edge of the viewport. */
const OVERSCAN = 4;

export interface StripInput {
  content: ModeContent;
  selected: number;
  now: string;
  device: string;
  /** The family the thumbnails show (the focused one, else the first). */
  family: WidgetFamily | null;
  appearance: 'light' | 'dark';
  /** The rendering mode the thumbnails are drawn in, as the stage (full colour when absent). */
  rendering?: PreviewRenderingMode;
}

export class TimelineStrip {
  readonly viewport: HTMLElement;
  private readonly track: HTMLElement;
  private readonly cards = new Map<number, HTMLElement>();
  private input: StripInput | null = null;
  private relevanceMax = 0;
  private policyCard: HTMLElement | null = null;
  private frame = 0;

  constructor(
    root: HTMLElement,
    private readonly onSelect: (index: number) => void,
  ) {
    this.track = el('div', { class: 'strip-track' });
    this.viewport = el('div', {
      class: 'strip-viewport',
      attrs: { tabindex: 0, role: 'listbox', 'aria-label': 'Timeline entries (Left/Right to move, Home/End, Space to play)', 'aria-orientation': 'horizontal' },
      on: { scroll: () => this.schedule() },
    }, [this.track]);
    root.appendChild(this.viewport);
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  /** New content (a new snapshot, mode, device or family): every card is rebuilt. */
  render(input: StripInput): void {
    const contentChanged = input.content !== this.input?.content || input.family !== this.input?.family || input.appearance !== this.input?.appearance || input.device !== this.input?.device || input.rendering !== this.input?.rendering;
    this.input = input;
    if (contentChanged) {
      this.relevanceMax = maxRelevance(input.content.entries);
      for (const card of this.cards.values()) card.remove();
      this.cards.clear();
      this.policyCard?.remove();
      this.policyCard = null;
      const count = input.content.entries.length;
      this.track.style.width = `${count * CARD_PITCH + (input.content.policy ? CARD_PITCH + 40 : 0)}px`;
    }
    this.renderRange();
    this.markSelection();
    this.reveal(input.selected);
  }

  /** Only the selection moved: restyle the cards in view and scroll the new one into view. */
  select(index: number): void {
    if (!this.input) return;
    this.input = { ...this.input, selected: index };
    this.markSelection();
    this.reveal(index);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderRange();
      this.markSelection();
    });
  }

  private visibleRange(): [number, number] {
    const count = this.input?.content.entries.length ?? 0;
    const width = this.viewport.clientWidth || 800;
    const first = Math.max(0, Math.floor(this.viewport.scrollLeft / CARD_PITCH) - OVERSCAN);
    const last = Math.min(count - 1, Math.ceil((this.viewport.scrollLeft + width) / CARD_PITCH) + OVERSCAN);
    return [first, last];
  }

  private renderRange(): void {
    if (!this.input) return;
    const [first, last] = this.visibleRange();
    for (const [index, card] of this.cards) {
      if (index < first || index > last) {
        card.remove();
        this.cards.delete(index);
      }
    }
    for (let index = first; index <= last; index++) {
      if (!this.cards.has(index)) {
        const card = this.card(index);
        this.cards.set(index, card);
        this.track.appendChild(card);
      }
    }
    const { policy, entries } = this.input.content;
    if (policy && !this.policyCard && last >= entries.length - 1 - OVERSCAN) {
      const label = policyLabel(policy);
      this.policyCard = el('div', { class: 'strip-policy', attrs: { title: label.detail }, style: { left: entries.length * CARD_PITCH } }, [
        el('span', { class: 'policy-icon', text: policy.kind === 'never' ? '⏹' : '↻' }),
        el('span', { class: 'policy-title', text: label.title }),
        el('span', { class: 'policy-detail', text: label.detail }),
      ]);
      this.track.appendChild(this.policyCard);
    }
  }

  private card(index: number): HTMLElement {
    const input = this.input!;
    const entry = input.content.entries[index];
    const current = index === input.content.currentIndex;
    const score = entry.relevance?.score;
    const card = el('div', {
      class: `strip-card${current ? ' current' : ''}${input.content.currentIndex >= 0 && index < input.content.currentIndex ? ' past' : ''}`,
      attrs: { role: 'option', id: `entry-${index}`, 'data-index': index, title: `${dayLabel(entry.date)} ${clockTime(entry.date)}${score !== undefined ? ` · relevance ${score}` : ''}` },
      style: { left: index * CARD_PITCH, width: CARD_WIDTH },
      on: { click: () => this.onSelect(index) },
    }, [
      current ? el('span', { class: 'now-badge', text: 'NOW' }) : null,
      this.thumbnail(index),
      el('div', { class: 'card-times' }, [el('span', { class: 'card-time', text: clockTime(entry.date) }), el('span', { class: 'card-offset', text: offsetLabel(entry.date, input.now) })]),
      el('div', { class: 'relevance', attrs: { title: score === undefined ? 'No relevance' : `Relevance ${score}${entry.relevance?.duration ? ` for ${Math.round(entry.relevance.duration / 60)} min` : ''}` } }, [
        el('div', { class: 'relevance-fill', style: { width: score === undefined || this.relevanceMax === 0 ? '0%' : `${Math.max(4, (score / this.relevanceMax) * 100)}%` } }),
      ]),
    ]);
    return card;
  }

  private thumbnail(index: number): HTMLElement {
    const input = this.input!;
    const family = input.family;
    const size = family ? widgetSize(input.device, family) : undefined;
    const mode = input.rendering ?? 'fullColor';
    const rendered = family ? viewInMode(input.content.entries[index], family, mode) : undefined;
    const drawn = family ? familyMode(family, mode) : mode;
    const box = el('div', { class: `card-thumb appearance-${input.appearance} rendering-${drawn}` });
    if (!family || !size || !rendered?.ok) {
      box.appendChild(el('span', { class: 'thumb-missing', text: rendered && !rendered.ok ? '⚠' : '—' }));
      return box;
    }
    const scale = Math.min(THUMB.width / size.width, THUMB.height / size.height);
    const mini = el('div', {
      class: `widget mini ${family.startsWith('accessory') ? 'accessory' : 'system'} family-${family} rendering-${drawn}`,
      style: { width: size.width, height: size.height, transform: `scale(${scale})`, '--w-container': (showsContainerBackground(family, mode) ? containerBackground(rendered.view) : undefined) ?? 'var(--w-default-container)' },
    }, [el('div', { class: `w-content${input.content.redacted ? ' redacted' : ''}` }, [renderView(rendered.view, { redacted: input.content.redacted, now: input.content.entries[index].date, treatment: treatmentFor(drawn) })])]);
    box.appendChild(el('div', { class: 'thumb-slot', style: { width: size.width * scale, height: size.height * scale } }, [mini]));
    return box;
  }

  private markSelection(): void {
    if (!this.input) return;
    for (const [index, card] of this.cards) {
      const selected = index === this.input.selected;
      card.classList.toggle('selected', selected);
      card.setAttribute('aria-selected', String(selected));
    }
    this.viewport.setAttribute('aria-activedescendant', `entry-${this.input.selected}`);
  }

  private reveal(index: number): void {
    if (index < 0) return;
    const left = index * CARD_PITCH;
    const width = this.viewport.clientWidth;
    const margin = CARD_PITCH;
    let target = this.viewport.scrollLeft;
    if (left - margin < target) target = Math.max(0, left - margin);
    else if (left + CARD_PITCH + margin > target + width) target = left + CARD_PITCH + margin - width;
    if (target === this.viewport.scrollLeft) return;
    const far = Math.abs(target - this.viewport.scrollLeft) > width * 2;
    this.viewport.scrollTo({ left: target, behavior: far || matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    this.schedule();
  }
}
