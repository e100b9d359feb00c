// Delivers the system's background-session events to user code: delegate events to the live
// session's delegate, urlSessionDidFinishEvents, and the wake-up through the widget's
// onBackgroundURLSessionEvents. Apple: an event counts as delivered when its delegate method
// RETURNS (the file at `location` is deleted then), so `delivered` is sent at once even when the
// handler returned a promise. Every user handler runs through invokeUserHandler so the debugger
// can stop right before it; an answer for which no user handler ran says `handled: false`, so
// that the system knows a requested pause did not stop (the debugger stops on its System thread).
import type { ToExtension, ToSystem, UserError } from '../protocol/ipc';
import { callerLocation } from './callerLocation';
import { messageOf } from './errors';
import { sessionCache } from './sessionCache';
import { systemChannel } from './systemChannel';
import { tempFileGuard } from './tempFileGuard';
import type { URLSession, URLSessionDelegate } from './urlSession';
import { URLSessionTaskError } from './urlSessionTask';
import { userError } from './userError';
import { invokeUserHandler } from './userHandlerInvocation';
import type { DefinedWidget } from './widgetDefinition';
import { backgroundEventsHandlerFor } from './widgetDefinition';

type Deliver = Extract<ToExtension, { type: 'deliver' }>;
type FinishEvents = Extract<ToExtension, { type: 'finishEvents' }>;
type Wake = Extract<ToExtension, { type: 'wake' }>;

export interface Outcome {
  returnedPromise: boolean;
  /** false when no user handler ran (the system then knows a requested pause did not stop). */
  handled: boolean;
  error?: UserError;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Calls a user handler; a promise it returns is watched so its rejection is reported, not fatal. */
export function callUser(pause: boolean, handler: ((...args: never[]) => unknown) | undefined, thisArg: unknown, args: unknown[], what: string): Outcome {
  if (typeof handler !== 'function') return { returnedPromise: false, handled: false };
  try {
    const returned = invokeUserHandler.call(handler, pause, handler, thisArg, args);
    if (!isThenable(returned)) return { returnedPromise: false, handled: true };
    Promise.resolve(returned).catch((thrown: unknown) => {
      process.stderr.write(`${what} rejected after it returned: ${thrown instanceof Error && thrown.stack ? thrown.stack : messageOf(thrown)}\n`);
    });
    return { returnedPromise: true, handled: true };
  } catch (thrown) {
    return { returnedPromise: false, handled: true, error: userError(thrown, `${what} threw`) };
  }
}

function noSession(identifier: string): UserError {
  return {
    message: `No URLSession with identifier "${identifier}" is live in this process, so its events cannot be delivered. Recreate it (sessionCache.session("${identifier}", makeDelegate)) in onBackgroundURLSessionEvents.`,
  };
}

function delivered(delivery: number, outcome: Outcome): ToSystem {
  return {
    type: 'delivered',
    delivery,
    returnedPromise: outcome.returnedPromise,
    ...(outcome.handled ? {} : { handled: false }),
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}

function callDelegate(session: URLSession, message: Deliver): Outcome {
  const delegate: URLSessionDelegate = session.delegate ?? {};
  const { event, pause } = message;
  const task = session.taskFor(message.task);
  switch (event.name) {
    case 'didWriteData':
      task.update({ bytesWritten: event.totalBytesWritten, bytesExpected: event.totalBytesExpected });
      return callUser(pause, delegate.didWriteData, delegate, [session, task, event.bytesWritten, event.totalBytesWritten, event.totalBytesExpected], 'didWriteData');
    case 'didFinishDownloadingTo': {
      task.response = { statusCode: event.status, headers: event.headers };
      tempFileGuard.enter(event.location);
      try {
        return callUser(pause, delegate.didFinishDownloadingTo, delegate, [session, task, event.location], 'didFinishDownloadingTo');
      } finally {
        // Apple: the file is deleted when this method returns.
        tempFileGuard.expire(event.location);
      }
    }
    case 'didCompleteWithError': {
      const error = event.error ? new URLSessionTaskError(event.error) : null;
      task.error = error;
      if (event.status !== undefined && !task.response) task.response = { statusCode: event.status, headers: {} };
      task.update({ state: event.error === null ? 'completed' : event.error.code === -999 ? 'cancelled' : 'failed' });
      return callUser(pause, delegate.didCompleteWithError, delegate, [session, task, error], 'didCompleteWithError');
    }
    default:
      return { returnedPromise: false, handled: false, error: { message: `Unknown delegate event ${JSON.stringify((event as { name?: unknown }).name)} from the system.` } };
  }
}

export function deliverEvent(message: Deliver): ToSystem {
  const session = sessionCache.get(message.identifier);
  if (!session) return delivered(message.delivery, { returnedPromise: false, handled: false, error: noSession(message.identifier) });
  return delivered(message.delivery, callDelegate(session, message));
}

/** Apple: urlSessionDidFinishEvents(forBackgroundURLSession:) after the session's queued events. */
export function finishEvents(message: FinishEvents): ToSystem {
  const session = sessionCache.get(message.identifier);
  if (!session) return delivered(message.delivery, { returnedPromise: false, handled: false, error: noSession(message.identifier) });
  const delegate: URLSessionDelegate = session.delegate ?? {};
  return delivered(message.delivery, callUser(message.pause, delegate.didFinishEvents, delegate, [session], 'didFinishEvents'));
}

/** The completion handed to onBackgroundURLSessionEvents: every call is reported with its place. */
function completionFor(identifier: string): () => void {
  return function completion(): void {
    systemChannel.send({ type: 'completionCalled', identifier, location: callerLocation() });
  };
}

/** Apple: the system launches the extension and calls onBackgroundURLSessionEvents(matching:). */
export function wake(widget: DefinedWidget | null, message: Wake): ToSystem {
  let handler;
  try {
    handler = widget ? backgroundEventsHandlerFor(widget, message.identifier) : undefined;
  } catch (thrown) {
    return { type: 'wakeHandled', call: message.call, handled: false, error: userError(thrown, 'onBackgroundURLSessionEvents.matching threw') };
  }
  const option = widget?.onBackgroundURLSessionEvents;
  const outcome = callUser(message.pause, handler, option, [message.identifier, completionFor(message.identifier)], 'onBackgroundURLSessionEvents');
  return { type: 'wakeHandled', call: message.call, ...(outcome.handled ? {} : { handled: false }), ...(outcome.error ? { error: outcome.error } : {}) };
}
