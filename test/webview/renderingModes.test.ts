// Rendering modes in the preview page, in headless Chromium: examples/rendering-modes runs in
// the real engine (its own extension process), its snapshot goes to the page as the host sends
// it, and the page draws it in full colour, tinted, clear and vibrant, and all four side by side.
// What is checked is what a user sees: computed colours, the container background, the cells.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { ARTIFACTS, cspViolations, deliver, ROOT, startHarness } from './pageHarness';
import type { PageHarness } from './pageHarness';

const PROGRAM = join(ROOT, 'examples', 'rendering-modes', 'air-quality.widget.ts');
const START = '2026-06-01T09:00:00.000Z';

async function exampleSnapshot(): Promise<WidgetStateSnapshot> {
  const system = new WidgetSystem({ mode: 'preview', program: PROGRAM, now: new Date(START), clock: 'simulated' });
  try {
    await system.runUntil(Date.parse(START) + 60_000);
    return system.snapshot();
  } finally {
    await system.dispose();
  }
}

/** A computed CSS colour as [r, g, b, a] in 0..255 and 0..1, whether Chromium writes rgb() or color(srgb). */
function channels(css: string): number[] {
  const numbers = (css.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
  if (css.startsWith('color(srgb')) return [...numbers.slice(0, 3).map((n) => Math.round(n * 255)), numbers[3] ?? 1];
  return [...numbers.slice(0, 3), numbers[3] ?? 1];
}

const near = (actual: number[], expected: number[], what: string) =>
  assert.ok(actual.every((n, i) => Math.abs(n - expected[i]) <= (i === 3 ? 0.02 : 2)), `${what}: ${actual.join(', ')} is not ${expected.join(', ')}`);

const frame = (page: Page, family: string) => page.locator(`.stage .widget[data-family="${family}"][data-appearance="light"]`).first();
const textIn = (widget: Locator, text: string) => widget.locator('.w-text', { hasText: new RegExp(`^${text}$`) }).first();
const color = async (node: Locator) => channels(await node.evaluate((n) => getComputedStyle(n).color));
const background = (node: Locator) => node.evaluate((n) => getComputedStyle(n).backgroundImage + ' ' + getComputedStyle(n).backgroundColor);
const chooseRendering = (page: Page, id: string) => page.click(`.rendering-modes [data-rendering="${id}"]`);

const WHITE = [255, 255, 255, 1];
const GOOD_GREEN = [52, 199, 89, 1];
const TINT = [255, 176, 56, 1];
const TINTED_PRIMARY = [255, 240, 219, 0.9];
const STANDBY_RED = [255, 59, 48, 1];

describe('rendering modes in the preview page', { timeout: 180_000 }, () => {
  let harness: PageHarness;
  let snapshot: WidgetStateSnapshot;
  before(async () => {
    [harness, snapshot] = await Promise.all([startHarness(), exampleSnapshot()]);
  });
  after(async () => {
    await harness?.close();
  });

  it('draws tinted, clear and vibrant with the system treatment and without the container background', async () => {
    const page = await harness.open();
    const violations = cspViolations(page);
    await deliver(page, { type: 'state', snapshot, source: { kind: 'preview' } });
    const small = frame(page, 'systemSmall');
    await small.waitFor();
    assert.equal(await small.getAttribute('data-rendering'), 'fullColor');
    near(await color(textIn(small, 'Lisbon')), WHITE, 'full colour: the city is white');
    near(await color(textIn(small, '38')), GOOD_GREEN, 'full colour: the index is green');
    assert.match(await background(small), /linear-gradient\(rgb\(58, 123, 213\)/, 'full colour: the container background is drawn');

    await chooseRendering(page, 'accented');
    assert.equal(await small.getAttribute('data-rendering'), 'accented');
    near(await color(textIn(small, 'Lisbon')), TINTED_PRIMARY, 'tinted: unaccented content turns to the tinted white');
    near(await color(textIn(small, '38')), TINT, 'tinted: widgetAccentable content takes the tint');
    near(await color(textIn(small, 'Good')), TINT, 'tinted: the branch on ctx.renderingMode drew the accentable level');
    assert.doesNotMatch(await background(small), /58, 123, 213/, 'tinted: the container background is removed');
    assert.equal(await small.evaluate((n) => n.classList.contains('has-container')), false);
    near(await color(small.locator('.w-image-accented')), TINT, 'tinted: an image drawn .accented takes the tint');
    const thumbnail = page.locator('.strip-card.selected .widget.mini');
    assert.ok(await thumbnail.evaluate((n) => n.classList.contains('rendering-accented')), 'the strip follows the mode');
    near(await color(textIn(thumbnail, '38')), TINT, 'and paints its thumbnails as the stage does');
    await page.screenshot({ path: join(ARTIFACTS, 'rendering-tinted.png'), fullPage: true });

    await chooseRendering(page, 'clear');
    near(await color(textIn(small, 'Lisbon')), [255, 255, 255, 0.78], 'clear: primary content is translucent white');
    near(await color(textIn(small, '38')), WHITE, 'clear: accented content is white');
    await page.screenshot({ path: join(ARTIFACTS, 'rendering-clear.png'), fullPage: true });
    assert.doesNotMatch(await background(small), /58, 123, 213/, 'clear: the container background is removed');

    await chooseRendering(page, 'vibrant');
    near(await color(textIn(small, 'Lisbon')), STANDBY_RED, 'vibrant (StandBy at night): white keeps full luminance, in red');
    near(await color(textIn(small, '38')), [...STANDBY_RED.slice(0, 3), 0.63], 'vibrant: green becomes its luminance');
    assert.doesNotMatch(await background(small), /58, 123, 213/, 'vibrant: the container background is removed');

    // Accessory families are on the Lock Screen: vibrant, in white, whatever the Home Screen's mode.
    await chooseRendering(page, 'fullColor');
    const rectangular = frame(page, 'accessoryRectangular');
    assert.equal(await rectangular.getAttribute('data-rendering'), 'vibrant');
    near(await color(textIn(rectangular, 'AQI 38')), WHITE, 'the Lock Screen draws vibrant content white');
    assert.deepEqual(violations, [], 'the painted colours are styles the CSP allows');
    await page.context().close();
  });

  it('shows the white-content bug of a view that ignores the rendering mode', async () => {
    const page = await harness.open();
    await deliver(page, { type: 'state', snapshot, source: { kind: 'preview' } });
    await page.click('.modes [data-mode="preview:Without the rendering-mode branch"]');
    await chooseRendering(page, 'accented');
    const badge = textIn(frame(page, 'systemSmall'), 'Moderate');
    const pill = badge.locator('xpath=ancestor::div[contains(@class, "w-bg")][1]');
    const text = await color(badge);
    near(text, TINTED_PRIMARY, 'the blue text is painted the tinted white');
    near(channels(await pill.evaluate((n) => getComputedStyle(n).backgroundColor)), text, 'and so is the white pill behind it: the text is invisible');
    await page.click('.appearance [data-appearance="light"]');
    await chooseRendering(page, 'matrix');
    await page.locator('.rendering-matrix').screenshot({ path: join(ARTIFACTS, 'rendering-matrix-bug.png') });
    await page.context().close();
  });

  it('shows every mode side by side in the matrix, and keeps the choice when the panel reopens', async () => {
    const page = await harness.open('/', { width: 1900 });
    await deliver(page, { type: 'state', snapshot, source: { kind: 'preview' } });
    await page.click('.appearance [data-appearance="light"]');
    await chooseRendering(page, 'matrix');
    const cells = page.locator('.rendering-matrix .widget[data-family="systemSmall"]');
    assert.equal(await cells.count(), 4, 'four renderings of the small widget');
    assert.deepEqual(await cells.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-rendering'))), ['fullColor', 'accented', 'clear', 'vibrant']);
    const shown = await cells.evaluateAll((nodes) => nodes.map((n) => n.textContent));
    assert.ok(shown.every((text) => /Lisbon/.test(text ?? '') && /38/.test(text ?? '')), 'each cell draws the entry');
    assert.equal(await page.locator('.rendering-matrix .widget[data-family="accessoryRectangular"]').count(), 1, 'the Lock Screen family has its one, vibrant, cell');
    await page.locator('.rendering-matrix').screenshot({ path: join(ARTIFACTS, 'rendering-matrix.png') });

    await page.reload();
    await deliver(page, { type: 'state', snapshot, source: { kind: 'preview' } });
    await page.waitForSelector('.rendering-matrix');
    assert.equal(await page.getAttribute('.rendering-modes [data-rendering="matrix"]', 'aria-pressed'), 'true', 'the reopened panel shows the matrix again');
    await page.context().close();
  });
});
