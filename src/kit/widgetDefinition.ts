// defineWidget: the user's widget configuration (Apple: a Widget with a StaticConfiguration of
// kind, provider and view), checked when the module loads so mistakes surface as `loadFailed`
// with the user's line instead of failing later inside a provider call.
import type { WidgetDescription, WidgetFamily } from '../protocol/lifecycle';
import { FAMILIES, isWidgetFamily } from '../protocol/lifecycle';
import { WidgetKitError } from './errors';

export interface ProviderContext {
  family: WidgetFamily;
  isPreview: boolean;
  displaySize: { width: number; height: number };
  /** True for placeholder rendering: the system shows the view redacted. */
  redacted: boolean;
}

export type BackgroundEventsHandler = (identifier: string, completion: () => void) => unknown;

export interface WidgetConfiguration {
  kind: string;
  displayName?: string;
  description?: string;
  supportedFamilies?: WidgetFamily[];
  provider: {
    placeholder(context: ProviderContext): unknown;
    getSnapshot(context: ProviderContext): unknown;
    getTimeline(context: ProviderContext, completion: (timeline: unknown) => void): unknown;
  };
  view(entry: never, context: ProviderContext): unknown;
  onBackgroundURLSessionEvents?:
    | BackgroundEventsHandler
    | { matching?: string | ((identifier: string) => boolean); handler: BackgroundEventsHandler };
}

const WIDGET = Symbol.for('widgetkit.widget');

export interface DefinedWidget extends WidgetConfiguration {
  readonly [WIDGET]: true;
}

function invalid(message: string): never {
  throw new WidgetKitError('invalid-widget', `defineWidget: ${message}`);
}

export function defineWidget<Config extends WidgetConfiguration>(config: Config): Config {
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
  if (widget.description !== undefined) description.description = widget.description;
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
