// Delivering background transfer events to the extension, as Apple documents it (Downloading
// files in the background; onBackgroundURLSessionEvents for widgets):
// - If the extension is running and has the session, events go straight to its delegate.
// - Otherwise the system resumes or relaunches it, calls onBackgroundURLSessionEvents with the
//   identifier and a completion handler, and delivers the events once code in that process
//   has created a session with that identifier; then urlSessionDidFinishEvents; the code
//   reloads its timelines and calls the completion handler.
// - An event counts as delivered when its handler returns; the file at `location` is deleted
//   at that moment. A wake must end with the completion call within the background time limit.
import type { ToSystem } from '../protocol/ipc';
import type { JsonValue, SourceLocation } from '../protocol/lifecycle';
import type { DeliverEvent, QueuedEvent } from './backgroundDelivery';
import { backgroundTimeLimit } from './api';
import { ExtensionGone } from './extensionHost';
import { launchExtension } from './extensionLaunch';
import type { SystemCore, WakeState } from './systemCore';

/** A wake that failed this many times (no session, time limit) is not retried for old events. */
export const MAX_WAKE_FAILURES = 2;
/**
 * Crash-loop protection (DESIGN.md section 9): after this many terminations in a row inside the
 * same event the system stops relaunching the extension for it, so that every run ends. iOS
 * likewise stops launching an extension that keeps crashing at launch for a while.
 */
export const MAX_TERMINATIONS_IN_EVENT = 3;

/** The process died before `queued`'s handler returned; the third time in a row ends its delivery. */
async function attemptEnded(core: SystemCore, queued: QueuedEvent): Promise<void> {
  if ((await core.delivery.abandon(queued)) < MAX_TERMINATIONS_IN_EVENT) return;
  await core.delivery.giveUp(queued);
  await core.raise({ code: 'delivery-abandoned', subject: `${queued.name} of task ${queued.task} for "${queued.identifier}"`, identifier: queued.identifier });
}

/** The process died inside onBackgroundURLSessionEvents; the third time in a row drops the identifier's events. */
async function wakeEnded(core: SystemCore, identifier: string): Promise<void> {
  if (core.delivery.wakeTerminated(identifier) < MAX_TERMINATIONS_IN_EVENT) return;
  core.delivery.wakeReturned(identifier);
  await core.delivery.drop(identifier);
  await core.raise({ code: 'delivery-abandoned', subject: `onBackgroundURLSessionEvents for "${identifier}"`, identifier });
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
        error: event.error ? { code: event.error.code, message: event.error.message } : null,
        ...(event.status !== undefined ? { status: event.status } : {}),
        ...again,
      } as { [key: string]: JsonValue };
  }
}

/** Delivers one event; false when the process is gone (the event stays queued). */
async function deliverOne(core: SystemCore, identifier: string, task: number, body: DeliverEvent, queued?: QueuedEvent): Promise<boolean> {
  const outcome = await core.event({ event: body.name, identifier, task, detail: detailOf(body, queued?.attempts ?? 1) });
  if (outcome.terminate) {
    await core.terminateAs(outcome.terminate);
    if (queued) await attemptEnded(core, queued);
    return false;
  }
  let answer: ToSystem;
  try {
    answer = await core.host.call(body.name, (delivery) => ({ type: 'deliver', delivery, identifier, task, pause: outcome.pause, event: body }));
  } catch (error) {
    if (!(error instanceof ExtensionGone)) throw error;
    if (queued) await attemptEnded(core, queued);
    return false;
  }
  if (answer.type === 'delivered') {
    if (answer.error) core.emitter.emit('output', { category: 'stderr', text: `${body.name} threw: ${answer.error.stack ?? answer.error.message}\n`, pid: core.host.pid });
    await core.afterPausedEvent(outcome, answer);
    if (answer.returnedPromise && body.name === 'didFinishDownloadingTo') {
      // The file is deleted when the handler *returns*; an async handler returns at its first await.
      await core.raise({ code: 'temp-file-after-return', subject: `${body.location}, from an async didFinishDownloadingTo`, identifier });
    }
  }
  if (queued) await core.busy(() => core.delivery.delivered(queued));
  core.wakeFailures.delete(identifier);
  return true;
}

