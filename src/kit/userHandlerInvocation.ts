// invokeUserHandler: the ONE function through which the runtime calls a user handler that the
// system may ask to stop at (provider methods, delegate methods, urlSessionDidFinishEvents,
// onBackgroundURLSessionEvents). When `pause` is true the process stops on the first line of
// the user's handler, in one pause: the kit breaks on the handler's call through an inspector
// session of its own (handlerBreakpoint.ts), so every debugger attached over CDP gets a
// Debugger.paused whose top frame is the handler and whose next frame is invokeUserHandler.
//
// Contract with the debug adapter (src/debug/): the function's name is `invokeUserHandler` (a
// method key, so minifiers keep it), and the user's handler is the callee of its last statement
// (pinned by src/kit/debuggerPause.test.ts). When no breakpoint can be set on the handler (a
// bound or native function), it executes a `debugger;` statement immediately before the call
// instead: from that stop the first Step Into reaches the call and the second lands on the
// handler's first statement. Do not rename it or add statements between the `debugger;` and the
// call. The runtime passes the handler as `this` as well
// (`invokeUserHandler.call(handler, pause, handler, thisArg, args)`): at a `debugger;` stop the
// paused frame's `this` then names the handler in the `Debugger.paused` event itself, so the
// adapter sets its breakpoint on the call without first reading the frame's scope; a call
// without it (a user's own) makes the adapter read the second parameter. When the user has no
// handler for the event (a delegate without that method, a widget without
// onBackgroundURLSessionEvents or whose `matching` refuses the identifier), nothing is called
// and nothing stops: the event is answered (`delivered` / `wakeHandled`) straight away, with
// `handled: false` so that the adapter stops on its System thread instead.
import { breakOnCall } from './handlerBreakpoint';

const userHandlerInvocation = {
  invokeUserHandler<Result>(this: unknown, pause: boolean, handler: (...args: never[]) => Result, thisArg: unknown, args: unknown[]): Result {
    const removeBreakpoint = pause ? breakOnCall(handler) : undefined;
    if (removeBreakpoint) {
      try {
        return Reflect.apply(handler, thisArg, args) as Result;
      } finally {
        removeBreakpoint();
      }
    }
    if (pause) {
      // eslint-disable-next-line no-debugger
      debugger;
    }
    return Reflect.apply(handler, thisArg, args) as Result;
  },
};

/** The runtime's call of user handlers (the debugger stops here before a handler when asked). */
export const invokeUserHandler = userHandlerInvocation.invokeUserHandler;
