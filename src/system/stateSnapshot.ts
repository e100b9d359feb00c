// The widget state snapshot (src/protocol/lifecycle.ts WidgetStateSnapshot): what the preview
// draws and what the debug adapter's `widgetState` request and event carry, built from the
// system's current state.
import type { WidgetStateSnapshot } from '../protocol/lifecycle';
import { DEFAULT_DEVICE } from '../protocol/widgetSizes';
import type { SystemCore } from './systemCore';

export function buildSnapshot(core: SystemCore): WidgetStateSnapshot {
  const now = core.now();
  return {
    version: 1,
    mode: core.options.mode,
    widget: core.host.widget,
    family: core.family,
    device: core.options.device ?? DEFAULT_DEVICE,
    now: new Date(now).toISOString(),
    clock: core.clock.mode,
    extension: { state: core.host.state, pid: core.host.pid, launch: core.host.launches },
    placeholder: core.placeholder,
    snapshot: core.snapshotEntry,
    timeline: core.scheduler.current(now),
    previews: core.previews,
    sessions: core.ledger.sessions(core.host.liveSessions),
    pendingEvents: core.delivery.pending(),
    storedCompletions: [...core.wakes.keys()],
    budget: core.budget.status(now),
    findings: core.checker.all(),
    trace: core.trace.tail(),
    loadError: core.loadError,
  };
}
