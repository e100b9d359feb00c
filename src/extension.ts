// The VS Code entry point: wires the debugger, the preview and the authoring features into the
// editor. Each face registers itself; this file only decides the order.
import * as vscode from 'vscode';
import { activateDebugging } from './editor/debugging';
import { activatePreview } from './preview/previewActivation';
import { activateAuthoring } from './editor/authoring';
import { FindingsCollection } from './editor/findingsCollection';

export function activate(context: vscode.ExtensionContext): void {
  const findings = new FindingsCollection();
  context.subscriptions.push(findings);
  activateDebugging(context, findings);
  activatePreview(context, findings);
  activateAuthoring(context, findings);
}

export function deactivate(): void {
  // Every disposable is in context.subscriptions; sessions and panels clean up through them.
}
