// Background sessions: delivering transfer events to the extension, as Apple documents it
// (Downloading files in the background; onBackgroundURLSessionEvents for widgets):
// - If the extension is running and has the session, events go straight to its delegate.
// - Otherwise the system resumes or relaunches it, calls onBackgroundURLSessionEvents with the
//   identifier and a completion handler, and delivers the events once code in that process
//   has created a session with that identifier; then urlSessionDidFinishEvents; the code
//   reloads its timelines and calls the completion handler.
// - An event counts as delivered when its handler returns; the file at `location` is deleted
//   at that moment. A wake must end with the completion call within the background time limit.
// This part owns the queues of events (BackgroundDelivery), the wakes in progress and the
// straight deliveries; the WidgetSystem runs a wake as a job when `nextWake` names one.
import { backgroundTimeLimit } from './api';
import { BackgroundDelivery, type DeliverEvent, type ProgressEvent, type QueuedEvent } from './backgroundDelivery';
import { ExtensionGone } from './extensionHost';
import type { FlowContext } from './flowContext';
import type { RunningTasks, TransferOutcomes } from './parts';
import type { TransferResult } from './transfers/api';
import type { ToSystem, TransferError } from '../protocol/ipc';
import type { JsonValue, SourceLocation } from '../protocol/lifecycle';

/**
 * A wake that failed this many times in a row (no session, time limit) is not repeated on its
 * own: the events stay pending until a process creates a session with their identifier
 * (`sessionCreated`), whatever code does it (a later getTimeline included), and are delivered
 * then. Apple (Downloading files in the background): the system holds a background session's
 * events until the app "creates a background URLSessionConfiguration object with the same
 * identifier"; they are never dropped.
 */
export const MAX_WAKE_FAILURES = 2;
/**
 * Crash-loop protection (DESIGN.md section 9): after this many terminations in a row inside the
 * same event the system stops relaunching the extension for it, so that every run ends. iOS
 * likewise stops launching an extension that keeps crashing at launch for a while.
 */
export const MAX_TERMINATIONS_IN_EVENT = 3;

/** One onBackgroundURLSessionEvents call and what the code did in it. */
interface WakeState {
  identifier: string;
  /** urlSessionDidFinishEvents was sent: a completion call from now on is in order. */
  finishDelivered: boolean;
  reloadRequested: boolean;
  /** didFinishDownloadingTo events handled in this wake: new data the widget should show. */
  downloadsDelivered: number;
  /** The completion came before urlSessionDidFinishEvents: the system suspended the extension. */
  suspendedEarly: boolean;
  cancelTimeLimit: () => void;
}

function detailOf(event: DeliverEvent, attempts: number): { [key: string]: JsonValue } {
  const again: { [key: string]: JsonValue } = attempts > 1 ? { attempt: attempts } : {};
  switch (event.name) {
    case 'didWriteData':
      return { bytesWritten: event.bytesWritten, totalBytesWritten: event.totalBytesWritten, totalBytesExpected: event.totalBytesExpected };
    case 'didFinishDownloadingTo':
      return { location: event.location, status: event.status, ...again };
    case 'didCompleteWithError':
      return {
        error: event.error
          ? { code: event.error.code, message: event.error.message, ...(event.error.reason !== undefined ? { reason: event.error.reason } : {}) }
          : null,
        ...(event.status !== undefined ? { status: event.status } : {}),
        ...again,
      } as { [key: string]: JsonValue };
  }
}

