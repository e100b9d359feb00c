// The widget extension process: what runs when the system forks dist/kit/widgetkit.js with an
// IPC channel. It installs the module loader, the virtual clock and the temp-file guard, loads
// the user's widget on `start`, then answers every system message. Malformed messages are
// reported on stderr and ignored; when the channel closes (the system is gone) the process exits.
import type { ToExtension, ToSystem, UserError } from '../protocol/ipc';
import { parseToExtension } from '../protocol/ipc';
import type { WidgetFamily } from '../protocol/lifecycle';
import { DEFAULT_DEVICE, widgetSize } from '../protocol/widgetSizes';
import { deliverEvent, finishEvents, wake } from './deliveries';
import { answerPerform } from './intentPerform';
import { launchSettings } from './launchSettings';
import { deliverPushToken } from './pushHandler';
import { installModuleLoader, warmSourceMaps } from './moduleLoader';
import { checkSoon, messageHandled, startQuiescenceReports } from './quiescence';
import { realTimers } from './realTimers';
import { answerProviderCall, renderEntry } from './providerCalls';
import { registerBusyLocator } from './busyLocator';
import { systemChannel } from './systemChannel';
import { tempFileGuard } from './tempFileGuard';
import { userError } from './userError';
import { installSeededRandomness } from './seededRandomness';
import { advanceVirtualClock, installVirtualClock } from './virtualClock';
import type { DefinedWidget } from './widgetDefinition';
import { describeWidget } from './widgetDefinition';
import { loadWidget } from './widgetLoader';
import { memoryMeter } from './memoryMeter';
import { resolve } from 'node:path';
import { transpileCache } from './transpileCache';

type Start = Extract<ToExtension, { type: 'start' }>;
type Preview = Extract<ToSystem, { type: 'ready' }>['previews'][number];

/** The transpiler's warm-up, until it ran or the first message made it pointless. */
let warmUp: NodeJS.Timeout | undefined;
let widget: DefinedWidget | null = null;
/** Called once a launch is ready (the bootstrap then writes the runtime's code cache, if missing). */
let launched: () => void = () => undefined;
/** Why there is no widget: not started yet, or the load failed. */
let unavailable: UserError = { message: 'The widget extension has not received `start` yet.' };

function renderPreviews(loaded: DefinedWidget, exported: unknown): Preview[] {
  if (!Array.isArray(exported)) return [];
  const previews: Preview[] = [];
  for (const [index, raw] of exported.entries()) {
    const preview = raw as { name?: unknown; family?: unknown; entries?: unknown };
    const family = (typeof preview?.family === 'string' ? preview.family : loaded.supportedFamilies?.[0] ?? 'systemSmall') as WidgetFamily;
    const name = typeof preview?.name === 'string' ? preview.name : `Preview ${index + 1}`;
    const context = { family, isPreview: true, displaySize: widgetSize(DEFAULT_DEVICE, family) ?? { width: 0, height: 0 } };
    try {
      const entries = Array.isArray(preview?.entries) ? preview.entries : [];
      previews.push({ name, family, entries: entries.map((entry, i) => renderEntry(loaded, entry, `previews[${index}] entry ${i}`, context, [family])) });
    } catch (thrown) {
      process.stderr.write(`widgetkit: preview "${name}" skipped: ${userError(thrown, 'its entries').message}\n`);
    }
  }
  return previews;
}

function reportMemory(checkpoint: boolean): void {
  const { heapUsed, external, arrayBuffers, rss } = memoryMeter.report();
  systemChannel.send({ type: 'memory', heapUsed, external, arrayBuffers, rss, ...(checkpoint ? { checkpoint } : {}) });
}

function startMemoryReports(intervalMs: number): void {
  if (!(intervalMs > 0)) return;
  // Real time: the reports are also how the system tells a live process from one whose event
  // loop is held by code that keeps the CPU busy (the background time limit).
  realTimers.setInterval(() => reportMemory(false), intervalMs).unref();
  // And at every checkpoint: what a short call allocated and kept is seen before its answer.
  systemChannel.beforeCheckpoint = () => reportMemory(true);
}

