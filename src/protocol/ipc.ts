// The one boundary between the system (debug adapter, preview or CLI process) and the widget
// extension process: Node's IPC channel of a forked child. Every message is validated on
// arrival with `parseToExtension` / `parseToSystem`; nothing untyped crosses.
import type {
  ExtensionEventName,
  JsonValue,
  LaunchReason,
  ReloadPolicyJson,
  RenderedEntry,
  SourceLocation,
  WidgetDescription,
  WidgetFamily,
} from './lifecycle';
import type { MemoryUsage } from './memory';

export interface ProviderContext {
  family: WidgetFamily;
  isPreview: boolean;
  displaySize: { width: number; height: number };
}

export interface TransferError {
  /** NSURLError codes: -999 cancelled, -1001 timed out, -1003 cannot find host, -1005 connection lost, -1009 offline. */
  code: number;
  domain: 'NSURLErrorDomain';
  message: string;
  /**
   * userInfo's NSURLErrorBackgroundTaskCancelledReasonKey of a -999 the system caused: 0
   * NSURLErrorCancelledReasonUserForceQuitApplication, 1 ...BackgroundUpdatesDisabled,
   * 2 ...InsufficientSystemResources. Absent for a cancel() of the app's own.
   */
  reason?: number;
}

export interface TaskInfo {
  task: number;
  url: string;
  state: 'suspended' | 'running' | 'completed' | 'cancelled' | 'failed';
  bytesWritten: number;
  bytesExpected: number;
}

export interface DownloadRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** An upload task's body: the absolute path of the file the daemon streams (uploadTask fromFile). */
  bodyFile?: string;
}

/** Apple's WidgetInfo as the push handler receives it: a configured widget's kind and family. */
export interface PushWidgetInfo {
  kind: string;
  family: WidgetFamily;
}

// ---- system -> extension ----------------------------------------------------------------

export type ToExtension =
  | {
      type: 'start';
      /** The user's widget source file (what the user edits). */
      widgetFile: string;
      /** The bundled module to require (esbuild output with an inline source map). */
      bundle: string;
      launch: number;
      reason: LaunchReason;
      /** Virtual now in ms since the epoch. */
      now: number;
      clock: 'live' | 'simulated';
      /** First task id this process may hand out: ids stay unique across relaunches. */
      nextTaskId: number;
      /** Directory behind appGroupContainer(); survives terminations. */
      containerDir: string;
      /** Directory holding UserDefaults suites; survives terminations. */
      defaultsDir: string;
      /** Families to render views for. */
      families: WidgetFamily[];
      memoryReportMs: number;
      /** The memory limit in bytes: the kit collects garbage before it reports a figure over it. */
      memoryLimit?: number;
      /**
       * Added for the kit (optional, absent = the module's default export): the widget kind to
       * run when one module exports several widgets (launch argument `kind`, CLI `--kind`).
       */
      kind?: string;
      /**
       * Added for recordings (optional, absent = the runtime's own randomness): the seed of the
       * widget's Math.random and crypto randomness in this launch (DESIGN.md section 11).
       */
      randomSeed?: number;
      /**
       * Added for the process pool (optional, absent = none): the user's environment variables
       * that do not shape the Node process, set in process.env before the widget module loads
       * (the others were given at the fork: src/system/extensionEnvironment.ts).
       */
      env?: { [name: string]: string };
    }
  /**
   * Virtual now. `fire` (absent = true): the widget's timers due by then fire; false while the
   * extension is suspended, whose timers keep their remaining delays (simulated mode).
   */
  | { type: 'clock'; now: number; fire?: boolean }
  | {
      type: 'provider';
      call: number;
      method: 'placeholder' | 'getSnapshot' | 'getTimeline';
      context: ProviderContext;
      families: WidgetFamily[];
      /**
       * Added for the debug adapter (optional, absent = false): when true the kit calls the
       * provider method through invokeUserHandler(pause = true), so an event breakpoint on
       * placeholder / getSnapshot / getTimeline stops at the provider's first line, as the
       * delegate events do.
       */
      pause?: boolean;
    }
  | { type: 'wake'; call: number; identifier: string; pause: boolean }
  | {
      type: 'deliver';
      delivery: number;
      identifier: string;
      task: number;
      /** When true the kit stops in the debugger just before it calls the user's handler. */
      pause: boolean;
      event:
        | { name: 'didWriteData'; bytesWritten: number; totalBytesWritten: number; totalBytesExpected: number }
        | { name: 'didFinishDownloadingTo'; location: string; status: number; headers: Record<string, string> }
        | { name: 'didCompleteWithError'; error: TransferError | null; status?: number };
    }
  | { type: 'finishEvents'; delivery: number; identifier: string; pause: boolean }
  /**
   * Added for interactive widgets (DESIGN.md section 10): a tap performs `intent` with the
   * parameters bound to the tapped view; `pause` as for `wake`. Answered by `performed` once
   * perform (and a promise it returned) settled.
   */
  | { type: 'perform'; call: number; intent: string; parameters: { [key: string]: JsonValue }; kind: string; family: WidgetFamily; pause: boolean }
  /**
   * Added for pushes (iOS 26 WidgetPushHandler): call the widget's pushHandler.pushTokenDidChange
   * with the push token (hex) and the widgets configured for push (Apple's WidgetInfo).
   */
  | { type: 'pushToken'; call: number; token: string; widgets: PushWidgetInfo[]; pause: boolean }
  | { type: 'response'; call: number; ok: true; value: JsonValue } | { type: 'response'; call: number; ok: false; error: string };

