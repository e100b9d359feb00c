// Terminating the widget extension from the debugger (examples/weather): a system termination
// while stopped inside didFinishDownloadingTo kills the process, its thread exits, a new thread
// appears for the relaunch, onBackgroundURLSessionEvents runs again and the event is delivered
// again; a force quit ends the process and its transfers for good (no wake, no redelivery of
// that event), though the widget's policy reloads go on launching it (issue #15, item 3).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import { collect, launch, nextStop, pidOf, processGone, startAdapter, stopAdapter, stoppedEvent, WEATHER } from './dapSession';

const WEATHER_ARGS = {
  program: join(WEATHER, 'weather.widget.ts'),
  cwd: WEATHER,
  network: { fixtures: join(WEATHER, 'weather.fixtures.json') },
};
const FORECAST_SESSION = 'com.example.weather.forecast';

async function extensionPid(client: Awaited<ReturnType<typeof startAdapter>>, threadId: number): Promise<number> {
  const threads = await client.threadsRequest();
  const thread = threads.body.threads.find((t) => t.id === threadId);
  assert.ok(thread, `thread ${threadId} is listed`);
  return pidOf(thread);
}

test('terminateExtension inside didFinishDownloadingTo: thread exits, relaunch, wake, redelivery', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    await launch(client, WEATHER_ARGS, () =>
      client.setExceptionBreakpointsRequest({ filters: ['didFinishDownloadingTo', 'onBackgroundURLSessionEvents'] }),
    );
    let stop = await nextStop(client);
    while (stoppedEvent(stop) !== 'didFinishDownloadingTo') {
      await client.continueRequest({ threadId: stop.threadId });
      stop = await nextStop(client);
    }
    assert.match(stop.description, new RegExp(`didFinishDownloadingTo \\(${FORECAST_SESSION.replace(/\./g, '\\.')}, task (\\d+)`));
    const task = /task (\d+)/.exec(stop.description)![1];
    const firstThread = stop.threadId;
    const firstPid = await extensionPid(client, firstThread);
    const renameLine = readFileSync(WEATHER_ARGS.program, 'utf8').split('\n').findIndex((l) => l.includes('renameSync(location, saved)')) + 1;
    const set = await client.setBreakpointsRequest({ source: { path: WEATHER_ARGS.program }, breakpoints: [{ line: renameLine }] });
    assert.equal(set.body.breakpoints[0].verified, true);

    const threadEvents = collect<DebugProtocol.ThreadEvent>(client, 'thread', (events) =>
      events.some((e) => e.body.reason === 'exited' && e.body.threadId === firstThread) && events.some((e) => e.body.reason === 'started'),
    );
    const answer = await client.customRequest('terminateExtension', { mode: 'system' });
    assert.ok(answer.success);
    const events = await threadEvents;
    const newThread = events.find((e) => e.body.reason === 'started')!.body.threadId;
    assert.notEqual(newThread, firstThread, 'the relaunch is a new thread');
    await processGone(firstPid);

    // The relaunched process is woken for the session, then gets the same event again.
    const wake = await nextStop(client);
    assert.equal(stoppedEvent(wake), 'onBackgroundURLSessionEvents');
    assert.equal(wake.threadId, newThread);
    assert.notEqual(await extensionPid(client, newThread), firstPid);
    await client.continueRequest({ threadId: wake.threadId });
    const again = await nextStop(client);
    assert.equal(stoppedEvent(again), 'didFinishDownloadingTo');
    assert.equal(again.threadId, newThread);
    assert.match(again.description, new RegExp(`task ${task}\\b`), 'the same task is delivered again');
    assert.equal(again.top?.source?.path, WEATHER_ARGS.program);

    // The line breakpoint set in the first process binds in the new one too.
    await client.continueRequest({ threadId: again.threadId });
    const atLine = await nextStop(client);
    assert.equal(atLine.reason, 'breakpoint');
    assert.equal(atLine.threadId, newThread);
    assert.equal(atLine.top?.line, renameLine);
  } finally {
    await stopAdapter(client);
  }
});

test('force quit inside didFinishDownloadingTo: the process ends and nothing is redelivered', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    await launch(client, WEATHER_ARGS, () => client.setExceptionBreakpointsRequest({ filters: ['didFinishDownloadingTo'] }));
    const stop = await nextStop(client);
    assert.equal(stoppedEvent(stop), 'didFinishDownloadingTo');
    const pid = await extensionPid(client, stop.threadId);
    const exited = collect<DebugProtocol.ThreadEvent>(client, 'thread', (events) => events.some((e) => e.body.reason === 'exited' && e.body.threadId === stop.threadId));
    const settled = collect<DebugProtocol.OutputEvent>(client, 'output', (events) => events.some((e) => e.body.output.startsWith('Reached ')));
    const stopped = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    const task = [...stopped.trace].reverse().find((r) => r.event === 'didFinishDownloadingTo')?.task;
    // The policy reloads after the force quit download again: no stop at their deliveries.
    await client.setExceptionBreakpointsRequest({ filters: [] });
    assert.ok((await client.customRequest('terminateExtension', { mode: 'forceQuit' })).success);
    await exited;
    await processGone(pid);
    await settled;

    const state = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    const quit = state.trace.findIndex((r) => r.event === 'extensionTerminate' && r.detail?.reason === 'forceQuit');
    assert.ok(quit >= 0, 'the trace records the force quit');
    const later = state.trace.slice(quit + 1);
    const names = later.map((r) => `${r.event}${r.task !== undefined ? `#${r.task}` : ''}`).join(', ');
    assert.ok(!later.some((r) => r.event === 'didFinishDownloadingTo' && r.task === task), `redelivered after a force quit: ${names}`);
    const relaunch = later.find((r) => r.event === 'extensionLaunch');
    assert.notEqual(relaunch?.detail?.reason, 'backgroundEvents', `relaunched for background events: ${names}`);
  } finally {
    await stopAdapter(client);
  }
});

test('the terminate launch argument kills the extension at its event; the relaunch is a new thread', { timeout: 90_000 }, async () => {
  const client = await startAdapter();
  try {
    const threads = collect<DebugProtocol.ThreadEvent>(client, 'thread', (events) => events.filter((e) => e.body.reason === 'started').length >= 2);
    await launch(client, { ...WEATHER_ARGS, terminate: [{ at: 'taskResume', occurrence: 1, mode: 'system' }] });
    const events = (await threads).map((e) => `${e.body.reason} ${e.body.threadId}`);
    const [first, second] = events.filter((e) => e.startsWith('started')).map((e) => Number(e.split(' ')[1]));
    assert.notEqual(first, second);
    assert.ok(events.indexOf(`exited ${first}`) >= 0 && events.indexOf(`exited ${first}`) < events.indexOf(`started ${second}`), `thread events: ${events.join(', ')}`);
    const state = (await client.customRequest('widgetState')).body as WidgetStateSnapshot;
    assert.ok(state.trace.some((r) => r.event === 'extensionTerminate' && r.detail?.reason === 'forced'), 'the trace records the forced termination');
  } finally {
    await stopAdapter(client);
  }
});
