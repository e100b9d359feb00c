// The preview page: holds the latest snapshot (and the last one that loaded), the user's
// choices (mode, entry, family, appearance, device, loop) and redraws the shell, the stage,
// the strip and the inspector from them. Keys: Left/Right move through the strip, Home/End jump,
// Space plays. A snapshot with a load error keeps the last good render under its banner.
import type { SourceLocation, WidgetFamily, WidgetStateSnapshot } from '../protocol/lifecycle';
import type { FromWebview, SnapshotSource, ToWebview } from '../protocol/webview';
import { el } from './elements';
import { renderFindings } from './findingsView';
import { HostBridge } from './hostBridge';
import type { PageState } from './hostBridge';
import { LifecycleLanes } from './lifecycleLanes';
import { clampIndex, modeContent, modeOptions, resolveDevice, resolveMode } from './pageModel';
import type { ModeContent, ModeId } from './pageModel';
import { buildShell, renderAppearance, renderBanner, renderEntryData, renderHeader, renderModes, renderTransport } from './pageShell';
import type { Shell } from './pageShell';
import { renderRenderingModes } from './renderingModeBar';
import { renderSessionCache } from './sessionCacheView';
import { TimelineStrip } from './timelineStrip';
import { listenForTaps } from './widgetTaps';
import { WidgetGallery } from './widgetGallery';
import type { Appearance } from './widgetGallery';
import type { PreviewRenderingMode, RenderingChoice } from './renderingModes';

/** The strip's thumbnails follow the stage's mode; beside the matrix they stay in full colour. */
const stripRendering = (choice: RenderingChoice): PreviewRenderingMode | undefined => (choice === 'matrix' ? undefined : choice);

/** Whether a snapshot has anything to draw (a fresh run has not called the provider yet). */
const hasContent = (s: WidgetStateSnapshot) => s.placeholder !== null || s.snapshot !== null || s.timeline !== null || s.previews.length > 0;

/** How long each entry stays on screen while playing. */
const PLAY_INTERVAL_MS = 1600;

