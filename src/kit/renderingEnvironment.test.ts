// Rendering modes in the kit: the modifiers widget code uses for tinted, clear and vibrant
// rendering, the values its view reads from ctx, and that a view is rendered again per mode only
// when it reads them (the cost of a widget that does not branch stays one render per family).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProviderContext as WireContext } from '../protocol/ipc';
import { WidgetKitError } from './errors';
import { jsx } from './jsxRuntime';
import { renderEntry } from './providerCalls';
import { HStack, Image, Text, VStack, toViewNode } from './views';
import { defineWidget, isDefinedWidget } from './widgetDefinition';
import type { DefinedWidget, ViewContext } from './widgetDefinition';

const wire: WireContext = { family: 'systemSmall', isPreview: false, displaySize: { width: 158, height: 158 } };
const entry = { date: new Date('2026-01-01T09:00:00Z'), temp: 21 };

function widgetWith(view: (e: typeof entry, ctx: ViewContext) => ReturnType<typeof Text>): DefinedWidget {
  const widget = defineWidget({
    kind: 'modes',
    provider: { placeholder: () => entry, getSnapshot: () => entry, getTimeline: () => ({ entries: [entry] }) as never },
    view,
  });
  assert.ok(isDefinedWidget(widget));
  return widget;
}

describe('rendering modes in the kit', () => {
  it('records widgetAccentable, widgetAccentedRenderingMode and invalidatableContent as modifiers', () => {
    const tree = toViewNode(HStack(
      Image({ systemName: 'sun.max.fill' }).widgetAccentedRenderingMode('accentedDesaturated'),
      Text('21°').widgetAccentable(),
      Text('H 24°').widgetAccentable(false).invalidatableContent(),
    ));
    assert.deepEqual(tree.children.map((c) => c.modifiers), [
      [{ name: 'widgetAccentedRenderingMode', args: ['accentedDesaturated'] }],
      [{ name: 'widgetAccentable', args: [true] }],
      [{ name: 'widgetAccentable', args: [false] }, { name: 'invalidatableContent', args: [true] }],
    ]);
    const fromJsx = toViewNode(jsx(Text, { widgetAccentable: true, children: '21°' }));
    assert.deepEqual(fromJsx.modifiers, [{ name: 'widgetAccentable', args: [true] }]);
  });

  it('refuses widgetAccentedRenderingMode off an Image or with a mode Apple does not have', () => {
    assert.throws(() => Text('x').widgetAccentedRenderingMode('fullColor'), (e: unknown) => e instanceof WidgetKitError && /applies to Image only, not Text/.test(e.message));
    assert.throws(() => Image('cat').widgetAccentedRenderingMode('tinted' as never), /got string "tinted"; use one of 'fullColor', 'accented', 'desaturated', 'accentedDesaturated'/);
    assert.deepEqual(toViewNode(Image('cat').widgetAccentedRenderingMode(null)).modifiers, [{ name: 'widgetAccentedRenderingMode', args: [null] }]);
  });

  it('tells the view where it is drawn: full colour with its background on the Home Screen, vibrant without on the Lock Screen', () => {
    const seen: string[] = [];
    const widget = widgetWith((e, ctx) => {
      seen.push(`${ctx.family} ${ctx.renderingMode} ${ctx.showsWidgetContainerBackground}`);
      return Text(`${e.temp}°`);
    });
    renderEntry(widget, entry, 'entry', wire, ['systemSmall', 'accessoryCircular']);
    assert.deepEqual(seen, [
      'systemSmall fullColor true', 'systemSmall accented false', 'systemSmall vibrant false',
      'accessoryCircular vibrant false',
    ]);
  });

  it('renders a view again per mode only when it branches, keeping only trees that differ', () => {
    let renders = 0;
    const plain = widgetWith((e) => {
      renders += 1;
      return Text(`${e.temp}°`);
    });
    const unbranched = renderEntry(plain, entry, 'entry', wire, ['systemSmall', 'systemMedium']);
    assert.equal(renders, 2, 'one render per family');
    assert.equal(unbranched.renderingModes, undefined);

    const branching = widgetWith((e, ctx) => VStack(
      Text(`${e.temp}°`).foregroundStyle(ctx.renderingMode === 'fullColor' ? 'orange' : 'primary'),
      ctx.showsWidgetContainerBackground ? null : Text('no background'),
    ));
    const rendered = renderEntry(branching, entry, 'entry', wire, ['systemSmall']);
    const full = rendered.views.systemSmall;
    const accented = rendered.renderingModes?.systemSmall?.accented;
    assert.ok(full?.ok && accented?.ok);
    assert.deepEqual(full.view.children[0].modifiers, [{ name: 'foregroundStyle', args: ['orange'] }]);
    assert.deepEqual(accented.view.children[0].modifiers, [{ name: 'foregroundStyle', args: ['primary'] }]);
    assert.equal(accented.view.children[1].props.text, 'no background');
    assert.ok(rendered.renderingModes?.systemSmall?.vibrant?.ok, 'vibrant differs from full colour too');
  });
});
