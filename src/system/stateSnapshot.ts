// The widget state snapshot (src/protocol/lifecycle.ts WidgetStateSnapshot): what the preview
// draws and what the debug adapter's `widgetState` request and event carry, read from the
// system's parts.
import type { WidgetStateSnapshot } from '../protocol/lifecycle';
import { DEFAULT_DEVICE } from '../protocol/widgetSizes';
import type { SystemParts } from './systemParts';

export function buildSnapshot(parts: SystemParts): WidgetStateSnapshot {
  const { options, clock, host, recorder, processes, timelines, sessions, transfers } = parts;
  const now = clock.now();
  return {
    version: 1,
    mode: options.mode,
    widget: host.widget,
    family: timelines.family,
    device: options.device ?? DEFAULT_DEVICE,
    now: new Date(now).toISOString(),
    clock: clock.mode,
    extension: { state: host.state, pid: host.pid, launch: host.launches },
    placeholder: timelines.placeholder(),
    snapshot: timelines.snapshot(),
    timeline: timelines.timeline(now),
    previews: processes.previews,
    sessions: transfers.sessions(host.sessions()),
    pendingEvents: sessions.pending(),
    storedCompletions: sessions.storedCompletions(),
    budget: timelines.budgetStatus(now),
    pushBudget: parts.pushes.budgetStatus(now),
    findings: recorder.findings(),
    trace: recorder.tail(),
    loadError: processes.loadError,
  };
}
