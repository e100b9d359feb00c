// A golden log of one whole DAP conversation (after vscode-js-debug's integration tests): the
// requests a client sends and every event and answer the adapter gives, with pids, times and
// temp paths normalised. A change in what a user sees in the Debug Console, the threads or the
// stops shows up as a diff. Rewrite the golden file with UPDATE_GOLDEN=1 after a deliberate change.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { collect, launch, nextStop, ROOT, startAdapter, stopAdapter, type WrittenWidget, writeWidget } from './dapSession';
import { FIXTURES, LIFECYCLE_WIDGET } from './lifecycleWidget';

const GOLDEN = join(ROOT, 'test', 'dap', 'golden', 'lifecycle.conversation.txt');
/** Events whose timing (not content) decides how many arrive: left out of the log. */
const UNTIMED = new Set(['widgetState']);
const EVENTS = ['initialized', 'output', 'stopped', 'continued', 'thread', 'breakpoint', 'terminated', 'exited'];

let widget: WrittenWidget;
before(() => {
  widget = writeWidget(LIFECYCLE_WIDGET);
});
after(() => widget.remove());

function normalise(text: string): string {
  return text
    .split(widget.dir).join('<widget>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/pid \d+/g, 'pid <pid>')
    .replace(/"pid":\d+/g, '"pid":<pid>')
    .replace(/\/tmp\/[\w.-]+\/[^\s"]*/g, '<tmp>')
    .replace(/"id":\d+/g, '"id":<id>')
    // How many runtime frames sit below the user's handler is the kit's business.
    .replace(/"totalFrames":\d+/g, '"totalFrames":<n>');
}

/** Progress events come as often as the transfer's pacing allows: one line stands for a run. */
function collapseRepeats(lines: string[]): string[] {
  return lines.filter((line, i) => line !== lines[i - 1]);
}

test('a whole debug conversation matches its golden log', { timeout: 90_000 }, async () => {
  const client = await startAdapter();
  const log: string[] = [];
  for (const type of EVENTS) {
    client.on(type, (event: DebugProtocol.Event) => {
      // A thread exits when its inspector socket closes, racing the engine's trace of the
      // termination; termination.test.ts asserts thread exits, the log leaves them out.
      if (event.event === 'thread' && (event.body as { reason?: string }).reason === 'exited') return;
      if (!UNTIMED.has(event.event)) log.push(`<- event ${event.event} ${JSON.stringify(event.body ?? {})}`);
    });
  }
  const request = async <T extends DebugProtocol.Response>(command: string, args: unknown, send: () => Promise<T>): Promise<T> => {
    log.push(`-> ${command} ${JSON.stringify(args)}`);
    const response = await send();
    log.push(`<- response ${command} ${response.success ? 'ok' : 'error'}${command === 'initialize' ? '' : ` ${JSON.stringify(response.body ?? {})}`}`);
    return response;
  };
  try {
    const settled = collect<DebugProtocol.OutputEvent>(client, 'output', (events) => events.some((e) => e.body.output.startsWith('Reached ')));
    const args = { program: widget.file, network: { fixtures: FIXTURES }, now: '2026-06-01T09:00:00Z' };
    log.push(`-> initialize, launch ${JSON.stringify({ ...args, network: { fixtures: Object.keys(FIXTURES) } })}, setFunctionBreakpoints didFinishDownloadingTo, configurationDone`);
    await launch(client, args, () => client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'didFinishDownloadingTo' }] }));
    const stop = await nextStop(client);
    await request('threads', {}, () => client.threadsRequest());
    await request('stackTrace', { threadId: stop.threadId, levels: 1 }, () => client.stackTraceRequest({ threadId: stop.threadId, levels: 1 }));
    await request('continue', { threadId: stop.threadId }, () => client.continueRequest({ threadId: stop.threadId }));
    await settled;
    await request('disconnect', {}, () => client.disconnectRequest({}));
  } finally {
    await stopAdapter(client);
  }
  const actual = collapseRepeats(normalise(log.join('\n')).split('\n')).join('\n') + '\n';
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
    writeFileSync(GOLDEN, actual);
    assert.ok(process.env.UPDATE_GOLDEN === '1', `wrote a new golden log to ${GOLDEN}: review it and commit it`);
  }
  assert.equal(actual, readFileSync(GOLDEN, 'utf8'));
});