export class BackgroundSessions implements TransferOutcomes {
  private readonly delivery: BackgroundDelivery;
  private readonly wakes = new Map<string, WakeState>();
  /** Failed wakes (session never recreated, time limit) per identifier; reset by a delivery. */
  private readonly wakeFailures = new Map<string, number>();
  /** Identifiers whose events are being delivered straight to a running extension. */
  private readonly directFlows = new Set<string>();
  /** Of those, the flows waiting for the job to leave them the floor (they deliver nothing meanwhile). */
  private readonly flowsAwaitingFloor = new Set<string>();
  /** Identifiers whose wake in the current launch already ended with its completion call. */
  private readonly completedWakes = new Set<string>();
  /**
   * Sessions without launch events that a running process just created while their events
   * waited: the straight delivery hands those events over even if the job ends meanwhile.
   */
  private readonly deliverOnCreate = new Set<string>();
  /**
   * Identifiers whose wake ended with an early completion: their undelivered events wait for the
   * next wake, which comes with a new event for the session or a new process, not at once.
   */
  private readonly heldAfterEarlyCompletion = new Set<string>();
  /** Identifiers with events that wake nothing until a running process creates the session (force quit). */
  private readonly awaitingSession = new Set<string>();
  /** The identifier the current background-wake job is for (no straight delivery for it). */
  private wakeJobFor: string | undefined;

  constructor(
    private readonly flow: FlowContext,
    private readonly tasks: RunningTasks,
    tempDir: string,
  ) {
    this.delivery = new BackgroundDelivery(tempDir);
  }

  // ---- what the snapshot shows ----------------------------------------------------------

  pending(): ReturnType<BackgroundDelivery['pending']> {
    return this.delivery.pending();
  }

  /** Identifiers whose completion handler the code holds (a wake in progress). */
  storedCompletions(): string[] {
    return [...this.wakes.keys()];
  }

  // ---- what the WidgetSystem asks -------------------------------------------------------

  /** A wake is in progress: the extension must not be suspended or ended for being idle. */
  wakeInProgress(): boolean {
    return this.wakes.size > 0;
  }

  /** Some straight delivery runs (or waits for the floor). */
  deliveringStraight(): boolean {
    return this.directFlows.size > 0;
  }

  /**
   * A straight delivery is handing an event to the extension. A flow waiting for the floor is
   * not counted: it may wait on a job that waits on the daemon.
   */
  deliveringBesideJob(): boolean {
    return [...this.directFlows].some((identifier) => !this.flowsAwaitingFloor.has(identifier));
  }

  /** The identifier the system would wake (or relaunch) the extension for now, if any. */
  nextWake(): string | undefined {
    return this.delivery.identifiers().find((identifier) => this.wantsWake(identifier));
  }

  /**
   * The job of waking the extension for `identifier` (taken as the current wake job at once);
   * `quiet` tells when the extension has nothing left to do.
   */
  wakeJob(identifier: string, quiet: () => boolean): () => Promise<void> {
    this.wakeJobFor = identifier;
    return () => this.runWakeCycle(identifier, quiet).finally(() => (this.wakeJobFor = undefined));
  }

  /** The run ended with wakes whose completion was never called. */
  async runEnded(): Promise<void> {
    for (const wake of [...this.wakes.values()]) {
      await this.flow.recorder.raise({ code: 'completion-not-called', subject: `"${wake.identifier}" (the run ended first)`, identifier: wake.identifier });
    }
  }

  /** The process is gone: its wakes end unanswered; returns their identifiers. */
  extensionExited(): string[] {
    this.delivery.clearProgress();
    this.deliverOnCreate.clear();
    this.heldAfterEarlyCompletion.clear();
    this.completedWakes.clear();
    const abandoned = [...this.wakes.values()];
    for (const wake of abandoned) wake.cancelTimeLimit();
    this.wakes.clear();
    return abandoned.map((wake) => wake.identifier);
  }

  /** The extension crashed during these wakes: their completions were never called. */
  async crashedDuring(identifiers: string[]): Promise<void> {
    for (const identifier of identifiers) {
      await this.flow.recorder.raise({ code: 'completion-not-called', subject: `"${identifier}" (the extension crashed first)`, identifier });
    }
  }

  /** A force quit (or the end of the system): the queued events and their files are discarded. */
  async discardAll(): Promise<void> {
    for (const identifier of this.delivery.identifiers()) await this.delivery.drop(identifier);
  }

