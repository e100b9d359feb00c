// A stop at the first line of a user handler in one pause. When the system asks the kit to stop
// before a handler (a debugger is attached), the kit sets a one-shot breakpoint on the handler's
// call through an inspector session of its own, on its own thread, and calls the handler: V8
// pauses at the handler's first statement, and every session, the debug adapter's included,
// gets that Debugger.paused (with no hit breakpoint of its own, the frame below being
// invokeUserHandler: see src/debug/extensionTarget.ts). Without it the kit stops at a
// `debugger;` before the call and the adapter must walk into the handler: a second pause.
// Commands on a session connected to its own thread are answered synchronously; the session
// never pauses or resumes anything itself, so it cannot block the thread it runs on.
// node:inspector is loaded at the first stop: a process nobody debugs never pays for it.
import type { Session } from 'node:inspector';

/** Where the session finds the holder of the handler to break on, once (a symbol: no user-visible global). */
const SLOT = Symbol.for('widgetkit.handlerToBreakOn');
/** The group of the holder's id, kept for the process's life. */
const OBJECT_GROUP = 'widgetkit-handler-breakpoint';

/** The kit's own session: undefined until the first stop, null when it cannot be had. */
let session: Session | null | undefined;
/**
 * An object the session knows by id, whose `handler` names the function to break on: read with
 * Runtime.getProperties, which compiles nothing (a Runtime.evaluate per stop would compile a
 * script, and every attached debugger would be told of it).
 */
let holder: { objectId: string; slot: { handler?: unknown } } | null = null;

function post<Result>(method: string, params: object = {}): Result {
  let answer: { error: Error | null; result?: Result } | undefined;
  session!.post(method, params, (error, result) => (answer = { error, result: result as Result }));
  if (!answer) throw new Error(`${method} was not answered at once`);
  if (answer.error) throw answer.error;
  return answer.result as Result;
}

function ready(): boolean {
  if (session === undefined) {
    const slot = {};
    const slots = globalThis as unknown as Record<symbol, unknown>;
    slots[SLOT] = slot;
    try {
      const inspector = require('node:inspector') as typeof import('node:inspector');
      session = new inspector.Session();
      session.connect();
      post('Debugger.enable');
      const { result } = post<{ result: { objectId?: string } }>('Runtime.evaluate', { expression: "globalThis[Symbol.for('widgetkit.handlerToBreakOn')]", objectGroup: OBJECT_GROUP, silent: true });
      holder = result.objectId ? { objectId: result.objectId, slot } : null;
    } catch {
      session = null;
    } finally {
      delete slots[SLOT];
    }
  }
  return session !== null && holder !== null;
}

/**
 * Sets a one-shot breakpoint on `handler`'s call; returns what removes it, or undefined when no
 * breakpoint can be set (a bound or native function, no inspector): the caller then stops at
 * its `debugger;` instead.
 */
export function breakOnCall(handler: unknown): (() => void) | undefined {
  if (!ready()) return undefined;
  const { objectId, slot } = holder!;
  slot.handler = handler;
  let handlerId: string | undefined;
  try {
    const { result } = post<{ result: { name: string; value?: { objectId?: string; description?: string } }[] }>('Runtime.getProperties', { objectId, ownProperties: true });
    const value = result.find((property) => property.name === 'handler')?.value;
    handlerId = value?.objectId;
    // V8 takes a breakpoint on a bound or native function's call and never stops there.
    if (!handlerId || value?.description?.includes('[native code]')) return undefined;
    const { breakpointId } = post<{ breakpointId: string }>('Debugger.setBreakpointOnFunctionCall', { objectId: handlerId });
    return () => {
      try {
        post('Debugger.removeBreakpoint', { breakpointId });
      } catch {
        // The session is gone with the process.
      }
    };
  } catch {
    return undefined;
  } finally {
    slot.handler = undefined;
    if (handlerId) {
      try {
        post('Runtime.releaseObject', { objectId: handlerId });
      } catch {
        // Nothing held.
      }
    }
  }
}
