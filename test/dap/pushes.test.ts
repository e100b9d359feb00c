// Pushes from the debugger (DESIGN.md section 10): the `widgetPush` and `pushTokenDidChange`
// filters stop (the push on the System thread, the token in the user's pushHandler at its first
// line), and the custom request `sendPush` answers what the system did: a reload whose new
// timeline the widget state shows, or a push over the budget that reloads nothing. Pushes sent
// from the debugger are in the session's recording, so going back (goToEvent) re-executes them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import type { PushResult } from '../../src/system/widgetPushes';
import { launch, nextStop, startAdapter, stopAdapter, stoppedEvent, type WrittenWidget, writeWidget } from './dapSession';

const PUSHED_WIDGET = `import { defineWidget, ReloadPolicy, Text, Timeline, UserDefaults } from 'widgetkit';

const store = UserDefaults.suite('group.com.example.dap-pushes');

export default defineWidget({
  kind: 'pushed',
  provider: {
    placeholder: () => ({ date: new Date(), count: 0 }),
    getSnapshot: () => ({ date: new Date(), count: 0 }),
    getTimeline() {
      const count = ((store.get('count') as number | undefined) ?? 0) + 1;
      store.set('count', count);
      return new Timeline([{ date: new Date(), count }], ReloadPolicy.never);
    },
  },
  view: (entry) => Text(\`reload \${entry.count}\`),
  pushHandler: {
    pushTokenDidChange(pushInfo, widgets) {
      const token = pushInfo.token; // @pushToken
      console.log(\`token \${token} for \${widgets.length} widget(s)\`);
    },
  },
});
`;

let widget: WrittenWidget;
before(() => {
  widget = writeWidget(PUSHED_WIDGET, 'pushed.widget.ts');
});
after(() => widget.remove());

const shownCount = (state: WidgetStateSnapshot): unknown => (state.timeline?.entries[0]?.data as { count?: number } | undefined)?.count;

test('widgetPush and pushTokenDidChange stop; sendPush answers what happened', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    const initialized = await client.initializeRequest({ adapterID: 'widget-timeline', pathFormat: 'path' });
    const filters = (initialized.body?.exceptionBreakpointFilters ?? []).map((f) => f.filter);
    assert.ok(filters.includes('widgetPush') && filters.includes('pushTokenDidChange'), filters.join(', '));
    await launch(client, { program: widget.file, now: '2026-06-01T09:00:00Z', pushBudget: 2 }, () =>
      client.setExceptionBreakpointsRequest({ filters: ['pushTokenDidChange'] }),
    );

    // The token arrives in the user's handler, at its first line, on the extension's thread.
    const token = await nextStop(client);
    assert.equal(stoppedEvent(token), 'pushTokenDidChange');
    assert.notEqual(token.threadId, 1);
    assert.equal(token.top?.source?.path, widget.file);
    assert.equal(token.top?.line, widget.lineOf('@pushToken'));
    await client.continueRequest({ threadId: token.threadId });

    // A push with no breakpoint on it: the answer says the timeline reloaded, and it did.
    const first = (await client.customRequest('sendPush', {})).body as PushResult;
    assert.equal(first.outcome, 'reload');
    assert.deepEqual([first.used, first.limit], [1, 2]);
    const state = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    assert.equal(shownCount(state), 2);
    assert.deepEqual(state.pushBudget && [state.pushBudget.used, state.pushBudget.limit], [1, 2]);

    // With the filter on, the push stops on the System thread before the system acts on it.
    await client.setExceptionBreakpointsRequest({ filters: ['widgetPush'] });
    const answer = client.customRequest('sendPush', {});
    const push = await nextStop(client);
    assert.equal(stoppedEvent(push), 'widgetPush');
    assert.equal(push.threadId, 1);
    const watch = async (expression: string): Promise<string> => (await client.evaluateRequest({ expression, frameId: push.top!.id, context: 'watch' })).body.result;
    assert.equal(await watch('detail.outcome'), '"reload"');
    assert.equal(await watch('lifecycle.pushBudget.limit'), '2');
    await client.continueRequest({ threadId: 1 });
    assert.equal(((await answer).body as PushResult).outcome, 'reload');

    // The third push is over the budget of 2: recorded (it still stops), nothing reloads.
    const third = client.customRequest('sendPush', {});
    const over = await nextStop(client);
    assert.match(over.description, /^Paused on widgetPush/);
    await client.continueRequest({ threadId: 1 });
    const result = (await third).body as PushResult;
    assert.equal(result.outcome, 'overBudget');
    assert.match(result.reason ?? '', /push budget is spent/);
    const after = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    assert.equal(shownCount(after), 3, 'only the two pushes within the budget reloaded');
    assert.ok(after.findings.some((f) => f.code === 'push-budget-exhausted'));
  } finally {
    await stopAdapter(client);
  }
});

test('pushes sent while debugging are recorded: goToEvent re-executes the run through them', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  const recording = join(widget.dir, 'pushes.recording.jsonl');
  try {
    await launch(client, { program: widget.file, now: '2026-06-01T09:00:00Z', record: recording });
    assert.equal(((await client.customRequest('sendPush', {})).body as PushResult).outcome, 'reload');
    await client.customRequest('advanceClock', { by: 600_000 });
    const second = (await client.customRequest('sendPush', {})).body as PushResult;
    assert.equal(second.outcome, 'reload');
    // Back to the second push's record: the fresh run gets there only by sending both pushes again.
    await client.customRequest('goToEvent', { seq: second.seq });
    const stop = await nextStop(client);
    assert.equal(stop.reason, 'goto');
    assert.equal(stoppedEvent(stop), 'widgetPush');
    const state = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    assert.deepEqual(state.trace.filter((r) => r.event === 'widgetPush').map((r) => r.time), ['2026-06-01T09:00:00.000Z', second.time]);
    assert.equal(shownCount(state), 2, 'the state at the second push: one reload so far');
    await client.continueRequest({ threadId: stop.threadId });
    await client.disconnectRequest({ terminateDebuggee: true });
    const inputs = readFileSync(recording, 'utf8').split('\n').filter((line) => line.includes('"input":"push"'));
    assert.equal(inputs.length, 2, 'both pushes are inputs of the recording');
  } finally {
    await stopAdapter(client);
  }
});
