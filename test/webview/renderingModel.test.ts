// The rendering modes' DOM-free rules in Node: which tree each mode shows, where the container
// background stays, how widgetAccentable moves a view and its modifiers between groups, how an
// image's widgetAccentedRenderingMode changes its treatment, and that a snapshot carrying
// per-mode trees is validated down to them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RenderedEntry } from '../../src/protocol/lifecycle';
import type { ViewNode } from '../../src/protocol/views';
import { parseToWebview } from '../../src/protocol/webview';
import { showsContainerBackground, viewInMode, widgetRenderingMode } from '../../src/webview/renderingModes';
import { groupsOf, imageTreatment, paintColor } from '../../src/webview/renderingTreatment';
import { weatherEntry, weatherSnapshot } from './snapshotFixtures';

const text = (value: string): ViewNode => ({ type: 'Text', props: { text: value }, modifiers: [], children: [] });
const entry: RenderedEntry = {
  date: '2026-06-01T09:00:00.000Z',
  data: {},
  views: { systemSmall: { ok: true, view: text('full') }, accessoryCircular: { ok: true, view: text('lock') } },
  renderingModes: { systemSmall: { accented: { ok: true, view: text('accented') } } },
};
const shown = (mode: Parameters<typeof viewInMode>[2], family: 'systemSmall' | 'accessoryCircular' = 'systemSmall') => {
  const view = viewInMode(entry, family, mode);
  return view?.ok ? view.view.props.text : undefined;
};

describe('rendering modes, page model', () => {
  it('shows the tree the view returned in each mode, the first one where it did not branch', () => {
    assert.deepEqual([shown('fullColor'), shown('accented'), shown('clear'), shown('vibrant')], ['full', 'accented', 'accented', 'full']);
    assert.deepEqual([shown('fullColor', 'accessoryCircular'), shown('accented', 'accessoryCircular')], ['lock', 'lock']);
    assert.equal(widgetRenderingMode('systemSmall', 'clear'), 'accented', 'iOS 26 renders the clear Home Screen accented');
    assert.equal(widgetRenderingMode('accessoryCircular', 'fullColor'), 'vibrant', 'the Lock Screen is always vibrant');
  });

  it('keeps the container background only on the default Home Screen', () => {
    assert.deepEqual((['fullColor', 'accented', 'clear', 'vibrant'] as const).map((m) => showsContainerBackground('systemMedium', m)), [true, false, false, false]);
    assert.equal(showsContainerBackground('accessoryRectangular', 'fullColor'), false);
  });

  it('puts a view and the modifiers before widgetAccentable in its group, those after in the enclosing one', () => {
    const modifiers = [{ name: 'foregroundStyle', args: ['orange'] }, { name: 'widgetAccentable', args: [true] }, { name: 'background', args: ['white'] }];
    assert.deepEqual(groupsOf(modifiers, 'primary'), { content: 'accent', at: ['accent', 'primary', 'primary'] });
    assert.deepEqual(groupsOf([{ name: 'widgetAccentable', args: [false] }, { name: 'widgetAccentable', args: [true] }], 'primary').content, 'primary', 'the innermost wins');
  });

  it('treats images by widgetAccentedRenderingMode in accented rendering only', () => {
    const accented = { rendering: 'accented', group: 'primary' } as const;
    assert.equal(imageTreatment('fullColor', accented), undefined);
    assert.deepEqual(imageTreatment('accentedDesaturated', accented), { rendering: 'accented', group: 'accent' });
    assert.deepEqual(imageTreatment('fullColor', { rendering: 'vibrant', group: 'primary' }), { rendering: 'vibrant', group: 'primary' });
    assert.equal(paintColor('#ff9500', undefined), '#ff9500', 'full colour paints nothing');
    assert.match(paintColor('#ff9500', { rendering: 'accented', group: 'accent' }), /^rgb\(from #ff9500 var\(--w-accent-rgb\)/);
  });

  it('validates the per-mode trees of a snapshot', () => {
    const snapshot = weatherSnapshot();
    const timelineEntry = { ...weatherEntry(0), renderingModes: { systemSmall: { accented: { ok: true, view: { type: 'Text', props: {}, modifiers: 'bold', children: [] } } } } };
    const broken = { ...snapshot, timeline: { ...snapshot.timeline!, entries: [timelineEntry] } };
    const parsed = parseToWebview({ type: 'state', snapshot: broken, source: { kind: 'preview' } });
    assert.match(parsed.ok ? '' : parsed.reason, /renderingModes\.systemSmall\.accented\.view\.modifiers is not an array/);
  });
});
