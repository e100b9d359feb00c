// The widget extension process as the system drives it: loading TypeScript, JSX and JavaScript
// widgets (ESM and CommonJS), load failures with the user's line, provider calls with rendered
// views, the virtual clock, and stacks that point at the user's TypeScript lines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KitProcess, SMALL_CONTEXT, WidgetProject, buildKit } from './kitProcessHarness';

const WEATHER_TS = `import { defineWidget, Timeline, ReloadPolicy, Text, VStack, Gauge } from 'widgetkit';

interface Forecast { date: Date; temp: number; city: string }

export default defineWidget({
  kind: 'weather',
  displayName: 'Weather',
  supportedFamilies: ['systemSmall', 'systemMedium'],
  provider: {
    placeholder: (): Forecast => ({ date: new Date(), temp: 0, city: '—' }),
    getSnapshot: (ctx) => ({ date: new Date(), temp: ctx.isPreview ? 21 : 22, city: 'Oslo' }),
    async getTimeline(): Promise<Timeline<Forecast>> {
      const start: number = Date.now();
      const entries = [0, 1, 2].map((h) => ({ date: new Date(start + h * 3_600_000), temp: 10 + h, city: 'Oslo' }));
      return new Timeline(entries, ReloadPolicy.after(new Date(start + 3 * 3_600_000)));
    },
  },
  view: (entry: Forecast, ctx) =>
    ctx.family === 'systemMedium'
      ? VStack({ spacing: 4 }, Text(entry.city).font('headline'), Gauge(entry.temp, { in: [0, 40] }))
      : VStack(Text(\`\${entry.temp}°\`).font('largeTitle').foregroundStyle('orange')),
});

export const previews = [{ name: 'Warm', family: 'systemSmall', entries: [{ date: new Date(0), temp: 30, city: 'Rome' }] }];
`;

