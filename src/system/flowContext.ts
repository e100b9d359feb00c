// What a flow of the system's (timeline requests, background sessions, transfers) works with:
// the parts it calls, each keeping its own state, and the WidgetSystem's job control and
// signals. One object per system, built by the WidgetSystem.
import type { SystemOptions } from './api';
import type { VirtualClock } from './clock';
import type { ExtensionHost } from './extensionHost';
import type { LifecycleRecorder } from './lifecycleRecorder';
import type { JobControl, SystemSignals } from './parts';
import type { ProcessControl } from './processControl';
import type { SystemWork } from './systemWork';

export interface FlowContext {
  readonly options: SystemOptions;
  readonly clock: VirtualClock;
  readonly host: ExtensionHost;
  readonly processes: ProcessControl;
  readonly recorder: LifecycleRecorder;
  readonly work: SystemWork;
  readonly jobs: JobControl;
  readonly signals: SystemSignals;
}
