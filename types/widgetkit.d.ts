// Type declarations of `widgetkit`, the module widget code imports (shipped with the extension
// so VS Code offers completion). They describe src/kit/index.ts exactly; each API states the
// Apple rule it models. The runtime is the widget extension process of Widget Timelines.

declare module 'widgetkit' {
  // ---- widget -----------------------------------------------------------------------------

  /** Widget sizes (Apple: WidgetFamily). */
  export type WidgetFamily =
    | 'systemSmall'
    | 'systemMedium'
    | 'systemLarge'
    | 'systemExtraLarge'
    | 'accessoryCircular'
    | 'accessoryRectangular'
    | 'accessoryInline';

  /** What the system passes to every provider method and to the view (Apple: TimelineProviderContext). */
  export interface ProviderContext {
    family: WidgetFamily;
    /** True when the widget is shown in the widget gallery: return sample data quickly. */
    isPreview: boolean;
    /** The widget's size in points on the simulated device (HIG table). */
    displaySize: { width: number; height: number };
    /** True for the placeholder: the system renders the view redacted. */
    redacted: boolean;
  }

  /**
   * A timeline entry (Apple: TimelineEntry): the date at which the system shows it, an optional
   * relevance for Smart Stacks, and your own data. Data must be plain JSON (Dates become ISO
   * strings): circular references, functions, Maps and Sets are refused.
   */
  export interface TimelineEntry {
    date: Date;
    relevance?: { score: number; duration?: number };
  }

  /**
   * Apple's reload policies (TimelineReloadPolicy). The system decides exactly when to reload,
   * within the widget's daily budget (about 40 to 70 reloads a day).
   */
  export class ReloadPolicy {
    private constructor();
    readonly kind: 'atEnd' | 'never' | 'after';
    readonly date?: Date;
    /** Request a new timeline after the last entry's date has passed. */
    static readonly atEnd: ReloadPolicy;
    /** Never request a new timeline; reload through WidgetCenter when data changes. */
    static readonly never: ReloadPolicy;
    /** Request a new timeline after `date` (not before; the system may wait longer). */
    static after(date: Date): ReloadPolicy;
    toJSON(): { kind: 'atEnd' } | { kind: 'never' } | { kind: 'after'; date: string };
  }

  /** Entries in date order (Apple: entries should be at least about 5 minutes apart) and a reload policy. */
  export class Timeline<Entry extends TimelineEntry = TimelineEntry> {
    constructor(entries: Entry[], policy?: ReloadPolicy);
    readonly entries: Entry[];
    readonly policy: ReloadPolicy;
  }

  /** Apple: TimelineProvider. Each method may be called in a fresh extension process. */
  export interface TimelineProvider<Entry extends TimelineEntry> {
    /** Synchronous: return sample data at once; the system renders it redacted. Must not return a promise. */
    placeholder(context: ProviderContext): Entry;
    /** A single entry for transient situations such as the widget gallery (`context.isPreview`). */
    getSnapshot(context: ProviderContext): Entry | Promise<Entry>;
    /**
     * The timeline: return it (or a promise of it), or call `completion` with it as Apple's
     * getTimeline(in:completion:) does.
     */
    getTimeline(context: ProviderContext, completion: (timeline: Timeline<Entry>) => void): Timeline<Entry> | Promise<Timeline<Entry>> | void;
  }

  /**
   * Called when the system launched the extension for events of a background session
   * (Apple: onBackgroundURLSessionEvents(matching:_:)). Recreate the session with that identifier
   * (sessionCache.session) so the events can be delivered, and keep `completion`: call it once,
   * after urlSessionDidFinishEvents (`didFinishEvents`) has run (on the main thread in Apple's API).
   */
  export type BackgroundEventsHandler = (identifier: string, completion: () => void) => unknown;

