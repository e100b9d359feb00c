// defineWidget: the user's widget configuration (Apple: a Widget with a StaticConfiguration of
// kind, provider and view), checked when the module loads so mistakes surface as `loadFailed`
// with the user's line instead of failing later inside a provider call.
import type { WidgetDescription, WidgetFamily } from '../protocol/lifecycle';
import type { WidgetRenderingMode } from '../protocol/renderingModes';
import { FAMILIES, isWidgetFamily } from '../protocol/lifecycle';
import type { Timeline, TimelineEntry } from './entries';
import { WidgetKitError } from './errors';
import { definedIntents } from './intents';
import type { View } from './views';

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
  onBackgroundURLSessionEvents?:
    | BackgroundEventsHandler
    | {
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

const WIDGET = Symbol.for('widgetkit.widget');

export interface DefinedWidget extends WidgetConfiguration {
  readonly [WIDGET]: true;
}

function invalid(message: string): never {
  throw new WidgetKitError('invalid-widget', `defineWidget: ${message}`);
}

/** Declares the widget; export it as the module's default export. Checked when the module loads. */
export function defineWidget<Entry extends TimelineEntry>(config: WidgetConfiguration<Entry>): WidgetConfiguration<Entry> {
  if (typeof config !== 'object' || config === null) invalid('pass a configuration object { kind, provider, view }.');
  if (typeof config.kind !== 'string' || config.kind === '') invalid('`kind` must be a non-empty string that names the widget.');
  const provider = config.provider as Partial<WidgetConfiguration['provider']> | undefined;
  for (const method of ['placeholder', 'getSnapshot', 'getTimeline'] as const) {
    if (typeof provider?.[method] !== 'function') invalid(`provider.${method} must be a function (Apple: TimelineProvider requires placeholder, getSnapshot and getTimeline).`);
  }
  if (typeof config.view !== 'function') invalid('`view` must be a function (entry, context) => View.');
  for (const family of config.supportedFamilies ?? []) {
    if (!isWidgetFamily(family)) invalid(`unknown family "${String(family)}"; use one of ${FAMILIES.join(', ')}.`);
  }
  const handler = config.onBackgroundURLSessionEvents;
  if (handler !== undefined && typeof handler !== 'function' && typeof handler?.handler !== 'function') {
    invalid('onBackgroundURLSessionEvents must be a function or { matching, handler }.');
  }
  if (config.pushHandler !== undefined && typeof config.pushHandler?.pushTokenDidChange !== 'function') {
    invalid('pushHandler must be an object { pushTokenDidChange(pushInfo, widgets) } (Apple: WidgetPushHandler).');
  }
  return Object.freeze({ ...config, [WIDGET]: true as const });
}

export function isDefinedWidget(value: unknown): value is DefinedWidget {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[WIDGET] === true;
}

/** Apple's default: a widget supports every system family unless it lists its own. */
const DEFAULT_FAMILIES: WidgetFamily[] = ['systemSmall', 'systemMedium', 'systemLarge', 'systemExtraLarge'];

export function describeWidget(widget: DefinedWidget, file: string): WidgetDescription {
  const description: WidgetDescription = {
    file,
    kind: widget.kind,
    displayName: widget.displayName ?? widget.kind,
    supportedFamilies: widget.supportedFamilies ?? DEFAULT_FAMILIES,
    handlesBackgroundEvents: widget.onBackgroundURLSessionEvents !== undefined,
  };
  if (widget.pushHandler !== undefined) description.handlesPushes = true;
  if (widget.description !== undefined) description.description = widget.description;
  // Intents register as the module defines them (defineIntent), before the widget is described.
  const intents = definedIntents();
  if (intents.length > 0) description.intents = intents;
  return description;
}

/** The handler and whether it accepts `identifier` (Apple: onBackgroundURLSessionEvents(matching:)). */
export function backgroundEventsHandlerFor(widget: DefinedWidget, identifier: string): BackgroundEventsHandler | undefined {
  const option = widget.onBackgroundURLSessionEvents;
  if (option === undefined) return undefined;
  if (typeof option === 'function') return option;
  const { matching, handler } = option;
  if (matching === undefined) return handler;
  if (typeof matching === 'string') return matching === identifier ? handler : undefined;
  return matching(identifier) ? handler : undefined;
}

/** The widget a module exports: its default export, or the export whose kind was asked for. */
export function findWidget(exports: unknown, kind: string | undefined): DefinedWidget | undefined {
  const moduleExports = (exports ?? {}) as Record<string, unknown>;
  if (kind === undefined) return [moduleExports, moduleExports.default].find(isDefinedWidget);
  const candidates = [moduleExports, moduleExports.default, ...Object.values(moduleExports)].filter(isDefinedWidget);
  return candidates.find((widget) => widget.kind === kind);
}
