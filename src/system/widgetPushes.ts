// Widget pushes (DESIGN.md section 10; Apple, iOS 26: WidgetPushHandler and "Updating widgets with
// WidgetKit push notifications"). A widget that declares a pushHandler gets a push token from the
// system: pushTokenDidChange(pushInfo, widgets) runs in the extension when the token or the set of
// configured widgets changed ("When the push configuration of your widgets changes ...
// pushTokenDidChange(_:widgets:) will be called"). A push is the system-side event `widgetPush`;
// the system then reloads the widget's timelines by the usual path (launch if needed,
// getTimeline), charged to the push budget, not to the reload budget. A push over the push budget
// is recorded and not acted on (`push-budget-exhausted`); a widget without a pushHandler has no
// token, so a push for it is recorded as ignored, as iOS never delivers one.
import { createHash } from 'node:crypto';
import type { PushWidgetInfo } from '../protocol/ipc';
import type { JsonValue } from '../protocol/lifecycle';
import { ExtensionGone } from './extensionHost';
import type { FlowContext } from './flowContext';
import { DEFAULT_PUSH_BUDGET, PushBudget } from './pushBudget';
import type { TimelineRequests } from './timelineRequests';

/** Where a push came from: planned in the options (`--push-at`), or sent by the user (DAP, preview). */
export type PushSource = 'planned' | 'user';

/** What the system did with a push: reloaded, ignored (no pushHandler), or not acted on (budget). */
export type PushOutcome = 'reload' | 'ignored' | 'overBudget';

export interface PushResult {
  outcome: PushOutcome;
  /** The widgetPush record's seq. */
  seq: number;
  /** Virtual time of the push, ISO. */
  time: string;
  /** Pushes acted on in the current day, and the day's limit. */
  used: number;
  limit: number;
  /** Why the push was not acted on, for a person. */
  reason?: string;
}

const NO_HANDLER =
  'the widget declares no pushHandler, so it has no push token and iOS delivers it no pushes (Apple: WidgetConfiguration.pushHandler(_:)); the push is ignored and nothing reloads';

export class WidgetPushes {
  private readonly budget: PushBudget;
  /** The token and widgets pushTokenDidChange last returned for; another is a change. */
  private delivered: string | undefined;

  constructor(
    private readonly flow: FlowContext,
    private readonly timelines: TimelineRequests,
    private readonly seed: number,
  ) {
    this.budget = new PushBudget(flow.options.pushBudget ?? DEFAULT_PUSH_BUDGET, flow.clock.now());
  }

  budgetStatus(now: number): ReturnType<PushBudget['status']> {
    return this.budget.status(now);
  }

  /**
   * The widget's push token: 32 bytes as hex, as APNs tokens are. Derived from the kind and the
   * run's seed, so the same run (and its replay) hands out the same token.
   */
  token(kind: string): string {
    return createHash('sha256').update(`widgetkit-push|${kind}|${this.seed}`).digest('hex');
  }

  /**
   * Apple: WidgetCenter.currentPushInfo, "nil if the token has not completed generation, or if no
   * widgets have been configured for push": the token of a widget with a pushHandler, else null.
   */
  currentPushInfo(): { token: string } | null {
    const widget = this.flow.host.widget;
    return widget?.handlesPushes ? { token: this.token(widget.kind) } : null;
  }

  /** A push arrives: recorded as `widgetPush`, then acted on when the widget and the budget allow. */
  async receive(source: PushSource): Promise<PushResult> {
    const now = this.flow.clock.now();
    const widget = this.flow.host.widget;
    const status = this.budget.status(now);
    const base = { source, used: status.used, limit: status.limit };
    if (!widget?.handlesPushes) return this.record({ ...base, outcome: 'ignored', reason: widget ? NO_HANDLER : 'the widget is not loaded, so it has no push token: the push is ignored' });
    if (!this.budget.trySpend(now)) {
      const reason = `the push budget is spent (${status.used} of ${status.limit} pushes today; resets ${status.resetsAt}): the push is recorded but nothing reloads`;
      const result = await this.record({ ...base, outcome: 'overBudget', reason, resetsAt: status.resetsAt });
      await this.flow.recorder.raise({ code: 'push-budget-exhausted', subject: `${status.used} of ${status.limit} pushes used; resets ${status.resetsAt}` });
      return result;
    }
    const result = await this.record({ ...base, used: status.used + 1, outcome: 'reload' });
    this.timelines.request('push');
    return result;
  }

  /**
   * Calls pushTokenDidChange in the running extension when the token or the configured widgets
   * changed since it last returned (first launch, a family change). A process that dies inside it
   * gets it again on a later launch, as an undelivered event does.
   */
  async deliverTokenIfChanged(): Promise<void> {
    const { host, recorder, processes, signals } = this.flow;
    const widget = host.widget;
    if (!widget?.handlesPushes || !host.alive) return;
    const token = this.token(widget.kind);
    const widgets: PushWidgetInfo[] = [{ kind: widget.kind, family: this.timelines.family }];
    const key = JSON.stringify([token, widgets]);
    if (key === this.delivered) return;
    const outcome = await recorder.event({ event: 'pushTokenDidChange', detail: { token, widgets: widgets.map((w) => ({ ...w })) } });
    if (outcome.terminate) return processes.terminateAs(outcome.terminate);
    try {
      const answer = await host.call('pushTokenDidChange', (call) => ({ type: 'pushToken', call, token, widgets, pause: outcome.pause }));
      if (answer.type !== 'pushTokenHandled') return;
      this.delivered = key;
      if (answer.error) signals.output({ category: 'stderr', text: `pushHandler.pushTokenDidChange threw: ${answer.error.stack ?? answer.error.message}\n`, pid: host.pid });
      await recorder.afterPausedEvent(outcome, answer);
    } catch (error) {
      if (!(error instanceof ExtensionGone)) throw error;
    }
  }

  private async record(detail: { [key: string]: JsonValue } & { outcome: PushOutcome; used: number; limit: number; reason?: string }): Promise<PushResult> {
    const record = await this.flow.recorder.systemEvent({ event: 'widgetPush', detail });
    return {
      outcome: detail.outcome,
      seq: record.seq,
      time: record.time,
      used: detail.used,
      limit: detail.limit,
      ...(detail.reason !== undefined ? { reason: detail.reason } : {}),
    };
  }
}
