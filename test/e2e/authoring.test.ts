// End to end in a real VS Code, as a new widget author: package the VSIX, install it into
// code-server, open a folder holding only a commented .vscode/launch.json in headless Chromium,
// then scaffold a widget with "New Widget", use its CodeLens (Preview, Run headless), read the
// findings in the Problems panel, and press F5 with no launch.json. One code-server for the file;
// the scenarios build on one another (the scaffold first), each failing with what the screen
// showed. Screenshots: test-artifacts/e2e/authoring-<time>-<pid>/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import {
  authoringArtifacts,
  authoringWorkspace,
  BROKEN_WIDGET,
  closeAllEditors,
  debugStatusItem,
  goToLine,
  lensLink,
  lineOf,
  openFromExplorer,
  problemRows,
  waitForProblem,
} from './authoringSteps';
import { codeServerSuite } from './suiteSession';
import { packageVsix } from './vsixPackage';

const root = resolve(process.env.WIDGET_TIMELINES_ROOT ?? process.cwd());
const tree = resolve(process.env.WIDGET_TIMELINES_E2E_TREE ?? root);
const workDir = mkdtempSync(join(tmpdir(), 'widget-timelines-authoring-'));
const artifacts = authoringArtifacts(join(root, 'test-artifacts', 'e2e'));
const MINUTES = 60_000;
/** The kind typed into New Widget's input box: the folder and file names follow from it. */
const KIND = 'tides';
const WIDGET_FILE = `${KIND}.widget.ts`;

const suite = codeServerSuite({
  root,
  workDir,
  artifacts,
  label: 'authoring run',
  vsix: () => packageVsix(tree, join(workDir, 'package')),
  folder: authoringWorkspace,
});
const scenario = suite.scenario;
after(() => suite.close());

/** The scaffolded widget file; later scenarios need the first one to have created it. */
function scaffolded(folder: string): string {
  const file = join(folder, KIND, WIDGET_FILE);
  if (!existsSync(file)) throw new Error(`${file} does not exist: this scenario needs the New Widget scenario's scaffold`);
  return file;
}

test('New Widget scaffolds a widget, opens it, merges launch.json keeping comments, with no problems', { timeout: 6 * MINUTES }, () =>
  scenario('new-widget', async ({ workbench, folder }) => {
    const { page } = workbench;
    const input = page.locator('.quick-input-widget input');
    // The palette's Enter leads straight into the command's own quick pick, so step by hand.
    // Contributed commands reach the palette once the remote extension host has scanned the
    // installed extensions, a while after the workbench shows: reopen the palette until listed.
    const command = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Widget Timelines: New Widget' }).first();
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+Shift+P');
      await input.waitFor({ state: 'visible' });
      await input.fill('>Widget Timelines: New Widget');
      if (await command.waitFor({ timeout: 10_000 }).then(() => true, () => false)) break;
      await page.keyboard.press('Escape');
      if (attempt === 8) throw new Error('the command palette never listed "Widget Timelines: New Widget": is the extension installed?');
    }
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'authoring-ws' }).first().waitFor({ timeout: 60_000 }).catch(() => {
      throw new Error('New Widget did not offer the workspace folder "authoring-ws" to create the widget in');
    });
    await workbench.shot('new-widget-folder-pick');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value === 'weather', undefined, { timeout: 15_000 }).catch(() => {
      throw new Error('the widget kind input box did not appear with its default "weather"');
    });
    await input.fill('Bad Name');
    const message = page.locator('.quick-input-widget .quick-input-message', { hasText: /lowercase/ });
    await message.waitFor({ timeout: 10_000 }).catch(() => {
      throw new Error('the input box accepted "Bad Name" without the hint to use a lowercase word');
    });
    await workbench.shot('new-widget-bad-name');
    await input.fill(KIND);
    await message.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.keyboard.press('Enter');

    await page.locator(`.editor-group-container.active .tab.active[data-resource-name="${WIDGET_FILE}"]`).waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error(`New Widget did not open ${WIDGET_FILE} in the editor`);
    });
    await workbench.shot('new-widget-opened');
    for (const file of [WIDGET_FILE, `${KIND}.fixtures.json`, 'tsconfig.json', 'types/widgetkit.d.ts']) {
      assert.ok(existsSync(join(folder, KIND, file)), `the scaffold has no ${KIND}/${file}`);
    }
    const launch = readFileSync(join(folder, '.vscode', 'launch.json'), 'utf8');
    assert.ok(launch.includes('// my own comment: keep me') && launch.includes('// keep this one too'), `launch.json lost the user's comments:\n${launch}`);
    assert.ok(launch.includes('"Server"'), `launch.json lost the user's own configuration:\n${launch}`);
    assert.ok(launch.includes(`"Debug ${KIND} widget"`) && launch.includes('"widget-timeline"'), `launch.json has no widget-timeline configuration "Debug ${KIND} widget":\n${launch}`);

    // An empty Problems panel means nothing until TypeScript has checked the folder: a probe file
    // with one known mistake proves the checker runs there and resolves 'widgetkit' through the
    // scaffold's tsconfig ("no exported member", not "cannot find module").
    const probe = join(folder, KIND, 'probe.ts');
    writeFileSync(probe, "import { notInWidgetkit } from 'widgetkit';\nexport const probe = notInWidgetkit;\n");
    await workbench.openFile(probe);
    const probeRow = await waitForProblem(workbench, /notInWidgetkit|widgetkit/, "TypeScript's error for probe.ts", 120_000);
    assert.match(probeRow, /has no exported member/, `TypeScript did not resolve 'widgetkit' through the scaffold's tsconfig: ${probeRow}`);
    // The widget file was open before the probe, so its diagnostics came first.
    await page.waitForTimeout(2_000);
    const rows = await problemRows(workbench);
    await workbench.shot('new-widget-problems');
    const widgetRows = rows.filter((row) => row.includes(WIDGET_FILE) || row.includes(`${KIND}.fixtures.json`));
    assert.deepEqual(widgetRows, [], `the Problems panel lists problems in the fresh scaffold:\n${rows.join('\n')}`);
    await closeAllEditors(workbench);
    rmSync(probe);
  }));

