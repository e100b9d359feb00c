// The parts one simulated system is made of, as the WidgetSystem assembles them: what the
// extension's messages are dispatched to and what a snapshot is read from.
import type { SystemOptions } from './api';
import type { BackgroundSessions } from './backgroundSessions';
import type { BackgroundTransfers } from './backgroundTransfers';
import type { VirtualClock } from './clock';
import type { ExtensionHost } from './extensionHost';
import type { LifecycleRecorder } from './lifecycleRecorder';
import type { ProcessControl } from './processControl';
import type { TimelineRequests } from './timelineRequests';
import type { WidgetPushes } from './widgetPushes';

export interface SystemParts {
  readonly options: SystemOptions;
  readonly clock: VirtualClock;
  readonly host: ExtensionHost;
  readonly recorder: LifecycleRecorder;
  readonly processes: ProcessControl;
  readonly timelines: TimelineRequests;
  readonly sessions: BackgroundSessions;
  readonly transfers: BackgroundTransfers;
  readonly pushes: WidgetPushes;
}
