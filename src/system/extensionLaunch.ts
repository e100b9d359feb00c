// Launching the widget extension: fork the process, write `extensionLaunch` (the debugger may
// attach meanwhile: onExtensionSpawn is awaited before any user code runs), send `start` with
// the storage directories that survive terminations, and wait for `ready` or `loadFailed`.
import type { LaunchReason } from '../protocol/lifecycle';
import type { SystemCore } from './systemCore';

/** How often the extension reports its memory use for the memory limit. */
const MEMORY_REPORT_MS = 200;

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
      families: [core.family],
      memoryReportMs: MEMORY_REPORT_MS,
      ...(core.options.kind !== undefined ? { kind: core.options.kind } : {}),
    });
    const outcome = await core.busy(() => started);
    return outcome === 'ready' && core.host.process === proc;
  } finally {
    core.startWaiter = undefined;
    core.host.off('exit', onExit);
  }
}
