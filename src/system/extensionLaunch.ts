// Launching the widget extension: fork the process, write `extensionLaunch` (the debugger may
// attach meanwhile: onExtensionSpawn is awaited before any user code runs), send `start` with
// the storage directories that survive terminations, and wait for `ready` or `loadFailed`.
import type { LaunchReason } from '../protocol/lifecycle';
import { backgroundTimeLimit } from './api';
import type { SystemCore } from './systemCore';

/** How often the extension reports its memory use for the memory limit. */
const MEMORY_REPORT_MS = 200;

/**
 * Loading the module counts against the background time limit too (top-level code that never
 * finishes); not while a debugger is attached, which may hold the module at a breakpoint.
 */
function withLoadLimit<T>(core: SystemCore, started: Promise<T>): Promise<T | 'timeLimit'> {
  if (core.options.debug) return started;
  const limit = backgroundTimeLimit(core.options);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeLimit'>((resolve) => {
    timer = setTimeout(() => resolve('timeLimit'), limit);
  });
  return Promise.race([started, expired]).finally(() => clearTimeout(timer));
}

/** Launches the extension; resolves true once the widget module is loaded and ready. */
export async function launchExtension(core: SystemCore, reason: LaunchReason): Promise<boolean> {
  core.cancelIdle?.();
  core.cancelIdle = undefined;
  await core.exitHandled;
  const proc = core.host.spawn();
  const started = new Promise<'ready' | 'loadFailed' | 'exited'>((resolve) => {
    core.startWaiter = resolve;
  });
  const onExit = (): void => core.startWaiter?.('exited');
  core.host.once('exit', onExit);
  try {
    await core.systemEvent({ event: 'extensionLaunch', detail: { reason } });
    if (core.host.process !== proc) return false;
    const pid = proc.pid;
    if (core.options.debug?.onExtensionSpawn && pid !== null) {
      await core.busy(() => core.options.debug!.onExtensionSpawn!({ pid, launch: proc.launch, child: proc.child }));
    }
    if (core.host.process !== proc) return false;
    core.host.send({
      type: 'start',
      widgetFile: core.options.program,
      bundle: core.options.program,
      launch: proc.launch,
      reason,
      now: core.now(),
      clock: core.clock.mode,
      nextTaskId: core.ledger.nextTaskId(),
      containerDir: core.dirs.container,
      defaultsDir: core.dirs.defaults,
      families: core.renderedFamilies(),
      memoryReportMs: MEMORY_REPORT_MS,
      ...(core.options.kind !== undefined ? { kind: core.options.kind } : {}),
    });
    const outcome = await core.busy(() => withLoadLimit(core, started));
    if (outcome === 'timeLimit') {
      // A module that never finishes loading failed to load; relaunching would hang again.
      core.loadError = { message: `${core.options.program} did not finish loading within the background time limit.` };
      core.timelineOutstanding = false;
      await core.raise({ code: 'time-limit', subject: `Loading ${core.options.program}` });
      await core.terminate('timeLimit');
      return false;
    }
    return outcome === 'ready' && core.host.process === proc;
  } finally {
    core.startWaiter = undefined;
    core.host.off('exit', onExit);
  }
}
