// Realistic preview snapshots built by hand, in the shape the engine emits
// (WidgetStateSnapshot): a weather widget with a 12-entry timeline, named previews, a debug
// trace with a termination and a background relaunch, the session cache and findings.
import type { RenderedEntry, TraceRecord, WidgetFamily, WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import type { ModifierArg, ViewModifier, ViewNode, ViewType } from '../../src/protocol/views';

export const WIDGET_FILE = '/work/examples/weather/weather.widget.ts';
export const START = Date.parse('2026-11-21T09:00:00.000Z');
const MINUTE = 60_000;

class Node implements ViewNode {
  modifiers: ViewModifier[] = [];
  constructor(public type: ViewType, public props: { [key: string]: ModifierArg } = {}, public children: ViewNode[] = []) {}
  mod(name: string, ...args: ModifierArg[]): this {
    this.modifiers.push({ name, args });
    return this;
  }
  toJSON(): ViewNode {
    return { type: this.type, props: this.props, modifiers: this.modifiers, children: this.children };
  }
}

const Text = (text: string) => new Node('Text', { text });
const Image = (systemName: string) => new Node('Image', { systemName });
const VStack = (props: { [key: string]: ModifierArg }, ...children: ViewNode[]) => new Node('VStack', props, children);
const HStack = (props: { [key: string]: ModifierArg }, ...children: ViewNode[]) => new Node('HStack', props, children);
const Spacer = () => new Node('Spacer');
const Gauge = (props: { [key: string]: ModifierArg }) => new Node('Gauge', props);
const Label = (title: string, systemImage: string) => new Node('Label', { title, systemImage });

/** JSON round trip: what crosses postMessage is plain data. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const CONDITIONS = [
  { symbol: 'sun.max.fill', label: 'Sunny', colors: ['#4a9ff5', '#2a6fd6'] },
  { symbol: 'cloud.sun.fill', label: 'Partly Cloudy', colors: ['#6b8fbf', '#3f6497'] },
  { symbol: 'cloud.fill', label: 'Cloudy', colors: ['#7d8a99', '#4f5b69'] },
  { symbol: 'cloud.rain.fill', label: 'Rain', colors: ['#5c6f86', '#34445a'] },
  { symbol: 'cloud.bolt.rain', label: 'Thunderstorms', colors: ['#4b4f6b', '#262a40'] },
  { symbol: 'snowflake', label: 'Snow', colors: ['#8fb3d9', '#5d84b3'] },
];

export interface WeatherData {
  temp: number;
  high: number;
  low: number;
  condition: number;
  city: string;
}

export function weatherViews(d: WeatherData, time: number, families: readonly WidgetFamily[]): RenderedEntry['views'] {
  const c = CONDITIONS[d.condition % CONDITIONS.length];
  const background = { colors: c.colors, startPoint: 'top', endPoint: 'bottom' };
  const header = HStack({ spacing: 4 }, Image('location.fill').mod('font', 'caption2'), Text(d.city).mod('font', 'footnote').mod('fontWeight', 'semibold'), Spacer());
  const tempText = (size: number) => Text(`${d.temp}°`).mod('font', { size, weight: 'regular', design: 'default' }).mod('contentTransition', 'numericText');
  const temp = tempText(42);
  const summary = VStack({ alignment: 'leading', spacing: 2 }, Image(c.symbol).mod('font', 'title3'), Text(c.label).mod('font', 'footnote').mod('fontWeight', 'semibold'), Text(`H:${d.high}° L:${d.low}°`).mod('font', 'footnote').mod('opacity', 0.85));
  const small = VStack({ alignment: 'leading', spacing: 0 }, header, temp, Spacer(), summary)
    .mod('foregroundStyle', 'white')
    .mod('frame', { maxWidth: 'infinity', maxHeight: 'infinity', alignment: 'topLeading' })
    .mod('containerBackground', background, 'widget');
  const hours = [1, 2, 3, 4, 5].map((h) => {
    const hour = new Date(time + h * 60 * MINUTE).getUTCHours();
    return VStack({ spacing: 3 }, Text(`${String(hour).padStart(2, '0')}`).mod('font', 'caption').mod('opacity', 0.8), Image(CONDITIONS[(d.condition + h) % CONDITIONS.length].symbol).mod('font', 'body'), Text(`${d.temp + (h % 3) - 1}°`).mod('font', 'subheadline').mod('fontWeight', 'medium'));
  });
  const medium = VStack({ alignment: 'leading', spacing: 0 },
    HStack({ alignment: 'top' }, VStack({ alignment: 'leading', spacing: 0 }, header, tempText(30)), Spacer(), VStack({ alignment: 'trailing', spacing: 2 }, Image(c.symbol).mod('font', 'title3'), Text(c.label).mod('font', 'footnote').mod('fontWeight', 'semibold'), Text(`H:${d.high}° L:${d.low}°`).mod('font', 'footnote'))),
    Spacer(),
    HStack({ spacing: 0 }, ...hours.flatMap((h, i) => (i === 0 ? [h] : [Spacer(), h]))),
  ).mod('foregroundStyle', 'white').mod('frame', { maxWidth: 'infinity', maxHeight: 'infinity' }).mod('containerBackground', background, 'widget');
  const days = ['Sat', 'Sun', 'Mon', 'Tue', 'Wed', 'Thu'].map((day, i) =>
    HStack({}, Text(day).mod('font', 'subheadline').mod('fontWeight', 'semibold').mod('frame', { width: 44, alignment: 'leading' }), Image(CONDITIONS[(d.condition + i) % CONDITIONS.length].symbol).mod('frame', { width: 30 }), Spacer(), Text(`${d.low - i % 2}°`).mod('opacity', 0.7).mod('font', 'subheadline'), new Node('ProgressView', { value: 0.35 + 0.1 * (i % 4), total: 1 }).mod('frame', { width: 90 }).mod('tint', 'yellow'), Text(`${d.high + (i % 3)}°`).mod('font', 'subheadline')));
  const large = VStack({ alignment: 'leading', spacing: 6 }, medium.children[0], new Node('Divider').mod('opacity', 0.5), ...days, Spacer())
    .mod('foregroundStyle', 'white').mod('frame', { maxWidth: 'infinity', maxHeight: 'infinity', alignment: 'top' }).mod('containerBackground', background, 'widget');
  const circular = Gauge({ value: d.temp, min: d.low, max: d.high, currentValueLabel: `${d.temp}°`, style: 'accessoryCircular' });
  const rectangular = VStack({ alignment: 'leading', spacing: 0 }, Label(d.city, 'location.fill').mod('font', 'headline'), Text(`${d.temp}° ${c.label}`), Text(`H:${d.high}° L:${d.low}°`).mod('foregroundStyle', 'secondary'))
    .mod('frame', { maxWidth: 'infinity', alignment: 'leading' });
  const inline = Label(`${d.temp}° ${c.label}`, c.symbol);
  const all: Record<WidgetFamily, Node> = { systemSmall: small, systemMedium: medium, systemLarge: large, systemExtraLarge: medium, accessoryCircular: circular, accessoryRectangular: rectangular, accessoryInline: inline };
  const views: RenderedEntry['views'] = {};
  for (const family of families) views[family] = { ok: true, view: plain(all[family]) as ViewNode };
  return views;
}

export const FAMILIES_SHOWN: WidgetFamily[] = ['systemSmall', 'systemMedium', 'systemLarge', 'accessoryCircular', 'accessoryRectangular', 'accessoryInline'];

export function weatherEntry(i: number, families: readonly WidgetFamily[] = FAMILIES_SHOWN, start = START): RenderedEntry {
  const time = start + i * 15 * MINUTE;
  const data: WeatherData = { temp: 14 + ((i * 7) % 11), high: 24, low: 12, condition: Math.floor(i / 2), city: 'Cupertino' };
  return {
    date: new Date(time).toISOString(),
    relevance: { score: Math.round((0.2 + 0.8 * Math.abs(Math.sin(i / 3))) * 100) / 100, duration: 900 },
    data: { ...data },
    views: weatherViews(data, time, families),
  };
}

function record(seq: number, minutes: number, event: TraceRecord['event'], launch: number, pid: number | null, extra: Partial<TraceRecord> = {}): TraceRecord {
  return { seq, time: new Date(START + minutes * MINUTE).toISOString(), event, pid, launch, ...extra };
}

const at = (line: number) => ({ location: { file: WIDGET_FILE, line, column: 5 } });
const ID = 'com.example.weather.refresh';

export function debugTrace(): TraceRecord[] {
  const r: TraceRecord[] = [];
  let seq = 1;
  const add = (minutes: number, event: TraceRecord['event'], launch: number, pid: number | null, extra: Partial<TraceRecord> = {}) => r.push(record(seq++, minutes, event, launch, pid, extra));
  add(0, 'extensionLaunch', 1, 41211, { detail: { reason: 'timeline' } });
  add(0, 'placeholder', 1, 41211, { detail: at(18) });
  add(0, 'getSnapshot', 1, 41211, { detail: at(21) });
  add(0, 'getTimeline', 1, 41211, { detail: at(25) });
  add(0, 'taskResume', 1, 41211, { identifier: ID, task: 1, detail: { url: 'https://api.example.com/v1/forecast?city=cupertino', ...at(31) } });
  add(0, 'timeline', 1, null, { detail: { entries: 12, policy: { kind: 'atEnd' } } });
  add(1, 'extensionTerminate', 1, 41211, { detail: { reason: 'forced' } });
  add(2, 'transferComplete', 1, null, { identifier: ID, task: 1, detail: { status: 200, bytes: 96214 } });
  add(2, 'extensionLaunch', 2, 41288, { detail: { reason: 'backgroundEvents' } });
  add(2, 'onBackgroundURLSessionEvents', 2, 41288, { identifier: ID, detail: at(52) });
  add(2, 'didWriteData', 2, 41288, { identifier: ID, task: 1, detail: { bytesWritten: 48107, totalBytesWritten: 48107, totalBytesExpected: 96214, ...at(60) } });
  add(2, 'didWriteData', 2, 41288, { identifier: ID, task: 1, detail: { bytesWritten: 48107, totalBytesWritten: 96214, totalBytesExpected: 96214, ...at(60) } });
  add(2, 'didFinishDownloadingTo', 2, 41288, { identifier: ID, task: 1, detail: { location: '/tmp/wt/CFNetworkDownload_1.tmp', source: at(64).location } });
  add(2, 'didCompleteWithError', 2, 41288, { identifier: ID, task: 1, detail: { error: null, ...at(71) } });
  add(2, 'urlSessionDidFinishEvents', 2, 41288, { identifier: ID, detail: at(76) });
  add(2, 'reloadTimelines', 2, 41288, { detail: { kind: 'weather', ...at(78) } });
  add(2, 'getTimeline', 2, 41288, { detail: at(25) });
  add(2, 'taskResume', 2, 41288, { identifier: ID, task: 2, detail: { url: 'https://api.example.com/v1/alerts', ...at(31) } });
  add(2, 'timeline', 2, null, { detail: { entries: 12, policy: { kind: 'atEnd' } } });
  add(3, 'diagnostic', 2, null, { detail: { code: 'completion-not-called', ...at(52) } });
  add(16, 'extensionTerminate', 2, 41288, { detail: { reason: 'idle' } });
  return r;
}

export function weatherSnapshot(overrides: Partial<WidgetStateSnapshot> = {}): WidgetStateSnapshot {
  const entries = Array.from({ length: 12 }, (_, i) => weatherEntry(i));
  const nowIso = new Date(START + 37 * MINUTE).toISOString();
  const snapshot: WidgetStateSnapshot = {
    version: 1,
    mode: 'preview',
    widget: { file: WIDGET_FILE, kind: 'weather', displayName: 'Weather', description: 'Current conditions and the next hours', supportedFamilies: FAMILIES_SHOWN, handlesBackgroundEvents: true },
    family: 'systemSmall',
    device: 'iPhone 15 Pro',
    now: nowIso,
    clock: 'simulated',
    extension: { state: 'suspended', pid: 41211, launch: 1 },
    placeholder: weatherEntry(0),
    snapshot: weatherEntry(0),
    timeline: { entries, policy: { kind: 'atEnd' }, currentIndex: 2, receivedAt: new Date(START).toISOString(), totalEntries: entries.length },
    previews: [
      { name: 'Rainy afternoon', family: 'systemSmall', entries: [3, 4, 5].map((i) => weatherEntry(i * 2, ['systemSmall'])) },
      { name: 'Medium · snow', family: 'systemMedium', entries: [weatherEntry(10, ['systemMedium'])] },
    ],
    sessions: [],
    pendingEvents: [],
    storedCompletions: [],
    budget: { used: 1, limit: 70, resetsAt: new Date(START + 24 * 60 * MINUTE).toISOString() },
    findings: [],
    trace: debugTrace().slice(0, 6),
    loadError: null,
  };
  return { ...snapshot, ...overrides };
}

export function debugSnapshot(): WidgetStateSnapshot {
  return weatherSnapshot({
    mode: 'debug',
    extension: { state: 'running', pid: 41288, launch: 2 },
    sessions: [
      {
        identifier: ID,
        live: true,
        tasks: [
          { task: 1, url: 'https://api.example.com/v1/forecast?city=cupertino', state: 'completed', bytesWritten: 96214, bytesExpected: 96214 },
          { task: 2, url: 'https://api.example.com/v1/alerts', state: 'running', bytesWritten: 31200, bytesExpected: 88000 },
        ],
      },
      { identifier: 'com.example.weather.radar', live: false, tasks: [{ task: 3, url: 'https://tiles.example.com/radar/latest.png', state: 'running', bytesWritten: 1024, bytesExpected: -1 }] },
    ],
    pendingEvents: [{ identifier: 'com.example.weather.radar', event: 'didWriteData', task: 3 }],
    storedCompletions: [ID],
    budget: { used: 2, limit: 70, resetsAt: new Date(START + 24 * 60 * MINUTE).toISOString() },
    findings: [
      { code: 'completion-not-called', severity: 'error', message: 'onBackgroundURLSessionEvents stored the completion for com.example.weather.refresh but never called it. Call it after urlSessionDidFinishEvents.', location: { file: WIDGET_FILE, line: 52, column: 5 }, identifier: ID, time: new Date(START + 3 * MINUTE).toISOString() },
      { code: 'entries-too-close', severity: 'warning', message: 'Entries 4 and 5 are 2 minutes apart; WidgetKit may skip entries closer than about 5 minutes.', location: { file: WIDGET_FILE, line: 25, column: 5 }, time: new Date(START).toISOString() },
    ],
    trace: debugTrace(),
  });
}

/** A timeline of `count` entries one minute apart (only systemSmall rendered, to keep it light). */
export function hugeSnapshot(count: number): WidgetStateSnapshot {
  const base = weatherSnapshot();
  const template = weatherEntry(0, ['systemSmall']);
  const entries: RenderedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const data: WeatherData = { temp: 10 + (i % 20), high: 30, low: 10, condition: i % 6, city: 'Cupertino' };
    const time = START + i * 5 * MINUTE;
    entries.push({ date: new Date(time).toISOString(), relevance: { score: (i % 10) / 10 }, data: { ...data }, views: i === 0 ? template.views : weatherViews(data, time, ['systemSmall']) });
  }
  return {
    ...base,
    widget: { ...base.widget!, supportedFamilies: ['systemSmall'] },
    timeline: { entries, policy: { kind: 'never' }, currentIndex: 0, receivedAt: base.now, totalEntries: count },
  };
}
