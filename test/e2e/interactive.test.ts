// End to end in a real VS Code: an interactive widget (iOS 17 Button and Toggle). The VSIX
// installed into code-server, a folder holding a copy of examples/interactive/lamp.widget.ts;
// the user opens the preview from the CodeLens, clicks the toggle in the rendered widget and sees
// the reloaded entry ("Off" becomes "On": the intent stored the state in UserDefaults and the
// system reloaded the timeline), sees it in every rendering mode side by side and taps the tinted
// one. Then, in a debug session (F5), a click in the preview reaches the
// session as a `tap`. Screenshots: test-artifacts/e2e/interactive-<time>-<pid>/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { closeAllEditors, debugStatusItem, lensLink, openFromExplorer } from './authoringSteps';
import { exampleFileSuite, MINUTES } from './exampleFileSuite';
import type { Workbench } from './workbench';

const WIDGET_FILE = 'lamp.widget.ts';
const SMALL = '.widget[data-family="systemSmall"][data-appearance="light"] .w-content:not(.leaving)';
const suite = exampleFileSuite('interactive', 'interactive', WIDGET_FILE);

/** What the small light widget shows, once it shows `want` (in any webview frame). */
async function widgetShows(workbench: Workbench, want: RegExp, what: string): Promise<string> {
  return workbench.inWebview(
    () => (document.querySelector('.widget[data-family="systemSmall"][data-appearance="light"] .w-content:not(.leaving)') as HTMLElement | null)?.innerText ?? '',
    (text) => want.test(text),
    what,
    90_000,
  );
}

async function clickToggle(frame: Frame): Promise<void> {
  await frame.locator(`${SMALL} .w-toggle[data-intent]`).click();
}

test('clicking the toggle in the preview performs its intent and the preview shows the reloaded entry', { timeout: 6 * MINUTES }, () =>
  suite.scenario('preview-tap', async ({ workbench }) => {
    await openFromExplorer(workbench, WIDGET_FILE);
    const preview = lensLink(workbench, 'Preview');
    // The lens comes once the extension host has activated the extension (slow on a busy machine).
    await preview.waitFor({ timeout: 180_000 }).catch(() => {
      throw new Error(`no "Preview" CodeLens above defineWidget in ${WIDGET_FILE}`);
    });
    await preview.click();
    const frame = await workbench.webviewFrame(`${SMALL} .w-toggle[data-intent]`, 90_000);
    await widgetShows(workbench, /Off/, 'the lamp "Off" before the tap');
    await workbench.shot('preview-before-tap');
    await clickToggle(frame);
    const after = await widgetShows(workbench, /On/, 'the reloaded entry "On" after clicking the toggle');
    assert.doesNotMatch(after, /Off/);
    assert.equal(await frame.getAttribute(`${SMALL} .w-toggle`, 'aria-checked'), 'true', 'the toggle shows the stored state');
    await workbench.shot('preview-after-tap');
    // And back: the toggle binds the opposite state each time.
    await clickToggle(frame);
    await widgetShows(workbench, /Off/, 'the lamp "Off" again after a second click');
    await workbench.shot('preview-after-second-tap');

    // Every rendering mode side by side (iOS 18 tinted, iOS 26 clear, StandBy vibrant), each cell
    // as interactive as the full-colour widget: a click on the tinted one taps too.
    await frame.locator('.appearance [data-appearance="light"]').click();
    await frame.locator('.rendering-modes [data-rendering="matrix"]').click();
    const cells = frame.locator('.rendering-matrix .widget[data-family="systemSmall"][data-appearance="light"]');
    await cells.nth(3).waitFor({ timeout: 30_000 });
    assert.deepEqual(await cells.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-rendering'))), ['fullColor', 'accented', 'clear', 'vibrant']);
    assert.ok((await cells.allInnerTexts()).every((text) => /Off/.test(text)), 'each mode draws the current entry');
    await workbench.shot('preview-all-modes');
    await frame.locator('.rendering-matrix .widget[data-family="systemSmall"][data-appearance="light"][data-rendering="accented"] .w-toggle[data-intent]').click();
    await workbench.inWebview(
      () => Array.from(document.querySelectorAll('.rendering-matrix .widget[data-family="systemSmall"][data-appearance="light"]')).map((n) => (n as HTMLElement).innerText).join(' | '),
      (text) => text.split(' | ').length === 4 && text.split(' | ').every((cell) => /On/.test(cell) && !/Off/.test(cell)),
      'the reloaded entry "On" in every mode after clicking the tinted toggle',
      90_000,
    );
    await workbench.shot('preview-all-modes-after-tap');
    // Back to full colour for the next scenario (the page keeps the choice).
    await frame.locator('.rendering-modes [data-rendering="fullColor"]').click();
  }));

test('while debugging, a click in the preview taps the widget in the debug session', { timeout: 6 * MINUTES }, () =>
  suite.scenario('debug-tap', async ({ workbench }) => {
    const { page } = workbench;
    // The widget's editor from the first scenario, beside the preview (opening it from the
    // Explorer would put it in the preview's group, hiding the panel).
    const group = page.locator('.editor-group-container', { has: page.locator(`.tab[data-resource-name="${WIDGET_FILE}"]`) }).first();
    await group.locator(`.tab[data-resource-name="${WIDGET_FILE}"]`).click();
    await group.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    await debugStatusItem(workbench).first().waitFor({ timeout: 90_000 }).catch(() => {
      throw new Error('F5 started no widget-timeline session');
    });
    // The preview follows the session: its source chip names the debug session.
    await workbench.inWebview(() => document.querySelector('.chip.source-debug')?.textContent ?? '', (text) => text !== '', 'the preview following the debug session', 90_000);
    const frame = await workbench.webviewFrame(`${SMALL} .w-toggle[data-intent]`, 60_000);
    const before = await widgetShows(workbench, /On|Off/, 'the lamp in the debug session');
    const want = /On/.test(before) ? /Off/ : /On/;
    await clickToggle(frame);
    await widgetShows(workbench, want, `the debug session's reloaded entry (${String(want)}) after the click`);
    await workbench.shot('debug-after-tap');
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    await closeAllEditors(workbench);
  }));
