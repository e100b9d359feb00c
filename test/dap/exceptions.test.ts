// Errors in widget code: an error the widget catches itself does not stop, one that escapes a
// provider stops with reason 'exception' and its message (although the runtime catches it to
// report provider-threw), the finding arrives as output at the throw's file and line, and
// large values page their elements; columns are the TypeScript source's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { collect, launch, nextStop, startAdapter, stopAdapter, type WrittenWidget, writeWidget } from './dapSession';

const THROWING_WIDGET = `import { defineWidget, Text, Timeline, ReloadPolicy } from 'widgetkit';

function parse(text: string): number {
  try {
    return JSON.parse(text); // @caughtThrow
  } catch {
    return -1;
  }
}

export default defineWidget({
  kind: 'throwing',
  provider: {
    placeholder() {
      return { date: new Date(), value: parse('not json') };
    },
    getSnapshot() {
      return { date: new Date(), value: 1 };
    },
    getTimeline() {
      const values = Array.from({ length: 250 }, (_, i) => i * 2);
      const count: number = values.length; if (count > 0) throw new Error('forecast unavailable'); // @uncaughtThrow
      return new Timeline([{ date: new Date(), value: 1 }], ReloadPolicy.never);
    },
  },
  view: (entry: { value: number }) => Text('value ' + entry.value),
});
`;

let widget: WrittenWidget;
before(() => {
  widget = writeWidget(THROWING_WIDGET, 'throwing.widget.ts');
});
after(() => widget.remove());

test('uncaught errors in widget code stop; caught ones do not; the finding points at the throw', { timeout: 90_000 }, async () => {
  const client = await startAdapter();
  try {
    const findingOutput = collect<DebugProtocol.OutputEvent>(client, 'output', (events) => events.some((e) => e.body.output.includes('[provider-threw]')));
    await launch(client, { program: widget.file }, () => client.setExceptionBreakpointsRequest({ filters: ['uncaughtErrors'] }));

    const stop = await nextStop(client);
    assert.equal(stop.reason, 'exception', `stopped for ${stop.reason}: ${stop.description}`);
    assert.match(stop.description, /forecast unavailable/);
    assert.equal(stop.top?.source?.path, widget.file);
    assert.equal(stop.top?.line, widget.lineOf('@uncaughtThrow'), 'not at the caught JSON.parse error');
    // The column is the TypeScript's (through the inline source map), not the transpiled one's.
    const throwLine = THROWING_WIDGET.split('\n')[widget.lineOf('@uncaughtThrow') - 1];
    assert.equal(stop.top?.column, throwLine.indexOf('throw') + 1);
    const info = await client.exceptionInfoRequest({ threadId: stop.threadId });
    assert.match(info.body.description ?? '', /forecast unavailable/);

    // Paging: the 250 values page by index.
    const values = await client.evaluateRequest({ expression: 'values', frameId: stop.top!.id, context: 'watch' });
    assert.equal(values.body.indexedVariables, 250);
    const page = await client.variablesRequest({ variablesReference: values.body.variablesReference, filter: 'indexed', start: 200, count: 3 });
    assert.deepEqual(page.body.variables.map((v) => [v.name, v.value]), [['200', '400'], ['201', '402'], ['202', '404']]);

    await client.continueRequest({ threadId: stop.threadId });
    const output = (await findingOutput).find((e) => e.body.output.includes('[provider-threw]'))!;
    assert.match(output.body.output, /forecast unavailable/);
    // The place goes with the event (the console links it on the right), not in front of the text.
    assert.match(output.body.output, /^\[provider-threw\] provider\.getTimeline threw: /, output.body.output);
    assert.equal(output.body.source?.path, widget.file);
    assert.equal(output.body.line, widget.lineOf('@uncaughtThrow'));
  } finally {
    await stopAdapter(client);
  }
});
