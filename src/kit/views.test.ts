// The view tree as widget code builds it, in process: modifiers return new views (a styled base
// can be reused), children normalise as SwiftUI's view builders do, JSX builds the same tree,
// and what cannot cross to the preview is refused with a message that says what to pass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WidgetKitError } from './errors';
import { Fragment, h, jsx } from './jsxRuntime';
import { HStack, Image, Text, VStack, toViewNode } from './views';

describe('views', () => {
  it('keeps a base view unchanged when modifiers derive new ones', () => {
    const base = Text('21°').font('title');
    const warm = base.foregroundStyle('orange');
    assert.deepEqual(toViewNode(base).modifiers, [{ name: 'font', args: ['title'] }]);
    assert.deepEqual(toViewNode(warm).modifiers.map((m) => m.name), ['font', 'foregroundStyle']);
  });

  it('flattens children, turns strings into Text and skips null and false', () => {
    const show = false;
    const node = toViewNode(VStack({ spacing: 4 }, 'Oslo', [Image({ systemName: 'sun.max' }), show && Text('hidden')], null, 21));
    assert.deepEqual(node.props, { spacing: 4 });
    assert.deepEqual(node.children.map((c) => [c.type, c.props]), [
      ['Text', { text: 'Oslo' }], ['Image', { systemName: 'sun.max' }], ['Text', { text: '21' }],
    ]);
  });

  it('builds the same tree from JSX elements as from calls', () => {
    const fromJsx = jsx(VStack, { spacing: 2, padding: ['horizontal', 8], children: [jsx(Text, { font: 'caption', children: 'now' }), h(Fragment, null, 'a', 'b')] });
    const fromCalls = VStack({ spacing: 2 }, Text('now').font('caption'), VStack()).padding('horizontal', 8);
    const tree = toViewNode(fromJsx);
    assert.deepEqual(tree.modifiers, toViewNode(fromCalls).modifiers);
    assert.deepEqual(tree.children[0], toViewNode(fromCalls).children[0]);
    assert.deepEqual(tree.children[1].type, 'Group');
    assert.deepEqual(tree.children[1].children.map((c) => c.props.text), ['a', 'b']);
  });

  it('refuses what is not a view, naming what to pass instead', () => {
    assert.throws(() => HStack({ spacing: 1 }, Text('a'), { title: 'x' } as never), (e: unknown) => e instanceof WidgetKitError && /HStack got a plain object as a child/.test(e.message));
    assert.throws(() => toViewNode(undefined), /returned undefined; return a view built with widgetkit/);
    assert.throws(() => toViewNode(Text('x').background((() => 'red') as never)), /A function at view\.background\(argument 1\) cannot be sent as JSON/);
    assert.throws(() => jsx('Marquee', {}), /<Marquee> is not a widgetkit view/);
  });
});
