// The one boundary between the extension host (src/preview/) and the preview page
// (src/webview/): typed messages in both directions, each validated on arrival with
// `parseToWebview` / `parseFromWebview`. A malformed message is a value with a reason, never a
// throw, so either side can ignore it with a warning and keep its last good state.
import { FAMILIES, isWidgetFamily } from './lifecycle';
import type { JsonValue, SourceLocation, WidgetFamily, WidgetStateSnapshot } from './lifecycle';

// ---- host -> page -------------------------------------------------------------------------

/** Where the snapshot came from: the preview's own engine run, or a debug session. */
/**
 * Where the snapshot came from: the preview's own engine run, or a debug session (`replaying`: it
 * debugs a recording, so a click on a lifecycle event goes straight to it, DESIGN.md section 11).
 */
export type SnapshotSource = { kind: 'preview' } | { kind: 'debug'; sessionName: string; replaying?: boolean };

export type ToWebview =
  /** `program`: the widget file the panel previews; the page keeps it so a restored panel knows it. */
  | { type: 'state'; snapshot: WidgetStateSnapshot; source: SnapshotSource; program?: string }
  /** Something the panel shows instead of (or above) a render: untrusted workspace, no widget, running. */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string; program?: string };

// ---- page -> host -------------------------------------------------------------------------

export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; location: SourceLocation }
  | { type: 'terminateExtension'; mode: 'system' | 'forceQuit' }
  | { type: 'advanceClock'; by?: number; next?: 'entry' | 'reload' | 'event' }
  | { type: 'reloadTimelines' }
  /** A WidgetKit push for the widget (DESIGN.md section 10): the debug session's sendPush. */
  | { type: 'sendPush' }
  | { type: 'setFamily'; family: WidgetFamily }
  | { type: 'rerun' }
  /** The followed debug session re-executes its run to trace record `seq` (DESIGN.md section 11). */
  | { type: 'goToEvent'; seq: number }
  /** A click on a Button or Toggle (section 10): its intent and bound parameters. */
  | { type: 'tap'; intent: string; parameters: TapMessageParameters };

/** A tap's parameters as the page sends them: JSON data bound by `intent.with(...)`. */
export type TapMessageParameters = { [key: string]: JsonValue };

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

// ---- validation ---------------------------------------------------------------------------

type Check = (value: unknown, path: string) => string | null;
type Shape = Record<string, Check>;

