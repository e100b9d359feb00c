// Line-level debugging of widget code through the inspector: a line breakpoint in the user's .ts
// file is verified and hit, a conditional breakpoint stops only when its condition holds, a
// logpoint prints without stopping, evaluate reads the paused frame, and Step Over / Into / Out
// walk the user's own lines; the Lifecycle scope sits beside the locals.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { collect, launch, nextStop, startAdapter, stopAdapter, type WrittenWidget, writeWidget } from './dapSession';
import { FIXTURES, LIFECYCLE_WIDGET } from './lifecycleWidget';

let widget: WrittenWidget;
before(() => {
  widget = writeWidget(LIFECYCLE_WIDGET);
});
after(() => widget.remove());

test('line, conditional and log breakpoints, evaluate, scopes and stepping in a .ts widget', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    const sumLoop = widget.lineOf('@sumLoop');
    const didFinish = widget.lineOf('@didFinish');
    const callSum = widget.lineOf('@callSum');
    const afterSum = widget.lineOf('@afterSum');
    let answer: DebugProtocol.SetBreakpointsResponse | undefined;
    const logged = collect<DebugProtocol.OutputEvent>(client, 'output', (events) => events.some((e) => e.body.output.includes('adding 1')));
    await launch(client, { program: widget.file, network: { fixtures: FIXTURES } }, async () => {
      answer = await client.setBreakpointsRequest({
        source: { path: widget.file },
        breakpoints: [
          { line: didFinish },
          { line: sumLoop, condition: 'i === 2' },
          { line: sumLoop, logMessage: 'adding {values[i]}' },
          { line: 9999 },
        ],
      });
    });
    const verified = answer!.body.breakpoints.map((b) => b.verified);
    assert.deepEqual(verified, [true, true, true, false], 'lines in the file verify, a line past its end does not');

    // 1. The plain line breakpoint in didFinishDownloadingTo.
    const first = await nextStop(client);
    assert.equal(first.reason, 'breakpoint');
    assert.equal(first.top?.source?.path, widget.file);
    assert.equal(first.top?.line, didFinish);
    const scopes = await client.scopesRequest({ frameId: first.top!.id });
    const names = scopes.body.scopes.map((s) => s.name);
    assert.ok(names.includes('Locals') && names.includes('Lifecycle'), `scopes: ${names.join(', ')}`);
    const locals = await client.variablesRequest({ variablesReference: scopes.body.scopes.find((s) => s.name === 'Locals')!.variablesReference });
    assert.ok(locals.body.variables.some((v) => v.name === 'location' && /\.tmp"$/.test(v.value)), 'the parameter "location" is listed with its value');
    const lifecycle = await client.variablesRequest({ variablesReference: scopes.body.scopes.find((s) => s.name === 'Lifecycle')!.variablesReference });
    assert.ok(['clock', 'sessionCache', 'pendingEvents', 'storedCompletions', 'timeline', 'budget'].every((n) => lifecycle.body.variables.some((v) => v.name === n)));
    const hover = await client.evaluateRequest({ expression: 'location', frameId: first.top!.id, context: 'hover' });
    assert.match(hover.body.result, /\.tmp"$/, 'hover reads the parameter of the paused frame');
    const watch = await client.evaluateRequest({ expression: 'location.length > 4 ? "downloaded" : "empty"', frameId: first.top!.id, context: 'watch' });
    assert.equal(watch.body.result, '"downloaded"');

    // 2. Step Over goes to the next line; Step Into enters sum() at its first line.
    await client.nextRequest({ threadId: first.threadId });
    assert.equal((await nextStop(client)).top?.line, callSum);
    await client.stepInRequest({ threadId: first.threadId });
    const inSum = await nextStop(client);
    assert.equal(inSum.reason, 'step');
    assert.equal(inSum.top?.name, 'sum');
    assert.equal(inSum.top?.line, widget.lineOf('@sumFirst'));

    // 3. Continue: the conditional breakpoint stops when i === 2 only; the logpoint has printed.
    await client.continueRequest({ threadId: first.threadId });
    const conditional = await nextStop(client);
    assert.equal(conditional.top?.line, sumLoop);
    const i = await client.evaluateRequest({ expression: 'i', frameId: conditional.top!.id, context: 'repl' });
    assert.equal(i.body.result, '2');
    await logged;

    // 4. Step Out returns to the caller (V8 stops on the call's line or the next statement).
    await client.stepOutRequest({ threadId: first.threadId });
    let back = await nextStop(client);
    assert.equal(back.top?.name, 'didFinishDownloadingTo');
    assert.ok(back.top?.line === callSum || back.top?.line === afterSum, `step out landed on line ${back.top?.line}`);
    if (back.top?.line === callSum) {
      await client.nextRequest({ threadId: first.threadId });
      back = await nextStop(client);
    }
    assert.equal(back.top?.line, afterSum);
    const total = await client.evaluateRequest({ expression: 'total', frameId: back.top!.id, context: 'watch' });
    assert.equal(total.body.result, '6');
  } finally {
    await stopAdapter(client);
  }
});
