// Answers the system's `provider` calls (Apple's TimelineProvider: placeholder(in:) synchronous
// and rendered redacted, getSnapshot(in:completion:), getTimeline(in:completion:)) and renders
// the widget's view for each requested family. A provider that throws is a `providerResult` with
// the user's location; a view that throws or returns garbage spoils only that entry's view.
import type { ProviderContext as WireContext, TimelineResult, ToExtension, ToSystem } from '../protocol/ipc';
import type { RenderedEntry, RenderedView, WidgetFamily } from '../protocol/lifecycle';
import { DEFAULT_DEVICE, widgetSize } from '../protocol/widgetSizes';
import { serialiseEntry, timelineParts } from './entries';
import { renderInEnvironments } from './renderingEnvironment';
import { userError } from './userError';
import { invokeUserHandler } from './userHandlerInvocation';
import { toViewNode } from './views';
import type { DefinedWidget, ProviderContext, ViewContext } from './widgetDefinition';

type ProviderCall = Extract<ToExtension, { type: 'provider' }>;

/** Entries sent per timeline; the system keeps at most 50 of them in the trace. */
export const MAX_ENTRIES = 10_000;

function contextFor(base: WireContext, family: WidgetFamily, redacted: boolean): ProviderContext {
  const displaySize = family === base.family ? base.displaySize : widgetSize(DEFAULT_DEVICE, family) ?? base.displaySize;
  return { family, isPreview: base.isPreview, displaySize, redacted };
}

function renderView(widget: DefinedWidget, entry: unknown, context: ViewContext): RenderedView {
  try {
    let view = toViewNode(widget.view(entry as never, context));
    if (context.redacted) view = { ...view, modifiers: [...view.modifiers, { name: 'redacted', args: ['placeholder'] }] };
    return { ok: true, view };
  } catch (thrown) {
    return { ok: false, error: userError(thrown, `view(entry, { family: '${context.family}' }) failed`).message };
  }
}

/** The entry serialised and its view rendered for every family, in each of its rendering modes. */
export function renderEntry(widget: DefinedWidget, entry: unknown, where: string, base: WireContext, families: WidgetFamily[], redacted = false): RenderedEntry {
  const rendered: RenderedEntry = { ...serialiseEntry(entry, where), views: {} };
  for (const family of families) {
    const { view, alternates } = renderInEnvironments(contextFor(base, family, redacted), (context) => renderView(widget, entry, context));
    rendered.views[family] = view;
    if (alternates) (rendered.renderingModes ??= {})[family] = alternates;
  }
  return rendered;
}

/** getTimeline may return the timeline, a promise of it, or call Apple's completion. */
function timelineOf(widget: DefinedWidget, context: ProviderContext, pause: boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    try {
      const returned = invokeUserHandler.call(widget.provider.getTimeline, pause, widget.provider.getTimeline, widget.provider, [context, resolve]);
      if (returned !== undefined) Promise.resolve(returned).then(resolve, reject);
    } catch (thrown) {
      reject(thrown);
    }
  });
}

/** Apple: placeholder(in:) is synchronous, so its answer is too (it arrives before later messages). */
function answerPlaceholder(widget: DefinedWidget, call: ProviderCall): ToSystem {
  const context = contextFor(call.context, call.context.family, true);
  const entry = invokeUserHandler.call(widget.provider.placeholder, call.pause === true, widget.provider.placeholder, widget.provider, [context]);
  if (entry instanceof Promise) throw new Error('placeholder(context) must return an entry synchronously (Apple: placeholder(in:) is synchronous); move async work to getSnapshot/getTimeline');
  return { type: 'providerResult', call: call.call, ok: true, method: 'placeholder', entry: renderEntry(widget, entry, 'the placeholder entry', call.context, call.families, true) };
}

async function answerAsync(widget: DefinedWidget, call: ProviderCall): Promise<ToSystem> {
  const { families } = call;
  const pause = call.pause === true;
  const context = contextFor(call.context, call.context.family, false);
  if (call.method === 'getSnapshot') {
    const entry = await invokeUserHandler.call(widget.provider.getSnapshot, pause, widget.provider.getSnapshot, widget.provider, [context]);
    return { type: 'providerResult', call: call.call, ok: true, method: 'getSnapshot', entry: renderEntry(widget, entry, 'the snapshot entry', call.context, families) };
  }
  const { entries, policy } = timelineParts(await timelineOf(widget, context, pause));
  const timeline: TimelineResult = {
    entries: entries.slice(0, MAX_ENTRIES).map((entry, i) => renderEntry(widget, entry, `timeline entry ${i}`, call.context, families)),
    policy,
    totalEntries: entries.length,
  };
  return { type: 'providerResult', call: call.call, ok: true, method: 'getTimeline', timeline };
}

function failed(call: ProviderCall, thrown: unknown): ToSystem {
  return { type: 'providerResult', call: call.call, ok: false, error: userError(thrown, `provider.${call.method} threw`) };
}

/** Sends the answer to a provider call: synchronously for placeholder, when settled otherwise. */
export function answerProviderCall(widget: DefinedWidget, call: ProviderCall, reply: (message: ToSystem) => void): void {
  if (call.method === 'placeholder') {
    let message: ToSystem;
    try {
      message = answerPlaceholder(widget, call);
    } catch (thrown) {
      message = failed(call, thrown);
    }
    return reply(message);
  }
  answerAsync(widget, call).then(reply, (thrown: unknown) => reply(failed(call, thrown)));
}