// ---- extension -> system ----------------------------------------------------------------

export interface UserError {
  message: string;
  location?: SourceLocation;
  stack?: string;
}

export type TimelineResult = {
  entries: RenderedEntry[];
  policy: ReloadPolicyJson;
  totalEntries: number;
};

export type ToSystem =
  | {
      type: 'ready';
      pid: number;
      widget: WidgetDescription;
      previews: { name: string; family: WidgetFamily; entries: RenderedEntry[] }[];
      /**
       * The process's memory once the runtime and the widget module are loaded, before any
       * provider call (garbage collected first where the kit can): what the widget allocates
       * later counts on top of it (src/protocol/memory.ts). Absent: the limit is not judged.
       */
      memoryBaseline?: MemoryUsage;
    }
  | { type: 'loadFailed'; error: UserError }
  | { type: 'providerResult'; call: number; ok: true; method: 'placeholder' | 'getSnapshot'; entry: RenderedEntry }
  | { type: 'providerResult'; call: number; ok: true; method: 'getTimeline'; timeline: TimelineResult }
  | { type: 'providerResult'; call: number; ok: false; error: UserError }
  /**
   * onBackgroundURLSessionEvents returned (or threw). `handled: false` (absent = true): no user
   * handler ran (the widget has none, or none whose `matching` takes the identifier), so a
   * `pause: true` did not stop.
   */
  | { type: 'wakeHandled'; call: number; handled?: boolean; error?: UserError }
  /** pushTokenDidChange returned (or threw); `handled: false`: the widget has no pushHandler. */
  | { type: 'pushTokenHandled'; call: number; handled: boolean; error?: UserError }
  /**
   * An intent's perform settled (or threw, or rejected: `error`). `handled: false`: no intent of
   * that name is defined in the process, so nothing ran and a `pause: true` did not stop.
   */
  | { type: 'performed'; call: number; handled?: boolean; error?: UserError }
  /**
   * A delegate handler returned: the event counts as delivered (DESIGN.md section 3). Also the
   * answer to `finishEvents`. `handled: false` (absent = true): no user handler ran (the delegate
   * has no such method, or no session with that identifier is live), so a `pause: true` did not stop.
   */
  | { type: 'delivered'; delivery: number; returnedPromise: boolean; handled?: boolean; error?: UserError }
  | {
      type: 'sessionCreated';
      identifier: string;
      background: boolean;
      discretionary: boolean;
      earliestBeginDate?: number;
      /** URLSessionConfiguration.sessionSendsLaunchEvents (absent = true). */
      sendsLaunchEvents?: boolean;
      location?: SourceLocation;
    }
  | { type: 'duplicateSession'; identifier: string; location?: SourceLocation }
  | { type: 'sessionInvalidated'; identifier: string; cancelTasks: boolean }
  | { type: 'taskResume'; identifier: string; task: number; request: DownloadRequest; location?: SourceLocation }
  | { type: 'taskCancel'; identifier: string; task: number }
  | { type: 'unsupportedTask'; identifier: string; api: string; location?: SourceLocation }
  | { type: 'completionCalled'; identifier: string; location?: SourceLocation }
  | { type: 'reloadTimelines'; kind: string | null; location?: SourceLocation }
  /** User code touched a download location after didFinishDownloadingTo returned. */
  | { type: 'tempFileAccess'; path: string; location?: SourceLocation }
  /**
   * Memory in use. `checkpoint` (absent = false): taken just before an answer to a call or an
   * idle report, a point every run of the same inputs reaches in the same state (a simulated
   * run judges the memory limit at those only); otherwise a periodic report of wall time.
   */
  | { type: 'memory'; heapUsed: number; external: number; arrayBuffers: number; rss: number; checkpoint?: boolean }
  /**
   * The process is idle (DESIGN.md section 9): it has handled the first `received` messages the
   * system sent and nothing is pending (no socket, file operation, immediate or system request):
   * left alone it will send nothing more. `nextTimer` (simulated mode): the virtual moment of the
   * widget's next timer, which fires when the system sends a `clock` at or past it.
   */
  | { type: 'quiescent'; received: number; nextTimer?: number }
  /**
   * The process has handled the first `received` messages, but work the user's code started
   * (a timer, a socket, a file operation) is still pending: it may yet speak on its own. Sent once
   * per message count, before the `quiescent` that follows when that work is done.
   */
  | { type: 'busy'; received: number }
  | { type: 'request'; call: number; op: 'getAllTasks'; identifier: string }
  | { type: 'request'; call: number; op: 'getCurrentConfigurations' }
  /** Added for pushes: WidgetCenter.currentPushInfo, the widget's push token or null. */
  | { type: 'request'; call: number; op: 'currentPushInfo' };

