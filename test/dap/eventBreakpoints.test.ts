// Event breakpoints through the real adapter: every lifecycle event's filter stops (one table of
// all events in one run), each stop's description names its event, extension-side handler
// events stop in the user's handler at its first line, and conditions on the event's fields
// decide whether a filter or function breakpoint stops.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { isExtensionEvent, LIFECYCLE_EVENTS, type LifecycleEventName } from '../../src/protocol/lifecycle';
import { launch, nextStop, startAdapter, stopAdapter, stoppedEvent, type Stop, type WrittenWidget, writeWidget } from './dapSession';
import { FIXTURES, LIFECYCLE_WIDGET, SESSION_ID } from './lifecycleWidget';
import { startSlowServer, type SlowServer } from './slowServer';

/** Where the top frame must be when the event stops inside a user handler. */
const HANDLER_LINES: Partial<Record<LifecycleEventName, string>> = {
  placeholder: '@placeholder',
  getSnapshot: '@getSnapshot',
  getTimeline: '@getTimeline',
  onBackgroundURLSessionEvents: '@wake',
  didWriteData: '@didWriteData',
  didFinishDownloadingTo: '@didFinish',
  didCompleteWithError: '@didComplete',
  urlSessionDidFinishEvents: '@didFinishEvents',
};

/**
 * Events this widget's run has no cause for: pushes (test/dap/pushes.test.ts stops at those) and
 * taps (test/dap/intents.test.ts).
 */
const PUSH_EVENTS: readonly LifecycleEventName[] = ['widgetPush', 'pushTokenDidChange', 'intentPerform'];
const RUN_EVENTS = LIFECYCLE_EVENTS.filter((event) => !PUSH_EVENTS.includes(event));

let widget: WrittenWidget;
let server: SlowServer;
before(async () => {
  widget = writeWidget(LIFECYCLE_WIDGET);
  server = await startSlowServer();
});
after(async () => {
  widget.remove();
  await server.close();
});

test('every lifecycle event filter stops, on the right thread, naming its event', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    const initialized = await client.initializeRequest({ adapterID: 'widget-timeline', pathFormat: 'path' });
    const filters = (initialized.body?.exceptionBreakpointFilters ?? []).map((f) => f.filter);
    for (const event of LIFECYCLE_EVENTS) assert.ok(filters.includes(event), `no exception filter for ${event}`);

    // A real slow server: progress reaches the extension while getTimeline waits for it.
    const launched = client.launchRequest({ program: widget.file, env: { DATA_URL: server.url } } as DebugProtocol.LaunchRequestArguments);
    const set = await client.setExceptionBreakpointsRequest({ filters: [...LIFECYCLE_EVENTS] });
    assert.ok(set.body?.breakpoints?.every((b) => b.verified));
    await client.configurationDoneRequest();
    await launched;

    const firstStop = new Map<string, Stop>();
    while (firstStop.size < RUN_EVENTS.length) {
      const stop = await nextStop(client).catch((error: Error) => {
        const missing = RUN_EVENTS.filter((e) => !firstStop.has(e));
        throw new Error(`${error.message}; never stopped at: ${missing.join(', ')}`);
      });
      const event = stoppedEvent(stop);
      assert.ok(LIFECYCLE_EVENTS.includes(event as LifecycleEventName), `a stop names no lifecycle event: ${stop.description}`);
      if (!firstStop.has(event)) firstStop.set(event, stop);
      await client.continueRequest({ threadId: stop.threadId });
    }

    for (const event of RUN_EVENTS) {
      const stop = firstStop.get(event)!;
      const handler = HANDLER_LINES[event];
      if (handler) {
        assert.notEqual(stop.threadId, 1, `${event} should stop on the extension thread`);
        assert.equal(stop.top?.source?.path, widget.file, `${event}: top frame not in the widget file`);
        assert.equal(stop.top?.line, widget.lineOf(handler), `${event}: top frame not at the handler's first line`);
      } else if (!isExtensionEvent(event) || ['taskResume', 'completionHandler', 'reloadTimelines'].includes(event)) {
        assert.equal(stop.threadId, 1, `${event} should stop on the System thread`);
      }
    }
    // A System stop that knows its place in the user's code shows it: the completion call.
    const completion = firstStop.get('completionHandler')!;
    assert.equal(completion.top?.source?.path, widget.file);
    assert.equal(completion.top?.line, widget.lineOf('@complete'));
    assert.match(firstStop.get('transferComplete')!.description, new RegExp(`Paused on transferComplete \\(${SESSION_ID.replace(/\./g, '\\.')}, task \\d+`));
  } finally {
    await stopAdapter(client);
  }
});