  // ---- what the extension reports -------------------------------------------------------

  /**
   * Code in the running process created a background session with `identifier`. Events that
   * waited for it (after wakes that created none) are due again: the next wake delivers them.
   */
  sessionCreated(identifier: string): void {
    this.wakeFailures.delete(identifier);
    // Apple (sessionSendsLaunchEvents = false): the system neither launches nor resumes the app
    // for the session's events; they are delivered when the app runs and creates the session.
    const quiet = !this.tasks.sendsLaunchEvents(identifier) || this.awaitingSession.has(identifier);
    if (quiet && this.delivery.has(identifier)) this.deliverOnCreate.add(identifier);
  }

  /** The code asked for a timeline reload: every wake in progress did what it should. */
  reloadRequested(): void {
    for (const wake of this.wakes.values()) wake.reloadRequested = true;
  }

  /** The code called the completion handler it got in onBackgroundURLSessionEvents. */
  async completionCalled(identifier: string, location: SourceLocation | undefined): Promise<void> {
    const wake = this.wakes.get(identifier);
    // Apple (onBackgroundURLSessionEvents; urlSessionDidFinishEvents(forBackgroundURLSession:)):
    // calling the completion handler tells the system the extension is done with the session's
    // events, and the system may suspend it at once. Called before urlSessionDidFinishEvents,
    // the events not yet delivered stay queued for the next wake (`suspends` in the record).
    const early = wake !== undefined && !wake.finishDelivered;
    const detail = { ...(location ? { file: location.file, line: location.line } : {}), ...(early ? { suspends: true } : {}) };
    if (early) wake.suspendedEarly = true;
    const outcome = await this.flow.recorder.event({
      event: 'completionHandler',
      identifier,
      ...(Object.keys(detail).length > 0 ? { detail } : {}),
    });
    if (!wake) {
      if (this.completedWakes.has(identifier)) await this.flow.recorder.raise({ code: 'completion-called-twice', subject: `"${identifier}"`, identifier, location });
    } else {
      if (!wake.finishDelivered) {
        await this.flow.recorder.raise({ code: 'completion-before-finish-events', subject: `"${identifier}"`, identifier, location });
      } else if (!wake.reloadRequested && wake.downloadsDelivered > 0) {
        // Only a wake that brought new data needs a reload; a failed transfer may leave it alone.
        await this.flow.recorder.raise({ code: 'reload-not-requested', subject: `"${identifier}"`, identifier, location });
      }
      wake.cancelTimeLimit();
      this.wakes.delete(identifier);
      this.completedWakes.add(identifier);
    }
    if (outcome.terminate) await this.flow.processes.terminateAs(outcome.terminate);
    this.flow.jobs.pump();
  }

  // ---- what the transfers hand over (TransferOutcomes) ----------------------------------

  progress(identifier: string, task: number, event: ProgressEvent): void {
    // Progress goes only to the process that has the session; it is never queued for a relaunch.
    if (!this.flow.host.alive || !this.flow.host.hasSession(identifier)) return;
    this.delivery.setProgress(identifier, task, event);
    this.deliverWhenPossible(identifier);
  }

  transferEnded(task: number): void {
    this.delivery.clearProgress(task);
  }

  finished(identifier: string, result: TransferResult): void {
    this.delivery.enqueueFinished(identifier, result);
    this.heldAfterEarlyCompletion.delete(identifier);
  }

  failed(identifier: string, task: number, error: TransferError, awaitSession = false): void {
    this.delivery.enqueueFailed(identifier, task, error);
    this.heldAfterEarlyCompletion.delete(identifier);
    if (awaitSession) this.awaitingSession.add(identifier);
  }

