// The system's discrete-event clock relies on these reports: a process with nothing of the
// user's pending says so at once (`quiescent`); one whose code left a timer running first says
// its messages are handled (`busy`), and `quiescent` once the timer has fired.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KitProcess, SMALL_CONTEXT, WidgetProject, buildKit } from './kitProcessHarness';

const WIDGET = `import { defineWidget, Timeline, Text } from 'widgetkit';
export let fired = false;
export default defineWidget({
  kind: 'quiet',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot() {
      console.log('a widget that logs is still quiescent afterwards');
      console.error('on both streams');
      return { date: new Date() };
    },
    getTimeline() {
      setTimeout(() => { fired = true; }, 300);
      return new Timeline([{ date: new Date() }]);
    },
  },
  view: () => Text('q'),
});
`;

describe('quiescence reports', () => {
  let project: WidgetProject;
  const dirs = () => ({ defaultsDir: project.path('state/defaults'), containerDir: project.path('state/container') });

  before(() => {
    buildKit();
    project = new WidgetProject({ 'quiet.ts': WIDGET });
  });
  after(async () => {
    await KitProcess.killAll();
    project.dispose();
  });

  it('reports quiescent after each message when no user work is pending', async () => {
    const kit = new KitProcess(project);
    kit.start(project.path('quiet.ts'), dirs());
    await kit.next('ready');
    await kit.until('quiescent after start', () => kit.quiescent.find((m) => m.type === 'quiescent' && m.received === 1));
    kit.send({ type: 'provider', call: 1, method: 'getSnapshot', context: SMALL_CONTEXT, families: ['systemSmall'] });
    await kit.next('providerResult');
    await kit.until('quiescent after getSnapshot', () => kit.quiescent.find((m) => m.type === 'quiescent' && m.received === 2));
    assert.deepEqual(kit.quiescent.filter((m) => m.type === 'busy'), [], 'nothing of the user\'s was pending');
    await kit.disconnect();
  });

  it('reports busy while a timer the user started is pending, then quiescent once it fired', async () => {
    const kit = new KitProcess(project);
    kit.start(project.path('quiet.ts'), dirs());
    await kit.next('ready');
    kit.send({ type: 'provider', call: 1, method: 'getTimeline', context: SMALL_CONTEXT, families: ['systemSmall'] });
    await kit.next('providerResult');
    await kit.until('busy for the getTimeline message', () => kit.quiescent.find((m) => m.type === 'busy' && m.received === 2));
    const quiet = await kit.until('quiescent after the timer', () => kit.quiescent.find((m) => m.type === 'quiescent' && m.received === 2));
    assert.ok(kit.quiescent.indexOf(quiet) > kit.quiescent.findIndex((m) => m.type === 'busy'), 'busy comes first');
    await kit.disconnect();
  });
});
