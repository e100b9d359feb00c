// The system asking the widget's provider for content: placeholder, getSnapshot and
// getTimeline on a launch for display, getTimeline alone on a reload. Apple (TimelineProvider):
// the system calls placeholder(in:) first and shows it redacted, getSnapshot(in:) for transient
// situations, and getTimeline(in:) for the timeline it then displays until the reload policy
// asks for a new one. A reload that the budget refuses is a finding, and is deferred until the
// budget's window allows it (its getTimeline record says `deferredFrom`). This part
// owns the timeline shown, the reload budget, the pending reload and the retries.
import { ExtensionGone } from './extensionHost';
import type { FlowContext } from './flowContext';
import { ReloadBudget } from './reloadBudget';
import { entriesForTrace, MIN_RELOAD_INTERVAL_MS, TimelineScheduler } from './timelineScheduler';
import { limitWaitingCall } from './waitLimit';
import type { ProviderContext, ToSystem } from '../protocol/ipc';
import type { LaunchReason, RenderedEntry, TimelineSnapshot, WidgetFamily } from '../protocol/lifecycle';
import { DEFAULT_DEVICE, widgetSize } from '../protocol/widgetSizes';

/** `intent`: after a tap's perform (section 10); like `user` and `family` it spends no budget. */
export type ReloadReason = 'policy' | 'widgetCenter' | 'retry' | 'user' | 'family' | 'intent' | 'push';
type ProviderMethod = 'placeholder' | 'getSnapshot' | 'getTimeline';
type TimelineResult = Extract<ToSystem, { type: 'providerResult'; method: 'getTimeline' }>['timeline'];

/** The kit's message already names the method when it wrapped the error; say it once. */
function providerFailure(method: ProviderMethod, message: string): string {
  const sentence = message.replace(/\.+$/, '');
  return `${sentence.includes(method) ? sentence : `The provider's ${method} threw: ${sentence}`}.`;
}

export class TimelineRequests {
  private readonly scheduler = new TimelineScheduler();
  private readonly budget: ReloadBudget;
  private currentFamily: WidgetFamily;
  private pendingReload: ReloadReason | null = null;
  private cancelPolicyReload: (() => void) | undefined;
  /** Virtual time of the policy reload, for advanceClock { next: 'reload' }. */
  private policyReloadAt: number | undefined;
  private cancelRetry: (() => void) | undefined;
  /** A reload the budget refused, waiting for the window to reset (refused at `from`). */
  private deferred: { reason: ReloadReason; from: number; cancel: () => void } | undefined;
  /** The pending reload is a deferred one, refused at this virtual time. */
  private pendingDeferredFrom: number | undefined;
  /** The same, for the reload taken to run. */
  private takenDeferredFrom: number | undefined;
  /** Consecutive timeline requests that died with their process (the retry backs off). */
  private retries = 0;
  private placeholderEntry: RenderedEntry | null = null;
  private snapshotEntry: RenderedEntry | null = null;
  /** The provider method the current process is running, if any (a crash is blamed on it). */
  private inFlight: ProviderMethod | undefined;
  /** A getTimeline asked of the current process has not been answered yet. */
  private outstanding = false;

  constructor(private readonly flow: FlowContext) {
    this.budget = new ReloadBudget(flow.options.budget ?? 70, flow.clock.now());
    this.currentFamily = flow.options.family ?? 'systemSmall';
  }

  get family(): WidgetFamily {
    return this.currentFamily;
  }

  /** The user switched families: a reload for it follows. */
  setFamily(family: WidgetFamily): void {
    this.currentFamily = family;
  }

  /**
   * Families whose views the extension renders: the current one first, then every other family
   * the widget supports, so the preview shows them side by side without a reload per family.
   */
  renderedFamilies(): WidgetFamily[] {
    const supported = this.flow.host.widget?.supportedFamilies ?? [];
    return [this.currentFamily, ...supported.filter((family) => family !== this.currentFamily)];
  }

  placeholder(): RenderedEntry | null {
    return this.placeholderEntry;
  }

  snapshot(): RenderedEntry | null {
    return this.snapshotEntry;
  }

  timeline(now: number): TimelineSnapshot | null {
    return this.scheduler.current(now);
  }

  budgetStatus(now: number): ReturnType<ReloadBudget['status']> {
    return this.budget.status(now);
  }

  /** The first entry of the current timeline after `now`. */
  nextEntry(now: number): number | undefined {
    return this.scheduler
      .current(now)
      ?.entries.map((e) => Date.parse(e.date))
      .filter((t) => t > now)
      .sort((a, b) => a - b)[0];
  }