  /**
   * Straight to the delegate of a live session (no wake, no urlSessionDidFinishEvents): finished
   * transfers while the extension runs a job; progress whenever the process with the session
   * exists (didWriteData is never queued for a later launch).
   */
  deliverWhenPossible(identifier: string): void {
    if (this.directFlows.has(identifier) || this.wakes.has(identifier) || this.wakeJobFor === identifier) return;
    if (!this.flow.host.alive || !this.flow.host.hasSession(identifier)) return;
    const running = this.flow.jobs.jobActive() && this.flow.host.state !== 'suspended';
    if (!running && !this.delivery.hasProgress(identifier)) return;
    this.directFlows.add(identifier);
    void this.deliverQueued(identifier).finally(() => {
      this.directFlows.delete(identifier);
      // Progress that came after the flow last looked, while it was ending, found the flow still
      // registered and started none: without this it would wait for the next report or be lost.
      if (this.delivery.hasProgress(identifier)) this.deliverWhenPossible(identifier);
      this.flow.jobs.pump();
    });
  }

  // ---- delivering -----------------------------------------------------------------------

  /** Whether the system would wake (or relaunch) the extension for `identifier` now. */
  private wantsWake(identifier: string): boolean {
    return (
      this.delivery.has(identifier) &&
      !this.directFlows.has(identifier) &&
      !this.wakes.has(identifier) &&
      // Apple: the system wakes the app "when all of the tasks for a background session are complete".
      this.tasks.running(identifier).length === 0 &&
      // sessionSendsLaunchEvents = false: no launch and no resume for these events.
      this.tasks.sendsLaunchEvents(identifier) &&
      !this.awaitingSession.has(identifier) &&
      !this.heldAfterEarlyCompletion.has(identifier) &&
      (this.wakeFailures.get(identifier) ?? 0) < MAX_WAKE_FAILURES &&
      (this.flow.host.alive || this.flow.processes.mayLaunch('backgroundEvents'))
    );
  }

  /** The process died before `queued`'s handler returned; the third time in a row ends its delivery. */
  private async attemptEnded(queued: QueuedEvent): Promise<void> {
    if ((await this.delivery.abandon(queued)) < MAX_TERMINATIONS_IN_EVENT) return;
    await this.delivery.giveUp(queued);
    await this.flow.recorder.raise({ code: 'delivery-abandoned', subject: `${queued.name} of task ${queued.task} for "${queued.identifier}"`, identifier: queued.identifier });
  }

  /** The process died inside onBackgroundURLSessionEvents; the third time in a row drops the identifier's events. */
  private async wakeEnded(identifier: string): Promise<void> {
    if (this.delivery.wakeTerminated(identifier) < MAX_TERMINATIONS_IN_EVENT) return;
    this.delivery.wakeReturned(identifier);
    await this.delivery.drop(identifier);
    await this.flow.recorder.raise({ code: 'delivery-abandoned', subject: `onBackgroundURLSessionEvents for "${identifier}"`, identifier });
  }

  /** Delivers one event; false when the process is gone (the event stays queued). */
  private async deliverOne(identifier: string, task: number, body: DeliverEvent, queued?: QueuedEvent): Promise<boolean> {
    const outcome = await this.flow.recorder.event({ event: body.name, identifier, task, detail: detailOf(body, queued?.attempts ?? 1) });
    if (outcome.terminate) {
      await this.flow.processes.terminateAs(outcome.terminate);
      if (queued) await this.attemptEnded(queued);
      return false;
    }
    let answer: ToSystem;
    try {
      answer = await this.flow.host.call(body.name, (delivery) => ({ type: 'deliver', delivery, identifier, task, pause: outcome.pause, event: body }));
    } catch (error) {
      if (!(error instanceof ExtensionGone)) throw error;
      if (queued) await this.attemptEnded(queued);
      return false;
    }
    if (answer.type === 'delivered') {
      if (answer.error) this.flow.signals.output({ category: 'stderr', text: `${body.name} threw: ${answer.error.stack ?? answer.error.message}\n`, pid: this.flow.host.pid });
      await this.flow.recorder.afterPausedEvent(outcome, answer);
      if (answer.returnedPromise && body.name === 'didFinishDownloadingTo') {
        // The file is deleted when the handler *returns*; an async handler returns at its first await.
        await this.flow.recorder.raise({ code: 'temp-file-after-return', subject: `${body.location}, from an async didFinishDownloadingTo`, identifier });
      }
    }
    if (queued) await this.flow.work.busy(() => this.delivery.delivered(queued));
    this.wakeFailures.delete(identifier);
    return true;
  }

