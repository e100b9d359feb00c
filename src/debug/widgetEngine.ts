// The one place the adapter constructs the simulated system, and the typed view of the engine's
// events it listens to (src/system/api.ts documents them). Keeping the construction here lets
// the session stay a pure DAP-to-engine translator.
import type { Finding, TerminationReason, TraceRecord, WidgetStateSnapshot } from '../protocol/lifecycle';
import type { SystemOptions, WidgetSystemApi } from '../system/api';
import type { RecordedInput } from '../system/recording/recordingFormat';
import { WidgetSystem } from '../system/widgetSystem';

export interface EngineOutput {
  category: 'stdout' | 'stderr' | 'console';
  text: string;
  pid: number | null;
}

export interface EngineExit {
  pid: number | null;
  launch: number;
  reason: TerminationReason;
}

export interface EngineEvents {
  trace: TraceRecord;
  state: WidgetStateSnapshot;
  finding: Finding;
  output: EngineOutput;
  extensionExit: EngineExit;
  idle: undefined;
  input: RecordedInput;
}

export interface WidgetEngine extends WidgetSystemApi {
  /** The seed of the widget's randomness in this run (a recording keeps it). */
  readonly seed: number;
  on<E extends keyof EngineEvents>(event: E, listener: (payload: EngineEvents[E]) => void): unknown;
}

export function createEngine(options: SystemOptions): WidgetEngine {
  return new WidgetSystem(options) as WidgetEngine;
}
