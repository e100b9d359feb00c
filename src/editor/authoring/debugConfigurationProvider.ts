// The debug configuration provider for type `widget-timeline`: the initial configurations for a
// new launch.json, one dynamic configuration per widget file in the workspace (the "Widget
// Timeline" entry of Run and Debug's picker), and the resolver that makes F5 on a widget file
// with no launch.json just work. Refuses to launch in an untrusted workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LaunchConfiguration } from './launchJson';
import { completeConfiguration, configurationForWidget, DEBUG_TYPE, withSiblingFixtures } from './widgetLaunch';
import { fixturesPathFor, WIDGET_FILE_GLOB, WIDGET_SEARCH_EXCLUDE } from './widgetFiles';

/** At most this many widget files are offered, so a huge workspace stays quick. */
const MAX_WIDGET_FILES = 50;

/** The `${file}` configuration: debugs whichever widget file is open. */
const CURRENT_FILE_CONFIGURATION: LaunchConfiguration = {
  type: DEBUG_TYPE,
  request: 'launch',
  name: 'Debug widget lifecycle',
  program: '${file}',
  family: 'systemSmall',
  clock: 'simulated',
};

/** One configuration per widget file under `folder` (or the whole workspace). */
export async function widgetConfigurations(folder: vscode.WorkspaceFolder | undefined): Promise<LaunchConfiguration[]> {
  const include = folder ? new vscode.RelativePattern(folder, WIDGET_FILE_GLOB) : WIDGET_FILE_GLOB;
  const files = await vscode.workspace.findFiles(include, WIDGET_SEARCH_EXCLUDE, MAX_WIDGET_FILES);
  return files
    .sort((a, b) => a.fsPath.localeCompare(b.fsPath))
    .map((uri) => configurationForWidget(uri.fsPath, {
      workspaceFolder: (folder ?? vscode.workspace.getWorkspaceFolder(uri))?.uri.fsPath,
      fixturesExist: fs.existsSync(fixturesPathFor(uri.fsPath)),
    }));
}

class InitialConfigurations implements vscode.DebugConfigurationProvider {
  async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined): Promise<vscode.DebugConfiguration[]> {
    return [CURRENT_FILE_CONFIGURATION, ...(await widgetConfigurations(folder))];
  }

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    const editor = vscode.window.activeTextEditor;
    const activeFile = editor?.document.uri.scheme === 'file' ? editor.document.uri.fsPath : undefined;
    const completed = completeConfiguration(configuration, { activeFile, trusted: vscode.workspace.isTrusted });
    if (!completed.ok) {
      void vscode.window.showErrorMessage(completed.error.message);
      return undefined; // undefined cancels the launch quietly (null would open launch.json)
    }
    return completed.value as vscode.DebugConfiguration;
  }

  resolveDebugConfigurationWithSubstitutedVariables(_folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    const program: unknown = configuration.program;
    if (typeof program === 'string' && path.isAbsolute(program) && !fs.existsSync(program)) {
      void vscode.window.showErrorMessage(`The widget file ${program} does not exist. Fix "program" in the "${configuration.name}" configuration.`);
      return undefined;
    }
    return withSiblingFixtures(configuration, (file) => fs.existsSync(file)) as vscode.DebugConfiguration;
  }
}

class DynamicConfigurations implements vscode.DebugConfigurationProvider {
  async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined): Promise<vscode.DebugConfiguration[]> {
    // VS Code asks once per workspace folder and once more with no folder (the "user settings"
    // scope): answering the latter too would list every widget twice.
    return folder ? widgetConfigurations(folder) : [];
  }
}

export function registerDebugConfigurationProviders(): vscode.Disposable[] {
  return [
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new InitialConfigurations(), vscode.DebugConfigurationProviderTriggerKind.Initial),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new DynamicConfigurations(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
  ];
}
