// Going back in a run (DESIGN.md section 11): Step Back to the previous lifecycle event's stop,
// Reverse Continue to the previous stop of an event filter, goToEvent to any trace record, each
// by re-executing the recorded run in a fresh system (new extension processes) up to there; the
// session's recording, and a session that replays it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { TraceRecord, WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import { launch, nextStop, startAdapter, stopAdapter, stoppedEvent, type Stop, type WrittenWidget, writeWidget } from './dapSession';
import { FIXTURES, LIFECYCLE_WIDGET } from './lifecycleWidget';

let widget: WrittenWidget;
before(() => {
  widget = writeWidget(LIFECYCLE_WIDGET);
});
after(() => widget.remove());

const NOW = '2026-06-01T09:00:00Z';

async function trace(client: DebugClient): Promise<TraceRecord[]> {
  return ((await client.customRequest('widgetState')).body as WidgetStateSnapshot).trace;
}

/** Steps from lifecycle event to lifecycle event `count` times; the stops, in order. */
async function stepEvents(client: DebugClient, count: number): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < count; i++) {
    assert.ok((await client.customRequest('stepLifecycle')).success);
    stops.push(await nextStop(client));
  }
  return stops;
}

test('Step Back, Reverse Continue and goToEvent re-execute the run to an earlier event and stop there', { timeout: 180_000 }, async () => {
  const client = await startAdapter();
  const recording = join(widget.dir, 'session.recording.jsonl');
  try {
    const initialized = await client.initializeRequest({ adapterID: 'widget-timeline', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    assert.equal(initialized.body?.supportsStepBack, true);
    await launch(client, { program: widget.file, network: { fixtures: FIXTURES }, stopOnEntry: true, now: NOW, record: recording }, () =>
      client.setExceptionBreakpointsRequest({ filters: ['getSnapshot'] }),
    );
    const entry = await nextStop(client);
    assert.equal(stoppedEvent(entry), 'extensionLaunch');
    const stepBackAtStart = await client.stepBackRequest({ threadId: entry.threadId }).then(() => undefined, (e: Error) => e);
    assert.match(stepBackAtStart?.message ?? '', /first lifecycle event/);

    // Forward: extensionLaunch, placeholder, getSnapshot (its filter stops too), getTimeline, taskResume...
    const forward = [entry, ...(await stepEvents(client, 4))];
    const events = forward.map(stoppedEvent);
    assert.deepEqual(events.slice(0, 4), ['extensionLaunch', 'placeholder', 'getSnapshot', 'getTimeline']);
    const seqOf = async (event: string): Promise<number> => (await trace(client)).find((r) => r.event === event)!.seq;
    const snapshotSeq = await seqOf('getSnapshot');
    const timelineSeq = await seqOf('getTimeline');
    const pidBefore = (await client.threadsRequest()).body.threads.map((t) => t.name);

    // Step Back from the 5th stop: the 4th event's stop again, in a new extension process.
    await client.stepBackRequest({ threadId: forward[4].threadId });
    const back = await nextStop(client);
    assert.equal(back.reason, 'step');
    assert.equal(stoppedEvent(back), events[3]);
    assert.equal(back.top?.line, widget.lineOf('@getTimeline'), 'stopped at getTimeline\'s first line, in the user\'s source');
    assert.notDeepEqual((await client.threadsRequest()).body.threads.map((t) => t.name), pidBefore, 'a fresh extension process');
    const rewound = await trace(client);
    assert.deepEqual(rewound.map((r) => r.seq).filter((seq) => seq > timelineSeq), [], `the state is the state at getTimeline: ${JSON.stringify(rewound.map((r) => [r.seq, r.event]))}`);

    // Reverse Continue: back to the previous stop of the getSnapshot filter.
    await client.reverseContinueRequest({ threadId: back.threadId });
    const filterStop = await nextStop(client);
    assert.equal(filterStop.reason, 'breakpoint');
    assert.equal(stoppedEvent(filterStop), 'getSnapshot');
    assert.equal((await trace(client)).at(-1)?.seq, snapshotSeq, 'the state is the state at getSnapshot');

    // goToEvent forward again, to getTimeline's record.
    const answer = await client.customRequest('goToEvent', { seq: timelineSeq });
    assert.deepEqual(answer.body, { seq: timelineSeq });
    const goto = await nextStop(client);
    assert.equal(goto.reason, 'goto');
    assert.equal(stoppedEvent(goto), 'getTimeline');
    const missing = await client.customRequest('goToEvent', { seq: 10_000 }).then(() => undefined, (e: Error) => e);
    assert.match(missing?.message ?? '', /no trace record #10000/);

    // Run on: the replayed run goes on as recorded.
    await client.continueRequest({ threadId: goto.threadId });
    await client.disconnectRequest({ terminateDebuggee: true });
    assert.ok(existsSync(recording), 'the session wrote its recording');
    const header = JSON.parse(readFileSync(recording, 'utf8').split('\n')[0]) as { recording: number; widget: { file: string } };
    assert.equal(header.recording, 1);
    assert.equal(header.widget.file, widget.file);
  } finally {
    await stopAdapter(client);
  }

  // A session that replays the recording: the same events, and it can be gone back in at once.
  const replay = await startAdapter();
  try {
    await launch(replay, { program: widget.file, replay: recording, stopOnEntry: true, record: false });
    const first = await nextStop(replay);
    assert.equal(stoppedEvent(first), 'extensionLaunch');
    await replay.customRequest('goToEvent', { seq: 3 });
    const third = await nextStop(replay);
    assert.equal(third.reason, 'goto');
    const recorded = readFileSync(recording, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as TraceRecord & { input?: string });
    assert.equal(stoppedEvent(third), recorded.find((r) => r.seq === 3)?.event);
  } finally {
    await stopAdapter(replay);
  }
});

test('a replay argument that is not a recording is a launch error naming it', { timeout: 60_000 }, async () => {
  const client = await startAdapter();
  try {
    await client.initializeRequest({ adapterID: 'widget-timeline', pathFormat: 'path' });
    const error = await client.launchRequest({ program: widget.file, replay: widget.file } as never).then(() => undefined, (e: Error) => e);
    assert.match(error?.message ?? '', /Launch argument "replay": .*line 1 is not JSON/);
  } finally {
    await stopAdapter(client);
  }
});
