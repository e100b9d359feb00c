// The system asking the widget's provider for content: placeholder, getSnapshot and
// getTimeline on a launch for display, getTimeline alone on a reload. Apple (TimelineProvider):
// the system calls placeholder(in:) first and shows it redacted, getSnapshot(in:) for transient
// situations, and getTimeline(in:) for the timeline it then displays until the reload policy
// asks for a new one. A reload that the budget refuses is a finding, not a timeline.
import type { ProviderContext, ToSystem } from '../protocol/ipc';
import type { LaunchReason } from '../protocol/lifecycle';
import { DEFAULT_DEVICE, widgetSize } from '../protocol/widgetSizes';
import { backgroundTimeLimit } from './api';
import { ExtensionGone } from './extensionHost';
import { launchExtension } from './extensionLaunch';
import type { ReloadReason, SystemCore } from './systemCore';
import { entriesForTrace, MIN_RELOAD_INTERVAL_MS } from './timelineScheduler';

type ProviderMethod = 'placeholder' | 'getSnapshot' | 'getTimeline';

function context(core: SystemCore): ProviderContext {
  const device = core.options.device ?? DEFAULT_DEVICE;
  const size = widgetSize(device, core.family) ?? widgetSize(DEFAULT_DEVICE, core.family) ?? { width: 0, height: 0 };
  return { family: core.family, isPreview: core.options.mode === 'preview', displaySize: size };
}

/** The kit's message already names the method when it wrapped the error; say it once. */
function providerFailure(method: ProviderMethod, message: string): string {
  const sentence = message.replace(/\.+$/, '');
  return `${sentence.includes(method) ? sentence : `The provider's ${method} threw: ${sentence}`}.`;
}

/** Ensures a process runs (launching it for `reason` if needed). */
async function ensureRunning(core: SystemCore, reason: LaunchReason): Promise<boolean> {
  if (core.host.alive) {
    core.host.resume();
    return true;
  }
  return launchExtension(core, reason);
}

/**
 * A provider call that waits (for a download, a timer, a promise that never settles) lives at
 * most the background time limit of virtual time, as a widget extension does on a device; then
 * the system terminates the extension. Code that holds the CPU meanwhile is the busy limit's.
 */
function scheduleCallLimit(core: SystemCore, method: ProviderMethod): () => void {
  const proc = core.host.process;
  return core.clock.schedule(
    core.now() + backgroundTimeLimit(core.options),
    async () => {
      if (core.host.process !== proc || core.providerInFlight !== method) return;
      await core.raise({ code: 'time-limit', subject: `The provider's ${method}` });
      await core.terminate('timeLimit');
    },
    `${method} time limit`,
  );
}

/** One provider call; false when the process died or the provider threw. */
export async function providerCall(core: SystemCore, method: ProviderMethod): Promise<boolean> {
  const outcome = await core.event({ event: method, detail: { family: core.family } });
  if (outcome.terminate) {
    if (method === 'getTimeline') core.timelineOutstanding = true;
    await core.terminateAs(outcome.terminate);
    return false;
  }
  if (method === 'getTimeline') core.timelineOutstanding = true;
  let answer: ToSystem;
  core.providerInFlight = method;
  const cancelLimit = scheduleCallLimit(core, method);
  try {
    answer = await core.host.call(method, (call) => ({
      type: 'provider',
      call,
      method,
      context: context(core),
      families: core.renderedFamilies(),
      pause: outcome.pause,
    }));
  } catch (error) {
    if (error instanceof ExtensionGone) return false;
    throw error;
  } finally {
    cancelLimit();
    core.providerInFlight = undefined;
  }
  if (answer.type !== 'providerResult') return false;
  if (method === 'getTimeline') core.timelineOutstanding = false;
  if (!answer.ok) {
    await core.raise({ code: 'provider-threw', subject: providerFailure(method, answer.error.message), location: answer.error.location });
    return false;
  }
  if (answer.method === 'getTimeline') await acceptTimeline(core, answer.timeline);
  else if (answer.method === 'placeholder') core.placeholder = answer.entry;
  else core.snapshotEntry = answer.entry;
  core.emitter.emit('stateChanged');
  return true;
}

