// The preview's registrations in VS Code: the command "Widget Timelines: Open Preview" (also the
// editor-title button), the serializer that restores panels after a reload, reruns on save, and
// the link to `widget-timeline` debug sessions, whose `widgetState` events a panel on the same
// widget follows instead of running the widget itself.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FindingsCollection } from '../editor/findingsCollection';
import { fixturesPathFor, isWidgetFile } from '../editor/authoring/widgetFiles';
import { DEBUG_TYPE } from '../editor/authoring/widgetLaunch';
import { loadEngine } from '../editor/lazyEngine';
import { parseToWebview } from '../protocol/webview';
import type { WidgetStateSnapshot } from '../protocol/lifecycle';
import type { EngineFactory } from './previewController';
import { PREVIEW_VIEW_TYPE, previewTitle, webviewOptions, WidgetPreviewPanel } from './previewPanel';

/** The engine is loaded on the first run, not at activation (a restored panel runs after it). */
const createEngine: EngineFactory = (options) => {
  const { WidgetSystem } = loadEngine();
  return new WidgetSystem(options);
};

const samePath = (a: string, b: string) => path.resolve(a) === path.resolve(b);

export function activatePreview(context: vscode.ExtensionContext, findings: FindingsCollection): void {
  const panels = new Set<WidgetPreviewPanel>();
  const panelFor = (program: string) => [...panels].find((p) => samePath(p.program, program));
  const adopt = (panel: vscode.WebviewPanel, program: string) => {
    const preview = new WidgetPreviewPanel(panel, program, context.extensionUri, findings, createEngine, (p) => panels.delete(p));
    panels.add(preview);
    return preview;
  };

  const openPreview = (resource?: vscode.Uri) => {
    // From the editor-title button the resource comes along; from the palette, the active editor,
    // or (with the focus in a panel) a visible widget file.
    const uri = resource instanceof vscode.Uri
      ? resource
      : vscode.window.activeTextEditor?.document.uri ?? vscode.window.visibleTextEditors.find((e) => isWidgetFile(e.document.uri.fsPath))?.document.uri;
    if (!uri || uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('Open a widget file (for example weather.widget.ts) first, then run Widget Timelines: Open Preview.');
      return;
    }
    const program = uri.fsPath;
    const existing = panelFor(program);
    if (existing) {
      existing.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      previewTitle(program),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(context.extensionUri),
    );
    adopt(panel, program);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('widgetTimelines.openPreview', openPreview),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        // The page keeps the widget file in its state (vscode.setState); without it there is nothing to run.
        const program = typeof state === 'object' && state !== null && typeof (state as { program?: unknown }).program === 'string' ? (state as { program: string }).program : undefined;
        if (!program) {
          panel.dispose();
          return;
        }
        adopt(panel, program);
      },
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      const file = document.uri.fsPath;
      for (const preview of panels) {
        // The widget, its fixtures, or any file beside it (a helper it imports) changed.
        const concerned = samePath(file, preview.program) || samePath(file, fixturesPathFor(preview.program)) || file.startsWith(path.dirname(preview.program) + path.sep);
        if (concerned) preview.saved();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((change) => {
      // Another device changes the display size the provider is asked for: run again.
      if (change.affectsConfiguration('widgetTimelines.preview.device')) for (const preview of panels) preview.saved();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const preview of panels) preview.start();
    }),
    vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
      if (event.session.type !== DEBUG_TYPE || event.event !== 'widgetState') return;
      const parsed = parseToWebview({ type: 'state', snapshot: event.body, source: { kind: 'debug', sessionName: event.session.name } });
      if (!parsed.ok || parsed.message.type !== 'state') {
        console.warn(`[widget-timelines] ignored a malformed widgetState event: ${parsed.ok ? 'not a state' : parsed.reason}`);
        return;
      }
      const snapshot: WidgetStateSnapshot = parsed.message.snapshot;
      const configured = typeof event.session.configuration.program === 'string' ? event.session.configuration.program : undefined;
      const program = snapshot.widget?.file ?? configured;
      const preview = program ? panelFor(program) ?? (configured ? panelFor(configured) : undefined) : undefined;
      preview?.follow(event.session, snapshot);
    }),
    vscode.debug.onDidTerminateDebugSession((session) => {
      for (const preview of panels) preview.unfollow(session);
    }),
    { dispose: () => panels.forEach((p) => p.panel.dispose()) },
  );
}
