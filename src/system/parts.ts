// How the parts of the simulated system speak to each other (DESIGN.md section 9): the signals
// every part may raise, which the WidgetSystem turns into its public events or acts on, and the
// narrow views one part has of another. Each part keeps its state private; what it offers others
// is its methods, and what it needs of a part it does not own is one of the views declared here.
import type { TaskInfo, TransferError } from '../protocol/ipc';
import type { Finding, TraceRecord } from '../protocol/lifecycle';
import type { ProgressEvent } from './backgroundDelivery';
import type { ExtensionOutput } from './extensionProcess';
import type { TransferResult } from './transfers/api';

/** What any part tells the system as a whole. */
export interface SystemSignals {
  /** A lifecycle record was written (the WidgetSystem's 'trace' event). */
  trace(record: TraceRecord): void;
  /** A finding was raised (the 'finding' event). */
  finding(finding: Finding): void;
  /** Text for the user (the 'output' event). */
  output(output: ExtensionOutput): void;
  /** Something a snapshot shows changed (a 'state' event follows). */
  stateChanged(): void;
}

/** The job sequencing the WidgetSystem owns, as the flows see it. */
export interface JobControl {
  /** Whatever made the system look for work: the WidgetSystem picks its next job. */
  pump(): void;
  /** A job (launch, reload, wake) runs in the extension now. */
  jobActive(): boolean;
  /**
   * Resolves when the system may talk to the extension outside the current job: its own work is
   * done, the job (if any) waits for an answer and the extension is silent. In simulated mode
   * this keeps one conversation at a time, so a run's events come in the same order however fast
   * each answer arrives. Resolves to whether it had to wait.
   */
  untilFloorFree(): Promise<boolean>;
}

/** What background sessions ask of the transfers: which tasks of a session still run. */
export interface RunningTasks {
  running(identifier: string): TaskInfo[];
  /** The session's configuration lets its events launch or resume the extension. */
  sendsLaunchEvents(identifier: string): boolean;
}

/** Where the transfers hand what the daemon reported, for the session's delegate. */
export interface TransferOutcomes {
  /** Bytes written for a live session's task (delivered only to the running process). */
  progress(identifier: string, task: number, event: ProgressEvent): void;
  /** A task's transfer ended: its progress not yet delivered is dropped. */
  transferEnded(task: number): void;
  finished(identifier: string, result: TransferResult): void;
  /**
   * A task failed. `awaitSession`: its event launches and wakes nothing; it waits until a running
   * process creates the session (a task a force quit cancelled).
   */
  failed(identifier: string, task: number, error: TransferError, awaitSession?: boolean): void;
  /** Deliver straight to the running extension now if it has the session. */
  deliverWhenPossible(identifier: string): void;
}
