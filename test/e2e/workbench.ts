// Drives the VS Code workbench in headless Chromium the way a user does: keyboard shortcuts,
// the command palette, clicks in views. Every step can leave a screenshot under
// test-artifacts/e2e/ so that a failure can be seen, not only read.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { chromiumPath } from '../chromium.mjs';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface CallStackThread {
  name: string;
  /** "Running", or the stop's description (or "Paused on <reason>"). */
  state: string;
  paused: boolean;
  label: string;
  topFrame?: string;
}

export class Workbench {
  private shots = 0;

  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly artifacts: string,
  ) {}

  /**
   * Opens the workbench in a persistent Chromium profile inside `profileDir`, so that the
   * browser's command line names the run's folder and a leftover process can be found.
   */
  static async open(url: string, profileDir: string, artifacts: string): Promise<Workbench> {
    mkdirSync(artifacts, { recursive: true });
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1600, height: 1000 },
      timeout: 60_000,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    return new Workbench(context, page, artifacts);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }

  /** Saves a numbered screenshot of the whole window; returns its path. */
  async shot(step: string): Promise<string> {
    this.shots += 1;
    const path = join(this.artifacts, `${String(this.shots).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path }).catch(() => undefined);
    return path;
  }

  /** The shortcut's quick input, `text` typed, Enter once a row holds `rowText`. */
  private async pickInQuickInput(shortcut: string, text: string, rowText: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // A quick input left open by an earlier step would swallow the shortcut.
    if (await input.isVisible()) await this.page.keyboard.press('Escape');
    await this.page.keyboard.press(shortcut);
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await this.page.keyboard.press('Enter');
  }

  /** As pickInQuickInput; resolves once the quick input has closed. */
  private async quickInput(shortcut: string, text: string, rowText: string): Promise<void> {
    await this.pickInQuickInput(shortcut, text, rowText);
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'hidden' });
  }

  /** Control+Shift+P, the command's title, Enter. */
  async runCommand(title: string): Promise<void> {
    await this.quickInput('Control+Shift+P', `>${title}`, title);
  }

  /** True when the command palette lists a command with this title. */
  async paletteLists(title: string): Promise<boolean> {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const listed = await row.waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
    await this.page.keyboard.press('Escape');
    return listed;
  }

  /**
   * Runs a command that asks for a file (an Open dialog: in code-server VS Code's own quick-input
   * dialog), types the file's folder into that dialog and clicks the file's row. The dialog reads
   * the disk itself, so a file written a moment ago is there (Quick Open's file index may not have
   * it yet). The dialog lists its start folder asynchronously and, when that listing lands after
   * the user typed, puts the start folder back into the input: the folder is typed once the first
   * listing is shown, and typed again if the dialog replaced it, as a user would.
   */
  async runCommandPickingFile(title: string, path: string, timeoutMs = 30_000): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    await this.pickInQuickInput('Control+Shift+P', `>${title}`, title);
    // The palette gives way to the dialog, whose input starts with a folder path; then its listing.
    await this.page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.startsWith('/') ?? false, undefined, { timeout: 20_000 });
    await rows.first().waitFor({ state: 'visible', timeout: 20_000 }).catch(() => undefined);
    const slash = path.lastIndexOf('/');
    const folder = path.slice(0, slash + 1);
    const row = rows.filter({ hasText: path.slice(slash + 1) }).first();
    const deadline = Date.now() + timeoutMs;
    let typed = 0;
    while (!(await row.isVisible())) {
      if (Date.now() > deadline) {
        const listed = await rows.allInnerTexts();
        const message = await this.page.locator('.quick-input-message').innerText().catch(() => '');
        throw new Error(`the Open dialog never listed ${path} (typed its folder ${typed} times); it shows "${await input.inputValue()}"${message ? ` saying "${message}"` : ''} and lists: ${listed.join(', ') || 'nothing'}`);
      }
      if (!(await input.inputValue()).startsWith(folder)) {
        await input.fill(folder);
        typed++;
      }
      await this.page.waitForTimeout(250);
    }
    await row.click();
    await input.waitFor({ state: 'hidden' });
  }

  /**
   * Control+P, the file's name or absolute path, Enter; resolves when its tab is the active one.
   * Quick Open looks an absolute path up on disk; a name only in its file index, which may not
   * list a file written a moment ago.
   */
  async openFile(nameOrPath: string): Promise<void> {
    const name = basename(nameOrPath);
    await this.quickInput('Control+P', nameOrPath, name);
    await this.page.locator(`.editor-group-container.active .tab.active[data-resource-name="${name}"]`).waitFor();
  }

  /** What the workbench is telling the user: notification toasts and modal dialogs. */
  async messages(): Promise<string[]> {
    const toasts = await this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    const dialogs = await this.page.locator('.monaco-dialog-box').allInnerTexts();
    return [...toasts, ...dialogs].map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** Closes modal dialogs (a failed step may leave one that would block every later step). */
  async dismissDialogs(): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    for (let i = 0; i < 3 && (await dialog.count()) > 0; i++) {
      await this.page.keyboard.press('Escape');
      await this.page.waitForTimeout(300);
    }
  }

  /** The first webview frame holding `selector` (webview pages are frames nested in iframes). */
  async webviewFrame(selector: string, timeoutMs: number): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (frame !== this.page.mainFrame() && (await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
      }
      await this.page.waitForTimeout(500);
    }
    throw new Error(`no webview holds ${selector} after ${timeoutMs} ms`);
  }

  /**
   * Polls every webview frame (the panel's page is a frame nested in the workbench's iframe)
   * until `read` returns something `accept` takes; the error shows what the frames last held.
   */
  async inWebview<T>(read: () => T, accept: (value: T) => boolean, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let seen = '';
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        const value = await frame.evaluate(read).catch(() => undefined);
        if (value === undefined) continue;
        if (accept(value as T)) return value as T;
        const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (text.trim() !== '') seen = text;
      }
      await this.page.waitForTimeout(500);
    }
    throw new Error(`no webview showed ${what} within ${timeoutMs} ms; the last webview text was:\n${seen.slice(0, 2_000) || '(none)'}`);
  }

  /**
   * The threads CALL STACK shows, each with its state label (a stop's description) and, when
   * paused, the aria label of its top frame ("Stack Frame name, line N, file").
   */
  async threads(): Promise<CallStackThread[]> {
    const rows = await this.page.locator('.debug-call-stack .monaco-list-row').evaluateAll((all) =>
      all.map((row) => ({
        label: (row.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').trim(),
        name: row.querySelector('.thread .name')?.textContent?.trim(),
        state: row.querySelector('.thread .state')?.textContent?.replace(/\s+/g, ' ').trim(),
      })),
    );
    const threads: CallStackThread[] = [];
    if (!rows.some((row) => row.name !== undefined) && rows.some((row) => row.label.startsWith('Stack Frame'))) {
      // With a single thread VS Code lists its frames without a thread row and shows the stop's
      // description in the pane's header; the thread then has no visible name.
      // textContent, not innerText: the badge's CSS upper-cases what innerText returns.
      const header = await this.page.locator('.call-stack-state-message').first().textContent().catch(() => null);
      const state = (header ?? '').replace(/\s+/g, ' ').trim();
      threads.push({ name: '', state, paused: true, label: `(single thread) ${state}` });
    }
    for (const row of rows) {
      if (row.name !== undefined) {
        const state = row.state ?? '';
        threads.push({ name: row.name, state, paused: state !== '' && !/^running$/i.test(state), label: row.label });
      } else if (row.label.startsWith('Stack Frame') && threads.length > 0) {
        const thread = threads[threads.length - 1];
        thread.topFrame ??= row.label;
      }
    }
    return threads;
  }

  /** Polls CALL STACK until `accept` holds; the error names what it last showed. */
  async waitForThreads(accept: (threads: CallStackThread[]) => boolean, what: string, timeoutMs = 60_000): Promise<CallStackThread[]> {
    const deadline = Date.now() + timeoutMs;
    let threads: CallStackThread[] = [];
    while (Date.now() < deadline) {
      threads = await this.threads().catch(() => []);
      if (accept(threads)) return threads;
      await this.page.waitForTimeout(300);
    }
    const shown = threads.map((t) => `${t.label}${t.topFrame ? ` / ${t.topFrame}` : ''}`).join('\n  ');
    throw new Error(`CALL STACK never showed ${what} within ${timeoutMs} ms; it showed:\n  ${shown || '(nothing)'}`);
  }

  /** Moves the pointer to the editor area so that no hover tooltip covers the next click. */
  async clearHover(): Promise<void> {
    await this.page.mouse.move(1_000, 600);
    await this.page.locator('.monaco-hover, .context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
  }

  /** Expands or collapses a pane of the Run and Debug view (VARIABLES, BREAKPOINTS, ...). */
  async setPaneExpanded(title: string, expanded: boolean): Promise<void> {
    await this.clearHover();
    const header = this.page.locator('.pane-header', { hasText: new RegExp(`^\\s*${title}`, 'i') }).first();
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
  }

  /** The row of the BREAKPOINTS view whose label holds `label` (event filters are rows too). */
  breakpointRow(label: string): Locator {
    return this.page.locator('.debug-breakpoints .monaco-list-row', { hasText: label }).first();
  }

  /**
   * Ticks an exception-filter (event) breakpoint's checkbox unless it is ticked already. The
   * list is virtualised: rows below the fold do not exist until it is scrolled.
   */
  async tickBreakpoint(label: string): Promise<void> {
    await this.setPaneExpanded('Breakpoints', true);
    const list = this.page.locator('.debug-breakpoints .monaco-list').first();
    const row = this.breakpointRow(label);
    for (let i = 0; i < 30 && (await row.count()) === 0; i++) {
      await list.hover();
      await this.page.mouse.wheel(0, 60);
      await this.page.waitForTimeout(100);
    }
    await row.waitFor({ timeout: 10_000 });
    await row.scrollIntoViewIfNeeded();
    const box = row.locator('input[type=checkbox]');
    if (!(await box.isChecked())) await box.click();
    if (!(await box.isChecked())) throw new Error(`the ${label} breakpoint did not stay ticked`);
  }

  /** A button of the floating debug toolbar, by its title (a contributed command's title). */
  debugToolbarButton(title: string): Locator {
    return this.page.locator(`.debug-toolbar .action-item .action-label[aria-label^="${title}"]`).first();
  }

  /** The editor cursor as the status bar shows it, e.g. `{ line: 42, column: 5 }`. */
  async cursor(): Promise<{ line: number; column: number } | undefined> {
    const text = await this.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText().catch(() => '');
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
  }

  async activeTab(): Promise<string> {
    return (await this.page.locator('.editor-group-container.active .tab.active').first().innerText().catch(() => '')).trim();
  }
}