function start(message: Start): void {
  if (launchSettings.current) {
    process.stderr.write('widgetkit: a second `start` was ignored\n');
    return;
  }
  launchSettings.apply(message);
  // The user's variables that were not needed at the fork (a spare serves any of them).
  Object.assign(process.env, message.env);
  installVirtualClock(message.now, message.clock === 'live' ? 'live' : 'simulated');
  if (message.randomSeed !== undefined) installSeededRandomness(message.randomSeed);
  memoryMeter.setLimit(message.memoryLimit);
  startMemoryReports(message.memoryReportMs);
  const widgetFile = resolve(message.widgetFile);
  const load = loadWidget(widgetFile, message.kind);
  if (!load.ok) {
    unavailable = load.error;
    systemChannel.send({ type: 'loadFailed', error: load.error });
    return;
  }
  widget = load.widget;
  const description = describeWidget(load.widget, widgetFile);
  const previews = renderPreviews(load.widget, load.exports.previews);
  // Measured last, when the runtime, the widget module and its previews are done with: no
  // provider has run yet, so whatever the process holds now is not the widget's to answer for.
  const memoryBaseline = memoryMeter.takeBaseline();
  systemChannel.send({ type: 'ready', pid: process.pid, widget: description, previews, memoryBaseline });
  launched();
}

/**
 * How long a spare waits for its launch before it warms the transpiler. A launch soon after the
 * fork is most likely a relaunch whose files are in the transpile cache (the loader then never
 * loads sucrase, and a warm-up would only keep `start` waiting); a spare that waits longer, as
 * one does between two saves in the editor, loads and runs sucrase once meanwhile, which takes
 * 20-70 ms (measured; the more when the transpiler's code cache is not made yet) off that
 * launch's `start` to `ready` when the edited file must be transpiled. Half a second: on a busy
 * machine a simulated run's relaunches come 100 ms or more apart, and saves come seconds apart.
 */
const WARM_UP_AFTER_MS = 500;

function warmTranspiler(): void {
  warmUp = undefined;
  transpileCache.transpiler().warmTranspiler();
  transpileCache.transpilerRan();
}

/** Messages that arrived while widget timers fired: read in order once they have run. */
let heldBack: ToExtension[] | null = null;

/**
 * The widget's timers due by then run, each in its own turn, before the process reads its next
 * message or reports that it is idle again.
 */
function advanceClock(now: number, fire: boolean): void {
  const firing = advanceVirtualClock(now, fire);
  if (!firing) return;
  heldBack = [];
  void firing.finally(() => {
    const held = heldBack ?? [];
    heldBack = null;
    for (const message of held) receive(message);
    checkSoon();
  });
}

/** Handles one message in its turn and counts it handled (unless it was held back for later). */
function receive(message: ToExtension): void {
  if (heldBack) {
    heldBack.push(message);
    return;
  }
  handle(message);
  messageHandled();
}

function handle(message: ToExtension): void {
  switch (message.type) {
    case 'start':
      return start(message);
    case 'clock':
      return advanceClock(message.now, message.fire !== false);
    case 'provider':
      if (!widget) return systemChannel.send({ type: 'providerResult', call: message.call, ok: false, error: unavailable });
      return answerProviderCall(widget, message, (result) => systemChannel.send(result));
    case 'wake':
      return systemChannel.send(wake(widget, message));
    case 'deliver':
      return systemChannel.send(deliverEvent(message));
    case 'finishEvents':
      return systemChannel.send(finishEvents(message));
    case 'perform':
      return answerPerform(message, (answer) => systemChannel.send(answer));
    case 'pushToken':
      return systemChannel.send(deliverPushToken(widget, message));
    case 'response':
      return systemChannel.settle(message);
  }
}

export function runExtensionHost(kitFile: string, onLaunched?: () => void): void {
  if (onLaunched) launched = onLaunched;
  // Where the system keeps the transpile cache: the kit's business, not the user's environment.
  transpileCache.use(process.env.WIDGETKIT_TRANSPILE_CACHE, kitFile);
  delete process.env.WIDGETKIT_TRANSPILE_CACHE;
  // Stacks of user code map through the loader's inline source maps even without the flag.
  process.setSourceMapsEnabled(true);
  installModuleLoader(kitFile);
  tempFileGuard.install((path, location) => systemChannel.send({ type: 'tempFileAccess', path, ...(location ? { location } : {}) }));
  process.on('disconnect', () => process.exit(0));
  registerBusyLocator();
  // Before `start` can arrive: a spare, and a debugged launch too, waits for it meanwhile.
  warmSourceMaps(kitFile);
  startQuiescenceReports();
  // After the quiescence baseline: a pending warm-up must not hide a user's pending timer.
  warmUp = realTimers.setTimeout(warmTranspiler, WARM_UP_AFTER_MS);
  process.on('message', (raw: unknown) => {
    if (warmUp) realTimers.clearTimeout(warmUp);
    warmUp = undefined;
    let message: ToExtension;
    try {
      message = parseToExtension(raw);
    } catch (error) {
      process.stderr.write(`widgetkit: ignored a malformed message: ${(error as Error).message}\n`);
      messageHandled();
      return;
    }
    receive(message);
  });
}