test('conditions on event fields choose which events stop; bad conditions are refused', { timeout: 90_000 }, async () => {
  const client = await startAdapter();
  try {
    let filterAnswer: DebugProtocol.SetExceptionBreakpointsResponse | undefined;
    let functionAnswer: DebugProtocol.SetFunctionBreakpointsResponse | undefined;
    await launch(client, { program: widget.file, network: { fixtures: FIXTURES } }, async () => {
      filterAnswer = await client.setExceptionBreakpointsRequest({
        filters: [],
        filterOptions: [
          { filterId: 'transferComplete', condition: 'detail.status == 404' },
          { filterId: 'timeline', condition: 'identifier ==' },
        ],
      });
      functionAnswer = await client.setFunctionBreakpointsRequest({
        breakpoints: [
          { name: 'getTimeline', condition: 'identifier == "someone.else"' },
          { name: 'didFinishDownloadingTo', condition: `identifier == "${SESSION_ID}" && task >= 1 && launch > 0` },
          { name: 'notAnEvent' },
        ],
      });
    });
    assert.deepEqual(filterAnswer!.body!.breakpoints!.map((b) => b.verified), [true, false]);
    assert.match(filterAnswer!.body!.breakpoints![1].message ?? '', /condition/);
    assert.deepEqual(functionAnswer!.body.breakpoints.map((b) => b.verified), [true, true, false]);
    assert.match(functionAnswer!.body.breakpoints[2].message ?? '', /not a lifecycle event/);

    // transferComplete (status 200) and getTimeline came first but their conditions were false.
    const stop = await nextStop(client);
    assert.equal(stoppedEvent(stop), 'didFinishDownloadingTo');
    assert.equal(stop.top?.line, widget.lineOf('@didFinish'));
  } finally {
    await stopAdapter(client);
  }
});

test('an event whose handler the widget lacks stops on the System thread and does not mislabel the next stop', { timeout: 90_000 }, async () => {
  // The same widget without didWriteData: the kit delivers progress to nobody and never pauses,
  // so each didWriteData stops on the System thread instead, saying so.
  const start = LIFECYCLE_WIDGET.indexOf('    didWriteData(');
  const end = LIFECYCLE_WIDGET.indexOf('    didFinishDownloadingTo(');
  const noProgress = writeWidget(LIFECYCLE_WIDGET.slice(0, start) + LIFECYCLE_WIDGET.slice(end), 'noprogress.widget.ts');
  const client = await startAdapter();
  try {
    const callSum = noProgress.lineOf('@callSum');
    await launch(client, { program: noProgress.file, env: { DATA_URL: server.url } }, async () => {
      await client.setExceptionBreakpointsRequest({ filters: ['didWriteData'] });
      await client.setBreakpointsRequest({ source: { path: noProgress.file }, breakpoints: [{ line: callSum }] });
    });
    let stop = await nextStop(client);
    let progressStops = 0;
    while (stoppedEvent(stop) === 'didWriteData') {
      progressStops += 1;
      assert.equal(stop.threadId, 1);
      assert.equal(stop.reason, 'breakpoint');
      assert.match(stop.description, /— your delegate has no didWriteData$/);
      await client.continueRequest({ threadId: 1 });
      stop = await nextStop(client);
    }
    assert.ok(progressStops > 0, 'progress reached the extension');
    assert.equal(stop.reason, 'breakpoint');
    assert.equal(stop.description, 'Paused on breakpoint');
    assert.equal(stop.top?.line, callSum);
  } finally {
    await stopAdapter(client);
    noProgress.remove();
  }
});

test('a bound delegate method (no breakpoint can be set on its call) still stops on its first line', { timeout: 90_000 }, async () => {
  // The kit cannot break on a bound function's call: it stops at its `debugger;` instead and the
  // adapter walks from there into the method.
  const method = `    didCompleteWithError(_s: unknown, _t: unknown, error: unknown) {
      const failed = error !== null; // @didComplete
      return failed;
    },`;
  assert.ok(LIFECYCLE_WIDGET.includes(method), 'the lifecycle widget still has its didCompleteWithError');
  const bound = writeWidget(
    LIFECYCLE_WIDGET.replace(method, method.replace('didCompleteWithError(', 'didCompleteWithError: function (').replace(/},$/, '}.bind(null),')),
    'bound.widget.ts',
  );
  const client = await startAdapter();
  try {
    await launch(client, { program: bound.file, network: { fixtures: FIXTURES } }, async () => {
      await client.setExceptionBreakpointsRequest({ filters: ['didCompleteWithError'] });
    });
    const stop = await nextStop(client);
    assert.equal(stoppedEvent(stop), 'didCompleteWithError');
    assert.notEqual(stop.threadId, 1, 'on the extension thread');
    assert.equal(stop.top?.source?.path, bound.file);
    assert.equal(stop.top?.line, bound.lineOf('@didComplete'));
  } finally {
    await stopAdapter(client);
    bound.remove();
  }
});
