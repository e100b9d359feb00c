// `sessionCache`: the widget's in-process cache of live background sessions by identifier.
// Apple's pattern for widgets: when the system wakes the extension with
// onBackgroundURLSessionEvents, recreate the session with the same identifier (lazily, once) so
// the system can deliver its events; the cache answers "is it already live?".
import { sessionRegistry } from './sessionRegistry';
import type { URLSessionDelegate } from './urlSession';
import { URLSession, URLSessionConfiguration } from './urlSession';

/**
 * The extension process's cache of live sessions by identifier. It lives in memory only: after
 * the system terminates the extension it is empty, and onBackgroundURLSessionEvents must
 * recreate the session.
 */
export const sessionCache = {
  /** The live session for `identifier`, created now (background configuration) if there is none. */
  session(identifier: string, makeDelegate?: () => URLSessionDelegate | null): URLSession {
    const existing = sessionRegistry.get(identifier);
    if (existing instanceof URLSession) return existing;
    return new URLSession(URLSessionConfiguration.background(identifier), makeDelegate ? makeDelegate() : null);
  },
  get(identifier: string): URLSession | undefined {
    const existing = sessionRegistry.get(identifier);
    return existing instanceof URLSession ? existing : undefined;
  },
  identifiers(): string[] {
    return sessionRegistry.identifiers();
  },
};