  export interface WidgetConfiguration<Entry extends TimelineEntry = TimelineEntry> {
    /** Identifies the widget (Apple: the configuration's kind); WidgetCenter.reloadTimelines uses it. */
    kind: string;
    displayName?: string;
    description?: string;
    /** Default: every system family. */
    supportedFamilies?: WidgetFamily[];
    provider: TimelineProvider<Entry>;
    /**
     * Renders an entry. Return plain views; no side effects (it runs for every entry and family).
     * The entry type is inferred from the provider, never from this parameter (TypeScript 5.4+).
     */
    view(entry: NoInfer<Entry>, context: ProviderContext): View | string;
    onBackgroundURLSessionEvents?:
      | BackgroundEventsHandler
      | {
          /** The session identifiers this widget handles: exact string or predicate. */
          matching?: string | ((identifier: string) => boolean);
          handler: BackgroundEventsHandler;
        };
  }

  /** Declares the widget; export it as the module's default export. Checked when the module loads. */
  export function defineWidget<Entry extends TimelineEntry>(config: WidgetConfiguration<Entry>): WidgetConfiguration<Entry>;

  /** Named previews shown by the preview panel: `export const previews: WidgetPreview[] = [...]`. */
  export interface WidgetPreview<Entry extends TimelineEntry = TimelineEntry> {
    name: string;
    family: WidgetFamily;
    entries: Entry[];
  }

  /** Apple: WidgetCenter. */
  export const WidgetCenter: {
    /** Asks the system for a new timeline of that kind; counts against the daily reload budget. */
    reloadTimelines(kind: string): void;
    /** Asks the system for new timelines of every widget; counts against the budget. */
    reloadAllTimelines(): void;
    /** The widgets the user has configured (kind, family). */
    getCurrentConfigurations(): Promise<unknown>;
  };

  // ---- background URLSession ------------------------------------------------------------

  /** A failed task's error (Apple: URLError in NSURLErrorDomain). */
  export class URLSessionTaskError extends Error {
    private constructor();
    /** NSURLError codes: -999 cancelled, -1001 timed out, -1003 cannot find host, -1005 connection lost, -1009 offline. */
    readonly code: number;
    readonly domain: string;
    toJSON(): { code: number; domain: 'NSURLErrorDomain'; message: string };
  }
  export type URLSessionError = URLSessionTaskError;

  export interface HTTPURLResponse {
    statusCode: number;
    headers: Record<string, string>;
  }

  export type TaskState = 'suspended' | 'running' | 'completed' | 'cancelled' | 'failed';

  /** Apple: URLSessionDownloadTask. Created suspended: call resume(). */
  export class URLSessionDownloadTask {
    protected constructor();
    readonly taskIdentifier: number;
    readonly originalRequest: { url: string; method: string; headers: Record<string, string> };
    state: TaskState;
    /** Set when the download finished (available in didFinishDownloadingTo and didCompleteWithError). */
    response: HTTPURLResponse | null;
    error: URLSessionError | null;
    countOfBytesReceived: number;
    countOfBytesExpectedToReceive: number;
    taskDescription: string;
    /** Hands the task to the system, which transfers it out of process: it continues while the extension is suspended or terminated. */
    resume(): void;
    /** Cancels the transfer; didCompleteWithError then receives code -999. */
    cancel(): void;
    /** Used by the runtime to apply what the system reports about the task. */
    update(info: { state?: TaskState; bytesWritten?: number; bytesExpected?: number }): void;
  }

