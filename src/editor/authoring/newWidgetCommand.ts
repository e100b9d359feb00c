// "Widget Timelines: New Widget": asks for a folder (the workspace folder first) and a widget
// kind, writes the scaffold, adds a debug configuration to the folder's .vscode/launch.json
// (merged into an existing one, never replacing it), and opens the new widget file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeThrown, type AuthoringError } from './authoringError';
import { addLaunchConfiguration, newLaunchJson } from './launchJson';
import { widgetNameProblem, writeScaffold, type ScaffoldResult } from './scaffold';
import { configurationForWidget } from './widgetLaunch';

export async function newWidget(extensionRoot: string): Promise<AuthoringError | undefined> {
  const parent = await pickParentFolder();
  if (!parent) return undefined; // the user cancelled
  const kind = await vscode.window.showInputBox({
    title: 'New Widget',
    prompt: `Widget kind (a folder of that name is created in ${parent.fsPath})`,
    placeHolder: 'weather',
    value: firstFreeKind(parent.fsPath),
    validateInput: (value) => widgetNameProblem(value.trim()) ?? (fs.existsSync(path.join(parent.fsPath, value.trim())) ? `${value.trim()} already exists in this folder.` : undefined),
  });
  if (kind === undefined) return undefined;
  const scaffold = writeScaffold(parent.fsPath, kind.trim(), extensionRoot);
  if (!scaffold.ok) return scaffold.error;
  const launchNote = addToLaunchJson(scaffold.value, parent);
  const document = await vscode.workspace.openTextDocument(scaffold.value.widgetFile);
  await vscode.window.showTextDocument(document);
  if (typeof launchNote !== 'string') return launchNote;
  void vscode.window.showInformationMessage(`Created ${path.basename(scaffold.value.widgetFile)} with its fixtures and types. ${launchNote} Press F5 to debug its lifecycle.`);
  return undefined;
}

async function pickParentFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const browse = { label: '$(folder-opened) Choose another folder…', uri: undefined as vscode.Uri | undefined };
  const items = [...folders.map((f) => ({ label: f.name, description: f.uri.fsPath, uri: f.uri as vscode.Uri | undefined })), browse];
  const picked = folders.length === 0 ? browse : await vscode.window.showQuickPick(items, {
    title: 'New Widget',
    placeHolder: 'Folder to create the widget in',
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Create the widget here' });
  return chosen?.[0];
}

/** "weather", or "weather2", ... when that folder exists: a valid default to accept with Enter. */
function firstFreeKind(parent: string): string {
  for (let n = 1; ; n++) {
    const kind = n === 1 ? 'weather' : `weather${n}`;
    if (!fs.existsSync(path.join(parent, kind))) return kind;
  }
}

/**
 * Adds the widget's configuration to launch.json in the workspace folder that holds it (or in
 * the chosen folder outside any workspace). Returns a sentence for the user, or an error.
 */
function addToLaunchJson(scaffold: ScaffoldResult, parent: vscode.Uri): string | AuthoringError {
  const root = vscode.workspace.getWorkspaceFolder(parent)?.uri.fsPath ?? parent.fsPath;
  const launchFile = path.join(root, '.vscode', 'launch.json');
  const configuration = configurationForWidget(scaffold.widgetFile, { workspaceFolder: root, fixturesExist: true });
  try {
    if (!fs.existsSync(launchFile)) {
      fs.mkdirSync(path.dirname(launchFile), { recursive: true });
      fs.writeFileSync(launchFile, newLaunchJson(configuration));
      return `Added "${configuration.name}" to a new .vscode/launch.json.`;
    }
    const edit = addLaunchConfiguration(fs.readFileSync(launchFile, 'utf8'), configuration, launchFile);
    if (!edit.ok) return edit.error;
    if (!edit.value.added) return `.vscode/launch.json already has "${configuration.name}".`;
    fs.writeFileSync(launchFile, edit.value.text);
    return `Added "${configuration.name}" to .vscode/launch.json.`;
  } catch (thrown) {
    return { code: 'io-failed', message: `The widget was created, but ${launchFile} could not be updated: ${describeThrown(thrown)}. F5 on the widget file works without it.` };
  }
}
