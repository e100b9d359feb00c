// The system's discrete-event clock relies on these reports: a process with nothing pending says
// so at once (`quiescent`); a widget timer is virtual, so the process is idle all the same and
// names the timer's moment (`nextTimer`), which fires only when the system's `clock` reaches it.
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

  const START = Date.parse('2030-06-01T12:00:00Z');
  const idleAfter = (kit: KitProcess, received: number) =>
    kit.until(`quiescent after message ${received}`, () => kit.quiescent.find((m) => m.type === 'quiescent' && m.received === received));

  /** A process whose getTimeline left a setTimeout(..., 300) pending. */
  async function withPendingTimer(): Promise<KitProcess> {
    const kit = new KitProcess(project);
    kit.start(project.path('quiet.ts'), dirs());
    await kit.next('ready');
    kit.send({ type: 'provider', call: 1, method: 'getTimeline', context: SMALL_CONTEXT, families: ['systemSmall'] });
    await kit.next('providerResult');
    return kit;
  }

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

  it('reports a pending widget timer as its next moment, and fires it only when the clock reaches it', async () => {
    const kit = await withPendingTimer();
    const idle = await idleAfter(kit, 2);
    assert.equal(idle.type === 'quiescent' && idle.nextTimer, START + 300, 'the setTimeout(..., 300) is the next moment');
    kit.send({ type: 'clock', now: START + 299 });
    const before = await idleAfter(kit, 3);
    assert.equal(before.type === 'quiescent' && before.nextTimer, START + 300, 'not fired a millisecond early');
    kit.send({ type: 'clock', now: START + 300 });
    const after = await idleAfter(kit, 4);
    assert.equal(after.type === 'quiescent' ? after.nextTimer : 'busy', undefined, 'the timer fired and nothing is left');
    await kit.disconnect();
  });

  it('keeps a suspended extension\'s timers: a clock without fire shifts them', async () => {
    const kit = await withPendingTimer();
    kit.send({ type: 'clock', now: START + 60_000, fire: false });
    const idle = await idleAfter(kit, 3);
    assert.equal(idle.type === 'quiescent' && idle.nextTimer, START + 60_300, 'still 300 ms to go');
    await kit.disconnect();
  });
});
