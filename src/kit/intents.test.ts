// Intents and the interactive views as widget code builds them, in process: Button and Toggle
// carry the intent's name and bound parameters as plain data (the same from JSX), the module's
// intents are listed for the system, and mistakes are refused with what to pass instead.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WidgetKitError } from './errors';
import { definedIntents, defineIntent, intentNamed } from './intents';
import { Button, Toggle } from './interactiveViews';
import { jsx } from './jsxRuntime';
import { Text, toViewNode } from './views';

describe('intents', () => {
  const favorite = defineIntent<{ id: number; on: boolean }>({ name: 'test.favorite', title: 'Favorite', perform: () => undefined });
  const refresh = defineIntent({ name: 'test.refresh', perform: () => undefined });

  it('puts the intent and its bound parameters into Button and Toggle nodes', () => {
    const toggle = toViewNode(Toggle(true, favorite.with({ id: 7, on: false }), 'Favorite'));
    assert.equal(toggle.type, 'Toggle');
    assert.deepEqual(toggle.props, { isOn: true, intent: 'test.favorite', parameters: { id: 7, on: false } });
    assert.deepEqual(toggle.children.map((c) => c.props.text), ['Favorite']);
    const button = toViewNode(Button(refresh, Text('Refresh')));
    assert.deepEqual(button.props, { intent: 'test.refresh', parameters: {} });
  });

  it('builds the same nodes from JSX', () => {
    const fromJsx = jsx(Toggle, { isOn: false, intent: favorite.with({ id: 1, on: true }), children: 'Fav' });
    assert.deepEqual(toViewNode(fromJsx), toViewNode(Toggle(false, favorite.with({ id: 1, on: true }), 'Fav')));
    assert.deepEqual(toViewNode(jsx('Button', { intent: refresh.with(), children: 'Go' })).props.intent, 'test.refresh');
  });

  it('lists the intents the module defined, and finds the user\'s own perform by name', () => {
    const listed = definedIntents().filter((i) => i.name.startsWith('test.'));
    assert.deepEqual(listed, [{ name: 'test.favorite', title: 'Favorite' }, { name: 'test.refresh' }]);
    assert.equal(typeof intentNamed('test.refresh')?.perform, 'function');
    assert.equal(intentNamed('test.nothing'), undefined);
  });

  it('refuses a second intent of one name, a missing perform, unserialisable parameters and a view without an intent', () => {
    const refused = (code: string, pattern: RegExp) => (e: unknown) => e instanceof WidgetKitError && e.code === code && pattern.test(e.message);
    assert.throws(() => defineIntent({ name: 'test.refresh', perform: () => undefined }), refused('invalid-intent', /already defined/));
    assert.throws(() => defineIntent({ name: 'test.lazy' } as never), refused('invalid-intent', /perform/));
    assert.throws(() => favorite.with({ id: 1, on: (() => true) as never }), /A function at test\.favorite\.with\(parameters\)\.on cannot be sent as JSON/);
    assert.throws(() => Button({ title: 'x' } as never, 'Go'), refused('invalid-argument', /Button needs an intent: pass myIntent\.with/));
    assert.throws(() => Toggle('yes' as never, refresh.with()), refused('invalid-argument', /needs a boolean isOn/));
  });
});