  /** Delivers progress and queued events for a live session, in order; false when the process died. */
  private async deliverQueued(identifier: string, wake?: WakeState): Promise<boolean> {
    for (;;) {
      // A straight delivery does not cut into the job's conversation with the extension, and
      // decides what to deliver only once the system has settled: how fast the extension
      // answered never changes what comes next.
      if (!wake) {
        this.flowsAwaitingFloor.add(identifier);
        await this.flow.jobs.untilFloorFree().finally(() => this.flowsAwaitingFloor.delete(identifier));
      }
      if (!this.flow.host.alive || !this.flow.host.hasSession(identifier)) return false;
      if (wake?.suspendedEarly) return true;
      const progress = this.delivery.takeProgress(identifier);
      if (progress) {
        if (!(await this.deliverOne(identifier, progress.task, progress.event))) return false;
        continue;
      }
      // Straight delivery of finished transfers lasts only while the extension runs a job and no
      // wake took over the session; otherwise they wait for onBackgroundURLSessionEvents.
      const onCreate = !wake && this.deliverOnCreate.has(identifier);
      if (!wake && !onCreate && (!this.flow.jobs.jobActive() || this.wakeJobFor === identifier)) return true;
      const queued = this.delivery.head(identifier);
      if (!queued) {
        this.deliverOnCreate.delete(identifier);
        this.awaitingSession.delete(identifier);
        return true;
      }
      const body = await this.flow.work.busy(() => this.delivery.prepare(queued));
      if (!(await this.deliverOne(identifier, queued.task, body, queued))) return false;
      if (wake && queued.name === 'didFinishDownloadingTo') wake.downloadsDelivered += 1;
    }
  }

  /**
   * Until the extension has a live session for `identifier`, or has gone quiet without one. The
   * `sessionCreated` message and the extension's quiescent report each end the system's nap, so
   * the wake goes on as soon as either arrives, not at the next poll.
   */
  private async waitForSession(identifier: string, quiet: () => boolean): Promise<boolean> {
    await this.flow.work.until(() => !this.flow.host.alive || this.flow.host.hasSession(identifier) || quiet());
    return this.flow.host.hasSession(identifier);
  }

