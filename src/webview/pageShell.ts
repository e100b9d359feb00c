// The page's frame: the skeleton built once (header, banner, mode bar, stage, strip, inspector)
// and the small pieces redrawn with each snapshot: the header's status, the load-error banner,
// the mode and appearance pickers and the transport bar.
import type { SourceLocation, WidgetStateSnapshot } from '../protocol/lifecycle';
import type { SnapshotSource } from '../protocol/webview';
import { DEVICES } from '../protocol/widgetSizes';
import { el, replaceChildren } from './elements';
import { baseName, sourceLink } from './findingsView';
import { clockTime, dayLabel } from './pageModel';
import { symbolButton, symbolNode } from './symbolElement';
import type { ModeId, ModeOption } from './pageModel';
import type { Appearance } from './widgetGallery';
import { renderingModeBar } from './renderingModeBar';

export interface Shell {
  title: HTMLElement;
  status: HTMLElement;
  banner: HTMLElement;
  modes: HTMLElement;
  device: HTMLSelectElement;
  appearance: HTMLElement;
  /** Full colour, tinted, clear, vibrant or all of them (src/webview/renderingModeBar.ts). */
  rendering: HTMLElement;
  stage: HTMLElement;
  transport: HTMLElement;
  /** The selected entry's own data (what the provider put in it), folded by default. */
  entryData: HTMLElement;
  strip: HTMLElement;
  inspector: HTMLElement;
  actions: HTMLElement;
  lanes: HTMLElement;
  sessions: HTMLElement;
  findings: HTMLElement;
}

const panel = (title: string, body: HTMLElement, extra?: HTMLElement) =>
  el('section', { class: 'panel' }, [el('header', { class: 'panel-header' }, [el('h2', { text: title }), extra ?? null]), body]);

export function buildShell(root: HTMLElement): Shell {
  const shell: Shell = {
    title: el('div', { class: 'title' }),
    status: el('div', { class: 'status' }),
    banner: el('div', { class: 'banner-area', attrs: { 'aria-live': 'assertive' } }),
    modes: el('div', { class: 'segmented modes', attrs: { role: 'tablist', 'aria-label': 'Preview mode' } }),
    device: el('select', { class: 'device-select', attrs: { 'aria-label': 'Device', title: 'Device whose widget sizes (HIG) the preview uses' } },
      Object.keys(DEVICES).map((name) => el('option', { text: name, attrs: { value: name } }))),
    appearance: el('div', { class: 'segmented appearance', attrs: { role: 'group', 'aria-label': 'Appearance' } }),
    rendering: renderingModeBar(),
    stage: el('main', { class: 'stage' }),
    transport: el('div', { class: 'transport' }),
    entryData: el('pre', { class: 'entry-data-json' }),
    strip: el('div', { class: 'strip' }),
    inspector: el('div', { class: 'inspector' }),
    actions: el('div', { class: 'actions', attrs: { role: 'toolbar', 'aria-label': 'Lifecycle controls' } }),
    lanes: el('div', { class: 'lanes' }),
    sessions: el('div', { class: 'session-cache' }),
    findings: el('div', { class: 'findings-list' }),
  };
  replaceChildren(shell.inspector, [
    panel('Lifecycle', shell.lanes, shell.actions),
    el('div', { class: 'panel-row' }, [panel('Session cache', shell.sessions), panel('Findings', shell.findings)]),
  ]);
  replaceChildren(root, [
    el('header', { class: 'topbar' }, [shell.title, shell.status]),
    shell.banner,
    el('nav', { class: 'modebar' }, [shell.modes, el('div', { class: 'grow' }), shell.rendering, shell.device, shell.appearance]),
    shell.stage,
    el('section', { class: 'timeline', attrs: { 'aria-label': 'Timeline' } }, [
      shell.transport,
      shell.strip,
      el('details', { class: 'entry-data' }, [el('summary', { text: 'Entry data' }), shell.entryData]),
    ]),
    shell.inspector,
  ]);
  return shell;
}

export function renderHeader(shell: Shell, snapshot: WidgetStateSnapshot, source: SnapshotSource): void {
  const widget = snapshot.widget;
  replaceChildren(shell.title, [
    el('span', { class: 'widget-name', text: widget?.displayName ?? 'Widget' }),
    widget ? el('span', { class: 'widget-kind', text: widget.kind }) : null,
    widget ? el('span', { class: 'widget-file', text: baseName(widget.file), attrs: { title: widget.file } }) : null,
  ]);
  const ext = snapshot.extension;
  const stateLabel: Record<string, string> = { notRunning: 'not running', launching: 'launching', running: 'running', suspended: 'suspended' };
  replaceChildren(shell.status, [
    el('span', { class: `chip source-${source.kind}`, text: source.kind === 'debug' ? `${source.replaying ? 'Replaying a recording' : 'Debugging'} · ${source.sessionName}` : 'Preview run' }),
    el('span', { class: 'clock', attrs: { title: `Virtual now (${snapshot.clock} clock)` } }, [
      el('span', { class: 'clock-icon' }, [symbolNode('clock').node]),
      el('span', { class: 'clock-time', text: clockTime(snapshot.now) }),
      el('span', { class: 'clock-day', text: `${dayLabel(snapshot.now)} · ${snapshot.clock}` }),
    ]),
    el('span', { class: `chip ext-${ext.state}`, text: `extension ${stateLabel[ext.state] ?? ext.state}${ext.pid ? ` · pid ${ext.pid}` : ''}${ext.launch ? ` · launch ${ext.launch}` : ''}` }),
  ]);
}

