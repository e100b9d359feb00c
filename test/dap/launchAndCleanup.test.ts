// Launch arguments and the end of a session: each bad argument gets an error response naming
// it (never a crash: the same adapter answers the next request), a disconnect leaves no
// process behind, and an adapter killed outright takes the widget extension with it, even
// while that process is paused in the inspector.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launch, nextStop, pidOf, processGone, startAdapter, stopAdapter, type WrittenWidget, writeWidget } from './dapSession';
import { FIXTURES, LIFECYCLE_WIDGET } from './lifecycleWidget';

let widget: WrittenWidget;
before(() => {
  widget = writeWidget(LIFECYCLE_WIDGET);
  writeFileSync(join(widget.dir, 'broken.fixtures.json'), '{ "https://x.test/": ');
});
after(() => widget.remove());

test('each bad launch argument gets an error response that names it', { timeout: 60_000 }, async () => {
  const cases: { args: Record<string, unknown>; names: RegExp }[] = [
    { args: {}, names: /program/ },
    { args: { program: join(widget.dir, 'missing.widget.ts') }, names: /program.*missing\.widget\.ts/ },
    { args: { program: widget.dir }, names: /program/ },
    { args: { program: widget.file, family: 'systemHuge' }, names: /family.*systemHuge/ },
    { args: { program: widget.file, now: 'yesterday' }, names: /now/ },
    { args: { program: widget.file, clock: 'fast' }, names: /clock/ },
    { args: { program: widget.file, network: { fixtures: join(widget.dir, 'broken.fixtures.json') } }, names: /fixtures/ },
    { args: { program: widget.file, network: { fixtures: 42 } }, names: /fixtures/ },
    { args: { program: widget.file, terminate: [{ at: 'lunch' }] }, names: /terminate\[0\]\.at.*lunch/ },
    { args: { program: widget.file, terminate: [{ at: 'taskResume', occurrence: 0 }] }, names: /terminate\[0\]\.occurrence/ },
    { args: { program: widget.file, terminate: [{ at: 'taskResume', mode: 'gently' }] }, names: /terminate\[0\]\.mode/ },
    { args: { program: widget.file, terminate: 'taskResume' }, names: /terminate/ },
    { args: { program: widget.file, memoryLimitMb: 'lots' }, names: /memoryLimitMb/ },
    { args: { program: widget.file, budget: 1.5 }, names: /budget/ },
    { args: { program: widget.file, env: { N: 1 } }, names: /env/ },
    { args: { program: widget.file, stopOnEntry: 'yes' }, names: /stopOnEntry/ },
    { args: { program: widget.file, cwd: join(widget.dir, 'nowhere') }, names: /cwd/ },
  ];
  const client = await startAdapter();
  try {
    await client.initializeRequest({ adapterID: 'widget-timeline', pathFormat: 'path' });
    for (const { args, names } of cases) {
      const error = await client.launchRequest(args as DebugProtocol.LaunchRequestArguments).then(
        () => undefined,
        (e: Error) => e,
      );
      assert.ok(error, `launch ${JSON.stringify(args)} was accepted`);
      assert.match(error.message, names, `launch ${JSON.stringify(args)}: ${error.message}`);
    }
    // Still alive and answering.
    assert.equal((await client.threadsRequest()).body.threads[0].name, 'System');
  } finally {
    await stopAdapter(client);
  }
});

async function stoppedInsideHandler(): Promise<{ client: Awaited<ReturnType<typeof startAdapter>>; pid: number }> {
  const client = await startAdapter();
  await launch(client, { program: widget.file, network: { fixtures: FIXTURES } }, () => client.setExceptionBreakpointsRequest({ filters: ['getTimeline'] }));
  const stop = await nextStop(client);
  const thread = (await client.threadsRequest()).body.threads.find((t) => t.id === stop.threadId)!;
  return { client, pid: pidOf(thread) };
}

test('disconnect leaves no widget extension process behind', { timeout: 60_000 }, async () => {
  const { client, pid } = await stoppedInsideHandler();
  process.kill(pid, 0); // alive while stopped
  await client.disconnectRequest({});
  await processGone(pid);
  await stopAdapter(client);
});

test('an adapter killed with SIGKILL takes its paused widget extension with it', { timeout: 60_000 }, async () => {
  const { client, pid } = await stoppedInsideHandler();
  const adapter = (client as unknown as { _adapterProcess: { pid: number } })._adapterProcess;
  assert.ok(adapter?.pid, 'the test client exposes the adapter process');
  process.kill(adapter.pid, 'SIGKILL');
  await processGone(adapter.pid);
  await processGone(pid);
  // No stopAdapter(client): the adapter is gone already.
});
