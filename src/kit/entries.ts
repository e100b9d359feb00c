// Timelines and their entries as user code builds them, and their serialised form for the
// system: `{ date, relevance?, ...data }` becomes a RenderedEntry (date as ISO, data as JSON).
// Apple: a TimelineEntry has a `date` at which WidgetKit renders it and an optional
// TimelineEntryRelevance; a Timeline carries entries and a TimelineReloadPolicy.
import type { JsonValue, ReloadPolicyJson, RenderedEntry } from '../protocol/lifecycle';
import { WidgetKitError } from './errors';
import { isDate, toJsonValue } from './jsonData';

/**
 * A timeline entry (Apple: TimelineEntry): the date at which the system shows it, an optional
 * relevance for Smart Stacks, and your own data. Data must be plain JSON (Dates become ISO
 * strings): circular references, functions, Maps and Sets are refused.
 */
export interface TimelineEntry {
  date: Date;
  relevance?: { score: number; duration?: number };
}

/**
 * Apple's reload policies (TimelineReloadPolicy). The system decides exactly when to reload,
 * within the widget's daily budget (about 40 to 70 reloads a day).
 */
export class ReloadPolicy {
  private constructor(readonly kind: 'atEnd' | 'never' | 'after', readonly date?: Date) {}

  /** Request a new timeline after the last entry's date passes. */
  static readonly atEnd = new ReloadPolicy('atEnd');
  /** Never request a new timeline; the app reloads it through WidgetCenter. */
  static readonly never = new ReloadPolicy('never');
  /** Request a new timeline after `date` (the system decides exactly when, within its budget). */
  static after(date: Date): ReloadPolicy {
    if (!isDate(date) || Number.isNaN(date.getTime())) {
      throw new WidgetKitError('invalid-argument', `ReloadPolicy.after needs a valid Date, got ${String(date)}.`);
    }
    return new ReloadPolicy('after', new Date(date.getTime()));
  }

  toJSON(): ReloadPolicyJson {
    return this.kind === 'after' && this.date ? { kind: 'after', date: this.date.toISOString() } : { kind: this.kind as 'atEnd' | 'never' };
  }
}

/** Entries in date order (Apple: entries should be at least about 5 minutes apart) and a reload policy. */
export class Timeline<Entry extends TimelineEntry = TimelineEntry> {
  constructor(
    readonly entries: Entry[],
    readonly policy: ReloadPolicy = ReloadPolicy.atEnd,
  ) {}
}

/** The entry's date as ISO; entries without a valid Date are refused with their position. */
function entryDate(entry: Record<string, unknown>, where: string): string {
  const date = entry.date;
  const time = isDate(date) ? date.getTime() : typeof date === 'number' ? date : typeof date === 'string' ? Date.parse(date) : NaN;
  if (Number.isNaN(time)) {
    throw new WidgetKitError('invalid-timeline', `${where} has no valid \`date\`: every entry needs { date: Date, ... } (Apple: TimelineEntry.date).`);
  }
  return new Date(time).toISOString();
}

function relevanceOf(value: unknown, where: string): RenderedEntry['relevance'] {
  if (value === undefined || value === null) return undefined;
  const { score, duration } = value as { score?: unknown; duration?: unknown };
  if (typeof score !== 'number' || (duration !== undefined && typeof duration !== 'number')) {
    throw new WidgetKitError('invalid-timeline', `${where}.relevance must be { score: number, duration?: number }.`);
  }
  return duration === undefined ? { score } : { score, duration };
}

/** The entry's date, relevance and data, without its views (rendering adds those). */
export function serialiseEntry(entry: unknown, where: string): Omit<RenderedEntry, 'views'> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new WidgetKitError('invalid-timeline', `${where} is ${entry === null ? 'null' : typeof entry}; an entry is an object { date: Date, ... }.`);
  }
  const { date: _date, relevance, ...data } = entry as Record<string, unknown>;
  const serialised: Omit<RenderedEntry, 'views'> = {
    date: entryDate(entry as Record<string, unknown>, where),
    data: toJsonValue(data, where) as JsonValue,
  };
  const rel = relevanceOf(relevance, where);
  if (rel) serialised.relevance = rel;
  return serialised;
}

/** Reads what getTimeline produced: a Timeline, or anything shaped like one. */
export function timelineParts(value: unknown): { entries: unknown[]; policy: ReloadPolicyJson } {
  const candidate = value as { entries?: unknown; policy?: unknown } | null | undefined;
  if (!candidate || !Array.isArray(candidate.entries)) {
    throw new WidgetKitError(
      'invalid-timeline',
      `getTimeline produced ${candidate === undefined ? 'nothing' : typeof candidate}; return new Timeline(entries, ReloadPolicy.atEnd).`,
    );
  }
  const policy = candidate.policy ?? ReloadPolicy.atEnd;
  if (!(policy instanceof ReloadPolicy)) {
    throw new WidgetKitError('invalid-timeline', 'The timeline policy must be ReloadPolicy.atEnd, ReloadPolicy.never or ReloadPolicy.after(date).');
  }
  return { entries: candidate.entries, policy: policy.toJSON() };
}
