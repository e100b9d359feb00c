// The lifecycle vocabulary shared by every face of the product: event names, trace records,
// finding codes and the widget state snapshot. These names are a contract (DESIGN.md sections
// 3 and 6): tests outside the repository drive the trace, the CLI and the adapter by them.
import type { AlternateRenderingMode } from './renderingModes';
import type { ViewNode } from './views';

export const SYSTEM_EVENTS = [
  'extensionLaunch',
  'extensionTerminate',
  'timeline',
  'transferComplete',
  'diagnostic',
  'widgetPush',
] as const;

export const EXTENSION_EVENTS = [
  'placeholder',
  'getSnapshot',
  'getTimeline',
  'taskResume',
  'onBackgroundURLSessionEvents',
  'didWriteData',
  'didFinishDownloadingTo',
  'didCompleteWithError',
  'urlSessionDidFinishEvents',
  'completionHandler',
  'reloadTimelines',
  // Section 10: a tap on a Button or Toggle performs its intent (detail: intent, parameters).
  'intentPerform',
  'pushTokenDidChange',
] as const;

export type SystemEventName = (typeof SYSTEM_EVENTS)[number];
export type ExtensionEventName = (typeof EXTENSION_EVENTS)[number];
export type LifecycleEventName = SystemEventName | ExtensionEventName;

/** Every lifecycle event, in the order the documentation lists them (UI filters use it). */
export const LIFECYCLE_EVENTS: readonly LifecycleEventName[] = [
  'extensionLaunch',
  'extensionTerminate',
  'placeholder',
  'getSnapshot',
  'getTimeline',
  'timeline',
  'taskResume',
  'transferComplete',
  'onBackgroundURLSessionEvents',
  'didWriteData',
  'didFinishDownloadingTo',
  'didCompleteWithError',
  'urlSessionDidFinishEvents',
  'completionHandler',
  'reloadTimelines',
  'intentPerform',
  'widgetPush',
  'pushTokenDidChange',
  'diagnostic',
];

export function isLifecycleEventName(name: string): name is LifecycleEventName {
  return (LIFECYCLE_EVENTS as readonly string[]).includes(name);
}

export function isExtensionEvent(name: LifecycleEventName): name is ExtensionEventName {
  return (EXTENSION_EVENTS as readonly string[]).includes(name);
}

/** `intent` (section 10): launched to perform the intent of a tap on a Button or Toggle. */
export type LaunchReason = 'timeline' | 'backgroundEvents' | 'reload' | 'preview' | 'intent';
export type TerminationReason =
  | 'forced'
  | 'forceQuit'
  | 'idle'
  | 'memory'
  | 'timeLimit'
  | 'crash'
  | 'sessionEnd';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One line of the JSON Lines trace (DESIGN.md section 6). */
export interface TraceRecord {
  seq: number;
  /** Virtual time, ISO 8601. */
  time: string;
  event: LifecycleEventName;
  pid: number | null;
  /** Extension launches counted from 1; 0 before the first launch. */
  launch: number;
  identifier?: string;
  task?: number;
  detail?: { [key: string]: JsonValue };
}

export const FINDING_CODES = [
  'completion-not-called',
  'completion-called-twice',
  'completion-before-finish-events',
  'session-not-recreated',
  'duplicate-session-identifier',
  'temp-file-after-return',
  'unsupported-task',
  'timeline-unsorted',
  'timeline-empty',
  'reload-date-in-past',
  'entries-too-close',
  'budget-exhausted',
  'reload-not-requested',
  'memory-limit',
  'time-limit',
  'provider-threw',
  'load-failed',
  'delivery-abandoned',
  'background-events-unhandled',
  'intent-threw',
  'push-budget-exhausted',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  /** Absolute path of the user's source file (after source maps). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** A contract finding: a `diagnostic` trace record, a Problems entry, a CLI exit code. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  location?: SourceLocation;
  identifier?: string;
  /** Virtual time of the finding, ISO. */
  time: string;
}