/** Delivers progress and queued events for a live session, in order; false when the process died. */
export async function deliverQueued(core: SystemCore, identifier: string, wake?: WakeState): Promise<boolean> {
  for (;;) {
    // A straight delivery does not cut into the job's conversation with the extension, and
    // decides what to deliver only once the system has settled: how fast the extension
    // answered never changes what comes next.
    if (!wake) {
      core.flowsAwaitingFloor.add(identifier);
      await core.untilFloorFree().finally(() => core.flowsAwaitingFloor.delete(identifier));
    }
    if (!core.host.alive || !core.host.liveSessions.has(identifier)) return false;
    const progress = core.delivery.takeProgress(identifier);
    if (progress) {
      if (!(await deliverOne(core, identifier, progress.task, progress.event))) return false;
      continue;
    }
    // Straight delivery of finished transfers lasts only while the extension runs a job and no
    // wake took over the session; otherwise they wait for onBackgroundURLSessionEvents.
    if (!wake && (!core.jobActive || core.wakeJobIdentifier === identifier)) return true;
    const queued = core.delivery.head(identifier);
    if (!queued) return true;
    const body = await core.busy(() => core.delivery.prepare(queued));
    if (!(await deliverOne(core, identifier, queued.task, body, queued))) return false;
    if (wake && queued.name === 'didFinishDownloadingTo') wake.downloadsDelivered += 1;
  }
}

/**
 * Straight to the delegate of a live session (no wake, no urlSessionDidFinishEvents): finished
 * transfers while the extension runs a job; progress whenever the process with the session
 * exists (didWriteData is never queued for a later launch).
 */
export function startDirectDelivery(core: SystemCore, identifier: string): void {
  if (core.directFlows.has(identifier) || core.wakes.has(identifier) || core.wakeJobIdentifier === identifier) return;
  if (!core.host.alive || !core.host.liveSessions.has(identifier)) return;
  const running = core.jobActive && core.host.state !== 'suspended';
  if (!running && !core.delivery.hasProgress(identifier)) return;
  core.directFlows.add(identifier);
  void deliverQueued(core, identifier).finally(() => {
    core.directFlows.delete(identifier);
    // Progress that came after the flow last looked, while it was ending, found the flow still
    // registered and started none: without this it would wait for the next report or be lost.
    if (core.delivery.hasProgress(identifier)) startDirectDelivery(core, identifier);
    core.pump();
  });
}

/** Whether the system would wake (or relaunch) the extension for `identifier` now. */
export function wantsWake(core: SystemCore, identifier: string): boolean {
  return (
    core.delivery.has(identifier) &&
    !core.directFlows.has(identifier) &&
    !core.wakes.has(identifier) &&
    // Apple: the system wakes the app "when all of the tasks for a background session are complete".
    core.ledger.running(identifier).length === 0 &&
    (core.wakeFailures.get(identifier) ?? 0) < MAX_WAKE_FAILURES &&
    (core.host.alive || core.automaticRelaunch)
  );
}

/**
 * Until the extension has a live session for `identifier`, or has gone quiet without one. The
 * `sessionCreated` message and the extension's quiescent report each end the system's nap, so
 * the wake goes on as soon as either arrives, not at the next poll.
 */
async function waitForSession(core: SystemCore, identifier: string, quiet: () => boolean): Promise<boolean> {
  await core.naps.until(() => !core.host.alive || core.host.liveSessions.has(identifier) || quiet(), () => core.disposed);
  return core.host.liveSessions.has(identifier);
}

