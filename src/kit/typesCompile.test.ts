// The shipped declarations (types/widgetkit.d.ts) as a user's editor sees them: a widget written
// against them type-checks with tsc, TSX through the automatic runtime included, wrong calls are
// errors on the lines a user would expect, and every runtime export is declared.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KIT_BUNDLE, ROOT, WidgetProject, buildKit } from './kitProcessHarness';

const DECLARATIONS = join(ROOT, 'types/widgetkit.d.ts');

const GOOD_WIDGET = `import { defineWidget, Timeline, ReloadPolicy, Text, VStack, Gauge, sessionCache, UserDefaults, WidgetCenter,
  type URLSessionDelegate, type WidgetPreview } from 'widgetkit';
import { renameSync } from 'node:fs';

interface Entry { date: Date; temp: number }

const delegate: URLSessionDelegate = {
  didFinishDownloadingTo(session, task, location) {
    renameSync(location, '/tmp/forecast.json');
    UserDefaults.suite('group.weather').set('status', task.response?.statusCode ?? 0);
  },
  didFinishEvents() { WidgetCenter.reloadTimelines('weather'); },
};

export default defineWidget<Entry>({
  kind: 'weather',
  supportedFamilies: ['systemSmall'],
  provider: {
    placeholder: () => ({ date: new Date(), temp: 0 }),
    getSnapshot: async (ctx) => ({ date: new Date(), temp: ctx.isPreview ? 1 : 2 }),
    async getTimeline() {
      const tasks = await sessionCache.session('com.example.weather', () => delegate).getAllTasks();
      if (tasks.length === 0) sessionCache.session('com.example.weather').downloadTask({ url: 'https://example.com/f' }).resume();
      return new Timeline([{ date: new Date(), temp: 3 }], ReloadPolicy.after(new Date()));
    },
  },
  view: (entry, ctx) => VStack({ spacing: 2 }, Text(\`\${entry.temp}°\`).font('title').padding('horizontal', 4), Text(entry.date, 'time'),
    ctx.family === 'systemSmall' ? null : Gauge(entry.temp, { in: [0, 40] })),
  onBackgroundURLSessionEvents: {
    matching: (id) => id.startsWith('com.example'),
    handler(identifier, completion) { sessionCache.session(identifier, () => delegate); completion(); },
  },
});

export const previews: WidgetPreview<Entry>[] = [{ name: 'Warm', family: 'systemSmall', entries: [{ date: new Date(), temp: 30 }] }];

// Pieces shared between widgets: the entry type comes from the provider, a view may ask for less.
const placeholder = () => ({ date: new Date(), value: 0 });
const valueView = (entry: { value: number }) => Text(\`value \${entry.value}\`);
export const second = defineWidget({
  kind: 'second',
  provider: { placeholder, getSnapshot: placeholder, getTimeline: () => new Timeline([placeholder()], ReloadPolicy.never) },
  view: valueView,
});
`;

const GOOD_TSX = `import { VStack, Text, Spacer } from 'widgetkit';
const Row = (props: { label: string }) => <Text font="caption">{props.label}</Text>;
export const view = (
  <VStack spacing={2} padding={8}>
    <Text>{2030}</Text>
    <Spacer />
    <Row label="now" />
  </VStack>
);
`;

const BAD = `import { Text, Gauge, URLSession, URLSessionConfiguration, ReloadPolicy } from 'widgetkit';
new URLSession(URLSessionConfiguration.background('com.example')).downloadTask(42);
export const gauge = <Gauge />;
export const text = <Text font={42}>x</Text>;
ReloadPolicy.after('tomorrow');
`;

function tsconfig(files: string[]): string {
  return JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'ES2022', module: 'commonjs', moduleResolution: 'node',
      types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], jsx: 'react-jsx', jsxImportSource: 'widgetkit',
      baseUrl: '.', paths: { widgetkit: [DECLARATIONS], 'widgetkit/*': [DECLARATIONS] },
    },
    files: [...files, DECLARATIONS],
  });
}

function tsc(project: WidgetProject, config: string): { status: number | null; output: string } {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', config], { cwd: project.dir, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('shipped type declarations', () => {
  let project: WidgetProject;
  before(() => {
    project = new WidgetProject({
      'weather.ts': GOOD_WIDGET, 'view.tsx': GOOD_TSX, 'bad.tsx': BAD,
      'tsconfig.json': tsconfig(['weather.ts', 'view.tsx']), 'tsconfig.bad.json': tsconfig(['bad.tsx']),
    });
  });
  after(() => project.dispose());

  it('type-checks a correct widget and TSX view', () => {
    const { status, output } = tsc(project, 'tsconfig.json');
    assert.equal(output, '');
    assert.equal(status, 0);
  });

  it('reports wrong calls on their lines', () => {
    const { status, output } = tsc(project, 'tsconfig.bad.json');
    assert.notEqual(status, 0);
    const lines = [...output.matchAll(/bad\.tsx\((\d+),\d+\): error/g)].map((m) => Number(m[1]));
    assert.deepEqual([...new Set(lines)], [2, 3, 4, 5], output);
    assert.match(output, /Argument of type 'number' is not assignable to parameter of type 'DownloadRequestInit'/);
  });

  it('declares every export of the runtime', () => {
    buildKit();
    const runtime = spawnSync(process.execPath, ['-p', `Object.keys(require(${JSON.stringify(KIT_BUNDLE)})).join(' ')`], { encoding: 'utf8' });
    const exported = runtime.stdout.trim().split(' ');
    assert.ok(exported.includes('defineWidget'), runtime.stderr);
    const declarations = readFileSync(DECLARATIONS, 'utf8');
    const block = declarations.slice(0, declarations.indexOf("declare module 'widgetkit/jsx-runtime'"));
    const declared = new Set([...block.matchAll(/^ {2}export (?:function|const|class) (\w+)/gm)].map((m) => m[1]));
    assert.deepEqual(exported.filter((name) => !declared.has(name)), []);
    assert.deepEqual([...declared].filter((name) => !exported.includes(name)), []);
  });
});
