// Breakpoints on lifecycle events: one exception filter per event (DESIGN.md section 4) and
// function breakpoints by event name, each with an optional condition on the event's fields.
// Decides whether a trace record should stop, and words the stop for the user.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { isExtensionEvent, isLifecycleEventName, LIFECYCLE_EVENTS, type LifecycleEventName, type TraceRecord } from '../protocol/lifecycle';
import { parseEventCondition } from './eventCondition';

/** Filter id of the extra filter for errors thrown by widget code (not a lifecycle event). */
export const UNCAUGHT_ERRORS_FILTER = 'uncaughtErrors';

const LABELS: Record<LifecycleEventName, string> = {
  extensionLaunch: 'Extension launch',
  extensionTerminate: 'Extension terminate',
  placeholder: 'Provider: placeholder',
  getSnapshot: 'Provider: getSnapshot',
  getTimeline: 'Provider: getTimeline',
  timeline: 'Timeline arrived',
  taskResume: 'Download task resumed',
  transferComplete: 'Transfer complete (system)',
  onBackgroundURLSessionEvents: 'onBackgroundURLSessionEvents (wake)',
  didWriteData: 'Delegate: didWriteData',
  didFinishDownloadingTo: 'Delegate: didFinishDownloadingTo',
  didCompleteWithError: 'Delegate: didCompleteWithError',
  urlSessionDidFinishEvents: 'Delegate: urlSessionDidFinishEvents',
  completionHandler: 'Completion handler called',
  reloadTimelines: 'WidgetCenter.reloadTimelines',
  intentPerform: 'Intent perform (a tap)',
  widgetPush: 'Widget push (WidgetKit push notification)',
  pushTokenDidChange: 'pushHandler.pushTokenDidChange',
  diagnostic: 'Lifecycle finding (diagnostic)',
};

export function exceptionBreakpointFilters(): DebugProtocol.ExceptionBreakpointsFilter[] {
  const events = LIFECYCLE_EVENTS.map((event) => ({
    filter: event,
    label: LABELS[event],
    description: `Stop at the ${event} lifecycle event (${isExtensionEvent(event) ? "in the widget's handler" : 'on the System thread'}).`,
    supportsCondition: true,
    conditionDescription: 'A condition on the event, e.g. identifier == "com.example.weather" && task > 1',
    default: false,
  }));
  return [
    ...events,
    { filter: UNCAUGHT_ERRORS_FILTER, label: 'Uncaught errors in widget code', default: true, supportsCondition: false },
  ];
}

interface Rule {
  event: LifecycleEventName;
  test: (record: TraceRecord) => boolean;
}

/** The enabled event breakpoints of one session: exception filters plus function breakpoints. */
export class EventBreakpoints {
  private filterRules: Rule[] = [];
  private functionRules: Rule[] = [];
  uncaughtErrors = true;

  /** Applies `setExceptionBreakpoints`; returns one breakpoint per filter (verified or why not). */
  setFilters(args: DebugProtocol.SetExceptionBreakpointsArguments): DebugProtocol.Breakpoint[] {
    const options = [
      ...(args.filterOptions ?? []),
      ...args.filters.filter((f) => !(args.filterOptions ?? []).some((o) => o.filterId === f)).map((filterId) => ({ filterId, condition: undefined })),
    ];
    this.uncaughtErrors = options.some((o) => o.filterId === UNCAUGHT_ERRORS_FILTER);
    const { rules, breakpoints } = this.compile(options.map((o) => ({ name: o.filterId, condition: o.condition })));
    this.filterRules = rules;
    return breakpoints;
  }

  /** Applies `setFunctionBreakpoints`: function names are lifecycle event names. */
  setFunctions(args: DebugProtocol.SetFunctionBreakpointsArguments): DebugProtocol.Breakpoint[] {
    const { rules, breakpoints } = this.compile(args.breakpoints.map((b) => ({ name: b.name.trim(), condition: b.condition })));
    this.functionRules = rules;
    return breakpoints;
  }

  matches(record: TraceRecord): boolean {
    return [...this.filterRules, ...this.functionRules].some((rule) => rule.event === record.event && safeTest(rule, record));
  }

  private compile(entries: { name: string; condition?: string }[]): { rules: Rule[]; breakpoints: DebugProtocol.Breakpoint[] } {
    const rules: Rule[] = [];
    const breakpoints: DebugProtocol.Breakpoint[] = [];
    for (const { name, condition } of entries) {
      if (name === UNCAUGHT_ERRORS_FILTER) {
        breakpoints.push({ verified: true });
        continue;
      }
      if (!isLifecycleEventName(name)) {
        breakpoints.push({
          verified: false,
          message: `"${name}" is not a lifecycle event. Use one of: ${LIFECYCLE_EVENTS.join(', ')}.`,
        });
        continue;
      }
      const parsed = parseEventCondition(condition);
      if (!parsed.ok) {
        breakpoints.push({ verified: false, message: parsed.error });
        continue;
      }
      rules.push({ event: name, test: parsed.test });
      breakpoints.push({ verified: true });
    }
    return { rules, breakpoints };
  }
}

function safeTest(rule: Rule, record: TraceRecord): boolean {
  try {
    return rule.test(record);
  } catch {
    return false;
  }
}

/** "Paused on transferComplete (com.example.weather, task 1)". */
/** What a stop at an extension-side event says when the widget has no handler for it. */
export function describeUnhandledEvent(record: TraceRecord, error?: string): string {
  return `${describeEvent(record)} — ${error === undefined ? missingHandler(record) : `no handler ran: ${error.split('\n')[0]}`}`;
}

function missingHandler(record: TraceRecord): string {
  switch (record.event) {
    case 'didWriteData':
    case 'didFinishDownloadingTo':
    case 'didCompleteWithError':
      return `your delegate has no ${record.event}`;
    case 'urlSessionDidFinishEvents':
      return 'your delegate has no didFinishEvents';
    case 'onBackgroundURLSessionEvents':
      return `your widget has no onBackgroundURLSessionEvents handler for "${record.identifier ?? ''}"`;
    default:
      return `your widget has no handler for ${record.event}`;
  }
}

export function describeEvent(record: TraceRecord): string {
  const parts: string[] = [];
  if (record.identifier) parts.push(record.identifier);
  if (record.task !== undefined) parts.push(`task ${record.task}`);
  const reason = record.detail?.reason;
  if (typeof reason === 'string') parts.push(reason);
  // A finding's record names its code (the finding a "Debug this run" stops at).
  const code = record.event === 'diagnostic' ? record.detail?.code : undefined;
  if (typeof code === 'string') parts.push(code);
  return `Paused on ${record.event}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
