// Tells the system when this process has gone quiet: every message received so far is handled
// and nothing the user's code started is still pending (`quiescent`), or that the messages are
// handled but the user's own work goes on (`busy`). Node lists what keeps its event loop
// alive (process.getActiveResourcesInfo: timers, sockets, file requests, ...); compared with the
// list taken before any user code ran, it says whether more work can come without a new
// message. The system's discrete-event clock then jumps at once instead of waiting for a quiet
// period of wall time, which keeps simulated runs both fast and repeatable.
import { systemChannel } from './systemChannel';

/** How often a busy process looks again (an unref'd timer: it never keeps the process alive). */
const RECHECK_MS = 2;

let baseline: Map<string, number> | undefined;
let received = 0;
let reported = -1;
let reportedBusy = -1;
let scheduled = false;

/**
 * The process's own channels: the IPC pipe and stdout/stderr (a pipe or TTY that shows up once
 * the widget first logs, and stays), and writes in flight on them. None of them makes the
 * process speak again on its own; a user's socket or server shows as TCPWrap and still counts.
 */
const OWN_CHANNELS = new Set(['PipeWrap', 'TTYWrap', 'SimpleWriteWrap']);

function countResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of process.getActiveResourcesInfo()) {
    if (!OWN_CHANNELS.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

function userWorkPending(): boolean {
  if (systemChannel.pendingRequests > 0) return true;
  for (const [name, count] of countResources()) {
    if (count > (baseline?.get(name) ?? 0)) return true;
  }
  return false;
}

function check(): void {
  scheduled = false;
  if (reported === received) return;
  if (userWorkPending()) {
    // Say at once that this message is handled: the system then knows the silence that follows
    // is the user's own work, not a process that has yet to read what it was sent.
    if (reportedBusy !== received) {
      reportedBusy = received;
      systemChannel.send({ type: 'busy', received });
    }
    scheduled = true;
    setTimeout(check, RECHECK_MS).unref();
    return;
  }
  reported = received;
  systemChannel.send({ type: 'quiescent', received });
}

/** Takes the baseline: what the runtime itself keeps alive, before any user code runs. */
export function startQuiescenceReports(): void {
  baseline = countResources();
}

/** Called after each system message has been handled synchronously. */
export function messageHandled(): void {
  received += 1;
  if (!baseline || scheduled) return;
  scheduled = true;
  // After the microtasks of this message (awaited promises of the user's) have run.
  setImmediate(check);
}
