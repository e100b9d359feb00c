// Type declarations of `widgetkit`, the module widget code imports, shipped with the extension
// so VS Code offers completion in any folder. GENERATED from src/kit by
// scripts/widgetkitDeclarations.mjs (npm run declarations): edit the kit's sources, not this file.

declare module 'widgetkit' {
  const WIDGET_RENDERING_MODES: readonly [
    "fullColor",
    "accented",
    "vibrant"
  ];
  export type WidgetRenderingMode = (typeof WIDGET_RENDERING_MODES)[number];
  const ACCENTED_IMAGE_MODES: readonly [
    "fullColor",
    "accented",
    "desaturated",
    "accentedDesaturated"
  ];
  export type WidgetAccentedRenderingMode = (typeof ACCENTED_IMAGE_MODES)[number];
  type ViewType = "Text" | "Image" | "VStack" | "HStack" | "ZStack" | "Spacer" | "Divider" | "Gauge" | "ProgressView" | "Label" | "Link" | "Group" | "Button" | "Toggle";
  type ModifierArg = string | number | boolean | null | {
    [key: string]: ModifierArg;
  } | ModifierArg[];
  export type JsonValue = null | boolean | number | string | JsonValue[] | {
    [key: string]: JsonValue;
  };
  const FAMILIES: readonly [
    "systemSmall",
    "systemMedium",
    "systemLarge",
    "systemExtraLarge",
    "accessoryCircular",
    "accessoryRectangular",
    "accessoryInline"
  ];
  export type WidgetFamily = (typeof FAMILIES)[number];
  type ReloadPolicyJson = {
    kind: "atEnd";
  } | {
    kind: "never";
  } | {
    kind: "after";
    date: string;
  };
  /**
   * A timeline entry (Apple: TimelineEntry): the date at which the system shows it, an optional
   * relevance for Smart Stacks, and your own data. Data must be plain JSON (Dates become ISO
   * strings): circular references, functions, Maps and Sets are refused.
   */
  export interface TimelineEntry {
    date: Date;
    relevance?: {
      score: number;
      duration?: number;
    };
  }
  /**
   * Apple's reload policies (TimelineReloadPolicy). The system decides exactly when to reload,
   * within the widget's daily budget (about 40 to 70 reloads a day).
   */
  export class ReloadPolicy {
    readonly kind: "atEnd" | "never" | "after";
    readonly date?: Date | undefined;
    private constructor();
    /** Request a new timeline after the last entry's date passes. */
    static readonly atEnd: ReloadPolicy;
    /** Never request a new timeline; the app reloads it through WidgetCenter. */
    static readonly never: ReloadPolicy;
    /** Request a new timeline after `date` (the system decides exactly when, within its budget). */
    static after(date: Date): ReloadPolicy;
    toJSON(): ReloadPolicyJson;
  }
  /** Entries in date order (Apple: entries should be at least about 5 minutes apart) and a reload policy. */
  export class Timeline<Entry extends TimelineEntry = TimelineEntry> {
    readonly entries: Entry[];
    readonly policy: ReloadPolicy;
    constructor(entries: Entry[], policy?: ReloadPolicy);
  }
  export type Font = "largeTitle" | "title" | "title2" | "title3" | "headline" | "subheadline" | "body" | "callout" | "footnote" | "caption" | "caption2" | {
    size: number;
    weight?: FontWeight;
    design?: "default" | "rounded" | "serif" | "monospaced";
  };
  export type FontWeight = "ultraLight" | "thin" | "light" | "regular" | "medium" | "semibold" | "bold" | "heavy" | "black";
  /** A colour name ('orange', 'secondary'), a hex string ('#ff8800') or a gradient description. */
  export type ShapeStyle = string | {
    [key: string]: unknown;
  };
  export type Edge = "all" | "horizontal" | "vertical" | "top" | "bottom" | "leading" | "trailing";
  export interface FrameOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    maxWidth?: number | "infinity";
    minHeight?: number;
    maxHeight?: number | "infinity";
    alignment?: string;
  }
  export type DateStyle = "time" | "date" | "relative" | "offset" | "timer";
  export type ContentTransition = "numericText" | "opacity" | "identity" | "interpolate";
  export type TextAlignment = "leading" | "center" | "trailing";
  export type RedactionReason = "placeholder" | "privacy";
  export interface StackOptions {
    spacing?: number;
    alignment?: string;
  }
  type Props = {
    [key: string]: ModifierArg;
  };
  interface PendingModifier {
    name: string;
    args: unknown[];
  }
  /** An immutable SwiftUI-like view: every modifier returns a new view. Plain data once rendered. */
  export class View {
    readonly type: ViewType;
    readonly props: Props;
    readonly children: readonly View[];
    readonly modifiers: readonly PendingModifier[];
    constructor(type: ViewType, props: Props, children?: readonly View[], modifiers?: readonly PendingModifier[]);
    /** Applies a modifier by name; the named methods below are the documented ones. */
    modifier(name: string, ...args: unknown[]): View;
    font(style: Font): View;
    fontWeight(weight: FontWeight): View;
    foregroundStyle(style: ShapeStyle): View;
    padding(length?: number): View;
    padding(edges: Edge, length?: number): View;
    frame(options: FrameOptions): View;
    background(style: ShapeStyle | View): View;
    /** iOS 17: required for widgets; the system removes it in StandBy and tinted modes. */
    containerBackground(style: ShapeStyle | View, placement?: "widget"): View;
    contentTransition(transition: ContentTransition): View;
    multilineTextAlignment(alignment: TextAlignment): View;
    lineLimit(lines: number | null): View;
    minimumScaleFactor(factor: number): View;
    opacity(value: number): View;
    cornerRadius(radius: number): View;
    /** The URL the system opens in the app when the user taps the widget (one per widget). */
    widgetURL(url: string): View;
    redacted(reason: RedactionReason): View;
    /**
     * Puts the view and its content in the accent group (Apple: widgetAccentable(_:)). In accented
     * mode the system draws the accent group in the tint colour and everything else in its
     * primary treatment, keeping only each colour's opacity.
     */
    widgetAccentable(accentable?: boolean): View;
    /**
     * How this image is drawn in accented mode (Apple: Image.widgetAccentedRenderingMode(_:), iOS
     * 18): 'fullColor' keeps its colours, 'accented' joins the accent group, 'desaturated' and
     * 'accentedDesaturated' keep its luminance as opacity in the primary or accent colour.
     */
    widgetAccentedRenderingMode(mode: WidgetAccentedRenderingMode | null): View;
    /** Content that may be out of date until the widget reloads after an interaction (Apple: invalidatableContent(_:), iOS 17). */
    invalidatableContent(invalidatable?: boolean): View;
  }
  /** A child of a container: views; strings and numbers become Text; null, undefined and booleans are skipped. */
  export type ViewContent = View | string | number | null | undefined | boolean | ViewContent[];
  export function Text(content: string | number): View;
  /** A date that the system keeps current without reloading (Apple: Text(_:style:)). */
  export function Text(date: Date, style?: DateStyle): View;
  /** An asset name, or { systemName } for an SF Symbol. */
  export function Image(image: string | {
    systemName?: string;
    name?: string;
  }): View;
  export function VStack(options: StackOptions, ...content: ViewContent[]): View;
  export function VStack(...content: ViewContent[]): View;
  export function HStack(options: StackOptions, ...content: ViewContent[]): View;
  export function HStack(...content: ViewContent[]): View;
  export function ZStack(options: {
    alignment?: string;
  }, ...content: ViewContent[]): View;
  export function ZStack(...content: ViewContent[]): View;
  export function Spacer(minLength?: number): View;
  export function Divider(): View;
  export function Gauge(value: number, options?: {
    in?: [
      number,
      number
    ];
    label?: string;
    currentValueLabel?: string;
  }): View;
  export function ProgressView(options?: number | {
    value?: number;
    total?: number;
    label?: string;
  }): View;
  export function Label(title: string, systemImage: string): View;
  /** A tappable area opening `destination` (systemMedium and larger). */
  export function Link(destination: string, ...content: ViewContent[]): View;
  export function Group(...content: ViewContent[]): View;
  /** What the system passes to every provider method and to the view (Apple: TimelineProviderContext). */
  export interface ProviderContext {
    family: WidgetFamily;
    /** True when the widget is shown in the widget gallery: return sample data quickly. */
    isPreview: boolean;
    /** The widget's size in points on the simulated device (HIG table). */
    displaySize: {
      width: number;
      height: number;
    };
    /** True for the placeholder: the system renders the view redacted. */
    redacted: boolean;
  }
  /**
   * What the view is given: the provider's context and where the system draws the widget (Apple's
   * environment values widgetRenderingMode and showsWidgetContainerBackground). The view runs once
   * per rendering mode the widget is shown in when it reads these.
   */
  export interface ViewContext extends ProviderContext {
    /** 'fullColor' on the default Home Screen; 'accented' on a tinted or clear one; 'vibrant' on the Lock Screen and in StandBy. */
    readonly renderingMode: WidgetRenderingMode;
    /** False where the system removes the containerBackground (tinted, clear, StandBy, Lock Screen). */
    readonly showsWidgetContainerBackground: boolean;
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
  /** Apple: WidgetPushInfo. `token` is the push token as lowercase hex (Apple's `token: Data`, hex-encoded as servers send it). */
  export interface WidgetPushInfo {
    readonly token: string;
  }
  /** Apple: WidgetInfo, one configured widget that supports push updates. */
  export interface WidgetInfo {
    readonly kind: string;
    readonly family: WidgetFamily;
  }
  /**
   * Apple (iOS 26): WidgetPushHandler, registered with WidgetConfiguration.pushHandler(_:). "When
   * the push configuration of your widgets changes ... pushTokenDidChange(_:widgets:) will be
   * called": send the token to your server, which pushes to APNs; each push reloads the timelines.
   */
  export interface WidgetPushHandler {
    pushTokenDidChange(pushInfo: WidgetPushInfo, widgets: WidgetInfo[]): unknown;
  }
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
    view(entry: NoInfer<Entry>, context: ViewContext): View | string;
    onBackgroundURLSessionEvents?: BackgroundEventsHandler | {
      /** The session identifiers this widget handles: exact string or predicate. */
      matching?: string | ((identifier: string) => boolean);
      handler: BackgroundEventsHandler;
    };
    /** Opts the widget into push updates (Apple: WidgetConfiguration.pushHandler(_:), iOS 26). */
    pushHandler?: WidgetPushHandler;
  }
  /** Named previews shown by the preview panel: `export const previews: WidgetPreview[] = [...]`. */
  export interface WidgetPreview<Entry extends TimelineEntry = TimelineEntry> {
    name: string;
    family: WidgetFamily;
    entries: Entry[];
  }
  /** Declares the widget; export it as the module's default export. Checked when the module loads. */
  export function defineWidget<Entry extends TimelineEntry>(config: WidgetConfiguration<Entry>): WidgetConfiguration<Entry>;
  /** Apple: WidgetCenter. */
  export const WidgetCenter: {
    /** Asks the system for a new timeline of that kind; counts against the daily reload budget. */
    reloadTimelines(kind: string): void;
    /** Asks the system for new timelines of every widget; counts against the budget. */
    reloadAllTimelines(): void;
    /** The widgets the user has configured (Apple: WidgetInfo: kind, family, configuration). */
    getCurrentConfigurations(): Promise<JsonValue>;
    /**
     * Apple (iOS 26): `await WidgetCenter.shared.currentPushInfo`: the push token of a widget with a
     * pushHandler, or null when no widget is configured for push.
     */
    readonly currentPushInfo: Promise<WidgetPushInfo | null>;
  };
  interface TransferError {
    /** NSURLError codes: -999 cancelled, -1001 timed out, -1003 cannot find host, -1005 connection lost, -1009 offline. */
    code: number;
    domain: "NSURLErrorDomain";
    message: string;
    /**
     * userInfo's NSURLErrorBackgroundTaskCancelledReasonKey of a -999 the system caused: 0
     * NSURLErrorCancelledReasonUserForceQuitApplication, 1 ...BackgroundUpdatesDisabled,
     * 2 ...InsufficientSystemResources. Absent for a cancel() of the app's own.
     */
    reason?: number;
  }
  interface TaskInfo {
    task: number;
    url: string;
    state: "suspended" | "running" | "completed" | "cancelled" | "failed";
    bytesWritten: number;
    bytesExpected: number;
  }
  interface DownloadRequest {
    url: string;
    method: string;
    headers: Record<string, string>;
    /** An upload task's body: the absolute path of the file the daemon streams (uploadTask fromFile). */
    bodyFile?: string;
  }
  export type TaskState = TaskInfo["state"];
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
    readonly userInfo: {
      NSURLErrorBackgroundTaskCancelledReasonKey?: number;
    };
    constructor(error: TransferError);
    toJSON(): TransferError;
  }
  interface TaskOwner {
    readonly identifier: string;
  }
  /** Apple: URLSessionDownloadTask. Created suspended: call resume(). */
  export class URLSessionDownloadTask {
    private readonly owner;
    readonly taskIdentifier: number;
    readonly originalRequest: DownloadRequest;
    state: TaskState;
    response: HTTPURLResponse | null;
    error: URLSessionTaskError | null;
    countOfBytesReceived: number;
    countOfBytesExpectedToReceive: number;
    /** Free-form text the app may attach (Apple: taskDescription). */
    taskDescription: string;
    constructor(owner: TaskOwner, taskIdentifier: number, originalRequest: DownloadRequest);
    /**
     * Hands the task to the system, which transfers it out of process: it continues while the
     * extension is suspended or terminated. Resuming a running task does nothing, as in Apple's API.
     */
    resume(): void;
    /** Cancels the transfer; the delegate then gets didCompleteWithError with code -999. */
    cancel(): void;
    /** Applies what the system reports about the task (deliveries and getAllTasks). */
    update(info: Partial<Pick<TaskInfo, "state" | "bytesWritten" | "bytesExpected">>): void;
  }
  /** Apple: URLSessionUploadTask, from a file in a background session. Created suspended: call resume(). */
  export class URLSessionUploadTask extends URLSessionDownloadTask {
  }
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
    readonly identifier: string;
    /** Background sessions relaunch the extension for their events (Apple's default: true). */
    sessionSendsLaunchEvents: boolean;
    /** When true the system may wait for good conditions (power, Wi-Fi) before transferring. */
    isDiscretionary: boolean;
    /** Transfers of this session do not begin before this date. */
    earliestBeginDate: Date | null;
    private constructor();
    /** One identifier per session: create exactly one live session per identifier in a process. */
    static background(identifier: string): URLSessionConfiguration;
  }
  export type DownloadRequestInit = string | URL | {
    url: string | URL;
    method?: string;
    headers?: Record<string, string>;
  };
  /**
   * Apple: URLSession with a background configuration. Creating it registers it in `sessionCache`.
   * Apple: "you must create exactly one session per identifier"; a second live session with the
   * same identifier is reported. Background sessions support only download tasks and upload
   * tasks from a file, and none of the async convenience methods: the refused methods throw.
   */
  export class URLSession {
    readonly delegate: URLSessionDelegate | null;
    readonly configuration: URLSessionConfiguration;
    private readonly tasks;
    private invalidated;
    constructor(configuration: URLSessionConfiguration, delegate?: URLSessionDelegate | null);
    get identifier(): string;
    private usable;
    downloadTask(request: DownloadRequestInit): URLSessionDownloadTask;
    private refuse;
    dataTask(_request?: unknown): never;
    /** Apple: data(for:) async. */
    data(_request?: unknown): never;
    /** Apple: download(for:) async. */
    download(_request?: unknown): never;
    /** Apple: upload(for:from:) async. */
    upload(_request?: unknown, _data?: unknown): never;
    /** Apple: bytes(for:) async. */
    bytes(_request?: unknown): never;
    streamTask(_host?: unknown, _port?: unknown): never;
    webSocketTask(_url?: unknown): never;
    /**
     * Apple (URLSessionConfiguration.background(withIdentifier:); Uploading data to a website):
     * background sessions support "upload tasks from a file" only; uploads from data are refused.
     * The request's method defaults to POST. The system's transfer daemon streams the file as the
     * body (fixtures answer "<METHOD> <url>"); the delegate gets didCompleteWithError, with the
     * response's status on task.response, and no didFinishDownloadingTo.
     */
    uploadTask(request: DownloadRequestInit, body: {
      fromFile?: string;
      fromData?: unknown;
    }): URLSessionUploadTask;
    /** The task object for an identifier, also for tasks created by a previous process. */
    taskFor(taskIdentifier: number, info?: Partial<TaskInfo>): URLSessionDownloadTask;
    /** Every task of this session the system still knows, including those of earlier processes. */
    getAllTasks(completion?: (tasks: URLSessionDownloadTask[]) => void): Promise<URLSessionDownloadTask[]>;
    /** Cancels every task and invalidates the session; a new session may then use the identifier. */
    invalidateAndCancel(): void;
    /** Lets running tasks finish, then the session is invalid; no new tasks may start. */
    finishTasksAndInvalidate(): void;
    private invalidate;
  }
  /**
   * The extension process's cache of live sessions by identifier. It lives in memory only: after
   * the system terminates the extension it is empty, and onBackgroundURLSessionEvents must
   * recreate the session.
   */
  export const sessionCache: {
    /** The live session for `identifier`, created now (background configuration) if there is none. */
    session(identifier: string, makeDelegate?: () => URLSessionDelegate | null): URLSession;
    get(identifier: string): URLSession | undefined;
    identifiers(): string[];
  };
  type Stored = {
    [key: string]: JsonValue;
  };
  /** Apple: UserDefaults(suiteName:). Written to disk at once; survives terminations (module globals do not). */
  export class UserDefaultsSuite {
    readonly name: string;
    constructor(name: string);
    private get file();
    private read;
    private write;
    get(key: string): JsonValue | undefined;
    /** Stores a JSON value (Dates as ISO strings); `undefined` removes the key. */
    set(key: string, value: unknown): void;
    remove(key: string): void;
    /** Every stored key and value. */
    dictionaryRepresentation(): Stored;
  }
  export const UserDefaults: {
    suite(name: string): UserDefaultsSuite;
  };
  /**
   * Apple: FileManager.containerURL(forSecurityApplicationGroupIdentifier:): a directory shared
   * with the app that survives terminations.
   */
  export function appGroupContainer(_groupIdentifier?: string): string;
  /** Parameters an intent takes: plain data (they are stored in the view and sent as JSON). */
  export type IntentParameters = {
    [key: string]: unknown;
  };
  /** What the system passes to `perform` beside the parameters. */
  export interface IntentContext {
    /** The intent's name. */
    intent: string;
    /** The kind of the widget whose button or toggle was tapped. */
    kind: string;
    /** The family shown when the user tapped. */
    family: WidgetFamily;
  }
  export interface IntentDefinition<Parameters extends IntentParameters> {
    /** Identifies the intent (a tap names it; `--tap <name>` on the command line). Unique per module. */
    name: string;
    /** What the intent does, for people (Apple: the intent's `title`). */
    title?: string;
    /**
     * Runs in the widget extension when the user taps a Button or Toggle bound to the intent; may
     * return a promise. Afterwards the system reloads the widget's timelines, so store the new
     * state (UserDefaults) here and read it in getTimeline.
     */
    perform(parameters: Parameters, context: IntentContext): unknown;
  }
  /** An intent with its parameters bound: what Button and Toggle take. */
  export interface IntentInvocation {
    readonly intent: string;
    readonly parameters: {
      [key: string]: JsonValue;
    };
  }
  /** What defineIntent returns: bind parameters with `with` for a Button or Toggle. */
  export class WidgetIntent<Parameters extends IntentParameters = IntentParameters> {
    readonly name: string;
    readonly title: string | undefined;
    /** Use defineIntent: an intent made here is not registered, so no tap can perform it. */
    constructor(name: string, title?: string);
    /** Binds parameters for a Button or Toggle: plain data, checked now so a mistake names this call. */
    with(parameters?: Parameters): IntentInvocation;
  }
  /** Declares an intent a Button or Toggle performs. Call it at module level, once per name. */
  export function defineIntent<Parameters extends IntentParameters = IntentParameters>(definition: IntentDefinition<Parameters>): WidgetIntent<Parameters>;
  /** Performs the intent when tapped; the content is its label. */
  export function Button(action: IntentInvocation | WidgetIntent, ...content: ViewContent[]): View;
  /**
   * Shows `isOn` and performs the intent when tapped. As in WidgetKit, the toggle does not flip by
   * itself: `perform` stores the new state and the reloaded timeline shows it.
   */
  export function Toggle(isOn: boolean, action: IntentInvocation | WidgetIntent, ...content: ViewContent[]): View;
  /** Props that apply a modifier: `<Text font="title" padding={8}>`; an array spreads the arguments. */
  export interface ModifierProps {
    font?: Font;
    fontWeight?: FontWeight;
    foregroundStyle?: ShapeStyle;
    padding?: number | [
      Edge,
      number?
    ];
    frame?: FrameOptions;
    background?: ShapeStyle | View;
    containerBackground?: ShapeStyle | View | [
      ShapeStyle | View,
      "widget"
    ];
    contentTransition?: ContentTransition;
    multilineTextAlignment?: TextAlignment;
    lineLimit?: number | null;
    minimumScaleFactor?: number;
    opacity?: number;
    cornerRadius?: number;
    widgetURL?: string;
    redacted?: RedactionReason;
    widgetAccentable?: boolean;
    widgetAccentedRenderingMode?: WidgetAccentedRenderingMode | null;
    invalidatableContent?: boolean;
  }
  type Children = {
    children?: unknown;
  };
  type BuiltinProps<C> = C extends typeof Text ? {
    date?: Date;
    style?: DateStyle;
  } : C extends typeof Image ? {
    systemName?: string;
    name?: string;
  } : C extends typeof VStack | typeof HStack ? {
    spacing?: number;
    alignment?: string;
  } : C extends typeof ZStack ? {
    alignment?: string;
  } : C extends typeof Spacer ? {
    minLength?: number;
  } : C extends typeof Gauge ? {
    value: number;
    in?: [
      number,
      number
    ];
    label?: string;
    currentValueLabel?: string;
  } : C extends typeof ProgressView ? {
    value?: number;
    total?: number;
    label?: string;
  } : C extends typeof Label ? {
    title: string;
    systemImage: string;
  } : C extends typeof Link ? {
    destination: string;
  } : C extends typeof Divider | typeof Group ? {} : C extends typeof Button ? {
    intent: IntentInvocation;
  } : C extends typeof Toggle ? {
    isOn: boolean;
    intent: IntentInvocation;
  } : never;
  type Builtin = typeof Text | typeof Image | typeof VStack | typeof HStack | typeof ZStack | typeof Spacer | typeof Divider | typeof Gauge | typeof ProgressView | typeof Label | typeof Link | typeof Group | typeof Button | typeof Toggle;
  export namespace JSX {
    type Element = View;
    interface ElementChildrenAttribute {
      children: {};
    }
    interface IntrinsicElements {
    }
    /** Built-in views take their arguments and modifiers as props; your components take their own props. */
    type LibraryManagedAttributes<C, P> = C extends Builtin ? BuiltinProps<C> & ModifierProps & Children : P;
  }
  type Props$1 = Record<string, unknown>;
  /** `<>...</>`: a Group. */
  export function Fragment(props: {
    children?: unknown;
  }): View;
  /** Automatic runtime: one child or none (`key` has no meaning for plain-data views). */
  export function jsx(type: unknown, props: Props$1 | null, _key?: unknown): View;
  /** Automatic runtime: several static children. */
  export const jsxs: typeof jsx;
  /** Development variant of the automatic runtime (same behaviour). */
  export const jsxDEV: typeof jsx;
  /** Classic runtime: `/** @jsx h *\/` or jsxFactory "h". */
  export function h(type: unknown, props: Props$1 | null, ...children: unknown[]): View;
  type WidgetKitErrorCode = "unsupported-task" | "invalid-argument" | "session-invalidated" | "not-in-extension" | "unserialisable-data" | "invalid-widget" | "invalid-intent" | "invalid-timeline" | "request-failed";
  /** Errors the runtime throws into widget code, with a stable code. */
  export class WidgetKitError extends Error {
    readonly code: WidgetKitErrorCode;
    constructor(code: WidgetKitErrorCode, message: string);
  }
  /** The runtime's call of user handlers (the debugger stops here before a handler when asked). */
  export const invokeUserHandler: <Result>(this: unknown, pause: boolean, handler: (...args: never[]) => Result, thisArg: unknown, args: unknown[]) => Result;


  export {};
}

declare module 'widgetkit/jsx-runtime' {
  export { jsx, jsxs, jsxDEV, Fragment, JSX } from 'widgetkit';
}