const fail = (path: string, what: string) => `${path} ${what}`;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const string: Check = (v, p) => (typeof v === 'string' ? null : fail(p, 'is not a string'));
const number: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : fail(p, 'is not a finite number'));
const boolean: Check = (v, p) => (typeof v === 'boolean' ? null : fail(p, 'is not a boolean'));
const anything: Check = () => null;
const oneOf = (...allowed: readonly unknown[]): Check => (v, p) =>
  allowed.includes(v) ? null : fail(p, `is not one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
const optional = (check: Check): Check => (v, p) => (v === undefined ? null : check(v, p));
const nullable = (check: Check): Check => (v, p) => (v === null ? null : check(v, p));
const object = (shape: Shape): Check => (v, p) => {
  if (!isRecord(v)) return fail(p, 'is not an object');
  for (const [key, check] of Object.entries(shape)) {
    const problem = check(v[key], `${p}.${key}`);
    if (problem) return problem;
  }
  return null;
};
const array = (item: Check): Check => (v, p) => {
  if (!Array.isArray(v)) return fail(p, 'is not an array');
  for (let i = 0; i < v.length; i++) {
    const problem = item(v[i], `${p}[${i}]`);
    if (problem) return problem;
  }
  return null;
};
const recordOf = (item: Check): Check => (v, p) => {
  if (!isRecord(v)) return fail(p, 'is not an object');
  for (const [key, value] of Object.entries(v)) {
    const problem = item(value, `${p}.${key}`);
    if (problem) return problem;
  }
  return null;
};

const location = object({ file: string, line: number, column: number });

const record: Check = (v, p) => (isRecord(v) ? null : fail(p, 'is not an object'));

/** View trees are data from user code: checked all the way down so the renderer can trust them. */
const modifiers = array(object({ name: string, args: array(anything) }));
const viewNode: Check = (v, p) => viewNodeShape(v, p);
const viewNodeShape = object({ type: string, props: record, modifiers, children: array(viewNode) });

const renderedView: Check = (v, p) => {
  if (!isRecord(v)) return fail(p, 'is not an object');
  return v.ok === true ? object({ view: viewNode })(v, p) : object({ ok: oneOf(false), error: string })(v, p);
};

const renderedEntry = object({
  date: string,
  relevance: optional(object({ score: number, duration: optional(number) })),
  data: anything,
  views: recordOf(renderedView),
  /** Per family, per alternate rendering mode (src/protocol/renderingModes.ts). */
  renderingModes: optional(recordOf(recordOf(renderedView))),
});

const policy: Check = (v, p) => {
  if (!isRecord(v)) return fail(p, 'is not an object');
  return v.kind === 'after' ? object({ date: string })(v, p) : object({ kind: oneOf('atEnd', 'never') })(v, p);
};

const family = oneOf(...FAMILIES);

const snapshotShape = object({
  version: oneOf(1),
  mode: oneOf('preview', 'debug', 'cli'),
  widget: nullable(
    object({ file: string, kind: string, displayName: string, supportedFamilies: array(family), handlesBackgroundEvents: boolean }),
  ),
  family,
  device: string,
  now: string,
  clock: oneOf('live', 'simulated'),
  extension: object({ state: string, pid: nullable(number), launch: number }),
  placeholder: nullable(renderedEntry),
  snapshot: nullable(renderedEntry),
  timeline: nullable(object({ entries: array(renderedEntry), policy, currentIndex: number, receivedAt: string, totalEntries: number })),
  previews: array(object({ name: string, family, entries: array(renderedEntry) })),
  sessions: array(
    object({
      identifier: string,
      live: boolean,
      tasks: array(object({ task: number, url: string, state: string, bytesWritten: number, bytesExpected: number })),
    }),
  ),
  pendingEvents: array(object({ identifier: string, event: string, task: optional(number) })),
  storedCompletions: array(string),
  budget: object({ used: number, limit: number, resetsAt: string }),
  pushBudget: optional(object({ used: number, limit: number, resetsAt: string })),
  findings: array(object({ code: string, severity: oneOf('error', 'warning', 'info'), message: string, location: optional(location), time: string })),
  trace: array(object({ seq: number, time: string, event: string, pid: nullable(number), launch: number, detail: optional(record) })),
  loadError: nullable(object({ message: string, location: optional(location) })),
});

const TO_WEBVIEW: Record<ToWebview['type'], Shape> = {
  state: {
    snapshot: snapshotShape,
    source: (v, p) => (isRecord(v) && v.kind === 'debug' ? object({ sessionName: string, replaying: optional(boolean) })(v, p) : object({ kind: oneOf('preview') })(v, p)),
    program: optional(string),
  },
  notice: { level: oneOf('info', 'warning', 'error'), text: string, program: optional(string) },
};

const FROM_WEBVIEW: Record<FromWebview['type'], Shape> = {
  ready: {},
  reveal: { location },
  terminateExtension: { mode: oneOf('system', 'forceQuit') },
  advanceClock: { by: optional(number), next: optional(oneOf('entry', 'reload', 'event')) },
  reloadTimelines: {},
  sendPush: {},
  setFamily: { family: (v, p) => (typeof v === 'string' && isWidgetFamily(v) ? null : fail(p, 'is not a widget family')) },
  rerun: {},
  goToEvent: { seq: (v, p) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? null : fail(p, 'is not a trace record seq')) },
  tap: { intent: (v, p) => (typeof v === 'string' && v !== '' ? null : fail(p, 'is not an intent name')), parameters: record },
};

function parseWith<T>(shapes: Record<string, Shape>, raw: unknown, side: string): Parsed<T> {
  if (!isRecord(raw)) return { ok: false, reason: `${side}: message is not an object` };
  const type = raw.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(shapes, type)) {
    return { ok: false, reason: `${side}: unknown message type ${JSON.stringify(type)}` };
  }
  const problem = object(shapes[type])(raw, 'message');
  return problem ? { ok: false, reason: `${side}: "${type}" ${problem}` } : { ok: true, message: raw as T };
}

/** Validates what the host posted, on arrival in the page. */
export function parseToWebview(raw: unknown): Parsed<ToWebview> {
  return parseWith<ToWebview>(TO_WEBVIEW, raw, 'host->page');
}

/** Validates what the page posted, on arrival in the host. */
export function parseFromWebview(raw: unknown): Parsed<FromWebview> {
  return parseWith<FromWebview>(FROM_WEBVIEW, raw, 'page->host');
}
