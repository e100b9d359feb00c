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
/** The pending recheck of a busy process, if one waits. */
let recheck: NodeJS.Timeout | undefined;

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
  recheck = undefined;
  if (reported === received) return;
  if (userWorkPending()) {
    // Say at once that this message is handled: the system then knows the silence that follows
    // is the user's own work, not a process that has yet to read what it was sent.
    if (reportedBusy !== received) {
      reportedBusy = received;
      systemChannel.send({ type: 'busy', received });
    }
    scheduled = true;
    recheck = setTimeout(check, RECHECK_MS);
    recheck.unref();
    return;
  }
  reported = received;
  systemChannel.send({ type: 'quiescent', received });
}

/** Takes the baseline: what the runtime itself keeps alive, before any user code runs. */
export function startQuiescenceReports(): void {
  baseline = countResources();
  // An answer sent from the user's pending work (a provider's result, a delegate's message) is
  // often that work ending: look again then, rather than at the next recheck.
  systemChannel.onSent = (type) => {
    if (type !== 'quiescent' && type !== 'busy' && type !== 'memory') checkSoon();
  };
}

/** Called after each system message has been handled synchronously. */
export function messageHandled(): void {
  received += 1;
  checkSoon();
}

/**
 * Looks again once the microtasks now queued (awaited promises of the user's) have run. A busy
 * process's pending recheck gives way to it: the report then follows the work that ended it
 * without waiting out RECHECK_MS, and says the same as it would have.
 */
function checkSoon(): void {
  if (!baseline) return;
  if (recheck) {
    clearTimeout(recheck);
    recheck = undefined;
    scheduled = false;
  }
  if (scheduled) return;
  scheduled = true;
  setImmediate(check);
}
