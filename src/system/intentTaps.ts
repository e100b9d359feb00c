// Taps on a widget's Buttons and Toggles (DESIGN.md section 10; Apple, "Adding interactivity to
// widgets and Live Activities"). A tap is a user's action: the system launches the extension if
// needed (launch reason `intent`), records the extension-side event `intentPerform` with the
// intent and its bound parameters before perform runs, waits for perform (and its promise) to
// settle, then reloads the widget's timelines. Apple: "the system reloads the widget's timeline
// after performing the intent"; that reload is the system's doing, so it is not charged to the
// reload budget. A perform that throws is the finding `intent-threw` at the user's line; the
// reload follows anyway, as whatever perform stored before it threw is what the widget shows.
import type { JsonValue } from '../protocol/lifecycle';
import { tapTargetOnScreen, type TapTarget } from '../protocol/tapTargets';
import type { TapRequest } from './api';
import { ExtensionGone } from './extensionHost';
import type { FlowContext } from './flowContext';
import type { TimelineRequests } from './timelineRequests';
import { limitWaitingCall } from './waitLimit';

export interface Tap {
  intent: string;
  parameters: { [key: string]: JsonValue };
}

/** A tap the system cannot carry out (the widget defines no such intent); exit 2 in the CLI. */
export class TapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TapError';
  }
}

type Timelines = Pick<TimelineRequests, 'family' | 'timeline' | 'request'>;

export class IntentTaps {
  private readonly queued: Tap[] = [];

  constructor(
    private readonly flow: FlowContext,
    private readonly timelines: Timelines,
  ) {}

  /** The intents the widget's module defined (known once it loaded). */
  known(): string[] {
    return (this.flow.host.widget?.intents ?? []).map((intent) => intent.name);
  }

  /** Why `intent` cannot be tapped (the widget defines no such intent, naming those it does), if it cannot. */
  unknown(intent: string): string | undefined {
    const known = this.known();
    if (known.includes(intent)) return undefined;
    const list = known.length > 0 ? `the widget defines ${known.join(', ')}` : 'the widget defines no intents (defineIntent)';
    return `unknown intent "${intent}": ${list}.`;
  }

  /** The tap as it will be performed: its intent checked, its parameters those on screen unless given. */
  resolve(request: TapRequest): Tap {
    const unknown = this.unknown(request.intent);
    if (unknown) throw new TapError(unknown);
    if (request.parameters !== undefined) return { intent: request.intent, parameters: request.parameters };
    return { intent: request.intent, parameters: this.onScreen(request.intent)?.parameters ?? {} };
  }

  /** The first Button or Toggle of `intent` in the entry on screen now, for the current family. */
  onScreen(intent: string): TapTarget | undefined {
    return tapTargetOnScreen(this.timelines.timeline(this.flow.clock.now()), this.timelines.family, intent);
  }

  queue(tap: Tap): void {
    this.queued.push(tap);
    this.flow.jobs.pump();
  }

  take(): Tap | undefined {
    return this.queued.shift();
  }

  /** One tap, as a job of the extension: perform, then the reload the system owes for it. */
  async perform(tap: Tap): Promise<void> {
    const { processes, recorder, host } = this.flow;
    if (!(await processes.ensureRunning('intent'))) return;
    const outcome = await recorder.event({ event: 'intentPerform', detail: { intent: tap.intent, parameters: tap.parameters } });
    if (outcome.terminate) {
      await processes.terminateAs(outcome.terminate);
      return;
    }
    // A perform that waits (a promise that never settles) lives at most the background time limit.
    const cancelLimit = limitWaitingCall(this.flow, `The perform of intent "${tap.intent}"`, 'intent perform time limit');
    let answer;
    try {
      answer = await host.call('intentPerform', (call) => ({
        type: 'perform', call, intent: tap.intent, parameters: tap.parameters,
        kind: host.widget?.kind ?? '', family: this.timelines.family, pause: outcome.pause,
      }));
    } catch (error) {
      // The process died inside perform: a tap is not delivered again (the user may tap again).
      if (error instanceof ExtensionGone) return;
      throw error;
    } finally {
      cancelLimit();
    }
    if (answer.type !== 'performed') return;
    await recorder.afterPausedEvent(outcome, answer);
    if (answer.error && answer.handled !== false) {
      await recorder.raise({ code: 'intent-threw', subject: answer.error.message, ...(answer.error.location ? { location: answer.error.location } : {}) });
    } else if (answer.error) {
      this.flow.signals.output({ category: 'stderr', text: `${answer.error.message}\n`, pid: host.pid });
    }
    this.timelines.request('intent');
  }
}
