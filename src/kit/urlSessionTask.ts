// A background download task (Apple: URLSessionDownloadTask). It is created suspended; resume()
// hands it to the system's transfer daemon, which performs it out of process so it outlives
// this extension process (Apple: background transfers continue while the app is suspended or
// terminated). Progress and results come back as delegate events.
import type { DownloadRequest, TaskInfo, TransferError } from '../protocol/ipc';
import { callerLocation } from './callerLocation';
import { systemChannel } from './systemChannel';

export type TaskState = TaskInfo['state'];

export interface HTTPURLResponse {
  statusCode: number;
  headers: Record<string, string>;
}

/**
 * The error of a failed task, an Error with Apple's NSURLError `code` and `domain`
 * (-999 cancelled, -1001 timed out, -1009 offline, ...).
 */
export class URLSessionTaskError extends Error {
  readonly code: number;
  readonly domain: string;
  /**
   * Apple's userInfo: a -999 the system caused carries NSURLErrorBackgroundTaskCancelledReasonKey
   * (0 = NSURLErrorCancelledReasonUserForceQuitApplication, the user force-quit the app).
   */
  readonly userInfo: { NSURLErrorBackgroundTaskCancelledReasonKey?: number };

  constructor(error: TransferError) {
    super(error.message);
    this.name = 'URLError';
    this.code = error.code;
    this.domain = error.domain;
    this.userInfo = error.reason !== undefined ? { NSURLErrorBackgroundTaskCancelledReasonKey: error.reason } : {};
  }

  toJSON(): TransferError {
    const reason = this.userInfo.NSURLErrorBackgroundTaskCancelledReasonKey;
    return { code: this.code, domain: 'NSURLErrorDomain', message: this.message, ...(reason !== undefined ? { reason } : {}) };
  }
}

/** The session side a task reports to (kept narrow so tasks do not import sessions). */
export interface TaskOwner {
  readonly identifier: string;
}

/** Apple: URLSessionDownloadTask. Created suspended: call resume(). */
export class URLSessionDownloadTask {
  state: TaskState = 'suspended';
  response: HTTPURLResponse | null = null;
  error: URLSessionTaskError | null = null;
  countOfBytesReceived = 0;
  countOfBytesExpectedToReceive = -1;
  /** Free-form text the app may attach (Apple: taskDescription). */
  taskDescription = '';

  constructor(
    private readonly owner: TaskOwner,
    readonly taskIdentifier: number,
    readonly originalRequest: DownloadRequest,
  ) {}

  /**
   * Hands the task to the system, which transfers it out of process: it continues while the
   * extension is suspended or terminated. Resuming a running task does nothing, as in Apple's API.
   */
  resume(): void {
    if (this.state !== 'suspended') return;
    this.state = 'running';
    systemChannel.send({
      type: 'taskResume',
      identifier: this.owner.identifier,
      task: this.taskIdentifier,
      request: this.originalRequest,
      location: callerLocation(),
    });
  }

  /** Cancels the transfer; the delegate then gets didCompleteWithError with code -999. */
  cancel(): void {
    if (this.state === 'completed' || this.state === 'cancelled' || this.state === 'failed') return;
    const wasRunning = this.state === 'running';
    this.state = 'cancelled';
    if (wasRunning) systemChannel.send({ type: 'taskCancel', identifier: this.owner.identifier, task: this.taskIdentifier });
  }

  /** Applies what the system reports about the task (deliveries and getAllTasks). */
  update(info: Partial<Pick<TaskInfo, 'state' | 'bytesWritten' | 'bytesExpected'>>): void {
    if (info.state !== undefined) this.state = info.state;
    if (info.bytesWritten !== undefined) this.countOfBytesReceived = info.bytesWritten;
    if (info.bytesExpected !== undefined) this.countOfBytesExpectedToReceive = info.bytesExpected;
  }
}

/** Apple: URLSessionUploadTask, from a file in a background session. Created suspended: call resume(). */
export class URLSessionUploadTask extends URLSessionDownloadTask {}