  /** Apple: URLSessionUploadTask (from a file, in a background session). Created suspended: call resume(). */
  export class URLSessionUploadTask extends URLSessionDownloadTask {
    protected constructor();
  }

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
    private constructor();
    /** One identifier per session: create exactly one live session per identifier in a process. */
    static background(identifier: string): URLSessionConfiguration;
    readonly identifier: string;
    /** Background sessions relaunch the extension for their events (default true). */
    sessionSendsLaunchEvents: boolean;
    /** When true the system may defer transfers to good conditions. */
    isDiscretionary: boolean;
    /** Transfers do not begin before this date. Read when the session is created. */
    earliestBeginDate: Date | null;
  }

  export type DownloadRequestInit = string | URL | { url: string | URL; method?: string; headers?: Record<string, string> };

  /**
   * Apple: URLSession with a background configuration. Creating it registers it in `sessionCache`.
   * Apple: "you must create exactly one session per identifier"; a second live session with the
   * same identifier is reported. Background sessions support only download tasks and upload
   * tasks from a file, and none of the async convenience methods: the refused methods below throw.
   */
  export class URLSession {
    constructor(configuration: URLSessionConfiguration, delegate?: URLSessionDelegate | null);
    readonly configuration: URLSessionConfiguration;
    readonly delegate: URLSessionDelegate | null;
    readonly identifier: string;
    downloadTask(request: DownloadRequestInit): URLSessionDownloadTask;
    /** Every task of the session the system knows, including tasks started by an earlier process. */
    getAllTasks(completion?: (tasks: URLSessionDownloadTask[]) => void): Promise<URLSessionDownloadTask[]>;
    /** Cancels all tasks and invalidates the session; the identifier may then be used again. */
    invalidateAndCancel(): void;
    /** Lets running tasks finish and invalidates the session. */
    finishTasksAndInvalidate(): void;
    /** @deprecated Refused: data tasks are not supported in background sessions. Always throws. */
    dataTask(request?: unknown): never;
    /** @deprecated Refused: async data(for:) is not supported in background sessions. Always throws. */
    data(request?: unknown): never;
    /** @deprecated Refused: async download(for:) is not supported in background sessions; use downloadTask. Always throws. */
    download(request?: unknown): never;
    /** @deprecated Refused: async upload(for:from:) is not supported in background sessions. Always throws. */
    upload(request?: unknown, data?: unknown): never;
    /** @deprecated Refused: bytes(for:) is not supported in background sessions. Always throws. */
    bytes(request?: unknown): never;
    /** @deprecated Refused in background sessions. Always throws. */
    streamTask(host?: unknown, port?: unknown): never;
    /** @deprecated Refused in background sessions. Always throws. */
    webSocketTask(url?: unknown): never;
    /**
     * Apple: uploadTask(with:fromFile:). Background sessions upload from a file only (the system
     * streams it; the method defaults to POST); `fromData` is refused and throws. The delegate gets
     * didCompleteWithError (task.response.statusCode has the status), no didFinishDownloadingTo.
     */
    uploadTask(request: DownloadRequestInit, body: { fromFile: string }): URLSessionUploadTask;
    uploadTask(request: unknown, body: { fromData: unknown }): never;
    /** The task object for an identifier (also for tasks of an earlier process). */
    taskFor(taskIdentifier: number, info?: { url?: string; state?: TaskState; bytesWritten?: number; bytesExpected?: number }): URLSessionDownloadTask;
  }

  /**
   * The extension process's cache of live sessions by identifier. It lives in memory only: after
   * the system terminates the extension it is empty, and onBackgroundURLSessionEvents must
   * recreate the session.
   */
  export const sessionCache: {
    /** The live session for `identifier`, or a new background session with makeDelegate()'s delegate. */
    session(identifier: string, makeDelegate?: () => URLSessionDelegate | null): URLSession;
    get(identifier: string): URLSession | undefined;
    identifiers(): string[];
  };

  // ---- storage that survives termination ------------------------------------------------

  export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

  /** Apple: UserDefaults(suiteName:). Written to disk at once; survives terminations (module globals do not). */
  export class UserDefaultsSuite {
    private constructor();
    readonly name: string;
    get(key: string): JsonValue | undefined;
    /** Stores a JSON value (Dates become ISO strings); undefined removes the key. */
    set(key: string, value: unknown): void;
    remove(key: string): void;
    dictionaryRepresentation(): { [key: string]: JsonValue };
  }

  export const UserDefaults: {
    suite(name: string): UserDefaultsSuite;
  };

  /** Apple: FileManager.containerURL(forSecurityApplicationGroupIdentifier:): a directory shared with the app that survives terminations. */
  export function appGroupContainer(groupIdentifier?: string): string;

  // ---- views ----------------------------------------------------------------------------

  export type Font =
    | 'largeTitle' | 'title' | 'title2' | 'title3' | 'headline' | 'subheadline' | 'body' | 'callout' | 'footnote' | 'caption' | 'caption2'
    | { size: number; weight?: FontWeight; design?: 'default' | 'rounded' | 'serif' | 'monospaced' };
  export type FontWeight = 'ultraLight' | 'thin' | 'light' | 'regular' | 'medium' | 'semibold' | 'bold' | 'heavy' | 'black';
  /** A colour name ('orange', 'secondary'), a hex string ('#ff8800') or a gradient description. */
  export type ShapeStyle = string | { [key: string]: unknown };
  export type Edge = 'all' | 'horizontal' | 'vertical' | 'top' | 'bottom' | 'leading' | 'trailing';
  export interface FrameOptions {
    width?: number; height?: number; minWidth?: number; maxWidth?: number | 'infinity';
    minHeight?: number; maxHeight?: number | 'infinity'; alignment?: string;
  }
  export type DateStyle = 'time' | 'date' | 'relative' | 'offset' | 'timer';

  /** An immutable SwiftUI-like view: every modifier returns a new view. Plain data once rendered. */
  export class View {
    private constructor();
    readonly type: 'Text' | 'Image' | 'VStack' | 'HStack' | 'ZStack' | 'Spacer' | 'Divider' | 'Gauge' | 'ProgressView' | 'Label' | 'Link' | 'Group';
    readonly props: { readonly [key: string]: unknown };
    readonly children: readonly View[];
    readonly modifiers: readonly { name: string; args: unknown[] }[];
    modifier(name: string, ...args: unknown[]): View;
    font(style: Font): View;
    fontWeight(weight: FontWeight): View;
    foregroundStyle(style: ShapeStyle): View;
    padding(length?: number): View;
    padding(edges: Edge, length?: number): View;
    frame(options: FrameOptions): View;
    background(style: ShapeStyle | View): View;
    /** iOS 17: required for widgets; the system removes it in StandBy and tinted modes. */
    containerBackground(style: ShapeStyle | View, placement?: 'widget'): View;
    contentTransition(transition: 'numericText' | 'opacity' | 'identity' | 'interpolate'): View;
    multilineTextAlignment(alignment: 'leading' | 'center' | 'trailing'): View;
    lineLimit(lines: number | null): View;
    minimumScaleFactor(factor: number): View;
    opacity(value: number): View;
    cornerRadius(radius: number): View;
    /** The URL the system opens in the app when the user taps the widget (one per widget). */
    widgetURL(url: string): View;
    redacted(reason: 'placeholder' | 'privacy'): View;
  }

  /** A child of a container: views; strings and numbers become Text; null, undefined and booleans are skipped. */
  export type ViewContent = View | string | number | null | undefined | boolean | ViewContent[];
  export interface StackOptions { spacing?: number; alignment?: string }

  export function Text(content: string | number): View;
  /** A date that the system keeps current without reloading (Apple: Text(_:style:)). */
  export function Text(date: Date, style?: DateStyle): View;
  /** An asset name, or { systemName } for an SF Symbol. */
  export function Image(image: string | { systemName?: string; name?: string }): View;
  export function VStack(options: StackOptions, ...content: ViewContent[]): View;
  export function VStack(...content: ViewContent[]): View;
  export function HStack(options: StackOptions, ...content: ViewContent[]): View;
  export function HStack(...content: ViewContent[]): View;
  export function ZStack(options: { alignment?: string }, ...content: ViewContent[]): View;
  export function ZStack(...content: ViewContent[]): View;
  export function Spacer(minLength?: number): View;
  export function Divider(): View;
  export function Gauge(value: number, options?: { in?: [number, number]; label?: string; currentValueLabel?: string }): View;
  export function ProgressView(options?: number | { value?: number; total?: number; label?: string }): View;
  export function Label(title: string, systemImage: string): View;
  /** A tappable area opening `destination` (systemMedium and larger). */
  export function Link(destination: string, ...content: ViewContent[]): View;
  export function Group(...content: ViewContent[]): View;

  // ---- JSX (classic pragma; the automatic runtime is 'widgetkit/jsx-runtime') -------------

  export function h(type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): View;
  export function Fragment(props: { children?: unknown }): View;
  export function jsx(type: unknown, props: Record<string, unknown> | null): View;
  export const jsxs: typeof jsx;
  export const jsxDEV: typeof jsx;

  // ---- errors and debugging -------------------------------------------------------------

  /** Errors the runtime throws into widget code, with a stable code. */
  export class WidgetKitError extends Error {
    readonly code:
      | 'unsupported-task' | 'invalid-argument' | 'session-invalidated' | 'not-in-extension'
      | 'unserialisable-data' | 'invalid-widget' | 'invalid-timeline' | 'request-failed';
  }

  /** The runtime's call of user handlers (the debugger stops here before a handler when asked). */
  export function invokeUserHandler<Result>(pause: boolean, handler: (...args: never[]) => Result, thisArg: unknown, args: unknown[]): Result;
}

