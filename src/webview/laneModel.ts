// The lifecycle swimlanes as data: each trace record placed on the lane of the process that
// produced it (the system, its transfer daemon, the widget extension), the extension's launches
// as spans from extensionLaunch to extensionTerminate, and each transfer as a span from
// taskResume to transferComplete. DOM-free so it is unit-tested in Node.
import type { JsonValue, SourceLocation, TraceRecord } from '../protocol/lifecycle';

export type Lane = 'system' | 'transfers' | 'extension';

export const LANES: readonly { lane: Lane; title: string }[] = [
  { lane: 'system', title: 'System' },
  { lane: 'transfers', title: 'Transfer daemon' },
  { lane: 'extension', title: 'Widget extension' },
];

/** A colour family per kind of event; media/webview.css gives each its hue. */
export type EventTone = 'launch' | 'terminate' | 'provider' | 'delegate' | 'transfer' | 'completion' | 'timeline' | 'finding' | 'reload';

export interface LaneEvent {
  record: TraceRecord;
  /** Column (0-based, in trace order: virtual time can stand still across many records). */
  column: number;
  lane: Lane;
  tone: EventTone;
  location?: SourceLocation;
}

export interface LaneSpan {
  lane: Lane;
  from: number;
  /** Inclusive end column; open spans run to the last column. */
  to: number;
  open: boolean;
  label: string;
  tone: 'run' | 'transfer' | 'transferFailed';
  /** Why the span ended (a termination reason, a transfer's status). */
  end?: string;
}

export interface LaneModel {
  events: LaneEvent[];
  spans: LaneSpan[];
  columns: number;
  /** Columns where virtual time moved on, with the new time: the axis labels. */
  ticks: { column: number; time: string }[];
}

const TONES: Record<string, EventTone> = {
  extensionLaunch: 'launch',
  extensionTerminate: 'terminate',
  placeholder: 'provider',
  getSnapshot: 'provider',
  getTimeline: 'provider',
  timeline: 'timeline',
  taskResume: 'transfer',
  transferComplete: 'transfer',
  onBackgroundURLSessionEvents: 'delegate',
  didWriteData: 'delegate',
  didFinishDownloadingTo: 'delegate',
  didCompleteWithError: 'delegate',
  urlSessionDidFinishEvents: 'delegate',
  completionHandler: 'completion',
  reloadTimelines: 'reload',
  // A tap (section 10): it ends in a reload of the timelines.
  intentPerform: 'reload',
  widgetPush: 'reload',
  pushTokenDidChange: 'delegate',
  diagnostic: 'finding',
};

export function laneOf(event: string): Lane {
  if (event === 'transferComplete') return 'transfers';
  // A push comes from APNs through the system, which decides what to do with it (DESIGN.md section 10).
  if (event === 'extensionLaunch' || event === 'extensionTerminate' || event === 'timeline' || event === 'diagnostic' || event === 'widgetPush') return 'system';
  return 'extension';
}

export const toneOf = (event: string): EventTone => TONES[event] ?? 'provider';

const isRecord = (v: JsonValue | undefined): v is { [key: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A source location in a record's detail, when the producer gave one: flat `detail.file` and
 * `detail.line` (what the engine writes for taskResume, completionHandler, reloadTimelines and
 * diagnostics), `detail.location`, or `detail.source` where `location` already means something
 * else (didFinishDownloadingTo's `location` is the downloaded file's path, after Apple's method).
 */
export function recordLocation(record: TraceRecord): SourceLocation | undefined {
  for (const candidate of [record.detail, record.detail?.location, record.detail?.source]) {
    if (isRecord(candidate) && typeof candidate.file === 'string' && typeof candidate.line === 'number') {
      return { file: candidate.file, line: candidate.line, column: typeof candidate.column === 'number' ? candidate.column : 1 };
    }
  }
  return undefined;
}

export function buildLanes(trace: readonly TraceRecord[]): LaneModel {
  const events: LaneEvent[] = [];
  const spans: LaneSpan[] = [];
  const ticks: { column: number; time: string }[] = [];
  const openRuns = new Map<number, LaneSpan>();
  const openTransfers = new Map<string, LaneSpan>();
  let lastTime = '';
  trace.forEach((record, column) => {
    events.push({ record, column, lane: laneOf(record.event), tone: toneOf(record.event), location: recordLocation(record) });
    if (record.time.slice(0, 19) !== lastTime.slice(0, 19)) ticks.push({ column, time: record.time });
    lastTime = record.time;
    if (record.event === 'extensionLaunch') {
      const reason = typeof record.detail?.reason === 'string' ? record.detail.reason : '';
      const span: LaneSpan = { lane: 'extension', from: column, to: column, open: true, tone: 'run', label: `launch ${record.launch}${record.pid ? ` · pid ${record.pid}` : ''}${reason ? ` · ${reason}` : ''}` };
      openRuns.set(record.launch, span);
      spans.push(span);
    } else if (record.event === 'extensionTerminate') {
      const span = openRuns.get(record.launch);
      if (span) {
        span.to = column;
        span.open = false;
        span.end = typeof record.detail?.reason === 'string' ? record.detail.reason : 'terminated';
        openRuns.delete(record.launch);
      }
    } else if (record.event === 'taskResume' && record.task !== undefined) {
      const span: LaneSpan = { lane: 'transfers', from: column, to: column, open: true, tone: 'transfer', label: `task ${record.task}${record.identifier ? ` · ${record.identifier}` : ''}` };
      openTransfers.set(`${record.identifier ?? ''}#${record.task}`, span);
      spans.push(span);
    } else if (record.event === 'transferComplete' && record.task !== undefined) {
      const key = `${record.identifier ?? ''}#${record.task}`;
      const span = openTransfers.get(key);
      if (span) {
        span.to = column;
        span.open = false;
        const failed = record.detail?.error !== undefined && record.detail.error !== null;
        span.tone = failed ? 'transferFailed' : 'transfer';
        span.end = failed ? 'failed' : typeof record.detail?.status === 'number' ? `HTTP ${record.detail.status}` : 'done';
        openTransfers.delete(key);
      }
    }
  });
  const last = Math.max(0, trace.length - 1);
  for (const span of spans) if (span.open) span.to = last;
  return { events, spans, columns: trace.length, ticks };
}

/** One line per record for the details pane and tooltips. */
export function describeRecord(record: TraceRecord): string {
  const parts = [`#${record.seq}`, record.event];
  if (record.identifier) parts.push(record.identifier);
  if (record.task !== undefined) parts.push(`task ${record.task}`);
  if (record.pid !== null) parts.push(`pid ${record.pid}`);
  return parts.join(' · ');
}
