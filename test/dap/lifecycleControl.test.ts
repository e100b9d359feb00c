// Driving the lifecycle from the debugger: stopOnEntry stops at the first lifecycle event, Step
// Over on the System thread, Step Out of a handler, and the stepLifecycle request run to
// the next event wherever the stop is, and the custom requests (widgetState, advanceClock, setFamily, reloadTimelines)
// answer with the engine's state or an error that says what to fix; widgetState events follow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import { collect, launch, nextStop, startAdapter, stopAdapter, stoppedEvent, type WrittenWidget, writeWidget } from './dapSession';
import { FIXTURES, LIFECYCLE_WIDGET } from './lifecycleWidget';

let widget: WrittenWidget;
before(() => {
  widget = writeWidget(LIFECYCLE_WIDGET);
});
after(() => widget.remove());

test('stopOnEntry, Step Over on System, stepLifecycle and the custom requests', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    const states = collect<DebugProtocol.Event>(client, 'widgetState', (events) => events.length >= 2);
    await launch(client, { program: widget.file, network: { fixtures: FIXTURES }, stopOnEntry: true, now: '2026-06-01T09:00:00Z' });

    const entry = await nextStop(client);
    assert.equal(entry.reason, 'entry');
    assert.equal(entry.threadId, 1);
    assert.equal(stoppedEvent(entry), 'extensionLaunch');
    assert.equal(entry.top?.name, 'extensionLaunch (timeline)');
    const scopes = await client.scopesRequest({ frameId: entry.top!.id });
    assert.deepEqual(scopes.body.scopes.map((s) => s.name), ['Event', 'Lifecycle']);
    const eventFields = await client.variablesRequest({ variablesReference: scopes.body.scopes[0].variablesReference });
    assert.equal(eventFields.body.variables.find((v) => v.name === 'event')?.value, '"extensionLaunch"');
    const watch = async (expression: string): Promise<string> =>
      (await client.evaluateRequest({ expression, frameId: entry.top!.id, context: 'watch' })).body.result;
    assert.equal(await watch('detail.reason'), '"timeline"');
    assert.equal(await watch('lifecycle.clock.now'), '"2026-06-01T09:00:00.000Z"');
    assert.equal(await watch('launch == 1 && detail.reason == "timeline"'), 'true');

    // Step Over on the System thread: to the next lifecycle event (placeholder, in the extension).
    await client.nextRequest({ threadId: 1 });
    const placeholder = await nextStop(client);
    assert.equal(placeholder.reason, 'step');
    assert.equal(stoppedEvent(placeholder), 'placeholder');
    assert.notEqual(placeholder.threadId, 1);
    assert.equal(placeholder.top?.line, widget.lineOf('@placeholder'));

    // stepLifecycle from inside the extension: the next event, getSnapshot.
    assert.ok((await client.customRequest('stepLifecycle')).success);
    const snapshot = await nextStop(client);
    assert.equal(stoppedEvent(snapshot), 'getSnapshot');
    assert.equal(snapshot.top?.line, widget.lineOf('@getSnapshot'));

    // Step Out of the handler (into the runtime): on to the next lifecycle event, getTimeline.
    await client.stepOutRequest({ threadId: snapshot.threadId });
    const pastEnd = await nextStop(client);
    assert.equal(pastEnd.reason, 'step');
    assert.equal(stoppedEvent(pastEnd), 'getTimeline');
    assert.equal(pastEnd.top?.line, widget.lineOf('@getTimeline'));

    const state = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    assert.equal(state.version, 1);
    assert.equal(state.mode, 'debug');
    assert.equal(state.now, '2026-06-01T09:00:00.000Z');
    assert.ok(state.trace.some((r) => r.event === 'placeholder'));
    assert.ok((await states).every((e) => (e.body as WidgetStateSnapshot).version === 1), 'widgetState events carry the snapshot');

    const badFamily = await client.customRequest('setFamily', { family: 'systemGiant' }).then(() => undefined, (e: Error) => e);
    assert.match(badFamily?.message ?? '', /family.*systemSmall/);
    const badClock = await client.customRequest('advanceClock', { to: 'soon' }).then(() => undefined, (e: Error) => e);
    assert.match(badClock?.message ?? '', /ISO 8601/);
    const badMode = await client.customRequest('terminateExtension', { mode: 'gently' }).then(() => undefined, (e: Error) => e);
    assert.match(badMode?.message ?? '', /system.*forceQuit/);

    // Let it run freely, then move the virtual clock by an hour past where it settled.
    await client.continueRequest({ threadId: pastEnd.threadId });
    const settled = collect<DebugProtocol.OutputEvent>(client, 'output', (events) => events.some((e) => e.body.output.startsWith('Reached ')));
    await settled;
    const advanced = await client.customRequest('advanceClock', { by: 3_600_000 });
    assert.equal((advanced.body as { now: string }).now, '2026-06-01T11:00:00.000Z');
    const timelines = (s: WidgetStateSnapshot): number => s.trace.filter((r) => r.event === 'getTimeline').length;
    assert.ok((await client.customRequest('setFamily', { family: 'systemMedium' })).success);
    const before = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    assert.equal(before.family, 'systemMedium');
    assert.ok((await client.customRequest('reloadTimelines', { kind: 'lifecycle' })).success);
    const after = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    assert.ok(timelines(after) > timelines(before), 'the reload asked the provider for a new timeline');
  } finally {
    await stopAdapter(client);
  }
});
