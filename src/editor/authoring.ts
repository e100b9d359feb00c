// Authoring a widget in VS Code: registers the New Widget scaffold, the debug configuration
// provider (F5 on a widget file), the CodeLens and its commands (Debug lifecycle, Run headless),
// the debug-session status bar item, "Debug this run" on a recorded run's findings, and links
// each finding code in Problems to its explanation in the README. Each feature lives in its own file under authoring/.
import * as vscode from 'vscode';
import type { FindingsCollection } from './findingsCollection';
import { registerGuardedCommand, trustProblem, saveIfDirty, targetWidgetFile } from './authoring/commandGuard';
import { registerDebugConfigurationProviders } from './authoring/debugConfigurationProvider';
import { registerDebugStatusBar } from './authoring/debugStatusBar';
import { registerDebugThisRun } from './authoring/debugThisRun';
import { runHeadless } from './authoring/headlessRun';
import { newWidget } from './authoring/newWidgetCommand';
import { registerWidgetCodeLens } from './authoring/widgetCodeLens';
import type { AuthoringError } from './authoring/authoringError';
import { DEBUG_TYPE } from './authoring/widgetLaunch';
import { widgetBaseName } from './authoring/widgetFiles';

export function activateAuthoring(context: vscode.ExtensionContext, findings: FindingsCollection): void {
  findings.linkExplanations(context.extensionUri);
  const extensionRoot = context.extensionUri.fsPath;
  context.subscriptions.push(
    registerGuardedCommand('widgetTimelines.newWidget', () => newWidget(extensionRoot)),
    registerGuardedCommand('widgetTimelines.debugWidget', (argument) => debugWidget(argument)),
    registerGuardedCommand('widgetTimelines.runHeadless', (argument) =>
      runHeadless({ extensionRoot, storage: context.globalStorageUri.fsPath, findings }, argument)),
    ...registerDebugConfigurationProviders(),
    ...registerWidgetCodeLens(),
    ...registerDebugStatusBar(),
    ...registerDebugThisRun(findings),
  );
}

/**
 * "Debug lifecycle": starts a session for the widget file. The configuration is the one F5 would
 * build; the debug configuration provider resolves it (fixtures sibling, trust, existence).
 */
async function debugWidget(argument: unknown): Promise<AuthoringError | undefined> {
  const untrusted = trustProblem();
  if (untrusted) return untrusted;
  const target = targetWidgetFile(argument);
  if (!target.ok) return target.error;
  await saveIfDirty(target.value);
  const folder = vscode.workspace.getWorkspaceFolder(target.value);
  // When the launch fails VS Code shows the resolver's or the adapter's own message.
  await vscode.debug.startDebugging(folder, {
    type: DEBUG_TYPE,
    request: 'launch',
    name: `Debug ${widgetBaseName(target.value.fsPath)} widget`,
    program: target.value.fsPath,
  });
  return undefined;
}
