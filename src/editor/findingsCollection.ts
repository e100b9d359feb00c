// Findings of the lifecycle contract checker as VS Code diagnostics (the Problems panel), one
// collection shared by preview runs, debug sessions and headless runs, keyed by source so that a
// new run replaces only its own findings.
import * as vscode from 'vscode';
import type { Finding } from '../protocol/lifecycle';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Where each finding code is explained. */
export const FINDINGS_DOC_URL = 'https://example.invalid/widget-timelines/README.md#finding-codes';

export class FindingsCollection implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('widget-timelines');
  /** Findings by producer (e.g. `preview:/path/w.widget.ts`, `debug:<session id>`). */
  private readonly bySource = new Map<string, Finding[]>();

  /** Replaces the findings one producer reported, for the widget file it ran. */
  set(source: string, widgetFile: string, findings: readonly Finding[]): void {
    this.bySource.set(source, findings.map((f) => ({ ...f, location: f.location ?? { file: widgetFile, line: 1, column: 1 } })));
    this.publish();
  }

  clear(source: string): void {
    this.bySource.delete(source);
    this.publish();
  }

  private publish(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const findings of this.bySource.values()) {
      for (const finding of findings) {
        const location = finding.location!;
        const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, location.column - 1));
        const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), finding.message, SEVERITY[finding.severity]);
        diagnostic.source = 'widget-timelines';
        diagnostic.code = { value: finding.code, target: vscode.Uri.parse(`${FINDINGS_DOC_URL}-${finding.code}`) };
        const list = byFile.get(location.file) ?? [];
        list.push(diagnostic);
        byFile.set(location.file, list);
      }
    }
    this.diagnostics.clear();
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}
