// What the page shows, derived from a WidgetStateSnapshot without touching the DOM: the modes
// on offer (placeholder, snapshot, timeline, each named preview), the entries of the chosen
// mode, the families the chosen device offers, and labels for times and reload policies.
// Kept free of DOM and VS Code so that it is unit-tested in Node.
import type { ReloadPolicyJson, RenderedEntry, WidgetFamily, WidgetStateSnapshot } from '../protocol/lifecycle';
import { DEFAULT_DEVICE, DEVICES, widgetSize } from '../protocol/widgetSizes';

export type ModeId = 'placeholder' | 'snapshot' | 'timeline' | `preview:${string}`;

export interface ModeOption {
  id: ModeId;
  label: string;
  /** Entries the mode holds (0: greyed out). */
  count: number;
}

export interface ModeContent {
  entries: RenderedEntry[];
  /** The entry current at virtual now, -1 when none is. */
  currentIndex: number;
  redacted: boolean;
  policy: ReloadPolicyJson | null;
  /** What the provider returned; larger than entries.length when the transport capped them. */
  totalEntries: number;
  /** Families the mode renders: a named preview has one; otherwise the widget's, on this device. */
  families: WidgetFamily[];
}

export function modeOptions(snapshot: WidgetStateSnapshot): ModeOption[] {
  return [
    { id: 'placeholder', label: 'Placeholder', count: snapshot.placeholder ? 1 : 0 },
    { id: 'snapshot', label: 'Snapshot', count: snapshot.snapshot ? 1 : 0 },
    { id: 'timeline', label: 'Timeline', count: snapshot.timeline?.entries.length ?? 0 },
    ...snapshot.previews.map((p): ModeOption => ({ id: `preview:${p.name}`, label: p.name, count: p.entries.length })),
  ];
}

/** The chosen mode if the snapshot has it, else the timeline, else whatever has content. */
export function resolveMode(snapshot: WidgetStateSnapshot, wanted: ModeId | undefined): ModeId {
  const options = modeOptions(snapshot);
  if (wanted && options.some((o) => o.id === wanted)) return wanted;
  return (options.find((o) => o.id === 'timeline' && o.count > 0) ?? options.find((o) => o.count > 0) ?? options[2]).id;
}

export function deviceFamilies(device: string, families: readonly WidgetFamily[]): WidgetFamily[] {
  return families.filter((family) => widgetSize(device, family) !== undefined);
}

export function resolveDevice(device: string | undefined, snapshot: WidgetStateSnapshot | null): string {
  if (device && DEVICES[device]) return device;
  if (snapshot && DEVICES[snapshot.device]) return snapshot.device;
  return DEFAULT_DEVICE;
}

export function modeContent(snapshot: WidgetStateSnapshot, mode: ModeId, device: string): ModeContent {
  const supported = snapshot.widget?.supportedFamilies ?? [snapshot.family];
  const families = deviceFamilies(device, supported);
  const single = (entry: RenderedEntry | null, redacted: boolean): ModeContent => ({
    entries: entry ? [entry] : [],
    currentIndex: entry ? 0 : -1,
    redacted,
    policy: null,
    totalEntries: entry ? 1 : 0,
    families,
  });
  if (mode === 'placeholder') return single(snapshot.placeholder, true);
  if (mode === 'snapshot') return single(snapshot.snapshot, false);
  if (mode === 'timeline') {
    const timeline = snapshot.timeline;
    return {
      entries: timeline?.entries ?? [],
      currentIndex: timeline ? Math.min(timeline.currentIndex, timeline.entries.length - 1) : -1,
      redacted: false,
      policy: timeline?.policy ?? null,
      totalEntries: timeline?.totalEntries ?? 0,
      families,
    };
  }
  const name = mode.slice('preview:'.length);
  const preview = snapshot.previews.find((p) => p.name === name);
  const entries = preview?.entries ?? [];
  return {
    entries,
    currentIndex: currentIndexAt(entries, snapshot.now),
    redacted: false,
    policy: null,
    totalEntries: entries.length,
    families: preview ? deviceFamilies(device, [preview.family]) : families,
  };
}

/** The last entry whose date is not after `now` (WidgetKit shows it), -1 when all are later. */
export function currentIndexAt(entries: readonly RenderedEntry[], now: string): number {
  const at = Date.parse(now);
  let current = -1;
  for (let i = 0; i < entries.length; i++) {
    if (Date.parse(entries[i].date) <= at) current = i;
    else break;
  }
  return current;
}

export function clampIndex(index: number, length: number): number {
  return length === 0 ? -1 : Math.min(Math.max(index, 0), length - 1);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall-clock time of an ISO date in the page's time zone: "09:45" (seconds when not :00). */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const base = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return date.getSeconds() ? `${base}:${pad(date.getSeconds())}` : base;
}

export function dayLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
}

/** "now", "+15m", "−2h 5m", "+3d": how far an entry is from virtual now. */
export function offsetLabel(iso: string, now: string): string {
  const delta = Date.parse(iso) - Date.parse(now);
  if (!Number.isFinite(delta)) return '';
  const minutes = Math.round(Math.abs(delta) / 60_000);
  if (minutes === 0) return 'now';
  const sign = delta < 0 ? '−' : '+';
  if (minutes < 60) return `${sign}${minutes}m`;
  if (minutes < 48 * 60) {
    const rest = minutes % 60;
    return `${sign}${Math.floor(minutes / 60)}h${rest ? `${rest}m` : ''}`;
  }
  return `${sign}${Math.round(minutes / 1440)}d`;
}

/** How WidgetKit treats the timeline once its entries run out. */
export function policyLabel(policy: ReloadPolicyJson): { title: string; detail: string } {
  switch (policy.kind) {
    case 'atEnd':
      return { title: 'Reload at end', detail: 'WidgetKit asks for a new timeline after the last entry' };
    case 'never':
      return { title: 'Never reload', detail: 'Only the app can reload (WidgetCenter.reloadTimelines)' };
    case 'after':
      return { title: `Reload after ${clockTime(policy.date)}`, detail: `WidgetKit asks for a new timeline no earlier than ${dayLabel(policy.date)} ${clockTime(policy.date)}` };
  }
}

export function familyLabel(family: WidgetFamily): string {
  const labels: Record<WidgetFamily, string> = {
    systemSmall: 'Small',
    systemMedium: 'Medium',
    systemLarge: 'Large',
    systemExtraLarge: 'Extra Large',
    accessoryCircular: 'Circular',
    accessoryRectangular: 'Rectangular',
    accessoryInline: 'Inline',
  };
  return labels[family];
}

export const isAccessory = (family: WidgetFamily) => family.startsWith('accessory');

/** The highest relevance score among entries, for scaling the strip's relevance bars. */
export function maxRelevance(entries: readonly RenderedEntry[]): number {
  let max = 0;
  for (const entry of entries) if (entry.relevance && entry.relevance.score > max) max = entry.relevance.score;
  return max;
}