  /** One background wake for `identifier`. */
  private async runWakeCycle(identifier: string, quiet: () => boolean): Promise<void> {
    if (!this.flow.host.alive && !(await this.flow.processes.launch('backgroundEvents'))) return;
    this.flow.host.resume();
    const wake: WakeState = {
      identifier,
      finishDelivered: false,
      reloadRequested: false,
      downloadsDelivered: 0,
      suspendedEarly: false,
      cancelTimeLimit: () => undefined,
    };
    this.wakes.set(identifier, wake);
    wake.cancelTimeLimit = this.flow.clock.schedule(this.flow.clock.now() + backgroundTimeLimit(this.flow.options), () => this.wakeTimeLimit(wake), 'background time limit');
    const outcome = await this.flow.recorder.event({ event: 'onBackgroundURLSessionEvents', identifier });
    if (outcome.terminate) {
      await this.flow.processes.terminateAs(outcome.terminate);
      return this.wakeEnded(identifier);
    }
    try {
      const answer = await this.flow.host.call('onBackgroundURLSessionEvents', (call) => ({ type: 'wake', call, identifier, pause: outcome.pause }));
      this.delivery.wakeReturned(identifier);
      if (answer.type === 'wakeHandled') {
        if (answer.error) this.flow.signals.output({ category: 'stderr', text: `onBackgroundURLSessionEvents threw: ${answer.error.stack ?? answer.error.message}\n`, pid: this.flow.host.pid });
        await this.flow.recorder.afterPausedEvent(outcome, answer);
        if (answer.handled === false) return this.wakeUnhandled(wake);
      }
    } catch (error) {
      if (error instanceof ExtensionGone) return this.wakeEnded(identifier);
      throw error;
    }
    if (!(await this.waitForSession(identifier, quiet))) {
      if (!this.flow.host.alive) return;
      // Documented rule: the wake handler returned and the extension went quiet without any
      // URLSession for this identifier, so the queued events cannot be delivered.
      this.wakeFailures.set(identifier, (this.wakeFailures.get(identifier) ?? 0) + 1);
      await this.flow.recorder.raise({ code: 'session-not-recreated', subject: `"${identifier}"`, identifier });
      return;
    }
    if (!(await this.deliverQueued(identifier, wake))) return;
    if (wake.suspendedEarly) {
      // Suspended by the early completion: no urlSessionDidFinishEvents in this wake; what is
      // still queued waits for the next one.
      if (this.delivery.has(identifier)) this.heldAfterEarlyCompletion.add(identifier);
      return;
    }
    const finish = await this.flow.recorder.event({ event: 'urlSessionDidFinishEvents', identifier });
    if (finish.terminate) return this.flow.processes.terminateAs(finish.terminate);
    // The completion belongs inside (or after) didFinishEvents: from here on it is in time.
    wake.finishDelivered = true;
    try {
      const answer = await this.flow.host.call('urlSessionDidFinishEvents', (delivery) => ({ type: 'finishEvents', delivery, identifier, pause: finish.pause }));
      if (answer.type === 'delivered') await this.flow.recorder.afterPausedEvent(finish, answer);
    } catch (error) {
      if (error instanceof ExtensionGone) return;
      throw error;
    }
  }

  /**
   * No handler ran for the wake: the widget has no onBackgroundURLSessionEvents, or none whose
   * `matching` accepts the identifier. WidgetKit hands the events of a background session to
   * "the onBackgroundURLSessionEvents(matching:_:) modifier whose matching identifier matches"
   * (WidgetKit, Making network requests in a widget extension); with none, no completion handler
   * was handed out, so none is expected and no time limit runs for it. The events stay pending
   * (until a process creates the session) and the finding says what to add.
   */
  private async wakeUnhandled(wake: WakeState): Promise<void> {
    const { identifier } = wake;
    wake.cancelTimeLimit();
    if (this.wakes.get(identifier) === wake) this.wakes.delete(identifier);
    // Waking again would find the same widget code: not until a process creates the session.
    this.wakeFailures.set(identifier, MAX_WAKE_FAILURES);
    const why = this.flow.host.widget?.handlesBackgroundEvents
      ? 'its onBackgroundURLSessionEvents `matching` does not accept that identifier'
      : 'the widget has no onBackgroundURLSessionEvents';
    await this.flow.recorder.raise({ code: 'background-events-unhandled', subject: `"${identifier}" (${why})`, identifier });
    this.flow.jobs.pump();
  }

  private async wakeTimeLimit(wake: WakeState): Promise<void> {
    if (this.wakes.get(wake.identifier) !== wake) return;
    this.wakes.delete(wake.identifier);
    this.wakeFailures.set(wake.identifier, (this.wakeFailures.get(wake.identifier) ?? 0) + 1);
    await this.flow.recorder.raise({ code: 'time-limit', subject: `The background wake for "${wake.identifier}"`, identifier: wake.identifier });
    await this.flow.recorder.raise({ code: 'completion-not-called', subject: `"${wake.identifier}"`, identifier: wake.identifier });
    await this.flow.processes.terminate('timeLimit');
  }
}