async function acceptTimeline(core: SystemCore, timeline: Extract<ToSystem, { type: 'providerResult'; method: 'getTimeline' }>['timeline']): Promise<void> {
  const accepted = core.scheduler.accept(timeline, core.now());
  core.timelineRetries = 0;
  core.cancelRetry?.();
  core.cancelRetry = undefined;
  core.cancelPolicyReload?.();
  core.cancelPolicyReload = undefined;
  await core.systemEvent({
    event: 'timeline',
    detail: {
      entries: entriesForTrace(timeline.entries),
      policy: timeline.policy,
      totalEntries: timeline.totalEntries,
      ...(accepted.nextReload !== undefined ? { nextReload: new Date(accepted.nextReload).toISOString() } : {}),
    },
  });
  for (const finding of accepted.findings) await core.raise(finding);
  if (accepted.nextReload !== undefined) {
    core.cancelPolicyReload = core.clock.schedule(accepted.nextReload, () => requestReload(core, 'policy'), 'reload policy');
  }
  core.policyReloadAt = accepted.nextReload;
}

/**
 * Asks for a new timeline. Policy and WidgetCenter reloads spend the daily budget; a reload
 * the budget refuses is reported and dropped.
 */
export function requestReload(core: SystemCore, reason: ReloadReason): void {
  if (reason === 'policy') {
    core.cancelPolicyReload = undefined;
    core.policyReloadAt = undefined;
  }
  if ((reason === 'policy' || reason === 'retry') && !core.mayLaunch('reload') && !core.host.alive) return;
  if (reason === 'policy' || reason === 'widgetCenter') {
    if (core.pendingReload !== null) return;
    if (!core.budget.trySpend(core.now())) {
      const status = core.budget.status(core.now());
      void core.raise({ code: 'budget-exhausted', subject: `${status.used} of ${status.limit} reloads used; resets ${status.resetsAt}` });
      return;
    }
  }
  core.pendingReload = reason;
  core.pump();
}

/** The launch for display: placeholder, snapshot, then the timeline. */
export async function runInitialTimeline(core: SystemCore): Promise<boolean> {
  // Outstanding from the start: a launch that dies before getTimeline answers is retried.
  core.timelineOutstanding = true;
  if (!(await launchExtension(core, core.options.mode === 'preview' ? 'preview' : 'timeline'))) return false;
  for (const method of ['placeholder', 'getSnapshot', 'getTimeline'] as const) {
    if (!(await providerCall(core, method)) && !core.host.alive) return true;
  }
  return true;
}

/** A reload: getTimeline in the running process, or in one launched for it. */
export async function runReload(core: SystemCore, reason: ReloadReason): Promise<void> {
  const launchReason: LaunchReason = core.scheduler.current(core.now()) ? 'reload' : 'timeline';
  core.timelineOutstanding = true;
  if (!(await ensureRunning(core, launchReason))) return;
  if (reason === 'family') {
    await providerCall(core, 'placeholder');
    await providerCall(core, 'getSnapshot');
  }
  await providerCall(core, 'getTimeline');
}

/**
 * WidgetKit asks again later when a timeline request died with the process (the retry is
 * dropped as soon as any timeline arrives).
 */
export function scheduleTimelineRetry(core: SystemCore): void {
  if (core.cancelRetry || !core.automaticRelaunch) return;
  // Backs off: 5, 10, 20, ... minutes while the requests keep failing.
  const delay = MIN_RELOAD_INTERVAL_MS * 2 ** Math.min(core.timelineRetries, 8);
  core.timelineRetries += 1;
  core.cancelRetry = core.clock.schedule(
    core.now() + delay,
    () => {
      core.cancelRetry = undefined;
      requestReload(core, 'retry');
    },
    'timeline retry',
  );
}
