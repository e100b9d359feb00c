// Background transfers: the tasks the extension resumed, handed to the system's transfer daemon
// (Apple: resume() hands the task to the system; it continues even if the extension dies right
// after), and what the daemon reports back. Progress goes straight to the process that has the
// session; a finished or failed transfer is recorded (transferComplete) and handed to the
// background sessions for delivery. The WidgetSystem handles 'finished' and 'failed' in arrival
// order, with the extension's messages. This part owns the task ledger, the daemon and each
// session's configuration.
import type { FlowContext } from './flowContext';
import type { TransferOutcomes } from './parts';
import { TaskLedger } from './taskLedger';
import type { TransferError, TransferResult } from './transfers/api';
import type { RunPlace, ServedByNetwork } from './transfers/recordedNetwork';
import { loadFixtures } from './transfers/fixtures';
import { TransferDaemon } from './transfers/transferDaemon';
import type { TaskInfo, ToSystem } from '../protocol/ipc';
import type { SessionSnapshot } from '../protocol/lifecycle';

type SessionCreated = Extract<ToSystem, { type: 'sessionCreated' }>;
type TaskResume = Extract<ToSystem, { type: 'taskResume' }>;

export interface TransferWiring {
  /** The daemon's system directory for finished downloads. */
  tempDir: string;
  /** Runs a transfer event in arrival order with the extension's messages. */
  enqueue(work: () => Promise<void>): void;
  /** Simulated mode: what the daemon waits for before its next turn of a moment. */
  beforeTurn?: () => Promise<void>;
  /** Who keeps what the real network serves, if anyone records now (see TransferDaemonOptions). */
  servedByNetwork?: () => ((served: ServedByNetwork) => void) | undefined;
  /** Where the run stands (the trace so far), for recorded and served network chunks. */
  place?: RunPlace;
}

export class BackgroundTransfers {
  private readonly ledger = new TaskLedger();
  private readonly daemon: TransferDaemon;
  private readonly configs = new Map<string, { discretionary: boolean; earliestBeginDate?: number; sendsLaunchEvents: boolean }>();
  /** Upload tasks: their response bytes are not download progress (no didWriteData). */
  private readonly uploads = new Set<number>();
  /** Tasks cancelled by a force quit: their -999 waits for a process that creates the session. */
  private readonly forceQuitTasks = new Set<number>();

  constructor(
    private readonly flow: FlowContext,
    private readonly outcomes: TransferOutcomes,
    wiring: TransferWiring,
  ) {
    const { options, clock } = flow;
    this.daemon = new TransferDaemon({
      clock,
      tempDir: wiring.tempDir,
      // Fixture files resolve to absolute paths here, against the launch's working directory.
      ...(options.network?.fixtures !== undefined ? { fixtures: loadFixtures(options.network.fixtures, options.cwd ?? process.cwd()) } : {}),
      ...(options.network?.offline ? { offline: true } : {}),
      ...(options.network?.recorded ? { recordedNetwork: options.network.recorded } : {}),
      ...(wiring.beforeTurn ? { beforeTurn: wiring.beforeTurn } : {}),
      ...(wiring.servedByNetwork ? { servedByNetwork: wiring.servedByNetwork } : {}),
      ...(wiring.place ? { place: wiring.place } : {}),
    });
    this.daemon.on('progress', (task, bytesWritten, totalBytesWritten, totalBytesExpected) => this.progress(task, bytesWritten, totalBytesWritten, totalBytesExpected));
    this.daemon.on('finished', (result) => wiring.enqueue(() => this.finished(result)));
    this.daemon.on('failed', (task, error) => wiring.enqueue(() => this.failed(task, error)));
    this.daemon.on('idle', () => this.flow.jobs.pump());
  }

  /** The daemon is writing a transfer now (the simulated clock must not jump). */
  busy(): boolean {
    return this.daemon.busy();
  }

  running(identifier: string): TaskInfo[] {
    return this.ledger.running(identifier);
  }

  /** Every session's tasks, for the snapshot; `live` are the sessions of the running process. */
  sessions(live: ReadonlySet<string>): SessionSnapshot[] {
    return this.ledger.sessions(live);
  }

  /**
   * Whether the session's events may launch or resume the extension (Apple,
   * URLSessionConfiguration.sessionSendsLaunchEvents: "whether the app should be resumed or
   * launched in the background when transfers finish"; default true).
   */
  sendsLaunchEvents(identifier: string): boolean {
    return this.configs.get(identifier)?.sendsLaunchEvents ?? true;
  }