  /** When the reload policy asks next, if it does. */
  nextPolicyReload(): number | undefined {
    return this.policyReloadAt;
  }

  /** The provider method the current process runs, if any (a crash is blamed on it). */
  providerRunning(): ProviderMethod | undefined {
    return this.inFlight;
  }

  /** The launch for display: placeholder, snapshot, then the timeline. */
  async runInitial(): Promise<boolean> {
    // Outstanding from the start: a launch that dies before getTimeline answers is retried.
    this.outstanding = true;
    if (!(await this.flow.processes.launch(this.flow.options.mode === 'preview' ? 'preview' : 'timeline'))) return false;
    for (const method of ['placeholder', 'getSnapshot', 'getTimeline'] as const) {
      if (!(await this.providerCall(method)) && !this.flow.host.alive) return true;
    }
    return true;
  }

  /** A reload: getTimeline in the running process, or in one launched for it. */
  async runReload(reason: ReloadReason): Promise<void> {
    const launchReason: LaunchReason = this.scheduler.current(this.flow.clock.now()) ? 'reload' : 'timeline';
    this.outstanding = true;
    if (!(await this.flow.processes.ensureRunning(launchReason))) return;
    if (reason === 'family') {
      await this.providerCall('placeholder');
      await this.providerCall('getSnapshot');
    }
    const deferredFrom = this.takenDeferredFrom;
    this.takenDeferredFrom = undefined;
    await this.providerCall('getTimeline', deferredFrom);
  }

  /**
   * Asks for a new timeline. Policy and WidgetCenter reloads spend the daily budget; a reload
   * the budget refuses is reported and deferred until the budget's window resets. Apple (Keeping
   * a widget up to date): "WidgetKit imposes a daily budget on reloads"; a widget whose budget is
   * spent is reloaded again when the budget allows, it does not stop reloading for good.
   */
  request(reason: ReloadReason, deferredFrom?: number): void {
    if (reason === 'policy') {
      this.cancelPolicyReload = undefined;
      this.policyReloadAt = undefined;
    }
    if ((reason === 'policy' || reason === 'retry') && !this.flow.processes.mayLaunch('reload') && !this.flow.host.alive) return;
    if (reason === 'policy' || reason === 'widgetCenter') {
      if (this.pendingReload !== null) return;
      const now = this.flow.clock.now();
      if (!this.budget.trySpend(now)) {
        const status = this.budget.status(now);
        void this.flow.recorder.raise({ code: 'budget-exhausted', subject: `${status.used} of ${status.limit} reloads used; resets ${status.resetsAt}` });
        this.defer(reason, deferredFrom ?? now, Date.parse(status.resetsAt));
        return;
      }
    }
    // A tap's reload joins one already pending (that one asks for the timeline anyway).
    if (reason === 'intent' && this.pendingReload !== null) return;
    this.pendingReload = reason;
    this.pendingDeferredFrom = deferredFrom;
    this.flow.jobs.pump();
  }

  /** A refused reload runs when the budget's window resets; later refusals join it. */
  private defer(reason: ReloadReason, from: number, at: number): void {
    if (this.deferred) return;
    const cancel = this.flow.clock.schedule(
      at,
      () => {
        const deferred = this.deferred;
        this.deferred = undefined;
        if (deferred) this.request(deferred.reason, deferred.from);
      },
      'deferred reload',
    );
    this.deferred = { reason, from, cancel };
    if (reason === 'policy') this.policyReloadAt = at;
  }

  /** The reload to run next, taken off the queue, when it may run now. */
  takeReload(): ReloadReason | null {
    const reload = this.pendingReload;
    if (reload === null) return null;
    if (!this.flow.host.alive && !this.flow.processes.mayLaunch(reload === 'user' || reload === 'family' ? 'user' : 'reload')) return null;
    this.pendingReload = null;
    this.takenDeferredFrom = this.pendingDeferredFrom;
    this.pendingDeferredFrom = undefined;
    return reload;
  }

  /** The widget module cannot load: no timeline is retried until the code changes. */
  abandonRequest(): void {
    this.outstanding = false;
  }

  /** The process crashed while a provider method ran in it: the provider ended it. */
  async blameCrash(method: ProviderMethod, how: string): Promise<void> {
    await this.flow.recorder.raise({ code: 'provider-threw', subject: `The provider's ${method} ended the extension process (${how}).` });
  }

  /** The process ended: a timeline it owed is asked for again later (not after a dispose). */
  retryAfterExit(disposed: boolean): void {
    if (!this.outstanding) return;
    this.outstanding = false;
    if (!disposed) this.scheduleRetry();
  }

