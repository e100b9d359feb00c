// The lifecycle swimlanes of a debug session: one lane per process (system, transfer daemon,
// widget extension), the extension's launches as bars that end at their termination, each
// transfer as a bar from taskResume to transferComplete, and every trace record as a dot.
// Clicking a dot shows the record; when it carries a source location it also reveals the line.
// In a session that debugs a recording, the click also takes the debugger there (goToEvent); in a
// live session the details offer it, since going back re-executes the run.
import type { SourceLocation, TraceRecord } from '../protocol/lifecycle';
import { el, replaceChildren } from './elements';
import { buildLanes, describeRecord, LANES } from './laneModel';
import type { EventTone, LaneEvent } from './laneModel';
import { clockTime } from './pageModel';

const LEGEND: readonly [EventTone, string][] = [
  ['launch', 'launch'],
  ['terminate', 'termination'],
  ['provider', 'provider'],
  ['timeline', 'timeline'],
  ['transfer', 'transfer'],
  ['delegate', 'delegate'],
  ['completion', 'completion'],
  ['reload', 'reload'],
  ['finding', 'finding'],
];

/** Column width bounds: the lanes fill the panel, yet a long trace scrolls rather than squeezes. */
const MIN_COLUMN = 26;
const MAX_COLUMN = 64;
const TITLE_WIDTH = 128;
const MIN_TICK_GAP = 64;

export class LifecycleLanes {
  private selectedSeq: number | null = null;
  private column = MIN_COLUMN;
  private lastTrace: readonly TraceRecord[] | null = null;
  private replaying = false;
  private readonly details: HTMLElement;
  private readonly scroller: HTMLElement;

  /**
   * `onGoTo`: the debugger re-executes the run to a record (goToEvent, DESIGN.md section 11); the
   * details of a clicked event offer it.
   */
  constructor(
    root: HTMLElement,
    private readonly onReveal: (location: SourceLocation) => void,
    private readonly onGoTo: (seq: number) => void,
  ) {
    this.scroller = el('div', { class: 'lanes-scroller' });
    this.details = el('div', { class: 'lane-details', attrs: { 'aria-live': 'polite' } });
    replaceChildren(root, [this.scroller, this.details]);
  }

  /** `replaying`: the followed session debugs a recording, where a click on an event goes there. */
  render(trace: readonly TraceRecord[], replaying = false): void {
    if (trace === this.lastTrace && replaying === this.replaying) return;
    this.replaying = replaying;
    this.lastTrace = trace;
    const model = buildLanes(trace);
    const available = (this.scroller.clientWidth || 900) - TITLE_WIDTH - 2;
    const column = Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, available / (Math.max(1, model.columns) + 1)));
    this.column = column;
    const stickToEnd = this.scroller.scrollLeft + this.scroller.clientWidth >= this.scroller.scrollWidth - column * 2;
    const width = Math.max(1, model.columns) * column + column;
    let lastTick = -Infinity;
    const ticks = model.ticks.filter((tick) => {
      if (tick.column * column - lastTick < MIN_TICK_GAP) return false;
      lastTick = tick.column * column;
      return true;
    });
    const axis = el('div', { class: 'lane-axis', style: { width } },
      ticks.map((tick) => el('span', { class: 'lane-tick', text: clockTime(tick.time), style: { left: tick.column * column + column / 2 - 4 } })));
    const rows = LANES.map(({ lane, title }) => {
      const spans = model.spans.filter((s) => s.lane === lane).map((span) =>
        el('div', {
          class: `lane-span tone-${span.tone}${span.open ? ' open' : ''}`,
          attrs: { title: `${span.label}${span.end ? ` → ${span.end}` : ' (still running)'}` },
          style: { left: span.from * column + column / 2, width: Math.max(column / 2, (span.to - span.from) * column) },
        }, [el('span', { class: 'span-label', text: span.label }), span.end ? el('span', { class: 'span-end', text: span.end }) : null]));
      const dots = model.events.filter((e) => e.lane === lane).map((event) => this.dot(event));
      return el('div', { class: `lane lane-${lane}`, attrs: { role: 'row' } }, [
        el('div', { class: 'lane-title', text: title, attrs: { role: 'rowheader' } }),
        el('div', { class: 'lane-body', style: { width } }, [...spans, ...dots]),
      ]);
    });
    replaceChildren(this.scroller, trace.length === 0
      ? [el('div', { class: 'lanes-empty', text: 'No lifecycle events yet.' })]
      : [el('div', { class: 'lane axis-row' }, [el('div', { class: 'lane-title' }), axis]), ...rows]);
    if (stickToEnd) this.scroller.scrollLeft = this.scroller.scrollWidth;
    const selected = trace.find((r) => r.seq === this.selectedSeq);
    this.showDetails(selected ?? null);
  }

  private dot(event: LaneEvent): HTMLElement {
    const record = event.record;
    const reason = typeof record.detail?.reason === 'string' ? ` (${record.detail.reason})` : '';
    return el('button', {
      class: `lane-dot tone-${event.tone}${event.location ? ' has-source' : ''}${record.seq === this.selectedSeq ? ' selected' : ''}`,
      attrs: {
        'data-seq': record.seq,
        'data-event': record.event,
        title: `${clockTime(record.time)} ${describeRecord(record)}${reason}${this.clickHint(event)}`,
        'aria-label': `${record.event}${reason} at ${clockTime(record.time)}`,
      },
      style: { left: event.column * this.column + this.column / 2 },
      on: {
        click: () => {
          this.selectedSeq = record.seq;
          this.scroller.querySelectorAll('.lane-dot.selected').forEach((n) => n.classList.remove('selected'));
          this.scroller.querySelector(`.lane-dot[data-seq="${record.seq}"]`)?.classList.add('selected');
          this.showDetails(record);
          if (event.location) this.onReveal(event.location);
          if (this.replaying) this.onGoTo(record.seq);
        },
      },
    });
  }

  private clickHint(event: LaneEvent): string {
    if (this.replaying) return event.location ? ' — click to go to this event and its source' : ' — click to go to this event';
    return event.location ? ' — click to reveal source' : '';
  }

  private showDetails(record: TraceRecord | null): void {
    if (!record) {
      replaceChildren(this.details, [
        ...LEGEND.map(([tone, label]) => el('span', { class: 'legend-item' }, [el('span', { class: `legend-dot tone-${tone}` }), label])),
        el('span', { class: 'muted legend-hint', text: this.replaying ? 'Click an event: the debugger goes there, in the recorded run.' : 'Click an event for its record and source line, and to go back to it.' }),
      ]);
      return;
    }
    const detail = record.detail ? JSON.stringify(record.detail) : '';
    replaceChildren(this.details, [
      el('span', { class: 'detail-time', text: clockTime(record.time) }),
      el('span', { class: 'detail-event', text: describeRecord(record) }),
      this.replaying ? el('span', { class: 'muted go-to-event-note', text: `the debugger goes to record #${record.seq}` }) : el('button', {
        class: 'action go-to-event',
        text: 'Go to this event',
        attrs: { 'data-action': 'go-to-event', title: `The debugger runs the recorded run again up to record #${record.seq} and stops there (Step Back goes further back)` },
        on: { click: () => this.onGoTo(record.seq) },
      }),
      detail ? el('code', { class: 'detail-json', text: detail.length > 400 ? `${detail.slice(0, 400)}…` : detail }) : null,
    ]);
  }
}
