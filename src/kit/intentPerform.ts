// Performs the intent of a tap (DESIGN.md section 10) in the widget extension process: the
// system names the intent and its bound parameters, the kit finds it among those the module
// defined and calls `perform` through invokeUserHandler, so an `intentPerform` breakpoint stops
// on perform's first line and Step Into walks the user's code. The answer goes when perform's
// promise settles: the system reloads the timelines only after the intent finished (Apple:
// "the system reloads the widget's timeline after performing the intent").
import type { ToExtension, ToSystem } from '../protocol/ipc';
import { definedIntents, intentNamed } from './intents';
import { userError } from './userError';
import { invokeUserHandler } from './userHandlerInvocation';

type Perform = Extract<ToExtension, { type: 'perform' }>;

function unknownIntent(message: Perform): ToSystem {
  const known = definedIntents().map((intent) => intent.name);
  const list = known.length > 0 ? `the module defines ${known.join(', ')}` : 'the module defines none (defineIntent)';
  return { type: 'performed', call: message.call, handled: false, error: { message: `No intent named "${message.intent}": ${list}.` } };
}

async function performIntent(message: Perform): Promise<ToSystem> {
  const intent = intentNamed(message.intent);
  if (!intent) return unknownIntent(message);
  const context = { intent: intent.name, kind: message.kind, family: message.family };
  // `intent` is the user's definition object: perform runs with it as `this`, as written.
  try {
    await invokeUserHandler.call(intent.perform, message.pause, intent.perform, intent, [{ ...message.parameters }, context]);
    return { type: 'performed', call: message.call };
  } catch (thrown) {
    return { type: 'performed', call: message.call, error: userError(thrown, `intent "${intent.name}" perform threw`) };
  }
}

/** Sends the answer to `perform` once the intent's perform settled. */
export function answerPerform(message: Perform, reply: (answer: ToSystem) => void): void {
  void performIntent(message).then(reply);
}