export function renderBanner(shell: Shell, snapshot: WidgetStateSnapshot | null, notice: { level: string; text: string } | null, showingLastGood: boolean, onReveal: (l: SourceLocation) => void): void {
  const items: HTMLElement[] = [];
  const error = snapshot?.loadError;
  if (error) {
    items.push(el('div', { class: 'banner banner-error', attrs: { role: 'alert' } }, [
      el('span', { class: 'banner-icon' }, [symbolNode('exclamationmark.triangle.fill').node]),
      el('div', { class: 'banner-body' }, [
        el('div', { class: 'banner-title', text: 'The widget failed to load' }),
        el('div', { class: 'banner-message', text: error.message }),
        showingLastGood ? el('div', { class: 'banner-note', text: 'Showing the last successful render; save a fix to redraw.' }) : null,
      ]),
      error.location ? sourceLink(error.location, onReveal) : null,
    ]));
  }
  if (notice) {
    items.push(el('div', { class: `banner banner-${notice.level}`, attrs: { role: notice.level === 'error' ? 'alert' : 'status' } }, [
      el('span', { class: 'banner-icon' }, [symbolNode(notice.level === 'info' ? 'info.circle' : 'exclamationmark.triangle.fill').node]),
      el('div', { class: 'banner-body' }, [el('div', { class: 'banner-message', text: notice.text })]),
    ]));
  }
  replaceChildren(shell.banner, items);
}

export function renderModes(shell: Shell, options: ModeOption[], active: ModeId, onMode: (mode: ModeId) => void): void {
  replaceChildren(shell.modes, options.map((option) =>
    el('button', {
      class: `segment${option.id === active ? ' active' : ''}${option.id.startsWith('preview:') ? ' named' : ''}`,
      text: option.label,
      attrs: { role: 'tab', 'aria-selected': String(option.id === active), disabled: option.count === 0, 'data-mode': option.id, title: `${option.label}: ${option.count} ${option.count === 1 ? 'entry' : 'entries'}` },
      on: { click: () => onMode(option.id) },
    })));
}

export function renderAppearance(shell: Shell, active: Appearance, onAppearance: (a: Appearance) => void): void {
  const labels: Record<Appearance, string> = { light: '☀ Light', dark: '☾ Dark', both: 'Both' };
  replaceChildren(shell.appearance, (['light', 'dark', 'both'] as const).map((a) =>
    el('button', { class: `segment${a === active ? ' active' : ''}`, text: labels[a], attrs: { 'aria-pressed': String(a === active), 'data-appearance': a }, on: { click: () => onAppearance(a) } })));
}

export interface TransportInput {
  count: number;
  total: number;
  selected: number;
  currentIndex: number;
  playing: boolean;
  loop: boolean;
  dateOfSelected: string | null;
}

/** The entry's data as the provider returned it (dates as ISO strings), for checking what a view was given. */
export function renderEntryData(shell: Shell, data: unknown): void {
  const text = data === undefined ? '' : JSON.stringify(data, null, 2);
  shell.entryData.textContent = text.length > 20_000 ? `${text.slice(0, 20_000)}\n…` : text;
}

export interface TransportActions {
  move: (delta: number) => void;
  togglePlay: () => void;
  toggleLoop: () => void;
  jumpToNow: () => void;
}

export function renderTransport(shell: Shell, input: TransportInput, actions: TransportActions): void {
  const atCurrent = input.selected === input.currentIndex;
  replaceChildren(shell.transport, [
    symbolButton('backward.end.fill', 'Previous entry (Left arrow)', () => actions.move(-1), { disabled: input.selected <= 0 }),
    symbolButton(input.playing ? 'pause.fill' : 'play.fill', input.playing ? 'Pause (Space)' : 'Play (Space)', actions.togglePlay, { 'data-role': 'play', disabled: input.count < 2 }),
    symbolButton('forward.end.fill', 'Next entry (Right arrow)', () => actions.move(1), { disabled: input.selected >= input.count - 1 }),
    symbolButton('repeat', input.loop ? 'Loop is on' : 'Loop is off', actions.toggleLoop, { 'aria-pressed': String(input.loop), 'data-role': 'loop' }),
    el('div', { class: 'transport-info' }, [
      el('span', { class: 'entry-position', text: input.count ? `Entry ${input.selected + 1} of ${input.count}` : 'No entries' }),
      input.dateOfSelected ? el('span', { class: 'entry-date', text: `${dayLabel(input.dateOfSelected)} ${clockTime(input.dateOfSelected)}` }) : null,
      input.total > input.count ? el('span', { class: 'muted', text: `(provider returned ${input.total}; ${input.count} carried)` }) : null,
    ]),
    input.currentIndex >= 0 && !atCurrent ? el('button', { class: 'text-button', text: 'Jump to now', on: { click: actions.jumpToNow } }) : null,
  ]);
  shell.transport.querySelector('[data-role="loop"]')?.classList.add('toggle');
}
