// The preview panel in a real VS Code (code-server 4.100.3 driven from headless Chromium, with
// the packaged VSIX installed as a user would), on a copy of examples/weather: Open Preview
// shows the timeline; a save that breaks the widget shows the load error with file:line while
// the entries stay; a save that fixes it clears the banner; F5 makes the panel follow the debug
// session's widgetState, and stopping the session brings the preview's own run back.
// Reuses the end-to-end harness of test/e2e/. Screenshots: test-artifacts/webview/vscode/.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CodeServer, ensureCodeServer } from '../e2e/codeServer';
import { copyWeatherExample, WIDGET_FILE } from '../e2e/exampleWorkspace';
import { packageVsix } from '../e2e/vsixPackage';
import { Workbench } from '../e2e/workbench';
import { ARTIFACTS, ROOT } from './pageHarness';

const workDir = mkdtempSync(join(tmpdir(), 'widget-timelines-preview-'));
let server: CodeServer | undefined;
/** inWebview skips frames where the read gives undefined: every accepted value is a state. */
const previewState = readPreview as () => PreviewState;
let workbench: Workbench | undefined;

after(async () => {
  await workbench?.close();
  await server?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

interface PreviewState {
  cards: number;
  banner: string;
  source: string;
}

/** What the preview page shows, read inside its frame (undefined in any other frame). */
function readPreview(): PreviewState | undefined {
  if (!document.querySelector('.topbar')) return undefined;
  return {
    cards: document.querySelectorAll('[role="option"][id^="entry-"]').length,
    banner: document.querySelector('.banner-error')?.textContent ?? '',
    source: document.querySelector('.status .chip')?.textContent ?? '',
  };
}

test('the preview panel in VS Code: open, redraw on save, load error, follow a debug session', { timeout: 10 * 60_000 }, async () => {
  const [entry, vsix] = await Promise.all([ensureCodeServer(ROOT), packageVsix(ROOT, join(workDir, 'package'))]);
  server = new CodeServer(entry, workDir);
  await server.installExtension(vsix.path);
  const folder = copyWeatherExample(ROOT, workDir);
  workbench = await Workbench.open(await server.start(folder), join(workDir, 'chromium-profile'), join(ARTIFACTS, 'vscode'));
  const { page } = workbench;

  await workbench.openFile(WIDGET_FILE);
  await workbench.runCommand('Widget Timelines: Open Preview');
  await workbench.inWebview(previewState, (s) => s.cards > 0 && /Preview run/.test(s.source), 'timeline entries from the preview run', 90_000);
  await workbench.shot('preview-open');

  // Break the widget from the editor and save: the banner names the file and line, the entries stay.
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nconst broken = (;', { delay: 5 });
  await page.keyboard.press('Control+S');
  const failed = await workbench.inWebview(previewState, (s) => s.banner !== '', 'a load-error banner after a broken save', 60_000);
  assert.match(failed.banner, /weather\.widget\.ts:\d+/);
  assert.ok(failed.cards > 0, 'the last good render stays under the banner');
  await workbench.shot('preview-load-error');

  // Fix it and save: the banner goes, the timeline is drawn again. End first: the editor may
  // have auto-closed the parenthesis, and the cursor then sits before a ')' that must go too.
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('const fixed = 1;', { delay: 5 });
  await page.keyboard.press('Control+S');
  await workbench.inWebview(previewState, (s) => s.banner === '' && s.cards > 0, 'the banner gone after the fix', 60_000);

  // F5 (launch.json, stopOnEntry): the panel follows the session's widgetState events.
  await page.keyboard.press('F5');
  await workbench.inWebview(previewState, (s) => /Debugging/.test(s.source), 'the panel following the debug session', 60_000);
  await workbench.shot('preview-following-debug');
  await page.keyboard.press('Shift+F5');
  await workbench.inWebview(previewState, (s) => /Preview run/.test(s.source) && s.cards > 0, 'the preview run back after the session', 60_000);
});
