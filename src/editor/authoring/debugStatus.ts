// The status bar's text during a widget-timeline debug session, from the adapter's `widgetState`
// custom event (DESIGN.md section 4): the virtual now and the widget extension's state. The event
// body crosses the adapter boundary, so only the fields shown are read, each validated.
import type { ExtensionState } from '../../protocol/lifecycle';

export interface DebugStatus {
  /** Virtual now. */
  now: Date;
  clock: 'live' | 'simulated';
  state: ExtensionState;
  pid: number | null;
  launch: number;
}

const STATES: readonly ExtensionState[] = ['notRunning', 'launching', 'running', 'suspended'];

/** The fields of a `widgetState` body the status bar shows, or undefined if they are malformed. */
export function debugStatusFrom(body: unknown): DebugStatus | undefined {
  if (!isRecord(body) || typeof body.now !== 'string' || !isRecord(body.extension)) return undefined;
  const now = new Date(body.now);
  const { state, pid, launch } = body.extension;
  if (Number.isNaN(now.getTime()) || !STATES.includes(state as ExtensionState)) return undefined;
  if (!(pid === null || typeof pid === 'number') || typeof launch !== 'number') return undefined;
  return { now, clock: body.clock === 'live' ? 'live' : 'simulated', state: state as ExtensionState, pid, launch };
}

const STATE_LABEL: Record<ExtensionState, string> = {
  notRunning: 'not running',
  launching: 'launching',
  running: 'running',
  suspended: 'suspended',
};

/** Two digits. */
function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `$(watch) 08:15:00 · extension running (pid 4242, launch 2)`, times in the local zone. */
export function statusText(status: DebugStatus): string {
  const time = `${two(status.now.getHours())}:${two(status.now.getMinutes())}:${two(status.now.getSeconds())}`;
  const process = status.pid === null ? '' : ` (pid ${status.pid}, launch ${status.launch})`;
  return `$(watch) ${time} · extension ${STATE_LABEL[status.state]}${process}`;
}

export function statusTooltip(status: DebugStatus): string {
  const launches = status.launch === 0 ? 'not launched yet' : `launch ${status.launch}`;
  return `Widget Timelines: virtual time ${status.now.toISOString()} (${status.clock} clock); widget extension ${STATE_LABEL[status.state]}, ${launches}.`;
}

function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
