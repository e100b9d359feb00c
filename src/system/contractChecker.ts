// The lifecycle contract checker's vocabulary: every finding code of DESIGN.md section 6 with
// its severity and a message that says what to do. The system detects the situations (it sees
// every event); this file words them, attaches the user's source location, and keeps each
// finding once per code, identifier and location so a loop does not flood the Problems panel.
import type { Finding, FindingCode, Severity, SourceLocation } from '../protocol/lifecycle';

interface FindingRule {
  severity: Severity;
  /** What is wrong and what to do; `subject` names the session or the call involved. */
  message: (subject: string) => string;
}

export const FINDING_RULES: Record<FindingCode, FindingRule> = {
  'completion-not-called': {
    severity: 'error',
    message: (s) =>
      `The completion handler of onBackgroundURLSessionEvents for ${s} was never called. Store it in the wake handler and call it at the end of didFinishEvents (Apple: "call the completion handler ... to let the system know that your app's user interface is updated").`,
  },
  'completion-called-twice': {
    severity: 'error',
    message: (s) => `The completion handler for ${s} was called more than once. Call it exactly once, then drop the stored reference.`,
  },
  'completion-before-finish-events': {
    severity: 'warning',
    message: (s) =>
      `The completion handler for ${s} was called before urlSessionDidFinishEvents. The system may suspend the extension as soon as it is called, so the events not yet delivered wait for the next wake; call it from didFinishEvents, after every event was handled.`,
  },
  'session-not-recreated': {
    severity: 'error',
    message: (s) =>
      `The extension was woken for ${s} but created no URLSession with that identifier, so its events could not be delivered. In onBackgroundURLSessionEvents, recreate the session with sessionCache.session(identifier, makeDelegate).`,
  },
  'duplicate-session-identifier': {
    severity: 'error',
    message: (s) =>
      `A second URLSession with identifier ${s} was created while one is live in this process. Reuse the live session (sessionCache.session or sessionCache.get) instead of creating another.`,
  },
  'temp-file-after-return': {
    severity: 'error',
    message: (s) =>
      `The downloaded file (${s}) was used after didFinishDownloadingTo returned; the system deletes it at that moment. Move or read the file synchronously inside didFinishDownloadingTo, and do not return a promise from it.`,
  },
  'unsupported-task': {
    severity: 'error',
    message: (s) =>
      `${s} is not supported on a background session: only download (and upload-from-file) tasks are, and no promise-style convenience calls. Use session.downloadTask(url) and a delegate.`,
  },
  'timeline-unsorted': {
    severity: 'warning',
    message: (s) => `The timeline's entries are not in chronological order (${s}). Sort them by date before returning the Timeline.`,
  },
  'timeline-empty': {
    severity: 'warning',
    message: () => 'getTimeline returned a timeline without entries, so the widget shows nothing. Return at least one entry dated now.',
  },
  'reload-date-in-past': {
    severity: 'warning',
    message: (s) =>
      `The reload policy asks for a reload at ${s}, which is already past, so the system reloads at once and spends budget. Use a future date (ReloadPolicy.after) or ReloadPolicy.atEnd.`,
  },
  'entries-too-close': {
    severity: 'warning',
    message: (s) =>
      `Timeline entries are less than 5 minutes apart (${s}). WidgetKit may skip entries that close; space them at least about 5 minutes apart.`,
  },
  'budget-exhausted': {
    severity: 'warning',
    message: (s) =>
      `The daily reload budget is spent (${s}); the reload is deferred until the budget allows it (its getTimeline record says deferredFrom). Reload less often: prefer ReloadPolicy.atEnd or after a later date, and reload from the app only when data changed.`,
  },
  'reload-not-requested': {
    severity: 'warning',
    message: (s) =>
      `Downloads for ${s} were delivered and the completion handler called, but no WidgetCenter.reloadTimelines was requested in that wake, so the widget keeps showing old data. Reload in didFinishEvents before calling the completion.`,
  },
  'memory-limit': {
    severity: 'error',
    message: (s) => `The widget extension used ${s}, over its memory limit, and the system terminated it. Keep downloads on disk and entries small.`,
  },
  'time-limit': {
    severity: 'error',
    message: (s) =>
      `${s} ran past the background time limit and the system terminated the extension. Return from handlers promptly and call the completion handler as soon as the work is done.`,
  },
  'provider-threw': {
    severity: 'error',
    message: (s) => `${s} Catch errors in the provider and return a fallback entry (a placeholder-like entry) instead of throwing.`,
  },
  'load-failed': {
    severity: 'error',
    message: (s) => `The widget could not be loaded. ${s}`,
  },
  'delivery-abandoned': {
    severity: 'error',
    message: (s) =>
      `${s} ended in a termination of the extension three times in a row, so the system stopped relaunching it for this event and dropped it (crash-loop protection). Make the handler return promptly: no endless loop, no work that runs past the background time limit or the memory limit.`,
  },
  'background-events-unhandled': {
    severity: 'error',
    message: (s) =>
      `The system woke the extension for the background session ${s}, so no handler ran and no completion handler was handed out; the session's events wait undelivered. Add onBackgroundURLSessionEvents to the widget (or widen its \`matching\` to take this identifier), store the completion there, recreate the session with sessionCache.session(identifier, makeDelegate), and call the completion from didFinishEvents.`,
  },
  'intent-threw': {
    severity: 'error',
    message: (s) =>
      `${s}. The system reloads the widget's timelines after the intent all the same (Apple: "the system reloads the widget's timeline after performing the intent"), so the widget shows whatever perform stored before it threw. Catch errors in perform, store the state the widget should show (UserDefaults), and let getTimeline read it.`,
  },
  'push-budget-exhausted': {
    severity: 'warning',
    message: (s) =>
      `The daily push budget is spent (${s}); the system recorded the push but did not reload the widget. Push only when the widget's data changed, and batch changes (Apple: WidgetKit push notifications come in addition to timeline updates, and the system may throttle a widget pushed too often).`,
  },
};

export interface FindingInput {
  code: FindingCode;
  /** Names the session, call or value the message is about. */
  subject: string;
  time: number;
  identifier?: string;
  location?: SourceLocation;
}

export class ContractChecker {
  private readonly found: Finding[] = [];
  private readonly seen = new Set<string>();

  /**
   * Words and stores a finding; returns it, or undefined when the same one was already raised.
   * `file` prefixes the message when the finding has no source location, so it still names
   * the widget file.
   */
  raise(input: FindingInput, file?: string): Finding | undefined {
    const where = input.location ? `${input.location.file}:${input.location.line}` : '';
    const key = `${input.code}|${input.identifier ?? ''}|${where}`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    const rule = FINDING_RULES[input.code];
    const finding: Finding = {
      code: input.code,
      severity: rule.severity,
      message: file ? `${file}: ${rule.message(input.subject)}` : rule.message(input.subject),
      time: new Date(input.time).toISOString(),
    };
    if (input.location) finding.location = input.location;
    if (input.identifier !== undefined) finding.identifier = input.identifier;
    this.found.push(finding);
    return finding;
  }

  all(): Finding[] {
    return [...this.found];
  }

  hasErrors(): boolean {
    return this.found.some((f) => f.severity === 'error');
  }
}