  /**
   * The TimelineProviderContext of a call. Apple (TimelineProviderContext.isPreview): "a Boolean
   * value that indicates whether the widget appears in the widget gallery"; the gallery asks
   * getSnapshot(in:) for its preview ("Keeping a widget up to date": getSnapshot is for
   * transient situations such as the widget gallery), while getTimeline(in:) feeds the widget on
   * the Home Screen. So getSnapshot gets true and getTimeline and placeholder false, whatever
   * face (CLI, preview, debugger) runs the widget.
   */
  private context(method: ProviderMethod): ProviderContext {
    const device = this.flow.options.device ?? DEFAULT_DEVICE;
    const size = widgetSize(device, this.currentFamily) ?? widgetSize(DEFAULT_DEVICE, this.currentFamily) ?? { width: 0, height: 0 };
    return { family: this.currentFamily, isPreview: method === 'getSnapshot', displaySize: size };
  }

  /** One provider call; false when the process died or the provider threw. */
  private async providerCall(method: ProviderMethod, deferredFrom?: number): Promise<boolean> {
    const detail = { family: this.currentFamily, ...(deferredFrom !== undefined ? { deferredFrom: new Date(deferredFrom).toISOString() } : {}) };
    const outcome = await this.flow.recorder.event({ event: method, detail });
    if (method === 'getTimeline') this.outstanding = true;
    if (outcome.terminate) {
      await this.flow.processes.terminateAs(outcome.terminate);
      return false;
    }
    let answer: ToSystem;
    this.inFlight = method;
    const cancelLimit = limitWaitingCall(this.flow, `The provider's ${method}`, `${method} time limit`, () => this.inFlight === method);
    try {
      answer = await this.flow.host.call(method, (call) => ({
        type: 'provider',
        call,
        method,
        context: this.context(method),
        families: this.renderedFamilies(),
        pause: outcome.pause,
      }));
    } catch (error) {
      if (error instanceof ExtensionGone) return false;
      throw error;
    } finally {
      cancelLimit();
      this.inFlight = undefined;
    }
    if (answer.type !== 'providerResult') return false;
    if (method === 'getTimeline') this.outstanding = false;
    if (!answer.ok) {
      await this.flow.recorder.raise({ code: 'provider-threw', subject: providerFailure(method, answer.error.message), location: answer.error.location });
      // A getTimeline that threw gave no timeline, as one that crashed: WidgetKit asks again
      // later with the same back-off (Keeping a widget up to date: the system, not the widget,
      // decides when to ask again; a widget without a timeline is retried).
      if (method === 'getTimeline') this.scheduleRetry();
      return false;
    }
    if (answer.method === 'getTimeline') await this.accept(answer.timeline);
    else if (answer.method === 'placeholder') this.placeholderEntry = answer.entry;
    else this.snapshotEntry = answer.entry;
    this.flow.signals.stateChanged();
    return true;
  }

  private async accept(timeline: TimelineResult): Promise<void> {
    const accepted = this.scheduler.accept(timeline, this.flow.clock.now());
    this.retries = 0;
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.cancelPolicyReload?.();
    this.cancelPolicyReload = undefined;
    await this.flow.recorder.systemEvent({
      event: 'timeline',
      detail: {
        entries: entriesForTrace(timeline.entries),
        policy: timeline.policy,
        totalEntries: timeline.totalEntries,
        ...(accepted.nextReload !== undefined ? { nextReload: new Date(accepted.nextReload).toISOString() } : {}),
      },
    });
    for (const finding of accepted.findings) await this.flow.recorder.raise(finding);
    if (accepted.nextReload !== undefined) {
      this.cancelPolicyReload = this.flow.clock.schedule(accepted.nextReload, () => this.request('policy'), 'reload policy');
    }
    this.policyReloadAt = accepted.nextReload;
  }

  /**
   * WidgetKit asks again later when a timeline request died with the process (the retry is
   * dropped as soon as any timeline arrives).
   */
  private scheduleRetry(): void {
    if (this.cancelRetry || !this.flow.processes.mayLaunch('reload')) return;
    // Backs off: 5, 10, 20, ... minutes while the requests keep failing.
    const delay = MIN_RELOAD_INTERVAL_MS * 2 ** Math.min(this.retries, 8);
    this.retries += 1;
    this.cancelRetry = this.flow.clock.schedule(
      this.flow.clock.now() + delay,
      () => {
        this.cancelRetry = undefined;
        this.request('retry');
      },
      'timeline retry',
    );
  }
}