  nextTaskId(): number {
    return this.ledger.nextTaskId();
  }

  /** A background session was created: its configuration applies to the tasks it resumes. */
  sessionCreated(message: SessionCreated): void {
    this.configs.set(message.identifier, {
      discretionary: message.discretionary,
      sendsLaunchEvents: message.sendsLaunchEvents !== false,
      ...(message.earliestBeginDate !== undefined ? { earliestBeginDate: message.earliestBeginDate } : {}),
    });
  }

  /** invalidateAndCancel: the session's running tasks are cancelled. */
  cancelSession(identifier: string): void {
    for (const task of this.ledger.running(identifier)) this.daemon.cancel(task.task);
  }

  async taskResumed(message: TaskResume): Promise<void> {
    const { identifier, task, request } = message;
    const outcome = await this.flow.recorder.event({ event: 'taskResume', identifier, task, detail: { url: request.url, method: request.method } });
    // Apple: resume() hands the task to the system's transfer daemon; it continues even if the
    // extension dies right after.
    this.ledger.add(identifier, task, request.url);
    const config = this.configs.get(identifier);
    this.daemon.start({
      task,
      identifier,
      url: request.url,
      method: request.method,
      headers: request.headers,
      discretionary: config?.discretionary ?? false,
      ...(config?.earliestBeginDate !== undefined ? { earliestBeginDate: config.earliestBeginDate } : {}),
      ...(request.bodyFile !== undefined ? { bodyFile: request.bodyFile } : {}),
    });
    if (request.bodyFile !== undefined) this.uploads.add(task);
    this.flow.signals.stateChanged();
    if (outcome.terminate) await this.flow.processes.terminateAs(outcome.terminate);
  }

  cancel(task: number): void {
    this.daemon.cancel(task);
  }

  /** A force quit cancels every transfer in progress; their -999 is never delivered. */
  forceQuit(): void {
    for (const session of this.ledger.sessions(new Set())) {
      for (const task of session.tasks) {
        if (task.state !== 'running' && task.state !== 'suspended') continue;
        this.forceQuitTasks.add(task.task);
        this.daemon.cancel(task.task);
      }
    }
  }

  dispose(): Promise<void> {
    return this.daemon.dispose();
  }

  private progress(task: number, bytesWritten: number, totalBytesWritten: number, totalBytesExpected: number): void {
    this.ledger.progress(task, totalBytesWritten, totalBytesExpected);
    const entry = this.ledger.get(task);
    if (!entry || this.uploads.has(task)) return;
    this.outcomes.progress(entry.identifier, task, { name: 'didWriteData', bytesWritten, totalBytesWritten, totalBytesExpected });
    this.flow.signals.stateChanged();
  }

  private async finished(result: TransferResult): Promise<void> {
    const entry = this.ledger.get(result.task);
    this.ledger.settle(result.task, 'completed', result.bytes);
    this.outcomes.transferEnded(result.task);
    const identifier = entry?.identifier ?? '';
    // Queued before the record: a force quit at this very event must find it and cancel it.
    this.outcomes.finished(identifier, result);
    await this.flow.recorder.systemEvent({ event: 'transferComplete', identifier, task: result.task, detail: { status: result.status, bytes: result.bytes } });
    this.outcomes.deliverWhenPossible(identifier);
    this.flow.jobs.pump();
  }

  private async failed(task: number, error: TransferError): Promise<void> {
    const entry = this.ledger.get(task);
    this.ledger.settle(task, error.code === -999 ? 'cancelled' : 'failed');
    this.outcomes.transferEnded(task);
    const identifier = entry?.identifier ?? '';
    await this.flow.recorder.systemEvent({ event: 'transferComplete', identifier, task, detail: { error: { code: error.code, domain: error.domain, message: error.message } } });
    if (this.forceQuitTasks.has(task)) {
      // Apple (Downloading files in the background; NSURLErrorBackgroundTaskCancelledReasonKey):
      // a force quit cancels the session's transfers and the system does not relaunch the app
      // for them; once the app runs again and recreates the session, the cancelled task's
      // didCompleteWithError arrives with -999 and userInfo's
      // NSURLErrorBackgroundTaskCancelledReasonKey = NSURLErrorCancelledReasonUserForceQuitApplication (0).
      this.forceQuitTasks.delete(task);
      this.outcomes.failed(identifier, task, { ...error, reason: 0 }, true);
      return;
    }
    this.outcomes.failed(identifier, task, error);
    this.outcomes.deliverWhenPossible(identifier);
    this.flow.jobs.pump();
  }
}
