// URLSessionConfiguration.background and URLSession as a widget extension uses them (Apple:
// "Downloading files in the background"). Every session registers in the in-process session
// cache and announces itself to the system, which delivers queued events only once a session
// with that identifier exists. Background sessions support download tasks and upload tasks from a
// file (the system's daemon streams the file); data tasks, uploads from memory and the async
// convenience methods are refused, as Apple refuses them.
import type { TaskInfo } from '../protocol/ipc';
import { callerLocation } from './callerLocation';
import { WidgetKitError } from './errors';
import { isDate } from './jsonData';
import { sessionRegistry } from './sessionRegistry';
import { systemChannel } from './systemChannel';
import { launchSettings } from './launchSettings';
import type { URLSessionTaskError } from './urlSessionTask';
import { URLSessionDownloadTask, URLSessionUploadTask } from './urlSessionTask';
import { resolve as resolvePath } from 'node:path';

/** A failed task's error as delegates receive it. */
export type URLSessionError = URLSessionTaskError;

/**
 * Apple's URLSessionDownloadDelegate under JS names. All optional. Called for background
 * events after the system relaunched the extension only once a session with the same
 * identifier exists again in the process.
 */
export interface URLSessionDelegate {
  didWriteData?(session: URLSession, task: URLSessionDownloadTask, bytesWritten: number, totalBytesWritten: number, totalBytesExpected: number): unknown;
  /**
   * The download is at `location`, a temporary file that is DELETED WHEN THIS METHOD RETURNS:
   * move or read it synchronously here (renameSync/readFileSync), never after an await or in a callback.
   */
  didFinishDownloadingTo?(session: URLSession, task: URLSessionDownloadTask, location: string): unknown;
  /** The task ended: `error` is null on success (HTTP errors too: check task.response.statusCode). */
  didCompleteWithError?(session: URLSession, task: URLSessionDownloadTask, error: URLSessionError | null): unknown;
  /**
   * Apple: urlSessionDidFinishEvents(forBackgroundURLSession:). Every queued event of the session
   * was delivered: reload timelines, then call the completion kept from onBackgroundURLSessionEvents.
   */
  didFinishEvents?(session: URLSession): unknown;
}

/** Apple: URLSessionConfiguration. Widgets transfer in background sessions only. */
export class URLSessionConfiguration {
  /** Background sessions relaunch the extension for their events (Apple's default: true). */
  sessionSendsLaunchEvents = true;
  /** When true the system may wait for good conditions (power, Wi-Fi) before transferring. */
  isDiscretionary = false;
  /** Transfers of this session do not begin before this date. */
  earliestBeginDate: Date | null = null;

  private constructor(readonly identifier: string) {}

  /** One identifier per session: create exactly one live session per identifier in a process. */
  static background(identifier: string): URLSessionConfiguration {
    if (typeof identifier !== 'string' || identifier === '') {
      throw new WidgetKitError('invalid-argument', 'URLSessionConfiguration.background needs a non-empty identifier string, e.g. "com.example.weather.refresh".');
    }
    return new URLSessionConfiguration(identifier);
  }
}

export type DownloadRequestInit = string | URL | { url: string | URL; method?: string; headers?: Record<string, string> };

function requestOf(init: DownloadRequestInit): { url: string; method: string; headers: Record<string, string> } {
  const raw = typeof init === 'string' || init instanceof URL ? { url: init } : init;
  const url = typeof raw === 'object' && raw !== null ? raw.url : undefined;
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new WidgetKitError('invalid-argument', `downloadTask needs an absolute URL (or { url, method, headers }), got ${JSON.stringify(init) ?? String(init)}.`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers ?? {})) headers[name] = String(value);
  return { url: parsed.href, method: (raw.method ?? 'GET').toUpperCase(), headers };
}

const REFUSAL =
  'background sessions support only download tasks and upload tasks from a file, and none of the async convenience methods ' +
  '(Apple: URLSessionConfiguration.background(withIdentifier:)). Use session.downloadTask(url).resume() and handle ' +
  'didFinishDownloadingTo in the delegate.';

/**
 * Apple: URLSession with a background configuration. Creating it registers it in `sessionCache`.
 * Apple: "you must create exactly one session per identifier"; a second live session with the
 * same identifier is reported. Background sessions support only download tasks and upload
 * tasks from a file, and none of the async convenience methods: the refused methods throw.
 */
export class URLSession {
  readonly configuration: URLSessionConfiguration;
  private readonly tasks = new Map<number, URLSessionDownloadTask>();
  private invalidated = false;

