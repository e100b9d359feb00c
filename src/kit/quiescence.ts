// Tells the system when this process is idle (DESIGN.md section 9): every message received so
// far is handled and nothing can run without a new message from the system (`quiescent`, with
// the virtual moment of the widget's next timer, which only the system may fire), or that the
// messages are handled but real work goes on (`busy`): a socket, a file operation, an immediate,
// a request to the system, widget timers being fired. Node lists what keeps its event loop alive
// (process.getActiveResourcesInfo); compared with the list taken before any user code ran, it
// says whether more can come without a message. The widget's own timers are virtual (see
// virtualClock.ts) and never show there. The system's discrete-event clock then jumps at once,
// to the earliest moment any party waits for, and never on a guess of wall time.
import { realTimers } from './realTimers';
import { systemChannel } from './systemChannel';
import { clockAdvancing, nextTimerAt } from './virtualClock';

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

function workPending(): boolean {
  if (systemChannel.pendingRequests > 0 || clockAdvancing()) return true;
  for (const [name, count] of countResources()) {
    if (count > (baseline?.get(name) ?? 0)) return true;
  }
  return false;
}

function check(): void {
  scheduled = false;
  recheck = undefined;
  if (reported === received) return;
  if (workPending()) {
    // Say at once that this message is handled: the system then knows the silence that follows
    // is the process's own work, not a process that has yet to read what it was sent.
    if (reportedBusy !== received) {
      reportedBusy = received;
      systemChannel.send({ type: 'busy', received });
    }
    scheduled = true;
    recheck = realTimers.setTimeout(check, RECHECK_MS);
    recheck.unref();
    return;
  }
  reported = received;
  const nextTimer = nextTimerAt();
  systemChannel.send(nextTimer === undefined ? { type: 'quiescent', received } : { type: 'quiescent', received, nextTimer });
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
export function checkSoon(): void {
  if (!baseline) return;
  if (recheck) {
    realTimers.clearTimeout(recheck);
    recheck = undefined;
    scheduled = false;
  }
  if (scheduled) return;
  scheduled = true;
  setImmediate(check);
}