/** One background wake for `identifier`; `quiet` tells when the extension has nothing left to do. */
export async function runWakeCycle(core: SystemCore, identifier: string, quiet: () => boolean): Promise<void> {
  if (!core.host.alive && !(await launchExtension(core, 'backgroundEvents'))) return;
  core.host.resume();
  const limitMs = backgroundTimeLimit(core.options);
  const wake: WakeState = {
    identifier,
    launch: core.host.launches,
    finishDelivered: false,
    completions: 0,
    reloadRequested: false,
    downloadsDelivered: 0,
    cancelTimeLimit: () => undefined,
  };
  core.wakes.set(identifier, wake);
  wake.cancelTimeLimit = core.clock.schedule(core.now() + limitMs, () => wakeTimeLimit(core, wake), 'background time limit');
  const outcome = await core.event({ event: 'onBackgroundURLSessionEvents', identifier });
  if (outcome.terminate) {
    await core.terminateAs(outcome.terminate);
    return wakeEnded(core, identifier);
  }
  try {
    const answer = await core.host.call('onBackgroundURLSessionEvents', (call) => ({ type: 'wake', call, identifier, pause: outcome.pause }));
    core.delivery.wakeReturned(identifier);
    if (answer.type === 'wakeHandled') {
      if (answer.error) core.emitter.emit('output', { category: 'stderr', text: `onBackgroundURLSessionEvents threw: ${answer.error.stack ?? answer.error.message}\n`, pid: core.host.pid });
      await core.afterPausedEvent(outcome, answer);
    }
  } catch (error) {
    if (error instanceof ExtensionGone) return wakeEnded(core, identifier);
    throw error;
  }
  if (!(await waitForSession(core, identifier, quiet))) {
    if (!core.host.alive) return;
    // Documented rule: the wake handler returned and the extension went quiet without any
    // URLSession for this identifier, so the queued events cannot be delivered.
    core.wakeFailures.set(identifier, (core.wakeFailures.get(identifier) ?? 0) + 1);
    await core.raise({ code: 'session-not-recreated', subject: `"${identifier}"`, identifier });
    return;
  }
  if (!(await deliverQueued(core, identifier, wake))) return;
  const finish = await core.event({ event: 'urlSessionDidFinishEvents', identifier });
  if (finish.terminate) return core.terminateAs(finish.terminate);
  // The completion belongs inside (or after) didFinishEvents: from here on it is in time.
  wake.finishDelivered = true;
  try {
    const answer = await core.host.call('urlSessionDidFinishEvents', (delivery) => ({ type: 'finishEvents', delivery, identifier, pause: finish.pause }));
    if (answer.type === 'delivered') await core.afterPausedEvent(finish, answer);
  } catch (error) {
    if (error instanceof ExtensionGone) return;
    throw error;
  }
}

async function wakeTimeLimit(core: SystemCore, wake: WakeState): Promise<void> {
  if (core.wakes.get(wake.identifier) !== wake) return;
  core.wakes.delete(wake.identifier);
  core.wakeFailures.set(wake.identifier, (core.wakeFailures.get(wake.identifier) ?? 0) + 1);
  await core.raise({ code: 'time-limit', subject: `The background wake for "${wake.identifier}"`, identifier: wake.identifier });
  await core.raise({ code: 'completion-not-called', subject: `"${wake.identifier}"`, identifier: wake.identifier });
  await core.terminate('timeLimit');
}

/** The code called the completion handler it got in onBackgroundURLSessionEvents. */
export async function completionCalled(core: SystemCore, identifier: string, location: SourceLocation | undefined): Promise<void> {
  const outcome = await core.event({
    event: 'completionHandler',
    identifier,
    ...(location ? { detail: { file: location.file, line: location.line } } : {}),
  });
  const wake = core.wakes.get(identifier);
  if (!wake) {
    if (core.completedWakes.has(identifier)) await core.raise({ code: 'completion-called-twice', subject: `"${identifier}"`, identifier, location });
  } else {
    wake.completions += 1;
    if (!wake.finishDelivered) {
      await core.raise({ code: 'completion-before-finish-events', subject: `"${identifier}"`, identifier, location });
    } else if (!wake.reloadRequested && wake.downloadsDelivered > 0) {
      // Only a wake that brought new data needs a reload; a failed transfer may leave it alone.
      await core.raise({ code: 'reload-not-requested', subject: `"${identifier}"`, identifier, location });
    }
    wake.cancelTimeLimit();
    core.wakes.delete(identifier);
    core.completedWakes.add(identifier);
  }
  if (outcome.terminate) await core.terminateAs(outcome.terminate);
  core.pump();
}
