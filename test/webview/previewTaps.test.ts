// A click on a widget's Toggle and Button in the preview page (headless Chromium) is a tap: the
// page posts the intent with the parameters bound to the clicked control, the preview controller
// performs it in its own engine (a real widget extension process running
// examples/interactive/lamp.widget.ts), and the page redraws the reloaded entry. The placeholder
// is not interactive. Screenshots land in test-artifacts/webview/ for a human to look at.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import type { FromWebview, SnapshotSource } from '../../src/protocol/webview';
import { PreviewController, type PreviewSink } from '../../src/preview/previewController';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { ARTIFACTS, deliver, posted, ROOT, startHarness, type PageHarness } from './pageHarness';

const LAMP = join(ROOT, 'examples', 'interactive', 'lamp.widget.ts');
const SMALL_LIGHT = '.widget[data-family="systemSmall"][data-appearance="light"] .w-content:not(.leaving)';

/** Sends every snapshot to the page, as the panel does. */
class PageSink implements PreviewSink {
  page: Page | undefined;
  latest: WidgetStateSnapshot | undefined;
  state(snapshot: WidgetStateSnapshot, source: SnapshotSource): void {
    this.latest = snapshot;
    if (this.page) void deliver(this.page, { type: 'state', snapshot, source });
  }
  notice(): void {}
  findings(): void {}
}

/** The page's next tap message (it records what it posts in window.__posted). */
async function nextTap(page: Page, seen: number): Promise<Extract<FromWebview, { type: 'tap' }>> {
  for (let i = 0; i < 100; i++) {
    const taps = (await posted(page)).filter((m): m is Extract<FromWebview, { type: 'tap' }> => m.type === 'tap');
    if (taps.length > seen) return taps[seen];
    await page.waitForTimeout(50);
  }
  throw new Error('the page posted no tap');
}

describe('taps in the preview page', { timeout: 180_000 }, () => {
  let harness: PageHarness;
  let controller: PreviewController;
  const sink = new PageSink();
  before(async () => {
    harness = await startHarness();
    controller = new PreviewController(LAMP, (options) => new WidgetSystem(options), sink, () => ({}));
  });
  after(async () => {
    await controller?.dispose();
    await harness?.close();
  });

  it('clicking the toggle performs its intent and the page shows the reloaded entry', async () => {
    const page = await harness.open();
    sink.page = page;
    await controller.run();
    await deliver(page, { type: 'state', snapshot: sink.latest, source: { kind: 'preview' } });
    await page.waitForSelector(`${SMALL_LIGHT} .w-toggle`);
    assert.match((await page.textContent(SMALL_LIGHT)) ?? '', /Off/);
    assert.equal(await page.getAttribute(`${SMALL_LIGHT} .w-toggle`, 'aria-checked'), 'false');

    await page.click(`${SMALL_LIGHT} .w-toggle`);
    const tap = await nextTap(page, 0);
    assert.deepEqual(tap, { type: 'tap', intent: 'toggleLamp', parameters: { on: true } });
    assert.equal((await posted(page)).filter((m) => m.type === 'setFamily').length, 0, 'a tap does not also focus the tile');
    await controller.handle(tap);
    await page.waitForFunction((selector) => /On/.test(document.querySelector(selector)?.textContent ?? ''), SMALL_LIGHT);
    assert.equal(await page.getAttribute(`${SMALL_LIGHT} .w-toggle`, 'aria-checked'), 'true');
    await page.screenshot({ path: join(ARTIFACTS, 'interactive-toggle-on.png'), fullPage: true });

    // The button counts: Enter on the focused button taps it as a click does.
    await page.focus(`${SMALL_LIGHT} .w-button`);
    await page.keyboard.press('Enter');
    const count = await nextTap(page, 1);
    assert.deepEqual(count, { type: 'tap', intent: 'countTap', parameters: {} });
    await controller.handle(count);
    await page.waitForFunction((selector) => /Tap\s*1/.test(document.querySelector(selector)?.textContent ?? ''), SMALL_LIGHT);
    const performed = sink.latest?.trace.filter((r) => r.event === 'intentPerform').map((r) => r.detail?.intent);
    assert.deepEqual(performed, ['toggleLamp', 'countTap']);
  });

  it('the placeholder is not interactive', async () => {
    const page = await harness.open();
    const snapshot = sink.latest!;
    await deliver(page, { type: 'state', snapshot, source: { kind: 'preview' } });
    await page.click('[data-mode="placeholder"]');
    await page.waitForSelector(`${SMALL_LIGHT}.redacted .w-toggle`);
    assert.equal(await page.locator(`${SMALL_LIGHT} [data-intent]`).count(), 0);
  });
});
