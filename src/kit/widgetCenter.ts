// WidgetCenter: asks the system to reload timelines (Apple: reloads count against the widget's
// daily budget unless the app is in the foreground) and to list the configured widgets.
import type { JsonValue } from '../protocol/lifecycle';
import { callerLocation } from './callerLocation';
import { WidgetKitError } from './errors';
import { systemChannel } from './systemChannel';
import type { WidgetPushInfo } from './widgetDefinition';

/** Apple: WidgetCenter. */
export const WidgetCenter = {
  /** Asks the system for a new timeline of that kind; counts against the daily reload budget. */
  reloadTimelines(kind: string): void {
    if (typeof kind !== 'string' || kind === '') {
      throw new WidgetKitError('invalid-argument', 'WidgetCenter.reloadTimelines needs the widget kind (use reloadAllTimelines() for every widget).');
    }
    systemChannel.send({ type: 'reloadTimelines', kind, location: callerLocation() });
  },
  /** Asks the system for new timelines of every widget; counts against the budget. */
  reloadAllTimelines(): void {
    systemChannel.send({ type: 'reloadTimelines', kind: null, location: callerLocation() });
  },
  /** The widgets the user has configured (Apple: WidgetInfo: kind, family, configuration). */
  getCurrentConfigurations(): Promise<JsonValue> {
    return systemChannel.request({ op: 'getCurrentConfigurations' });
  },
  /**
   * Apple (iOS 26): `await WidgetCenter.shared.currentPushInfo`: the push token of a widget with a
   * pushHandler, or null when no widget is configured for push.
   */
  get currentPushInfo(): Promise<WidgetPushInfo | null> {
    return systemChannel.request({ op: 'currentPushInfo' }) as Promise<WidgetPushInfo | null>;
  },
};
