// Steps of the authoring end-to-end scenarios that codeServer.test.ts does not need: the folder a
// new user opens (only a launch.json with their own comments), a widget whose provider throws,
// and reading what the Problems panel, the CodeLens and the status bar show.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import type { Workbench } from './workbench';

/** The launch.json a user already has: comments and a configuration of their own. */
export const USER_LAUNCH_JSON = `{
  // my own comment: keep me
  "version": "0.2.0",
  "configurations": [
    { "type": "node", "request": "launch", "name": "Server", "program": "\${workspaceFolder}/server.js" } // keep this one too
  ]
}
`;

/** A workspace folder named `authoring-ws` holding only .vscode/launch.json (with comments). */
export function authoringWorkspace(workDir: string): string {
  const folder = join(workDir, 'authoring-ws');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'launch.json'), USER_LAUNCH_JSON);
  return folder;
}

/** A widget whose getTimeline throws: the run must report provider-threw at the throw's line. */
export const BROKEN_WIDGET = `import { defineWidget, Text } from 'widgetkit';
export default defineWidget({
  kind: 'broken',
  provider: {
    placeholder() { return { date: new Date() }; },
    getSnapshot() { return { date: new Date() }; },
    async getTimeline() {
      throw new Error('feed unavailable');
    },
  },
  view: () => Text('x'),
});
`;

/** 1-based line of the first line of `text` matching `needle`, comment lines left out. */
export function lineOf(text: string, needle: string | RegExp): number {
  const matches = (line: string): boolean => (typeof needle === 'string' ? line.includes(needle) : needle.test(line));
  const index = text.split('\n').findIndex((line) => matches(line) && !/^\s*(\/\/|\*)/.test(line));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

/**
 * Test-artifacts folder for a suite's screenshots, test-artifacts/e2e/<suite>-<time>-<pid>;
 * only the suite's newest three runs are kept (other suites' folders are never touched).
 */
export function authoringArtifacts(parent: string, suite = 'authoring'): string {
  const folder = join(parent, `${suite}-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  mkdirSync(folder, { recursive: true });
  const runs = readdirSync(parent).filter((name) => name.startsWith(`${suite}-`)).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - 3))) rmSync(join(parent, old), { recursive: true, force: true });
  return folder;
}

/** Opens the Problems panel and returns the text of every row it lists (files and markers). */
export async function problemRows(workbench: Workbench): Promise<string[]> {
  await workbench.runCommand('View: Focus Problems');
  await workbench.page.locator('.markers-panel').first().waitFor({ timeout: 15_000 });
  return workbench.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

/** Polls the Problems panel until a row holds `text`; the error lists what it showed instead. */
export async function waitForProblem(workbench: Workbench, text: string | RegExp, what: string, timeoutMs: number): Promise<string> {
  await problemRows(workbench);
  const deadline = Date.now() + timeoutMs;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    rows = await workbench.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    const found = rows.find((row) => (typeof text === 'string' ? row.includes(text) : text.test(row)));
    if (found !== undefined) return found.replace(/\s+/g, ' ').trim();
    await workbench.page.waitForTimeout(500);
  }
  throw new Error(`the Problems panel never showed ${what} within ${timeoutMs} ms; it listed:\n  ${rows.map((r) => r.replace(/\s+/g, ' ')).join('\n  ') || '(nothing)'}`);
}

/**
 * Opens a file by double-clicking it in the Explorer, as a user does; Quick Open's file index may
 * not list a file created a moment ago. Resolves when its tab is the active one.
 */
export async function openFromExplorer(workbench: Workbench, name: string): Promise<void> {
  // A debug session shows Run and Debug in the side bar: the Explorer comes back first.
  if (!(await workbench.page.locator('.explorer-folders-view').first().isVisible().catch(() => false))) {
    await workbench.runCommand('View: Show Explorer');
  }
  const row = workbench.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 30_000 }).catch(() => {
    throw new Error(`the Explorer does not list ${name}`);
  });
  await row.dblclick();
  await workbench.page.locator(`.editor-group-container.active .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 30_000 }).catch(() => {
    throw new Error(`double-clicking ${name} in the Explorer did not open it`);
  });
}

/** "View: Close All Editors", until no editor tab is left (so the next step starts clean). */
export async function closeAllEditors(workbench: Workbench): Promise<void> {
  const tabs = workbench.page.locator('.tabs-container .tab');
  for (let attempt = 0; attempt < 3 && (await tabs.count()) > 0; attempt++) {
    await workbench.runCommand('View: Close All Editors');
    for (let i = 0; i < 20 && (await tabs.count()) > 0; i++) await workbench.page.waitForTimeout(250);
  }
  if ((await tabs.count()) > 0) throw new Error(`editors stayed open after "View: Close All Editors": ${(await tabs.allInnerTexts()).join(', ')}`);
}

/** Moves the cursor to `line` with Quick Open's `:line`, which scrolls it into view. */
export async function goToLine(workbench: Workbench, line: number): Promise<void> {
  const { page } = workbench;
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** The CodeLens links of the active editor whose text matches `title`. */
export function lensLink(workbench: Workbench, title: string): Locator {
  return workbench.page.locator('.editor-group-container.active .codelens-decoration a', { hasText: title }).first();
}

/** The status bar item a widget-timeline debug session shows: `HH:MM:SS · extension <state>`. */
export function debugStatusItem(workbench: Workbench): Locator {
  return workbench.page.locator('.statusbar-item', { hasText: /· extension/ });
}
