// Interactive widgets in the debugger (DESIGN.md section 10): the custom request `tap` performs
// an intent; the `intentPerform` event filter stops in the user's perform at its first line on
// the extension thread, Step Into walks into the code perform calls, and after Continue the
// system reloads: the widget's state shows the entry the reload rendered. A bad tap is an error
// that names the intents the widget defines.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import { launch, nextStop, startAdapter, stopAdapter, stoppedEvent, type WrittenWidget, writeWidget } from './dapSession';

const TOGGLE_WIDGET = `import { defineIntent, defineWidget, ReloadPolicy, Text, Timeline, Toggle, UserDefaults, VStack } from 'widgetkit';

const store = UserDefaults.suite('group.test.intents');

function save(on: boolean): void {
  store.set('on', on); // @save
}

const switchIt = defineIntent<{ on: boolean }>({
  name: 'switchIt',
  perform({ on }) {
    save(on); // @perform
  },
});

const entry = () => ({ date: new Date(), on: store.get('on') === true });

export default defineWidget({
  kind: 'switch',
  provider: {
    placeholder: () => ({ date: new Date(), on: false }),
    getSnapshot: entry,
    getTimeline: () => new Timeline([entry()], ReloadPolicy.never),
  },
  view: (e) => VStack(Text(e.on ? 'On' : 'Off'), Toggle(e.on, switchIt.with({ on: !e.on }), 'Switch')),
});
`;

let widget: WrittenWidget;
before(() => {
  widget = writeWidget(TOGGLE_WIDGET, 'switch.widget.ts');
});
after(() => widget.remove());

async function shownState(client: Awaited<ReturnType<typeof startAdapter>>, want: boolean): Promise<WidgetStateSnapshot> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    const current = state.timeline?.entries[state.timeline.currentIndex];
    if ((current?.data as { on?: boolean } | undefined)?.on === want) return state;
    if (Date.now() > deadline) throw new Error(`the widget never showed on: ${want}; timeline ${JSON.stringify(state.timeline?.entries.map((e) => e.data))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('tap stops at intentPerform in perform, Step Into walks in, and the reload shows the new state', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    const initialized = await client.initializeRequest({ adapterID: 'widget-timeline', pathFormat: 'path' });
    assert.ok(initialized.body?.exceptionBreakpointFilters?.some((f) => f.filter === 'intentPerform'), 'intentPerform is an event filter');
    await launch(client, { program: widget.file, now: '2026-06-01T09:00:00Z' }, () => client.setExceptionBreakpointsRequest({ filters: ['intentPerform'] }));
    await shownState(client, false);

    const unknown = await client.customRequest('tap', { intent: 'switchThat' }).then(
      () => assert.fail('an unknown intent is refused'),
      (error: Error) => error.message,
    );
    assert.match(unknown, /unknown intent "switchThat": the widget defines switchIt/);

    const tapped = client.customRequest('tap', { intent: 'switchIt' });
    const stop = await nextStop(client).catch(async (error: Error) => {
      const state = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
      throw new Error(`${error.message}; trace: ${state.trace.map((r) => `${r.event}@${r.time}`).join(' ')}; extension ${JSON.stringify(state.extension)}`);
    });
    assert.equal(stoppedEvent(stop), 'intentPerform');
    assert.notEqual(stop.threadId, 1, 'perform runs in the extension, not on the System thread');
    assert.equal(stop.top?.source?.path, widget.file);
    assert.equal(stop.top?.line, widget.lineOf('@perform'));
    const scopes = await client.scopesRequest({ frameId: stop.top!.id });
    const locals = await client.variablesRequest({ variablesReference: scopes.body.scopes[0].variablesReference });
    assert.equal(locals.body.variables.find((v) => v.name === 'on')?.value, 'true', 'the parameters bound to the toggle on screen');

    await client.stepInRequest({ threadId: stop.threadId });
    const inSave = await nextStop(client);
    assert.equal(inSave.top?.name, 'save');
    assert.equal(inSave.top?.line, widget.lineOf('@save'));

    await client.continueRequest({ threadId: inSave.threadId });
    await tapped;
    const state = await shownState(client, true);
    assert.ok(state.trace.some((r) => r.event === 'intentPerform' && (r.detail?.parameters as { on?: boolean }).on === true));

    // Explicit parameters override the bound ones.
    await client.setExceptionBreakpointsRequest({ filters: [] });
    await client.customRequest('tap', { intent: 'switchIt', parameters: { on: false } });
    await shownState(client, false);
  } finally {
    await stopAdapter(client);
  }
});
