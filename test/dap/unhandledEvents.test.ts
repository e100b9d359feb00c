// Lifecycle events the widget has no handler for (examples/weather: its delegate has no
// didWriteData). The kit cannot stop before a handler that does not exist, so stepLifecycle and
// event breakpoints stop at such an event on the System thread, saying that the widget has no
// handler for it, and the system waits there like at any System-thread stop; the next step goes
// on to the following event instead of running through the whole background wake.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import { collect, launch, nextStop, startAdapter, stopAdapter, stoppedEvent, type Stop, WEATHER } from './dapSession';

const WEATHER_ARGS = {
  program: join(WEATHER, 'weather.widget.ts'),
  cwd: WEATHER,
  network: { fixtures: join(WEATHER, 'weather.fixtures.json') },
  now: '2026-06-01T09:00:00Z',
};
const NO_DID_WRITE_DATA = /^Paused on didWriteData \(com\.example\.weather\.forecast, task \d+\) — your delegate has no didWriteData$/;

async function traceEvents(client: DebugClient): Promise<string[]> {
  return ((await client.customRequest('widgetState')).body as WidgetStateSnapshot).trace.map((r) => r.event);
}

/** The stop at didWriteData: on the System thread, saying why, with the system waiting there. */
async function assertUnhandledStop(client: DebugClient, stop: Stop, reason: string): Promise<void> {
  assert.equal(stop.threadId, 1, 'on the System thread');
  assert.equal(stop.reason, reason);
  assert.match(stop.description, NO_DID_WRITE_DATA);
  assert.match(stop.top?.name ?? '', /^didWriteData \(com\.example\.weather\.forecast, task \d+\)$/);
  const threads = (await client.threadsRequest()).body.threads;
  assert.ok(threads.some((t) => t.id !== 1), 'the extension is running');
  // The delivery waits at this stop, so the wake that follows it cannot have begun.
  const events = await traceEvents(client);
  assert.equal(events.at(-1) === 'didWriteData' || events.at(-1) === 'transferComplete', true, events.join(', '));
  assert.ok(!events.includes('onBackgroundURLSessionEvents'), events.join(', '));
}

test('stepLifecycle stops at didWriteData on the System thread when the delegate has no didWriteData', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    await launch(client, WEATHER_ARGS, () => client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'timeline' }] }));
    const timeline = await nextStop(client);
    assert.equal(stoppedEvent(timeline), 'timeline');

    assert.ok((await client.customRequest('stepLifecycle')).success);
    const progress = await nextStop(client);
    await assertUnhandledStop(client, progress, 'step');

    // On to the following event. transferComplete comes from the transfer daemon, not from the
    // delivery held here, so it may have been recorded while the system waited (an event recorded
    // during a stop does not stop, as everywhere); then the wake is next.
    assert.ok((await client.customRequest('stepLifecycle')).success);
    let next = await nextStop(client);
    if (stoppedEvent(next) === 'transferComplete') {
      assert.equal(next.threadId, 1);
      assert.ok((await client.customRequest('stepLifecycle')).success);
      next = await nextStop(client);
    }
    // The wake's handler exists: that stop is in the extension, in the user's handler, as before.
    assert.equal(stoppedEvent(next), 'onBackgroundURLSessionEvents');
    assert.equal(next.reason, 'step');
    assert.notEqual(next.threadId, 1);
    assert.equal(next.top?.source?.path, WEATHER_ARGS.program);
    assert.equal(next.top?.name, 'handler');
    assert.ok((await client.customRequest('stepLifecycle')).success);
    const delivered = await nextStop(client);
    assert.equal(stoppedEvent(delivered), 'didFinishDownloadingTo');
    assert.notEqual(delivered.threadId, 1);
    assert.equal(delivered.top?.name, 'didFinishDownloadingTo');
  } finally {
    await stopAdapter(client);
  }
});

test('an event breakpoint on didWriteData stops on the System thread when the delegate has none; continue goes on', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    await launch(client, WEATHER_ARGS, () =>
      client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'didWriteData' }, { name: 'urlSessionDidFinishEvents' }] }),
    );
    const progress = await nextStop(client);
    await assertUnhandledStop(client, progress, 'breakpoint');

    await client.continueRequest({ threadId: 1 });
    const finish = await nextStop(client);
    assert.equal(stoppedEvent(finish), 'urlSessionDidFinishEvents');
    assert.equal(finish.reason, 'breakpoint');
    assert.equal(finish.top?.name, 'didFinishEvents');
    const settled = collect<DebugProtocol.OutputEvent>(client, 'output', (events) => events.some((e) => e.body.output.startsWith('Reached ')));
    await client.continueRequest({ threadId: finish.threadId });
    await settled;
    assert.ok((await traceEvents(client)).includes('completionHandler'));
  } finally {
    await stopAdapter(client);
  }
});
