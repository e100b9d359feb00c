// How authoring commands meet the user: each command returns an AuthoringError value or nothing;
// errors become one clear message, and anything thrown is caught and shown the same way, so a
// command never surfaces a bare exception. Also the shared checks (workspace trust, which widget file).
import * as vscode from 'vscode';
import { describeThrown, fail, succeed, type AuthoringError, type Outcome } from './authoringError';
import { UNTRUSTED_MESSAGE } from './widgetLaunch';
import { isWidgetFile } from './widgetFiles';

export type AuthoringCommand = (...args: unknown[]) => Promise<AuthoringError | undefined>;

export function registerGuardedCommand(id: string, command: AuthoringCommand): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      const error = await command(...args);
      if (error) void vscode.window.showErrorMessage(error.message);
    } catch (thrown) {
      void vscode.window.showErrorMessage(`Widget Timelines could not complete ${id}: ${describeThrown(thrown)}`);
    }
  });
}

/** Widget code never runs in an untrusted workspace (package.json: untrustedWorkspaces limited). */
export function trustProblem(): AuthoringError | undefined {
  return vscode.workspace.isTrusted ? undefined : { code: 'untrusted-workspace', message: UNTRUSTED_MESSAGE };
}

/**
 * The widget file a command acts on: the Uri a CodeLens or menu passed, else the active editor's
 * file. Only local files: the widget runs as a local Node process.
 */
export function targetWidgetFile(argument: unknown): Outcome<vscode.Uri> {
  const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== 'file' || !isWidgetFile(uri.fsPath)) {
    return fail('no-widget-file', 'Open a widget file (a name ending in .widget.ts or .widget.js) first, or create one with "Widget Timelines: New Widget".');
  }
  return succeed(uri);
}

/** Saves the widget's editor if it has unsaved changes, so the run sees what the user sees. */
export async function saveIfDirty(uri: vscode.Uri): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document?.isDirty) await document.save();
}