export type DeliveredEventName = Extract<
  ExtensionEventName,
  'didWriteData' | 'didFinishDownloadingTo' | 'didCompleteWithError'
>;

// ---- validation -------------------------------------------------------------------------

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringRecord: Check = (v) => isObject(v) && Object.values(v as object).every((value) => typeof value === 'string');
const isArray: Check = (v) => Array.isArray(v);

/** Required fields and their checks per message type; optional fields are checked by users (or below). */
const TO_EXTENSION_SHAPES: Record<ToExtension['type'], Record<string, Check>> = {
  start: {
    widgetFile: isString,
    bundle: isString,
    launch: isNumber,
    reason: isString,
    now: isNumber,
    clock: isString,
    nextTaskId: isNumber,
    containerDir: isString,
    defaultsDir: isString,
    families: isArray,
    memoryReportMs: isNumber,
  },
  clock: { now: isNumber },
  provider: { call: isNumber, method: isString, context: isObject, families: isArray },
  wake: { call: isNumber, identifier: isString, pause: isBoolean },
  deliver: { delivery: isNumber, identifier: isString, task: isNumber, pause: isBoolean, event: isObject },
  finishEvents: { delivery: isNumber, identifier: isString, pause: isBoolean },
  perform: { call: isNumber, intent: isString, parameters: isObject, kind: isString, family: isString, pause: isBoolean },
  pushToken: { call: isNumber, token: isString, widgets: isArray, pause: isBoolean },
  response: { call: isNumber, ok: isBoolean },
};

function isMemoryUsage(value: unknown): boolean {
  if (!isObject(value)) return false;
  const usage = value as Record<string, unknown>;
  return ['heapUsed', 'external', 'arrayBuffers', 'rss'].every((field) => isNumber(usage[field]));
}

const TO_SYSTEM_SHAPES: Record<ToSystem['type'], Record<string, Check>> = {
  ready: { pid: isNumber, widget: isObject, previews: isArray },
  loadFailed: { error: isObject },
  providerResult: { call: isNumber, ok: isBoolean },
  wakeHandled: { call: isNumber },
  performed: { call: isNumber },
  pushTokenHandled: { call: isNumber, handled: isBoolean },
  delivered: { delivery: isNumber, returnedPromise: isBoolean },
  sessionCreated: { identifier: isString, background: isBoolean, discretionary: isBoolean },
  duplicateSession: { identifier: isString },
  sessionInvalidated: { identifier: isString, cancelTasks: isBoolean },
  taskResume: { identifier: isString, task: isNumber, request: isObject },
  taskCancel: { identifier: isString, task: isNumber },
  unsupportedTask: { identifier: isString, api: isString },
  completionCalled: { identifier: isString },
  reloadTimelines: {},
  tempFileAccess: { path: isString },
  memory: { heapUsed: isNumber, external: isNumber, arrayBuffers: isNumber, rss: isNumber },
  quiescent: { received: isNumber },
  busy: { received: isNumber },
  request: { call: isNumber, op: isString },
};

/** Optional fields checked when present (the others are checked where they are used). */
const TO_EXTENSION_OPTIONAL: Partial<Record<ToExtension['type'], Record<string, Check>>> = {
  clock: { fire: isBoolean },
  start: { randomSeed: isNumber, memoryLimit: isNumber, env: isStringRecord },
};

const TO_SYSTEM_OPTIONAL: Partial<Record<ToSystem['type'], Record<string, Check>>> = {
  ready: { memoryBaseline: isMemoryUsage },
  wakeHandled: { handled: isBoolean },
  performed: { handled: isBoolean, error: isObject },
  delivered: { handled: isBoolean },
  sessionCreated: { sendsLaunchEvents: isBoolean },
  quiescent: { nextTimer: isNumber },
};

function parseWith<T>(
  shapes: Record<string, Record<string, Check>>,
  raw: unknown,
  side: string,
  optional: Partial<Record<string, Record<string, Check>>> = {},
): T {
  if (!isObject(raw)) throw new ProtocolError(`${side}: message is not an object`);
  const message = raw as Record<string, unknown>;
  const type = message.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(shapes, type)) {
    throw new ProtocolError(`${side}: unknown message type ${JSON.stringify(type)}`);
  }
  for (const [field, check] of Object.entries(shapes[type])) {
    if (!check(message[field])) {
      throw new ProtocolError(`${side}: message "${type}" has a missing or malformed "${field}"`);
    }
  }
  for (const [field, check] of Object.entries(optional[type] ?? {})) {
    if (message[field] !== undefined && !check(message[field])) {
      throw new ProtocolError(`${side}: message "${type}" has a malformed "${field}"`);
    }
  }
  return raw as T;
}

export function parseToExtension(raw: unknown): ToExtension {
  return parseWith<ToExtension>(TO_EXTENSION_SHAPES, raw, 'system->extension', TO_EXTENSION_OPTIONAL);
}

export function parseToSystem(raw: unknown): ToSystem {
  return parseWith<ToSystem>(TO_SYSTEM_SHAPES, raw, 'extension->system', TO_SYSTEM_OPTIONAL);
}