test('the CodeLens above defineWidget reads Preview | Debug lifecycle | Run headless; Preview opens the panel', { timeout: 4 * MINUTES }, () =>
  scenario('codelens-preview', async ({ workbench, folder }) => {
    const file = scaffolded(folder);
    await openFromExplorer(workbench, WIDGET_FILE);
    const defineLine = lineOf(readFileSync(file, 'utf8'), /\bdefineWidget\s*[<(]/);
    await goToLine(workbench, defineLine);
    const lens = workbench.page.locator('.editor-group-container.active .codelens-decoration').first();
    await lens.waitFor({ timeout: 60_000 }).catch(() => {
      throw new Error(`no CodeLens appeared above defineWidget (${WIDGET_FILE}:${defineLine})`);
    });
    await workbench.shot('codelens');
    assert.match((await lens.innerText()).replace(/\s+/g, ' '), /Preview \| Debug lifecycle \| Run headless/);

    await lensLink(workbench, 'Preview').click();
    await workbench.page.locator('.tab', { hasText: `Preview: ${KIND}` }).first().waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error(`clicking the Preview lens opened no "Preview: ${KIND}" panel`);
    });
    // The panel's own page loaded: its mode tabs (Timeline, ...) are inside the webview.
    await workbench.webviewFrame('[role="tab"][data-mode="timeline"]', 60_000);
    await workbench.shot('codelens-preview');
    await closeAllEditors(workbench);
  }));

test('Run headless on a widget whose provider throws puts provider-threw in Problems at the throw\'s line; Debug this run replays it, Step Back goes before it', { timeout: 4 * MINUTES }, () =>
  scenario('run-headless', async ({ workbench, folder }) => {
    const broken = join(scaffolded(folder), '..', 'broken.widget.ts');
    writeFileSync(broken, BROKEN_WIDGET);
    const throwLine = lineOf(BROKEN_WIDGET, 'throw new Error');
    await openFromExplorer(workbench, 'broken.widget.ts');
    const run = lensLink(workbench, 'Run headless');
    await run.waitFor({ timeout: 60_000 }).catch(() => {
      throw new Error('no "Run headless" CodeLens above defineWidget in broken.widget.ts');
    });
    await run.click();
    await workbench.page.locator('.terminal-tabs-entry, .single-terminal-tab, .terminal-tab', { hasText: 'Widget: broken' }).first().waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error('Run headless opened no terminal "Widget: broken"');
    });
    await workbench.shot('run-headless-terminal');
    const row = await waitForProblem(workbench, 'provider-threw', 'the provider-threw finding of broken.widget.ts', 120_000);
    await workbench.shot('run-headless-problems');
    assert.match(row, /feed unavailable/, `the finding does not quote the provider's error: ${row}`);
    // The row shows its file and line already: the message starts with what went wrong.
    assert.match(row.trim(), /^provider\.getTimeline threw: feed unavailable/, `the finding's message does not start with what went wrong: ${row}`);
    assert.match(row, new RegExp(`\\[Ln ${throwLine}, Col \\d+\\]`), `the finding is not at the throw's line ${throwLine}: ${row}`);
    // The code links to its explanation in the shipped README (a line anchor at its heading).
    const link = workbench.page.locator('.markers-panel .monaco-list-row', { hasText: 'provider-threw' }).first().locator('a.monaco-link').first();
    const href = decodeURIComponent((await link.getAttribute('href', { timeout: 10_000 }).catch(() => null)) ?? '(no link)');
    assert.match(href, /readme\.md#L\d+$/i, `the provider-threw code does not link to the README's explanation: ${href}`);

    // "Debug this run": the finding's quick fix replays the recorded run stopped at the finding.
    const { page } = workbench;
    const fix = page.locator('.action-widget .action-label, .context-view .action-label, .action-widget .monaco-list-row', { hasText: 'Debug this run' }).first();
    // The row's quick fixes are computed after it is selected: Ctrl+. may come too early, so it
    // is pressed again (after Escape closes an empty menu) until the fix is offered.
    const offered = async (): Promise<boolean> => {
      for (const deadline = Date.now() + 45_000; Date.now() < deadline; ) {
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'provider-threw' }).first().click();
        await page.keyboard.press('Control+.');
        if (await fix.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return true;
        await page.keyboard.press('Escape');
      }
      return false;
    };
    if (!(await offered())) {
      await workbench.shot('debug-this-run-no-fix');
      throw new Error('the provider-threw finding offers no "Debug this run" quick fix');
    }
    await workbench.shot('debug-this-run-fix');
    await fix.click();
    const atFinding = await workbench.waitForThreads((threads) => threads.some((t) => t.paused && /provider-threw/.test(`${t.state} ${t.topFrame ?? ''}`)), 'a replay paused at the provider-threw finding', 90_000);
    await workbench.shot('debug-this-run-paused');
    // The Step Back button of the debug toolbar: the run re-executed to the event before.
    const stepBack = workbench.debugToolbarButton('Step Back');
    await stepBack.waitFor({ timeout: 20_000 }).catch(() => {
      throw new Error('the debug toolbar shows no Step Back button');
    });
    await stepBack.click();
    await workbench.waitForThreads(
      (threads) => threads.some((t) => t.paused) && !threads.some((t) => t.paused && /provider-threw/.test(`${t.state} ${t.topFrame ?? ''}`)),
      `a stop before the finding after Step Back (it was: ${atFinding.map((t) => t.label).join('; ')})`,
      90_000,
    );
    await workbench.shot('debug-this-run-step-back');
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    await closeAllEditors(workbench);
  }));