describe('widget extension process', () => {
  let project: WidgetProject;
  const dirs = () => ({ defaultsDir: project.path('state/defaults'), containerDir: project.path('state/container') });

  before(() => {
    buildKit();
    project = new WidgetProject({ 'weather.ts': WEATHER_TS });
  });
  after(async () => {
    await KitProcess.killAll();
    project.dispose();
  });

  it('loads a TypeScript widget, describes it and renders its previews', async () => {
    const kit = new KitProcess(project);
    kit.start(project.path('weather.ts'), dirs());
    const ready = await kit.next('ready');
    assert.deepEqual(ready.widget, {
      file: project.path('weather.ts'), kind: 'weather', displayName: 'Weather',
      supportedFamilies: ['systemSmall', 'systemMedium'], handlesBackgroundEvents: false,
    });
    assert.equal(ready.previews.length, 1);
    assert.equal(ready.previews[0].name, 'Warm');
    const view = ready.previews[0].entries[0].views.systemSmall;
    assert.ok(view?.ok);
    assert.equal(view.view.children[0].props.text, '30°');
    await kit.disconnect();
  });

  it('answers provider calls with serialised entries, views per family and the reload policy, on the virtual clock', async () => {
    const kit = new KitProcess(project);
    kit.start(project.path('weather.ts'), dirs(), { now: Date.parse('2030-06-01T12:00:00Z') });
    await kit.next('ready');
    kit.send({ type: 'provider', call: 1, method: 'placeholder', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const placeholder = await kit.next('providerResult', (m) => m.call === 1);
    assert.ok(placeholder.ok && placeholder.method === 'placeholder');
    assert.equal(placeholder.entry.date, '2030-06-01T12:00:00.000Z');
    assert.deepEqual(placeholder.entry.data, { temp: 0, city: '—' });
    const redacted = placeholder.entry.views.systemSmall;
    assert.ok(redacted?.ok);
    assert.deepEqual(redacted.view.modifiers.at(-1), { name: 'redacted', args: ['placeholder'] });

    kit.send({ type: 'clock', now: Date.parse('2030-06-02T08:00:00Z') });
    kit.send({ type: 'provider', call: 2, method: 'getTimeline', context: SMALL_CONTEXT, families: ['systemSmall', 'systemMedium'] });
    const result = await kit.next('providerResult', (m) => m.call === 2);
    assert.ok(result.ok && result.method === 'getTimeline');
    const { timeline } = result;
    assert.equal(timeline.totalEntries, 3);
    assert.deepEqual(timeline.entries.map((e) => e.date), ['2030-06-02T08:00:00.000Z', '2030-06-02T09:00:00.000Z', '2030-06-02T10:00:00.000Z']);
    assert.deepEqual(timeline.policy, { kind: 'after', date: '2030-06-02T11:00:00.000Z' });
    const small = timeline.entries[1].views.systemSmall;
    const medium = timeline.entries[1].views.systemMedium;
    assert.ok(small?.ok && medium?.ok);
    assert.deepEqual(small.view.children[0], {
      type: 'Text', props: { text: '11°' }, children: [],
      modifiers: [{ name: 'font', args: ['largeTitle'] }, { name: 'foregroundStyle', args: ['orange'] }],
    });
    assert.equal(medium.view.props.spacing, 4);
    assert.deepEqual(medium.view.children[1].props, { value: 11, min: 0, max: 40 });
    await kit.disconnect();
  });

  it('lets the live clock run on from the virtual start, and reports memory on the given period', async () => {
    const start = Date.parse('2031-01-01T00:00:00Z');
    const kit = new KitProcess(project);
    kit.start(project.path('weather.ts'), dirs(), { clock: 'live', now: start, memoryReportMs: 20 });
    await kit.next('ready');
    const memory = await kit.next('memory');
    assert.ok(memory.heapUsed > 0 && memory.rss >= memory.heapUsed);
    kit.send({ type: 'provider', call: 1, method: 'getSnapshot', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const snapshot = await kit.next('providerResult');
    assert.ok(snapshot.ok && snapshot.method === 'getSnapshot');
    const now = Date.parse(snapshot.entry.date);
    assert.ok(now > start && now < start + 60_000, `live virtual time ${snapshot.entry.date} runs on from ${new Date(start).toISOString()}`);
    await kit.disconnect();
  });

  it('reports a syntax error in a TypeScript widget as loadFailed with its file and line', async () => {
    const file = project.write('broken.ts', "import { defineWidget } from 'widgetkit';\n\nconst x: number = ;\n");
    const kit = new KitProcess(project);
    kit.start(file, dirs());
    const failed = await kit.next('loadFailed');
    assert.equal(failed.error.location?.file, file);
    assert.equal(failed.error.location?.line, 3);
    assert.match(failed.error.message, /broken\.ts:3:\d+: syntax error/);
    await kit.disconnect();
  });

  it('reports a throw at load and a module without a widget, each with what to do', async () => {
    const throwing = project.write('throws.ts', "import { defineWidget } from 'widgetkit';\nconst n: number = 1;\nthrow new Error('no config ' + n);\n");
    const kit = new KitProcess(project);
    kit.start(throwing, dirs());
    const failed = await kit.next('loadFailed');
    assert.deepEqual(failed.error.location, { file: throwing, line: 3, column: 7 });
    assert.match(failed.error.message, /threw while loading: no config 1/);
    await kit.disconnect();

    const empty = project.write('empty.js', 'module.exports = { kind: "nope" };\n');
    const second = new KitProcess(project);
    second.start(empty, dirs());
    const noWidget = await second.next('loadFailed');
    assert.match(noWidget.error.message, /export default defineWidget/);
    await second.disconnect();
  });

  it('points a provider error and its stack at the TypeScript line that threw', async () => {
    const file = project.write('fails.ts', `import { defineWidget, Text } from 'widgetkit';
type Entry = { date: Date };
function fetchCity(name: string): never {
  throw new TypeError(\`unknown city \${name}\`);
}
export default defineWidget({
  kind: 'fails',
  provider: {
    placeholder: (): Entry => ({ date: new Date() }),
    getSnapshot: (): Entry => ({ date: new Date() }),
    getTimeline: () => fetchCity('Atlantis'),
  },
  view: () => Text('x'),
});
`);
    const kit = new KitProcess(project);
    kit.start(file, dirs());
    await kit.next('ready');
    kit.send({ type: 'provider', call: 7, method: 'getTimeline', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const result = await kit.next('providerResult', (m) => m.call === 7);
    assert.ok(!result.ok);
    assert.deepEqual(result.error.location, { file, line: 4, column: 9 });
    assert.match(result.error.message, /unknown city Atlantis/);
    assert.ok(result.error.stack?.includes(`${file}:4:9`), result.error.stack);
    assert.ok(result.error.stack?.includes(`${file}:11:`), result.error.stack);
    await kit.disconnect();
  });

  it('loads TSX with the automatic JSX runtime, ESM .mjs and CommonJS .js widgets', async () => {
    const tsx = project.write('clock.tsx', `import { defineWidget, Timeline, Text, VStack, Spacer } from 'widgetkit';
const Row = (props: { label: string }) => <Text font="caption">{props.label}</Text>;
export default defineWidget({
  kind: 'clock',
  provider: { placeholder: () => ({ date: new Date() }), getSnapshot: () => ({ date: new Date() }), getTimeline: () => new Timeline([]) },
  view: (entry: { date: Date }) => (
    <VStack spacing={2} padding={8}>
      <Text>{entry.date.getUTCFullYear()}</Text>
      <Spacer />
      <Row label="now" />
    </VStack>
  ),
});
`);
    const esm = project.write('esm/widget.mjs', `import { defineWidget, Text } from 'widgetkit';
import { label } from './label.mjs';
export default defineWidget({ kind: 'esm', provider: { placeholder: () => ({ date: new Date() }), getSnapshot: () => ({ date: new Date() }), getTimeline: () => ({ entries: [] }) }, view: () => Text(label) });
`);
    project.write('esm/label.mjs', "export const label = 'from esm ' + import.meta.url.endsWith('/esm/label.mjs');\n");
    const cjs = project.write('cjs/widget.js', `const { defineWidget, Text } = require('widgetkit');
module.exports = defineWidget({ kind: 'cjs', provider: { placeholder: () => ({ date: new Date() }), getSnapshot: () => ({ date: new Date() }), getTimeline: () => ({ entries: [] }) }, view: () => Text('from cjs') });
`);
    const expected: [string, string, (view: unknown) => void][] = [
      [tsx, 'clock', (view) => assert.deepEqual(view, {
        type: 'VStack', props: { spacing: 2 }, modifiers: [{ name: 'padding', args: [8] }],
        children: [
          { type: 'Text', props: { text: '2030' }, modifiers: [], children: [] },
          { type: 'Spacer', props: {}, modifiers: [], children: [] },
          { type: 'Text', props: { text: 'now' }, modifiers: [{ name: 'font', args: ['caption'] }], children: [] },
        ],
      })],
      [esm, 'esm', (view) => assert.equal((view as { props: { text: string } }).props.text, 'from esm true')],
      [cjs, 'cjs', (view) => assert.equal((view as { props: { text: string } }).props.text, 'from cjs')],
    ];
    for (const [file, kind, check] of expected) {
      const kit = new KitProcess(project);
      kit.start(file, dirs());
      const ready = await kit.next('ready');
      assert.equal(ready.widget.kind, kind);
      kit.send({ type: 'provider', call: 1, method: 'getSnapshot', context: SMALL_CONTEXT, families: ['systemSmall'] });
      const result = await kit.next('providerResult');
      assert.ok(result.ok && result.method === 'getSnapshot', JSON.stringify(result));
      const view = result.entry.views.systemSmall;
      assert.ok(view?.ok, JSON.stringify(view));
      check(view.view);
      assert.equal(await kit.disconnect(), 0, 'the process exits when the system closes the channel');
    }
  });

  it('resolves the user\'s own node_modules, CommonJS and ESM-only packages, and TS imports written with .js', async () => {
    project.write('node_modules/celsius/package.json', '{"name":"celsius","main":"index.js"}');
    project.write('node_modules/celsius/index.js', 'exports.format = (t) => t + " °C";\n');
    project.write('node_modules/esm-only/package.json', '{"name":"esm-only","type":"module","exports":"./index.js"}');
    project.write('node_modules/esm-only/index.js', 'export default function shout(s) { return s.toUpperCase(); }\n');
    project.write('lib/city.ts', 'export const city: string = "oslo";\n');
    const file = project.write('deps.ts', `import { defineWidget, Text } from 'widgetkit';
import { format } from 'celsius';
import shout from 'esm-only';
import { city } from './lib/city.js';
export default defineWidget({
  kind: 'deps',
  provider: { placeholder: () => ({ date: new Date() }), getSnapshot: () => ({ date: new Date() }), getTimeline: () => ({ entries: [] }) },
  view: () => Text(shout(city) + ' ' + format(21)),
});
`);
    const kit = new KitProcess(project);
    kit.start(file, dirs());
    await kit.next('ready');
    kit.send({ type: 'provider', call: 1, method: 'placeholder', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const result = await kit.next('providerResult');
    assert.ok(result.ok && result.method === 'placeholder', JSON.stringify(result));
    const view = result.entry.views.systemSmall;
    assert.ok(view?.ok);
    assert.equal(view.view.props.text, 'OSLO 21 °C');
    await kit.disconnect();
  });

  it('keeps a broken view or unserialisable entry to its own entry and ignores malformed messages', async () => {
    const file = project.write('fragile.ts', `import { defineWidget, Timeline, Text } from 'widgetkit';
export default defineWidget({
  kind: 'fragile',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => { const loop: Record<string, unknown> = { date: new Date() }; loop.self = loop; return loop; },
    getTimeline: () => new Timeline([{ date: new Date(), n: 1 }, { date: new Date(), n: 2 }]),
  },
  view: (entry: { n?: number }) => (entry.n === 2 ? ({ not: 'a view' } as never) : Text(String(entry.n))),
});
`);
    const kit = new KitProcess(project);
    kit.start(file, dirs());
    await kit.next('ready');
    kit.send({ type: 'provider', call: 'one' });
    kit.send({ type: 'provider', call: 1, method: 'getTimeline', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const result = await kit.next('providerResult', (m) => m.call === 1);
    assert.ok(result.ok && result.method === 'getTimeline');
    assert.ok(result.timeline.entries[0].views.systemSmall?.ok);
    const broken = result.timeline.entries[1].views.systemSmall;
    assert.ok(broken && !broken.ok);
    assert.match(broken.error, /returned a plain object/);
    kit.send({ type: 'provider', call: 2, method: 'getSnapshot', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const circular = await kit.next('providerResult', (m) => m.call === 2);
    assert.ok(!circular.ok);
    assert.match(circular.error.message, /circular reference at the snapshot entry\.self/i);
    assert.match(kit.stderr, /malformed message/);
    await kit.disconnect();
  });
});
