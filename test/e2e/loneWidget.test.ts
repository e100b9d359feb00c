// End to end in a real VS Code, as a user who clones a widget or writes one by hand: the VSIX
// installed into code-server, a folder holding only examples/relay/relay.widget.ts (no tsconfig,
// no node_modules, no launch.json). TypeScript resolves 'widgetkit' and 'node:fs' through the
// extension's TypeScript server plugin (no "Cannot find module", nothing written into the
// folder), and F5 starts a widget-timeline session straight away, with no debugger picker.
// Screenshots: test-artifacts/e2e/lone-widget-<time>-<pid>/.
import assert from 'node:assert/strict';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { closeAllEditors, debugStatusItem, openFromExplorer, problemRows, waitForProblem } from './authoringSteps';
import { exampleFileSuite, MINUTES } from './exampleFileSuite';

const WIDGET_FILE = 'relay.widget.ts';
/** A folder named `relay` holding only a copy of examples/relay/relay.widget.ts. */
const suite = exampleFileSuite('lone-widget', 'relay', WIDGET_FILE);

test('a lone relay.widget.ts has no "Cannot find module" problems, and nothing is written into its folder', { timeout: 6 * MINUTES }, () =>
  suite.scenario('types-resolve', async ({ workbench, folder }) => {
    await openFromExplorer(workbench, WIDGET_FILE);
    await workbench.shot('relay-open');
    // An empty Problems panel means nothing until TypeScript has checked the folder: a probe with
    // one known mistake proves the checker runs and resolves 'widgetkit' to real declarations
    // ("no exported member", not "cannot find module").
    const probe = join(folder, 'probe.ts');
    writeFileSync(probe, "import { notInWidgetkit } from 'widgetkit';\nexport const probe = notInWidgetkit;\n");
    await workbench.openFile(probe);
    const probeRow = await waitForProblem(workbench, /notInWidgetkit|widgetkit/, "TypeScript's error for probe.ts", 3 * MINUTES);
    assert.match(probeRow, /has no exported member/, `TypeScript did not resolve 'widgetkit' through the plugin: ${probeRow}`);
    // relay.widget.ts was open before the probe, so its diagnostics came first.
    await workbench.page.waitForTimeout(2_000);
    const rows = (await problemRows(workbench)).map((row) => row.replace(/\s+/g, ' ').trim());
    await workbench.shot('relay-problems');
    assert.deepEqual(rows.filter((row) => /Cannot find module|relay\.widget\.ts/.test(row)), [], `the Problems panel lists:\n${rows.join('\n')}`);
    await closeAllEditors(workbench);
    rmSync(probe);
    assert.deepEqual(readdirSync(folder), [WIDGET_FILE], 'files appeared in the user\'s folder');
  }));

test('F5 on relay.widget.ts with no launch.json starts a widget-timeline session with no debugger picker', { timeout: 4 * MINUTES }, () =>
  suite.scenario('f5-no-picker', async ({ workbench }) => {
    const { page } = workbench;
    await openFromExplorer(workbench, WIDGET_FILE);
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    const picker = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    const status = debugStatusItem(workbench).first();
    const first = await Promise.race([
      picker.waitFor({ timeout: 60_000 }).then(() => 'picker' as const),
      status.waitFor({ timeout: 60_000 }).then(() => 'session' as const),
    ]).catch(() => 'nothing' as const);
    if (first === 'picker') {
      await workbench.shot('f5-picker');
      throw new Error(`F5 asked which debugger to use: ${(await picker.innerText()).replace(/\s+/g, ' ')}`);
    }
    assert.equal(first, 'session', 'F5 started no widget-timeline session: the status bar never showed its virtual time and extension state');
    await page.locator('.debug-toolbar').waitFor({ timeout: 30_000 });
    await workbench.shot('f5-session');
    const text = (await status.innerText()).replace(/\s+/g, ' ').trim();
    assert.match(text, /\d\d:\d\d:\d\d · extension (not running|launching|running|suspended)/, `the status bar item reads "${text}"`);
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'a quick input opened during the launch');

    await page.keyboard.press('Shift+F5');
    await status.waitFor({ state: 'hidden', timeout: 30_000 });
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    await workbench.shot('f5-stopped');
  }));