test('Open Recording on a chaos report\'s recording puts its findings in Problems and debugs the run stopped at the first one', { timeout: 4 * MINUTES }, () =>
  scenario('open-recording', async ({ workbench, folder }) => {
    // A chaos campaign leaves the recording of a violating run in test-artifacts/chaos/.
    const flaky = join(scaffolded(folder), '..', 'flaky.widget.ts');
    writeFileSync(flaky, BROKEN_WIDGET.replace("kind: 'broken'", "kind: 'flaky'").replace('feed unavailable', 'chaos took the feed'));
    const reports = join(folder, 'test-artifacts', 'chaos');
    mkdirSync(reports, { recursive: true });
    const recording = join(reports, 'seed-7-run-3.recording.jsonl');
    const made = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'run', flaky, '--until', '+10m', '--record', recording], { encoding: 'utf8', timeout: 120_000 });
    assert.ok(existsSync(recording), `the CLI recorded nothing: ${made.stderr}`);

    // With no recording in the active editor the command asks for one: the user picks the file.
    await closeAllEditors(workbench);
    await workbench.runCommandPickingFile('Widget Timelines: Open Recording', recording);
    const row = await waitForProblem(workbench, 'chaos took the feed', 'the provider-threw finding of the recording', 60_000);
    assert.match(row, /provider-threw/);
    const debug = workbench.page.locator('.notification-toast .monaco-button', { hasText: 'Debug this run at its first finding (provider-threw)' }).first();
    await debug.waitFor({ timeout: 30_000 }).catch(async () => {
      throw new Error(`Open Recording offered no "Debug this run" (the workbench said: ${(await workbench.messages()).join(' | ')})`);
    });
    await workbench.shot('open-recording');
    await debug.click();
    await workbench.waitForThreads((threads) => threads.some((t) => t.paused && /provider-threw/.test(`${t.state} ${t.topFrame ?? ''}`)), 'the recorded run paused at its provider-threw finding', 90_000);
    await workbench.shot('open-recording-paused');
    await workbench.page.keyboard.press('Shift+F5');
    await workbench.page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    await closeAllEditors(workbench);
  }));

test('F5 on a widget file with no launch.json starts a Widget Timeline session; the status bar shows its virtual time and state until it stops', { timeout: 4 * MINUTES }, () =>
  scenario('f5-status-bar', async ({ workbench, folder }) => {
    const { page } = workbench;
    scaffolded(folder);
    rmSync(join(folder, '.vscode', 'launch.json'));
    await openFromExplorer(workbench, WIDGET_FILE);
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    // With no launch.json VS Code may ask which debugger to use; a user picks Widget Timeline.
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Widget Timeline' }).first();
    const status = debugStatusItem(workbench).first();
    await Promise.race([pick.waitFor({ timeout: 30_000 }), status.waitFor({ timeout: 30_000 })]).catch(() => undefined);
    if (await pick.isVisible()) {
      await workbench.shot('f5-debugger-picker');
      await pick.click();
    }
    await status.waitFor({ timeout: 60_000 }).catch(() => {
      throw new Error('F5 started no widget-timeline session: the status bar never showed its virtual time and extension state');
    });
    await workbench.shot('f5-status-bar');
    const text = (await status.innerText()).replace(/\s+/g, ' ').trim();
    assert.match(text, /\d\d:\d\d:\d\d · extension (not running|launching|running|suspended)/, `the status bar item reads "${text}"`);

    await page.keyboard.press('Shift+F5');
    await debugStatusItem(workbench).first().waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => {
      throw new Error('the status bar item stayed after Shift+F5 stopped the session');
    });
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    await workbench.shot('f5-stopped');
  }));
