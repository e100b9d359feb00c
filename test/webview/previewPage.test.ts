// The preview page in headless Chromium: fed snapshots by postMessage as the host does, under
// the host's CSP. Screenshots land in test-artifacts/webview/ for a human to look at.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEVICES } from '../../src/protocol/widgetSizes';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import { ARTIFACTS, deliver, posted, selectedIndex, startHarness } from './pageHarness';
import type { PageHarness } from './pageHarness';
import { debugSnapshot, FAMILIES_SHOWN, hugeSnapshot, weatherSnapshot } from './snapshotFixtures';

const state = (snapshot: WidgetStateSnapshot) => ({ type: 'state', snapshot, source: { kind: 'preview' } });
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const widgetText = (page: Page, family: string, appearance = 'light') => page.textContent(`.widget[data-family="${family}"][data-appearance="${appearance}"] .w-content:not(.leaving)`);

describe('preview page in Chromium', { timeout: 180_000 }, () => {
  let harness: PageHarness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('renders every supported family at its HIG point size, light and dark', async () => {
    const page = await harness.open();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await deliver(page, state(weatherSnapshot()));
    await page.waitForSelector('.widget[data-family="systemSmall"]');
    const sizes = DEVICES['iPhone 15 Pro'].sizes;
    for (const family of FAMILIES_SHOWN) {
      for (const appearance of ['light', 'dark']) {
        const box = await page.locator(`.widget[data-family="${family}"][data-appearance="${appearance}"]`).boundingBox();
        assert.ok(box, `${family} ${appearance} is on the page`);
        assert.equal(Math.round(box.width), sizes[family]!.width, `${family} width`);
        assert.equal(Math.round(box.height), sizes[family]!.height, `${family} height`);
      }
    }
    // The entry current at virtual now (index 2) is shown and marked in the strip.
    assert.equal(await selectedIndex(page), 2);
    assert.equal(await page.getAttribute('.strip-card.current', 'data-index'), '2');
    assert.match((await widgetText(page, 'systemSmall')) ?? '', /17°/);
    await shot(page, 'gallery-light');
    // Another device changes the frames to its sizes.
    await page.selectOption('.device-select', 'iPhone 15 Pro Max');
    const small = await page.locator('.widget[data-family="systemSmall"][data-appearance="dark"]').boundingBox();
    assert.equal(Math.round(small!.width), 170);
    assert.deepEqual(violations, [], 'the page itself needs nothing the CSP forbids');
    // A panel beside the editor is narrow: the strip stays at the foot of the view.
    await page.setViewportSize({ width: 520, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'narrow-panel.png') });
    const strip = await page.locator('.timeline').boundingBox();
    assert.ok(strip && strip.y + strip.height <= 900, 'the strip is in view without scrolling');
    await page.context().close();
  });

  it('moves through the strip with arrow keys, Home/End and clicks, and restores the choice', async () => {
    const page = await harness.open('/', { colorScheme: 'dark' });
    await deliver(page, state(weatherSnapshot()));
    await page.waitForSelector('.strip-card.selected');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await selectedIndex(page), 4);
    assert.match((await widgetText(page, 'systemSmall')) ?? '', /20°/, 'the widget shows entry 4 (20°)');
    await page.click('.entry-data summary');
    assert.match((await page.textContent('.entry-data-json')) ?? '', /"temp": 20/, 'the entry\'s own data is one click away');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await selectedIndex(page), 3);
    assert.equal(await page.locator('.w-content.leaving').count(), 0, 'with reduced motion the entry changes without a transition');
    await page.keyboard.press('End');
    assert.equal(await selectedIndex(page), 11);
    await page.keyboard.press('ArrowRight');
    assert.equal(await selectedIndex(page), 11, 'the last entry stays selected');
    await page.keyboard.press('Home');
    assert.equal(await selectedIndex(page), 0);
    await page.click('.strip-card[data-index="5"]');
    assert.equal(await selectedIndex(page), 5);
    assert.match((await page.textContent('.entry-position')) ?? '', /Entry 6 of 12/);
    assert.ok(await page.isVisible('.strip-policy'), 'the reload policy closes the strip');
    await shot(page, 'strip-dark');
    // The panel is restored (VS Code reloads the page with its saved state): entry 5 again.
    await page.reload();
    await page.waitForSelector('#app .topbar', { state: 'attached' });
    await deliver(page, state(weatherSnapshot()));
    await page.waitForSelector('.strip-card.selected');
    assert.equal(await selectedIndex(page), 5);
    // Space plays from the last entry round to the first (loop is on), Space again pauses.
    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    await page.waitForSelector('.strip-card[data-index="0"].selected', { timeout: 30_000 });
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('[data-role="play"]', 'aria-label'), 'Play (Space)');
    await page.context().close();
  });

  it('ignores a malformed message with a warning and keeps its render', async () => {
    const page = await harness.open();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await deliver(page, state(weatherSnapshot()));
    await page.waitForSelector('.widget[data-family="systemSmall"]');
    const before = await widgetText(page, 'systemSmall');
    const broken = weatherSnapshot() as unknown as { timeline: { entries: { views: unknown }[] } };
    broken.timeline.entries[3].views = { systemSmall: { ok: true, view: { type: 'Text', props: 'nope' } } };
    await deliver(page, state(broken as unknown as WidgetStateSnapshot));
    await deliver(page, { type: 'explode' });
    await page.waitForTimeout(200);
    assert.equal(warnings.length, 2, `two warnings, got ${JSON.stringify(warnings)}`);
    assert.match(warnings[0], /ignored a malformed message: .*timeline\.entries\[3\]\.views\.systemSmall\.view\.props/);
    assert.match(warnings[1], /unknown message type "explode"/);
    assert.equal(await widgetText(page, 'systemSmall'), before);
    await page.context().close();
  });

  it('blocks an inline script without the nonce (CSP) while the page still runs', async () => {
    const page = await harness.open('/injected');
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await deliver(page, state(weatherSnapshot()));
    await page.waitForSelector('.widget[data-family="systemSmall"]');
    assert.equal(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan), undefined);
    await page.reload();
    await page.waitForSelector('#app .topbar', { state: 'attached' });
    assert.ok(violations.some((v) => /inline script/i.test(v)), `a CSP violation was reported: ${violations.join(' | ')}`);
    const messages = await posted(page);
    assert.deepEqual(messages[0], { type: 'ready' }, 'the nonce\'d page script ran and greeted its host');
    await page.context().close();
  });

  it('keeps a 10,000-entry timeline responsive: few cards in the DOM, keys still move', async () => {
    const page = await harness.open();
    await deliver(page, state(hugeSnapshot(10_000)));
    await page.waitForSelector('.strip-card.selected');
    const cards = await page.locator('.strip-card').count();
    assert.ok(cards > 3 && cards < 60, `only visible cards are rendered (${cards})`);
    assert.match((await page.textContent('.entry-position')) ?? '', /Entry 1 of 10000/);
    await page.keyboard.press('End');
    await page.waitForSelector('.strip-card[data-index="9999"].selected');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('.strip-card[data-index="9998"].selected');
    assert.match((await page.textContent('.entry-position')) ?? '', /Entry 9999 of 10000/);
    assert.ok((await page.locator('.strip-card').count()) < 60);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('.strip-card[data-index="1"].selected');
    await shot(page, 'huge-timeline');
    await page.context().close();
  });

  it('shows a load error as a banner with file:line and keeps the last good render', async () => {
    const page = await harness.open();
    await deliver(page, state(weatherSnapshot()));
    await page.waitForSelector('.widget[data-family="systemSmall"]');
    const before = await widgetText(page, 'systemSmall');
    // A rerun after a save starts with nothing rendered yet: the page keeps what it shows.
    await deliver(page, state(weatherSnapshot({ placeholder: null, snapshot: null, timeline: null, previews: [] })));
    await page.waitForTimeout(100);
    assert.equal(await widgetText(page, 'systemSmall'), before, 'no flash of an empty widget during a rerun');
    const failed = weatherSnapshot({
      placeholder: null,
      snapshot: null,
      timeline: null,
      previews: [],
      loadError: { message: "SyntaxError: Unexpected token ')'", location: { file: '/work/examples/weather/weather.widget.ts', line: 12, column: 7 } },
    });
    await deliver(page, state(failed));
    await page.waitForSelector('.banner-error');
    assert.match((await page.textContent('.banner-error')) ?? '', /weather\.widget\.ts:12:7/);
    assert.match((await page.textContent('.banner-error')) ?? '', /Unexpected token/);
    assert.equal(await widgetText(page, 'systemSmall'), before, 'the last good render stays');
    await page.click('.banner-error .source-link');
    const reveal = (await posted(page)).find((m) => m.type === 'reveal');
    assert.deepEqual(reveal, { type: 'reveal', location: { file: '/work/examples/weather/weather.widget.ts', line: 12, column: 7 } });
    await shot(page, 'load-error');
    // A fixed save clears the banner.
    await deliver(page, state(weatherSnapshot()));
    await page.waitForSelector('.banner-error', { state: 'detached' });
    await page.context().close();
  });

  it('follows a debug session: swimlanes reveal source, sessions and findings show, buttons post', async () => {
    const page = await harness.open('/', { colorScheme: 'dark' });
    await deliver(page, { type: 'state', snapshot: debugSnapshot(), source: { kind: 'debug', sessionName: 'Debug widget lifecycle' } });
    await page.waitForSelector('.lane-dot');
    assert.equal(await page.locator('.lane-extension .lane-span.tone-run').count(), 2, 'two launches of the extension');
    assert.match((await page.textContent('.lane-extension .lane-span.tone-run >> nth=0')) ?? '', /forced/);
    assert.equal(await page.locator('.lane-transfers .lane-span').count(), 2, 'two transfers');
    await page.click('.lane-dot[data-event="didFinishDownloadingTo"]');
    assert.match((await page.textContent('.lane-details')) ?? '', /didFinishDownloadingTo/);
    const clickedSeq = Number(await page.getAttribute('.lane-dot[data-event="didFinishDownloadingTo"]', 'data-seq'));
    await page.click('.lane-details [data-action="go-to-event"]');
    assert.match((await page.textContent('.session-cache')) ?? '', /com\.example\.weather\.refresh/);
    assert.match((await page.textContent('.session-cache')) ?? '', /completion stored/);
    assert.equal(await page.locator('.finding').count(), 2);
    await page.click('[data-action="terminate-system"]');
    await page.click('[data-action="terminate-forceQuit"]');
    await page.click('[data-action="advance-900000"]');
    await page.click('[data-action="advance-entry"]');
    await page.click('[data-action="reloadTimelines"]');
    const messages = await posted(page);
    assert.deepEqual(messages.find((m) => m.type === 'reveal'), { type: 'reveal', location: { file: '/work/examples/weather/weather.widget.ts', line: 64, column: 5 } });
    assert.deepEqual(messages.filter((m) => m.type !== 'ready' && m.type !== 'reveal'), [
      { type: 'goToEvent', seq: clickedSeq },
      { type: 'terminateExtension', mode: 'system' },
      { type: 'terminateExtension', mode: 'forceQuit' },
      { type: 'advanceClock', by: 900_000 },
      { type: 'advanceClock', next: 'entry' },
      { type: 'reloadTimelines' },
    ]);
    await shot(page, 'debug-dark');
    await page.context().close();
  });

  it('shows a finding\'s message without the file:line:column its link already names', async () => {
    const page = await harness.open('/');
    const snapshot = debugSnapshot();
    const location = { file: '/work/examples/weather/weather.widget.ts', line: 31, column: 13 };
    snapshot.findings = [{ code: 'provider-threw', severity: 'error', message: `${location.file}:31:13: provider.getTimeline threw: feed unavailable.`, location, time: snapshot.trace[0]!.time }];
    await deliver(page, { type: 'state', snapshot, source: { kind: 'debug', sessionName: 'Debug widget lifecycle' } });
    await page.waitForSelector('.finding');
    assert.equal(await page.textContent('.finding .finding-message'), 'provider.getTimeline threw: feed unavailable.');
    assert.equal(await page.textContent('.finding .source-link'), 'weather.widget.ts:31:13');
    await page.context().close();
  });

  it('in a session that debugs a recording, a click on a lifecycle event goes there', async () => {
    const page = await harness.open('/');
    await deliver(page, { type: 'state', snapshot: debugSnapshot(), source: { kind: 'debug', sessionName: 'Debug this run', replaying: true } });
    await page.waitForSelector('.lane-dot');
    assert.match((await page.textContent('.chip.source-debug')) ?? '', /Replaying a recording · Debug this run/);
    const dot = '.lane-dot[data-event="didCompleteWithError"] >> nth=0';
    const seq = Number(await page.getAttribute(dot, 'data-seq'));
    assert.match((await page.getAttribute(dot, 'title')) ?? '', /click to go to this event/);
    await page.click(dot);
    assert.equal(await page.locator('.lane-details [data-action="go-to-event"]').count(), 0, 'no second click needed');
    assert.match((await page.textContent('.lane-details')) ?? '', new RegExp(`goes to record #${seq}`));
    const messages = await posted(page);
    assert.deepEqual(messages.filter((m) => m.type === 'goToEvent'), [{ type: 'goToEvent', seq }]);
    await shot(page, 'replay-lanes');
    await page.context().close();
  });

  it('cross-fades between entries and rolls numeric text in', async () => {
    const page = await harness.open('/', { motion: 'no-preference' });
    await deliver(page, state(weatherSnapshot()));
    await page.waitForSelector('.strip-card.selected');
    const frame = '.widget[data-family="systemSmall"][data-appearance="light"]';
    // Read in the same task as the key, so a slow machine cannot miss the transition.
    const during = await page.evaluate((selector) => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      return {
        leaving: document.querySelectorAll(`${selector} > .w-content.leaving`).length,
        rolling: document.querySelectorAll(`${selector} > .w-content.entering [data-transition="numericText"]`).length,
      };
    }, frame);
    assert.deepEqual(during, { leaving: 1, rolling: 1 }, 'the old entry fades out while the temperature rolls in');
    await page.waitForSelector(`${frame} > .w-content.leaving`, { state: 'detached' });
    assert.equal(await page.locator(`${frame} > .w-content`).count(), 1, 'one entry left once the transition ends');
    assert.match((await widgetText(page, 'systemSmall')) ?? '', /24°/);
    await page.context().close();
  });

  it('redacts the placeholder and shows named previews', async () => {
    const page = await harness.open();
    await deliver(page, state(weatherSnapshot()));
    await page.click('[data-mode="placeholder"]');
    await page.waitForSelector('.widget[data-family="systemSmall"] .w-redacted');
    assert.equal(await page.locator('.strip-card').count(), 1);
    await shot(page, 'placeholder');
    await page.click('[data-mode="preview:Rainy afternoon"]');
    await page.waitForSelector('.strip-card[data-index="2"]');
    assert.equal(await page.locator('.widget[data-appearance="light"]').count(), 1, 'a named preview shows its own family only');
    assert.equal(await page.locator('.widget .w-redacted').count(), 0);
    await page.click('.tile[data-family="systemSmall"] .icon-button');
    const box = await page.locator('.widget-slot >> nth=0').boundingBox();
    assert.ok(box && box.width > 158 * 1.5, 'the enlarged family is drawn larger');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'setFamily'), [{ type: 'setFamily', family: 'systemSmall' }]);
    await shot(page, 'preview-enlarged');
    await page.context().close();
  });
});