export class PreviewPage {
  private readonly shell: Shell;
  private readonly gallery: WidgetGallery;
  private readonly strip: TimelineStrip;
  private readonly lanes: LifecycleLanes;
  private state: PageState;
  private latest: WidgetStateSnapshot | null = null;
  private lastGood: WidgetStateSnapshot | null = null;
  private source: SnapshotSource = { kind: 'preview' };
  private notice: { level: string; text: string } | null = null;
  private content: ModeContent | null = null;
  private contentKey: [WidgetStateSnapshot | null, ModeId | null, string] = [null, null, ''];
  private selected = -1;
  private playTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    root: HTMLElement,
    private readonly bridge: HostBridge,
  ) {
    this.state = bridge.loadState();
    this.shell = buildShell(root);
    this.gallery = new WidgetGallery(this.shell.stage, (family) => this.focus(family), (family) => this.post({ type: 'setFamily', family }));
    this.strip = new TimelineStrip(this.shell.strip, (index) => this.select(index, true));
    this.lanes = new LifecycleLanes(this.shell.lanes, (location) => this.reveal(location), (seq) => this.post({ type: 'goToEvent', seq }));
    listenForTaps(this.shell.stage, (message) => this.post(message));
    this.shell.device.addEventListener('change', () => this.update({ device: this.shell.device.value }));
    document.addEventListener('keydown', (event) => this.onKey(event));
    this.renderActions();
    this.renderEmpty();
  }

  receive(message: ToWebview): void {
    if (message.program && message.program !== this.state.program) {
      // Another widget file: the previous file's entry, mode and family mean nothing here.
      const fresh = this.state.program !== undefined;
      this.state = { ...this.state, program: message.program, ...(fresh ? { selected: null, mode: undefined, focus: null } : {}) };
      this.bridge.saveState(this.state);
      if (fresh) this.lastGood = null;
    }
    if (message.type === 'notice') {
      this.notice = { level: message.level, text: message.text };
    } else {
      this.latest = message.snapshot;
      this.source = message.source;
      this.notice = null;
      if (!message.snapshot.loadError && hasContent(message.snapshot)) this.lastGood = message.snapshot;
    }
    this.render();
  }

  private post(message: FromWebview): void {
    this.bridge.post(message);
  }

  private reveal(location: SourceLocation): void {
    this.post({ type: 'reveal', location });
  }

  private update(change: Partial<PageState>): void {
    this.state = { ...this.state, ...change };
    this.bridge.saveState(this.state);
    this.render();
  }

  private focus(family: WidgetFamily | null): void {
    if (family) this.post({ type: 'setFamily', family });
    this.update({ focus: family });
  }

  /**
   * What the stage shows: the latest snapshot, or the last good one while the latest failed to
   * load or has nothing to show yet (a rerun after a save starts empty: no flash of nothing).
   */
  private displayed(): WidgetStateSnapshot | null {
    const latest = this.latest;
    return latest && (latest.loadError || !hasContent(latest)) && this.lastGood ? this.lastGood : latest;
  }

  private rendering(): RenderingChoice {
    return this.state.rendering ?? 'fullColor';
  }

  private renderEmpty(): void {
    this.shell.stage.replaceChildren(el('div', { class: 'empty-state' }, [
      el('div', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }),
      el('div', { class: 'empty-title', text: 'Waiting for the widget…' }),
      el('div', { class: 'empty-detail', text: 'The preview runs the widget in the simulated system and redraws on every save.' }),
    ]));
    document.body.classList.add('no-snapshot');
  }

  private render(): void {
    const shown = this.displayed();
    renderBanner(this.shell, this.latest, this.notice, shown !== this.latest, (l) => this.reveal(l));
    if (!shown || !this.latest) {
      if (this.notice) this.shell.stage.replaceChildren();
      return;
    }
    document.body.classList.remove('no-snapshot');
    // Pushes are sent from the debugger (DESIGN.md section 10): the button shows while debugging.
    this.shell.actions.querySelector('[data-action="sendPush"]')?.toggleAttribute('hidden', this.source.kind !== 'debug');
    document.body.classList.toggle('stale', shown !== this.latest);
    // A run that failed to load knows no widget yet: the header keeps the last one's name.
    renderHeader(this.shell, { ...this.latest, widget: this.latest.widget ?? shown.widget }, this.source);
    const device = resolveDevice(this.state.device, shown);
    this.shell.device.value = device;
    const mode = resolveMode(shown, this.state.mode);
    renderModes(this.shell, modeOptions(shown), mode, (m) => this.update({ mode: m, selected: null }));
    renderAppearance(this.shell, this.state.appearance, (a: Appearance) => this.update({ appearance: a }));
    renderRenderingModes(this.shell.rendering, this.rendering(), (rendering) => this.update({ rendering }));
    if (this.contentKey[0] !== shown || this.contentKey[1] !== mode || this.contentKey[2] !== device) {
      this.content = modeContent(shown, mode, device);
      this.contentKey = [shown, mode, device];
    }
    const content = this.content!;
    const previous = this.selected;
    this.selected = clampIndex(this.state.selected ?? Math.max(0, content.currentIndex), content.entries.length);
    const focus = this.state.focus && content.families.includes(this.state.focus) ? this.state.focus : null;
    this.gallery.render({ content, device, selected: this.selected, appearance: this.state.appearance, focus, rendering: this.rendering() }, previous !== this.selected);
    this.strip.render({ content, selected: this.selected, now: shown.now, device, family: focus ?? content.families[0] ?? null, appearance: this.state.appearance === 'dark' ? 'dark' : 'light', rendering: stripRendering(this.rendering()) });
    this.renderTransport();
    this.lanes.render(this.latest.trace, this.source.kind === 'debug' && this.source.replaying === true);
    renderSessionCache(this.shell.sessions, this.latest);
    renderFindings(this.shell.findings, this.latest.findings, (l) => this.reveal(l));
  }

  /** Moving between entries redraws only what depends on the selection, with a transition. */
  private select(index: number, byUser: boolean): void {
    const content = this.content;
    if (!content || content.entries.length === 0) return;
    const next = clampIndex(index, content.entries.length);
    if (next === this.selected) return;
    this.selected = next;
    if (byUser) {
      this.state = { ...this.state, selected: next };
      this.bridge.saveState(this.state);
    }
    const focus = this.state.focus && content.families.includes(this.state.focus) ? this.state.focus : null;
    this.gallery.render({ content, device: this.contentKey[2], selected: next, appearance: this.state.appearance, focus, rendering: this.rendering() }, true);
    this.strip.select(next);
    this.renderTransport();
  }

  private renderTransport(): void {
    const content = this.content;
    if (!content) return;
    renderEntryData(this.shell, content.entries[this.selected]?.data);
    renderTransport(this.shell, {
      count: content.entries.length,
      total: content.totalEntries,
      selected: this.selected,
      currentIndex: content.currentIndex,
      playing: this.playTimer !== undefined,
      loop: this.state.loop,
      dateOfSelected: content.entries[this.selected]?.date ?? null,
    }, {
      move: (delta) => this.select(this.selected + delta, true),
      togglePlay: () => this.togglePlay(),
      toggleLoop: () => {
        this.state = { ...this.state, loop: !this.state.loop };
        this.bridge.saveState(this.state);
        this.renderTransport();
      },
      jumpToNow: () => this.select(content.currentIndex, true),
    });
  }

  private togglePlay(): void {
    if (this.playTimer !== undefined) {
      clearInterval(this.playTimer);
      this.playTimer = undefined;
    } else if (this.content && this.content.entries.length > 1) {
      if (this.selected >= this.content.entries.length - 1) this.select(0, true);
      this.playTimer = setInterval(() => this.step(), PLAY_INTERVAL_MS);
    }
    this.renderTransport();
  }

  private step(): void {
    const count = this.content?.entries.length ?? 0;
    if (this.selected < count - 1) this.select(this.selected + 1, true);
    else if (this.state.loop) this.select(0, true);
    else this.togglePlay();
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    if (target?.tagName === 'BUTTON' && (event.key === ' ' || event.key === 'Enter')) return;
    const count = this.content?.entries.length ?? 0;
    const moves: Record<string, () => number> = {
      ArrowLeft: () => this.selected - 1,
      ArrowRight: () => this.selected + 1,
      Home: () => 0,
      End: () => count - 1,
    };
    if (moves[event.key]) {
      event.preventDefault();
      this.select(moves[event.key](), true);
    } else if (event.key === ' ') {
      event.preventDefault();
      this.togglePlay();
    }
  }

  private renderActions(): void {
    const action = (text: string, title: string, message: FromWebview, tone = '') =>
      el('button', { class: `action ${tone}`, text, attrs: { title, 'data-action': message.type === 'advanceClock' ? `advance-${message.next ?? message.by}` : message.type === 'terminateExtension' ? `terminate-${message.mode}` : message.type }, on: { click: () => this.post(message) } });
    this.shell.actions.replaceChildren(
      action('Terminate', 'The system terminates the widget extension (SIGKILL); it is relaunched for pending background events', { type: 'terminateExtension', mode: 'system' }, 'danger'),
      action('Force quit', 'Force quit: transfers are cancelled (-999) and the extension is not relaunched for them', { type: 'terminateExtension', mode: 'forceQuit' }, 'danger'),
      action('+15 min', 'Advance the virtual clock by 15 minutes', { type: 'advanceClock', by: 15 * 60_000 }),
      action('Next entry', 'Advance the virtual clock to the next timeline entry', { type: 'advanceClock', next: 'entry' }),
      action('Reload timelines', 'WidgetCenter.reloadTimelines for this widget kind', { type: 'reloadTimelines' }),
      action('Push', 'Send a WidgetKit push notification to the widget: the system reloads its timelines (push budget permitting)', { type: 'sendPush' }),
    );
  }
}