declare module 'widgetkit/jsx-runtime' {
  import type {
    View, Font, FontWeight, ShapeStyle, Edge, FrameOptions, DateStyle,
    Text, Image, VStack, HStack, ZStack, Spacer, Divider, Gauge, ProgressView, Label, Link, Group,
  } from 'widgetkit';
  export function jsx(type: unknown, props: Record<string, unknown> | null, key?: unknown): View;
  export const jsxs: typeof jsx;
  export function Fragment(props: { children?: unknown }): View;

  /** Props that apply a modifier: `<Text font="title" padding={8}>`; an array spreads the arguments. */
  interface ModifierProps {
    font?: Font;
    fontWeight?: FontWeight;
    foregroundStyle?: ShapeStyle;
    padding?: number | [Edge, number?];
    frame?: FrameOptions;
    background?: ShapeStyle | View;
    containerBackground?: ShapeStyle | View | [ShapeStyle | View, 'widget'];
    contentTransition?: 'numericText' | 'opacity' | 'identity' | 'interpolate';
    multilineTextAlignment?: 'leading' | 'center' | 'trailing';
    lineLimit?: number | null;
    minimumScaleFactor?: number;
    opacity?: number;
    cornerRadius?: number;
    widgetURL?: string;
    redacted?: 'placeholder' | 'privacy';
  }
  type Children = { children?: unknown };
  /** The JSX props of each built-in view (its arguments by name). */
  type BuiltinProps<C> =
    C extends typeof Text ? { date?: Date; style?: DateStyle } :
    C extends typeof Image ? { systemName?: string; name?: string } :
    C extends typeof VStack | typeof HStack ? { spacing?: number; alignment?: string } :
    C extends typeof ZStack ? { alignment?: string } :
    C extends typeof Spacer ? { minLength?: number } :
    C extends typeof Gauge ? { value: number; in?: [number, number]; label?: string; currentValueLabel?: string } :
    C extends typeof ProgressView ? { value?: number; total?: number; label?: string } :
    C extends typeof Label ? { title: string; systemImage: string } :
    C extends typeof Link ? { destination: string } :
    C extends typeof Divider | typeof Group ? {} :
    never;
  type Builtin = typeof Text | typeof Image | typeof VStack | typeof HStack | typeof ZStack | typeof Spacer | typeof Divider
    | typeof Gauge | typeof ProgressView | typeof Label | typeof Link | typeof Group;

  export namespace JSX {
    type Element = View;
    interface ElementChildrenAttribute { children: {} }
    interface IntrinsicElements {}
    /** Built-in views take their arguments and modifiers as props; your components take their own props. */
    type LibraryManagedAttributes<C, P> = C extends Builtin ? BuiltinProps<C> & ModifierProps & Children : P;
  }
}
