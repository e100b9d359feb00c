// invokeUserHandler: the ONE function through which the runtime calls a user handler that the
// system may ask to stop at (delegate methods, urlSessionDidFinishEvents,
// onBackgroundURLSessionEvents). When `pause` is true it executes a `debugger;` statement
// immediately before the call, so a debugger attached over CDP stops here and a Step Into lands
// on the first line of the user's handler.
//
// Contract with the debug adapter (src/debug/): the paused frame's function name is
// `invokeUserHandler` (a method key, so minifiers keep it), and the user's handler is the callee
// of its last statement: from the `debugger;` stop, the first Step Into (CDP Debugger.stepInto)
// reaches that call and the second lands on the first statement of the user's handler, in the
// user's own file (pinned by src/kit/debuggerPause.test.ts). Do not rename it or add statements
// between the `debugger;` and the call. The runtime passes the handler as `this` as well
// (`invokeUserHandler.call(handler, pause, handler, thisArg, args)`): the paused frame's `this`
// then names the handler in the `Debugger.paused` event itself, so the adapter sets its
// breakpoint on the call without first reading the frame's scope (a round trip to the
// inspector); a call without it (a user's own) makes the adapter read the second parameter.
// Provider methods (placeholder, getSnapshot, getTimeline) go through it too when the `provider` message carries `pause: true`. When the user has no
// handler for the event (a delegate without that method, a widget without
// onBackgroundURLSessionEvents or whose `matching` refuses the identifier), nothing is called
// and nothing stops: the event is answered (`delivered` / `wakeHandled`) straight away, with
// `handled: false` so that the adapter stops on its System thread instead.

const userHandlerInvocation = {
  invokeUserHandler<Result>(this: unknown, pause: boolean, handler: (...args: never[]) => Result, thisArg: unknown, args: unknown[]): Result {
    if (pause) {
      // eslint-disable-next-line no-debugger
      debugger;
    }
    return Reflect.apply(handler, thisArg, args) as Result;
  },
};

export const invokeUserHandler = userHandlerInvocation.invokeUserHandler;
