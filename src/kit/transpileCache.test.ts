// The transpile cache as the system uses it (WIDGETKIT_TRANSPILE_CACHE at fork): a relaunch
// compiles an unchanged file from the cache, yet every process still evaluates the module afresh
// at the user's path with the user's lines and columns; an edited file, a damaged entry or a
// damaged code cache (the transpiler's or the runtime's) is a miss, never a wrong module.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KitProcess, SMALL_CONTEXT, WidgetProject, buildKit } from './kitProcessHarness';

const widgetSource = (label: string): string => `import { defineWidget, Text } from 'widgetkit';
import { helper } from './helper';
let evaluations = 0;
evaluations += 1;
type Entry = { date: Date };
export default defineWidget({
  kind: 'cached',
  displayName: \`${label} \${evaluations} \${process.env.WIDGETKIT_TRANSPILE_CACHE ?? 'no variable'}\`,
  provider: {
    placeholder: (): Entry => ({ date: new Date() }),
    getSnapshot: (): Entry => ({ date: new Date() }),
    getTimeline: (): never => helper('Atlantis'),
  },
  view: () => Text('x'),
});
`;

const HELPER = `export function helper(name: string): never {
  const where: string = \`unknown city \${name}\`;
  throw new TypeError(where);
}
`;

describe('transpile cache', () => {
  let project: WidgetProject;
  let cache: string;
  const dirs = () => ({ defaultsDir: project.path('state/defaults'), containerDir: project.path('state/container') });

  before(() => {
    buildKit();
    project = new WidgetProject({ 'widget.ts': widgetSource('First'), 'helper.ts': HELPER });
    cache = project.path('cache');
    mkdirSync(cache);
  });
  after(async () => {
    await KitProcess.killAll();
    project.dispose();
  });

  /** A launch: its widget's display name and where the provider's error points. */
  async function launch(): Promise<{ displayName: string | undefined; location: unknown; stack: string | undefined }> {
    const kit = new KitProcess(project, [], { WIDGETKIT_TRANSPILE_CACHE: cache });
    kit.start(project.path('widget.ts'), dirs());
    const ready = await kit.next('ready');
    kit.send({ type: 'provider', call: 1, method: 'getTimeline', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const result = await kit.next('providerResult', (m) => m.call === 1);
    assert.ok(!result.ok);
    await kit.kill();
    return { displayName: ready.widget.displayName, location: result.error.location, stack: result.error.stack };
  }

  /** Where the provider's error pointed on the first launch, which transpiled every file. */
  let transpiledLocation: unknown;
  const entries = () => readdirSync(cache).filter((name) => name.endsWith('.json'));
  /** The transpiler's and the runtime's (written by dist/kit/widgetkit.js after the first ready). */
  const codeCaches = () => readdirSync(cache).filter((name) => name.endsWith('.code-cache'));

  it('keeps each transpiled file and the transpiler code cache; the variable never reaches user code', async () => {
    const first = await launch();
    assert.equal(first.displayName, 'First 1 no variable');
    assert.equal((first.location as { line: number }).line, 3);
    transpiledLocation = first.location;
    assert.equal(entries().length, 2, 'widget.ts and helper.ts');
    assert.equal(codeCaches().length, 2, 'the transpiler and the runtime');
  });

  it('relaunches an unchanged widget from the cache, evaluated afresh, with the user\'s lines and columns', async () => {
    const helper = project.path('helper.ts');
    const relaunch = await launch();
    // Module state is the new process's own: top-level code ran once more, in this process.
    assert.equal(relaunch.displayName, 'First 1 no variable');
    // Mapped through the cached text's inline source map exactly as when it was transpiled.
    assert.deepEqual(relaunch.location, transpiledLocation);
    assert.equal((relaunch.location as { file: string }).file, helper);
    assert.ok(relaunch.stack?.includes(`${helper}:3:`), relaunch.stack);
    assert.ok(relaunch.stack?.includes(`${project.path('widget.ts')}:12:`), relaunch.stack);

    // The entry is what the new process compiles: marking its text shows it was used.
    for (const name of entries()) {
      const file = join(cache, name);
      const entry = JSON.parse(readFileSync(file, 'utf8')) as { code: string };
      writeFileSync(file, JSON.stringify({ ...entry, code: entry.code.replace('`First ', '`Cached ') }));
    }
    assert.equal((await launch()).displayName, 'Cached 1 no variable');
  });

  it('transpiles an edited file again', async () => {
    project.write('widget.ts', widgetSource('Edited'));
    const edited = await launch();
    assert.equal(edited.displayName, 'Edited 1 no variable');
    assert.deepEqual(edited.location, transpiledLocation);
  });

  it('takes a damaged entry or code cache for a miss', async () => {
    for (const name of [...entries(), ...codeCaches()]) writeFileSync(join(cache, name), 'not what was written');
    const damaged = await launch();
    assert.equal(damaged.displayName, 'Edited 1 no variable');
    assert.deepEqual(damaged.location, transpiledLocation);
    // Both were made again.
    assert.ok(entries().every((name) => readFileSync(join(cache, name), 'utf8').startsWith('{')));
    assert.ok(codeCaches().every((name) => readFileSync(join(cache, name)).length > 1000));
  });
});