  constructor(configuration: URLSessionConfiguration, readonly delegate: URLSessionDelegate | null = null) {
    if (!(configuration instanceof URLSessionConfiguration)) {
      throw new WidgetKitError('invalid-argument', 'new URLSession needs URLSessionConfiguration.background(identifier): widget extensions transfer in background sessions.');
    }
    this.configuration = configuration;
    const location = callerLocation();
    if (!sessionRegistry.register(this)) {
      // Apple: "you must create exactly one session per identifier". The first stays live and
      // keeps receiving the events; this one is reported.
      systemChannel.send({ type: 'duplicateSession', identifier: this.identifier, location });
      return;
    }
    const earliest = configuration.earliestBeginDate;
    systemChannel.send({
      type: 'sessionCreated',
      identifier: this.identifier,
      background: true,
      discretionary: configuration.isDiscretionary,
      ...(isDate(earliest) && !Number.isNaN(earliest.getTime()) ? { earliestBeginDate: earliest.getTime() } : {}),
      ...(configuration.sessionSendsLaunchEvents === false ? { sendsLaunchEvents: false } : {}),
      location,
    });
  }

  get identifier(): string {
    return this.configuration.identifier;
  }

  private usable(api: string): void {
    if (this.invalidated) {
      throw new WidgetKitError('session-invalidated', `${api}: the session "${this.identifier}" was invalidated; create a new one with the same identifier.`);
    }
  }

  downloadTask(request: DownloadRequestInit): URLSessionDownloadTask {
    this.usable('downloadTask');
    const task = new URLSessionDownloadTask(this, launchSettings.takeTaskId(), requestOf(request));
    this.tasks.set(task.taskIdentifier, task);
    return task;
  }

  private refuse(api: string): never {
    systemChannel.send({ type: 'unsupportedTask', identifier: this.identifier, api, location: callerLocation() });
    throw new WidgetKitError('unsupported-task', `${api} on background session "${this.identifier}": ${REFUSAL}`);
  }

  dataTask(_request?: unknown): never { return this.refuse('dataTask'); }
  /** Apple: data(for:) async. */
  data(_request?: unknown): never { return this.refuse('data(for:)'); }
  /** Apple: download(for:) async. */
  download(_request?: unknown): never { return this.refuse('download(for:)'); }
  /** Apple: upload(for:from:) async. */
  upload(_request?: unknown, _data?: unknown): never { return this.refuse('upload(for:from:)'); }
  /** Apple: bytes(for:) async. */
  bytes(_request?: unknown): never { return this.refuse('bytes(for:)'); }
  streamTask(_host?: unknown, _port?: unknown): never { return this.refuse('streamTask'); }
  webSocketTask(_url?: unknown): never { return this.refuse('webSocketTask'); }

  /**
   * Apple (URLSessionConfiguration.background(withIdentifier:); Uploading data to a website):
   * background sessions support "upload tasks from a file" only; uploads from data are refused.
   * The request's method defaults to POST. The system's transfer daemon streams the file as the
   * body (fixtures answer "<METHOD> <url>"); the delegate gets didCompleteWithError, with the
   * response's status on task.response, and no didFinishDownloadingTo.
   */
  uploadTask(request: DownloadRequestInit, body: { fromFile?: string; fromData?: unknown }): URLSessionUploadTask {
    if (!body || typeof body.fromFile !== 'string') return this.refuse('uploadTask(fromData:)');
    this.usable('uploadTask');
    const init = typeof request === 'string' || request instanceof URL ? { url: request, method: 'POST' } : { method: 'POST', ...request };
    const task = new URLSessionUploadTask(this, launchSettings.takeTaskId(), { ...requestOf(init), bodyFile: resolvePath(body.fromFile) });
    this.tasks.set(task.taskIdentifier, task);
    return task;
  }

  /** The task object for an identifier, also for tasks created by a previous process. */
  taskFor(taskIdentifier: number, info?: Partial<TaskInfo>): URLSessionDownloadTask {
    let task = this.tasks.get(taskIdentifier);
    if (!task) {
      task = new URLSessionDownloadTask(this, taskIdentifier, { url: info?.url ?? '', method: 'GET', headers: {} });
      task.state = 'running';
      this.tasks.set(taskIdentifier, task);
    }
    if (info) task.update(info);
    return task;
  }

  /** Every task of this session the system still knows, including those of earlier processes. */
  async getAllTasks(completion?: (tasks: URLSessionDownloadTask[]) => void): Promise<URLSessionDownloadTask[]> {
    const value = await systemChannel.request({ op: 'getAllTasks', identifier: this.identifier });
    const infos = Array.isArray(value) ? (value as unknown as TaskInfo[]) : [];
    const tasks = infos.filter((info) => typeof info?.task === 'number').map((info) => this.taskFor(info.task, info));
    completion?.(tasks);
    return tasks;
  }

  /** Cancels every task and invalidates the session; a new session may then use the identifier. */
  invalidateAndCancel(): void {
    this.invalidate(true);
  }

  /** Lets running tasks finish, then the session is invalid; no new tasks may start. */
  finishTasksAndInvalidate(): void {
    this.invalidate(false);
  }

  private invalidate(cancelTasks: boolean): void {
    if (this.invalidated) return;
    this.invalidated = true;
    const wasLive = sessionRegistry.get(this.identifier) === this;
    sessionRegistry.unregister(this);
    if (cancelTasks) for (const task of this.tasks.values()) if (task.state === 'running' || task.state === 'suspended') task.state = 'cancelled';
    if (wasLive) systemChannel.send({ type: 'sessionInvalidated', identifier: this.identifier, cancelTasks });
  }
}
