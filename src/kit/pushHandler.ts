// Calls the widget's push handler (Apple, iOS 26: WidgetPushHandler.pushTokenDidChange(_:widgets:),
// "called when the push configuration of your widgets changes") with the token the system gave
// the widget and the widgets configured for push. Through callUser, so the debugger can stop on
// its first line and a throw is reported rather than fatal, as for the delegate methods.
import type { ToExtension, ToSystem } from '../protocol/ipc';
import { callUser } from './deliveries';
import type { DefinedWidget, WidgetInfo, WidgetPushInfo } from './widgetDefinition';

type PushToken = Extract<ToExtension, { type: 'pushToken' }>;

export function deliverPushToken(widget: DefinedWidget | null, message: PushToken): ToSystem {
  const handler = widget?.pushHandler;
  const pushInfo: WidgetPushInfo = Object.freeze({ token: message.token });
  const widgets: WidgetInfo[] = message.widgets.map((info) => Object.freeze({ kind: info.kind, family: info.family }));
  const outcome = callUser(message.pause, handler?.pushTokenDidChange, handler, [pushInfo, widgets], 'pushHandler.pushTokenDidChange');
  return { type: 'pushTokenHandled', call: message.call, handled: outcome.handled, ...(outcome.error ? { error: outcome.error } : {}) };
}
