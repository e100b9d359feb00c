// The background time limit of a call that waits (DESIGN.md section 9): a provider call or an
// intent's perform awaiting a download, a timer or a promise that never settles lives at most
// the background time limit of virtual time, as a widget extension does on a device; then the
// system reports `time-limit` and terminates the extension. Code that holds the CPU meanwhile is
// the busy limit's (extensionHost.ts).
import { backgroundTimeLimit } from './api';
import type { FlowContext } from './flowContext';

/**
 * Schedules the limit of a call the running process is about to wait on; returns its cancel.
 * `stillWaiting`: whether the call is still the one outstanding when the limit comes.
 */
export function limitWaitingCall(flow: FlowContext, subject: string, label: string, stillWaiting: () => boolean = () => true): () => void {
  const proc = flow.host.process;
  return flow.clock.schedule(
    flow.clock.now() + backgroundTimeLimit(flow.options),
    async () => {
      if (flow.host.process !== proc || !stillWaiting()) return;
      await flow.recorder.raise({ code: 'time-limit', subject });
      await flow.processes.terminate('timeLimit');
    },
    label,
  );
}
