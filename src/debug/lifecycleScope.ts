// The "Lifecycle" scope shown beside the locals of every frame: what the simulated system knows
// right now (clock, the extension process, the session cache with task progress, pending events,
// stored completions, timeline, reload and push budgets), read from the engine's snapshot as plain JSON.
import type { JsonValue, WidgetStateSnapshot } from '../protocol/lifecycle';

export function lifecycleView(state: WidgetStateSnapshot): JsonValue {
  const timeline = state.timeline;
  return {
    clock: { now: state.now, mode: state.clock },
    extension: { state: state.extension.state, pid: state.extension.pid, launch: state.extension.launch },
    sessionCache: state.sessions.map((session) => ({
      identifier: session.identifier,
      live: session.live,
      tasks: session.tasks.map((task) => ({
        task: task.task,
        url: task.url,
        state: task.state,
        progress: task.bytesExpected > 0 ? `${task.bytesWritten}/${task.bytesExpected} bytes` : `${task.bytesWritten} bytes`,
      })),
    })),
    pendingEvents: state.pendingEvents.map((p) => ({ identifier: p.identifier, event: p.event, ...(p.task === undefined ? {} : { task: p.task }) })),
    storedCompletions: state.storedCompletions,
    timeline: timeline
      ? {
          receivedAt: timeline.receivedAt,
          policy: timeline.policy.kind === 'after' ? `after ${timeline.policy.date}` : timeline.policy.kind,
          currentIndex: timeline.currentIndex,
          totalEntries: timeline.totalEntries,
          entries: timeline.entries.map((entry) => ({ date: entry.date, data: entry.data })),
        }
      : null,
    budget: state.budget,
    // Only for a widget with a pushHandler: the others receive no pushes (DESIGN.md section 10).
    ...(state.widget?.handlesPushes && state.pushBudget ? { pushBudget: state.pushBudget } : {}),
    findings: state.findings.map((f) => `${f.severity} ${f.code}: ${f.message}`),
  };
}