export const FAMILIES = [
  'systemSmall',
  'systemMedium',
  'systemLarge',
  'systemExtraLarge',
  'accessoryCircular',
  'accessoryRectangular',
  'accessoryInline',
] as const;
export type WidgetFamily = (typeof FAMILIES)[number];

export function isWidgetFamily(name: string): name is WidgetFamily {
  return (FAMILIES as readonly string[]).includes(name);
}

/** A reload policy as it crosses process boundaries. */
export type ReloadPolicyJson =
  | { kind: 'atEnd' }
  | { kind: 'never' }
  | { kind: 'after'; date: string };

/** A view the widget returned, or why it could not be rendered. */
export type RenderedView = { ok: true; view: ViewNode } | { ok: false; error: string };

export interface RenderedEntry {
  /** ISO. */
  date: string;
  relevance?: { score: number; duration?: number };
  /** The entry's own data as JSON (dates as ISO strings). */
  data: JsonValue;
  /** The view per family that was rendered, in the family's first rendering environment. */
  views: Partial<Record<WidgetFamily, RenderedView>>;
  /**
   * The view per family in its other rendering modes (src/protocol/renderingModes.ts), only where
   * it differs from `views`: a view that never reads ctx.renderingMode or
   * ctx.showsWidgetContainerBackground is the same tree in every mode and has none.
   */
  renderingModes?: Partial<Record<WidgetFamily, Partial<Record<AlternateRenderingMode, RenderedView>>>>;
}

export interface TimelineSnapshot {
  entries: RenderedEntry[];
  policy: ReloadPolicyJson;
  /** Index of the entry current at virtual now, -1 when every entry is in the future. */
  currentIndex: number;
  /** Virtual time the timeline arrived, ISO. */
  receivedAt: string;
  /** Total entries the provider returned (entries may be capped for transport). */
  totalEntries: number;
}

/** An intent the widget's module defined (defineIntent), as the system learns it in `ready`. */
export interface IntentSummary {
  name: string;
  title?: string;
}

export interface WidgetDescription {
  file: string;
  kind: string;
  displayName: string;
  description?: string;
  supportedFamilies: WidgetFamily[];
  handlesBackgroundEvents: boolean;
  /** Intents its Buttons and Toggles may perform (absent: none defined). */
  intents?: IntentSummary[];
  /** The widget declares a pushHandler (iOS 26 WidgetPushHandler); absent = false. */
  handlesPushes?: boolean;
}

export interface TaskSnapshot {
  task: number;
  url: string;
  state: 'suspended' | 'running' | 'completed' | 'cancelled' | 'failed';
  bytesWritten: number;
  bytesExpected: number;
}

export interface SessionSnapshot {
  identifier: string;
  /** True while a URLSession with this identifier lives in the extension process. */
  live: boolean;
  tasks: TaskSnapshot[];
}

export type ExtensionState = 'notRunning' | 'launching' | 'running' | 'suspended';

/** What the preview shows and what the adapter's `widgetState` request and event carry. */
export interface WidgetStateSnapshot {
  version: 1;
  mode: 'preview' | 'debug' | 'cli';
  widget: WidgetDescription | null;
  family: WidgetFamily;
  device: string;
  /** Virtual now, ISO. */
  now: string;
  clock: 'live' | 'simulated';
  extension: { state: ExtensionState; pid: number | null; launch: number };
  placeholder: RenderedEntry | null;
  snapshot: RenderedEntry | null;
  timeline: TimelineSnapshot | null;
  previews: { name: string; family: WidgetFamily; entries: RenderedEntry[] }[];
  sessions: SessionSnapshot[];
  pendingEvents: { identifier: string; event: ExtensionEventName; task?: number }[];
  storedCompletions: string[];
  budget: { used: number; limit: number; resetsAt: string };
  /** The push budget (DESIGN.md section 10), its own daily window; absent before pushes existed. */
  pushBudget?: { used: number; limit: number; resetsAt: string };
  findings: Finding[];
  /** The most recent trace records (at most 500). */
  trace: TraceRecord[];
  loadError: { message: string; location?: SourceLocation } | null;
}
