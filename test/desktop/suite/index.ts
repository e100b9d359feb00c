// The end-to-end scenarios inside desktop VS Code (run by test/desktop/run.mjs through
// @vscode/test-electron): the same user story as the code-server suite, told through the vscode
// API instead of clicks. activate, open the preview, start debugging with a function
// breakpoint on didFinishDownloadingTo, stop in the user's file, terminateExtension, see the
// relaunch on a new thread, the redelivery, and the new timeline in widgetState.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { copyWeatherExample, FIXTURES_FILE, handlerFirstLine, WIDGET_FILE } from '../../e2e/exampleWorkspace';
import { DebugConversation } from './debugConversation';

const EXTENSION_ID = 'widget-timelines.widget-timelines';

async function activation(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  await extension.activate();
  assert.ok(extension.isActive, `${EXTENSION_ID} did not activate`);
}

async function preview(widget: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(widget));
  await vscode.commands.executeCommand('widgetTimelines.openPreview');
  const deadline = Date.now() + 30_000;
  const isPreview = (tab: vscode.Tab): boolean => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('widgetTimelines.preview');
  while (!vscode.window.tabGroups.all.some((group) => group.tabs.some(isPreview))) {
    assert.ok(Date.now() < deadline, 'Open Preview opened no widgetTimelines.preview panel');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function debugRelaunch(folder: string): Promise<void> {
  const program = join(folder, WIDGET_FILE);
  const handlerLine = handlerFirstLine(folder, 'didFinishDownloadingTo');
  const conversation = DebugConversation.listen('widget-timeline');
  vscode.debug.addBreakpoints([new vscode.FunctionBreakpoint('didFinishDownloadingTo'), new vscode.FunctionBreakpoint('onBackgroundURLSessionEvents')]);
  try {
    const started = await vscode.debug.startDebugging(undefined, {
      type: 'widget-timeline',
      request: 'launch',
      name: 'Debug weather widget',
      program,
      network: { fixtures: join(folder, FIXTURES_FILE) },
    });
    assert.ok(started, 'startDebugging refused the widget-timeline launch');
    const session = await conversation.session();

    const first = await conversation.nextStop('didFinishDownloadingTo');
    const top = await conversation.topFrame(session, first.threadId);
    assert.equal(top.source?.path, program, 'the stop is not in the user\'s widget file');
    assert.equal(top.line, handlerLine, "the stop is not at the handler's first line");

    await session.customRequest('terminateExtension', { mode: 'system' });
    const relaunch = await conversation.nextStop('onBackgroundURLSessionEvents');
    assert.notEqual(relaunch.threadId, first.threadId, 'the relaunched extension did not appear as a new thread');
    await session.customRequest('continue', { threadId: relaunch.threadId });

    const redelivery = await conversation.nextStop('didFinishDownloadingTo');
    assert.equal(redelivery.threadId, relaunch.threadId, 'didFinishDownloadingTo was not redelivered to the relaunched extension');
    await session.customRequest('continue', { threadId: redelivery.threadId });

    await conversation.widgetState((state) => (state.timeline?.entries ?? []).some((entry) => typeof (entry.data as { temp?: unknown } | null)?.temp === 'number'));
    await vscode.debug.stopDebugging(session);
  } finally {
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    conversation.dispose();
  }
}

/** Entry point called by VS Code's test runner; a rejection fails the run. */
export async function run(): Promise<void> {
  const work = process.env.WIDGET_TIMELINES_DESKTOP_WORK ?? mkdtempSync(join(tmpdir(), 'widget-timelines-desktop-'));
  const root = process.env.WIDGET_TIMELINES_ROOT;
  assert.ok(root, 'WIDGET_TIMELINES_ROOT is not set (test/desktop/run.mjs sets it)');
  const folder = copyWeatherExample(root, work);
  const scenarios: [string, () => Promise<void>][] = [
    ['the extension activates', activation],
    ['Open Preview shows the widget panel', () => preview(vscode.Uri.file(join(folder, WIDGET_FILE)))],
    ['debug: stop, terminate, relaunch, redelivery, new timeline', () => debugRelaunch(folder)],
  ];
  const failures: string[] = [];
  for (const [name, scenario] of scenarios) {
    try {
      await scenario();
      console.log(`ok - ${name}`);
    } catch (error) {
      failures.push(name);
      console.log(`not ok - ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`${scenarios.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`desktop scenarios failed: ${failures.join('; ')}`);
}
