// The lenses above each `defineWidget(` in a widget file: Preview | Debug lifecycle | Run headless.
// The setting widgetTimelines.codeLens turns them off; changing it refreshes open editors.
import * as vscode from 'vscode';
import { findDefineWidgetCalls, WIDGET_FILE_GLOB } from './widgetFiles';

const SETTING = 'widgetTimelines.codeLens';

const LENSES: readonly { title: string; command: string; tooltip: string }[] = [
  { title: 'Preview', command: 'widgetTimelines.openPreview', tooltip: 'Open the timeline preview beside the editor' },
  { title: 'Debug lifecycle', command: 'widgetTimelines.debugWidget', tooltip: 'Run the widget in the simulated system under the debugger' },
  { title: 'Run headless', command: 'widgetTimelines.runHeadless', tooltip: 'Run the lifecycle in a terminal and list the findings in Problems' },
];

class WidgetCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration().get<boolean>(SETTING, true)) return [];
    return findDefineWidgetCalls(document.getText()).flatMap(({ line, character }) => {
      const range = new vscode.Range(line, character, line, character);
      return LENSES.map((lens) => new vscode.CodeLens(range, {
        title: lens.title,
        command: lens.command,
        tooltip: lens.tooltip,
        arguments: [document.uri],
      }));
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerWidgetCodeLens(): vscode.Disposable[] {
  const provider = new WidgetCodeLensProvider();
  return [
    provider,
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: WIDGET_FILE_GLOB }, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) provider.refresh();
    }),
  ];
}
