// A widget's own objects in the Variables view: private class fields (`#name`) are what a
// class-based provider keeps its state in, and VS Code's JavaScript debugger lists them beside
// the public properties; so must this adapter, read through CDP's privateProperties.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, nextStop, startAdapter, stopAdapter, type WrittenWidget, writeWidget } from './dapSession';

const WIDGET = `import { defineWidget, Text, Timeline, ReloadPolicy } from 'widgetkit';

class Forecast {
  #temperature: number;
  #readings: number[] = [18, 21];
  static #made = 0;
  readonly city = 'Lisbon';
  constructor(temperature: number) {
    this.#temperature = temperature;
    Forecast.#made++;
  }
  get #warm(): boolean {
    return this.#temperature > 20;
  }
  summary(): string {
    return this.#warm ? 'warm' : 'cool';
  }
}

export default defineWidget({
  kind: 'forecast',
  supportedFamilies: ['systemSmall'],
  provider: {
    placeholder: () => ({ date: new Date(), text: '' }),
    getSnapshot: () => ({ date: new Date(), text: '' }),
    getTimeline() {
      const forecast = new Forecast(23);
      const text = forecast.summary(); // @inspect
      return new Timeline([{ date: new Date(), text }], ReloadPolicy.never);
    },
  },
  view: (entry) => Text(entry.text),
});
`;

let widget: WrittenWidget;
before(() => {
  widget = writeWidget(WIDGET, 'forecast.widget.ts');
});
after(() => widget.remove());

test('private fields of a widget object are listed in the Variables view with their values', { timeout: 120_000 }, async () => {
  const client = await startAdapter();
  try {
    await launch(client, { program: widget.file }, () =>
      client.setBreakpointsRequest({ source: { path: widget.file }, breakpoints: [{ line: widget.lineOf('@inspect') }] }),
    );
    const stop = await nextStop(client);
    assert.equal(stop.top?.line, widget.lineOf('@inspect'));
    const scopes = await client.scopesRequest({ frameId: stop.top!.id });
    const locals = await client.variablesRequest({ variablesReference: scopes.body.scopes.find((s) => s.name === 'Locals')!.variablesReference });
    const forecast = locals.body.variables.find((v) => v.name === 'forecast');
    assert.ok(forecast && forecast.variablesReference > 0, `forecast is expandable: ${JSON.stringify(locals.body.variables)}`);
    const fields = await client.variablesRequest({ variablesReference: forecast.variablesReference });
    const byName = new Map(fields.body.variables.map((v) => [v.name, v]));
    assert.equal(byName.get('city')?.value, '"Lisbon"');
    assert.equal(byName.get('#temperature')?.value, '23', `fields: ${[...byName.keys()].join(', ')}`);
    const readings = byName.get('#readings');
    assert.ok(readings && readings.variablesReference > 0, 'an object-valued private field expands');
    const items = await client.variablesRequest({ variablesReference: readings.variablesReference });
    assert.deepEqual(items.body.variables.filter((v) => /^\d+$/.test(v.name)).map((v) => v.value), ['18', '21']);
    await client.continueRequest({ threadId: stop.threadId });
  } finally {
    await stopAdapter(client);
  }
});
