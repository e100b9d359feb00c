// One preview panel (viewType `widgetTimelines.preview`) for one widget file: its webview (the
// page from media/, under a strict CSP, local resources only), the typed messages both ways
// (validated on arrival), and its PreviewController. Widget code runs only in a trusted
// workspace; otherwise the panel says so and runs nothing.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FindingsCollection } from '../editor/findingsCollection';
import { fixturesPathFor, widgetBaseName } from '../editor/authoring/widgetFiles';
import type { SourceLocation, WidgetStateSnapshot } from '../protocol/lifecycle';
import { parseFromWebview } from '../protocol/webview';
import type { SnapshotSource, ToWebview } from '../protocol/webview';
import { launchFixtures } from './launchFixtures';
import { PreviewController } from './previewController';
import type { EngineFactory, LifecycleTarget, PreviewSink } from './previewController';
import { previewHtml } from './previewHtml';

export const PREVIEW_VIEW_TYPE = 'widgetTimelines.preview';

export const UNTRUSTED_NOTICE =
  'This workspace is not trusted, so the preview runs no widget code. Trust the folder (Workspaces: Manage Workspace Trust) to preview the widget.';

/** "Preview: weather" for weather.widget.ts: the widget's name, not its file's (whose tab sits beside). */
export function previewTitle(program: string): string {
  return `Preview: ${widgetBaseName(program)}`;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

export class WidgetPreviewPanel implements vscode.Disposable {
  readonly controller: PreviewController;
  private latestState: ToWebview | null = null;
  private latestNotice: ToWebview | null = null;
  private followedSession: vscode.DebugSession | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly findingsSource: string;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly program: string,
    extensionUri: vscode.Uri,
    private readonly findings: FindingsCollection,
    createEngine: EngineFactory,
    onDisposed: (panel: WidgetPreviewPanel) => void,
  ) {
    this.findingsSource = `preview:${program}`;
    const webview = panel.webview;
    webview.options = webviewOptions(extensionUri);
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString();
    webview.html = previewHtml({ cspSource: webview.cspSource, scriptUri: media('webview.js'), styleUri: media('webview.css'), title: `Preview ${path.basename(program)}` });
    panel.title = previewTitle(program);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.controller = new PreviewController(program, createEngine, this.sink(), () => this.settings());
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => {
        this.dispose();
        onDisposed(this);
      }),
    );
    this.start();
  }

  /** Runs the widget when the workspace is trusted; otherwise tells the user why nothing runs. */
  start(): void {
    if (!vscode.workspace.isTrusted) {
      this.post({ type: 'notice', level: 'warning', text: UNTRUSTED_NOTICE, program: this.program });
      return;
    }
    void this.controller.run();
  }

  /** A save that concerns this widget: rerun after the configured quiet time. */
  saved(): void {
    if (!vscode.workspace.isTrusted) return;
    const debounceMs = vscode.workspace.getConfiguration('widgetTimelines.preview').get<number>('debounceMs', 150);
    this.controller.scheduleRerun(debounceMs);
  }

  isFollowing(session: vscode.DebugSession): boolean {
    return this.followedSession?.id === session.id;
  }

  /** A widgetState event of a debug session running this widget (already validated). */
  follow(session: vscode.DebugSession, snapshot: WidgetStateSnapshot): void {
    // The debugger publishes the session's findings under its own source; the preview's own go.
    if (!this.followedSession) this.findings.clear(this.findingsSource);
    this.followedSession = session;
    const request = (command: string) => (args?: object) => Promise.resolve(session.customRequest(command, args));
    const target: LifecycleTarget = {
      terminateExtension: (mode) => request('terminateExtension')({ mode }),
      advanceClock: (args) => request('advanceClock')(args),
      reloadTimelines: (kind) => request('reloadTimelines')(kind ? { kind } : {}),
      sendPush: () => request('sendPush')({}),
      setFamily: (family) => request('setFamily')({ family }),
      goToEvent: (seq) => request('goToEvent')({ seq }),
      tap: (tap) => request('tap')(tap),
    };
    this.controller.follow({ name: session.name, replaying: typeof session.configuration.replay === 'string' }, target, snapshot);
  }

  unfollow(session: vscode.DebugSession): void {
    if (!this.isFollowing(session)) return;
    this.followedSession = null;
    if (vscode.workspace.isTrusted) this.controller.unfollow();
  }

  private settings() {
    const sibling = fixturesPathFor(this.program);
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(this.program));
    const fixtures = isFile(sibling)
      ? sibling
      : launchFixtures(vscode.workspace.getConfiguration('launch', folder?.uri).get<unknown>('configurations'), folder?.uri.fsPath, this.program);
    const device = vscode.workspace.getConfiguration('widgetTimelines.preview').get<string>('device');
    return { ...(fixtures ? { fixtures } : {}), ...(device ? { device } : {}) };
  }

  private sink(): PreviewSink {
    return {
      state: (snapshot: WidgetStateSnapshot, source: SnapshotSource) => this.post({ type: 'state', snapshot, source, program: this.program }),
      notice: (level, text) => this.post({ type: 'notice', level, text, program: this.program }),
      // A debug session's findings are published by the debugger under its own source.
      findings: (snapshot) => this.findings.set(this.findingsSource, this.program, snapshot.findings),
    };
  }

  private post(message: ToWebview): void {
    if (message.type === 'state') this.latestState = message;
    else this.latestNotice = message;
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseFromWebview(raw);
    if (!parsed.ok) {
      console.warn(`[widget-timelines] preview ignored a malformed message: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') {
      // The page (re)loaded: hidden panels lose their page, so it gets the latest state again.
      if (this.latestNotice) void this.panel.webview.postMessage(this.latestNotice);
      if (this.latestState) void this.panel.webview.postMessage(this.latestState);
    } else if (message.type === 'reveal') {
      void revealLocation(message.location);
    } else {
      void this.controller.handle(message);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.findings.clear(this.findingsSource);
    void this.controller.dispose();
  }
}

/** Opens the user's file at the line an event or finding points to, beside nothing: in the first column. */
async function revealLocation(location: SourceLocation): Promise<void> {
  const uri = vscode.Uri.file(location.file);
  const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, location.column - 1));
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.fsPath === uri.fsPath);
  try {
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  } catch (error) {
    void vscode.window.showWarningMessage(`Cannot open ${location.file}:${location.line}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
