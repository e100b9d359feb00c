// Findings of the lifecycle contract checker as VS Code diagnostics (the Problems panel), one
// collection shared by preview runs, debug sessions and headless runs, keyed by source so that a
// new run replaces only its own findings. Each diagnostic's code links to the explanation of
// that code in the extension's README (`### finding-<code>`).
import * as vscode from 'vscode';
import type { Finding, FindingCode } from '../protocol/lifecycle';
import { findingExplanations, type FindingExplanations } from './authoring/findingExplanations';
import { messageWithoutPlace } from '../protocol/placedMessage';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Where each finding code is explained when the extension's own README is not known. */
export const FINDINGS_DOC_URL = 'https://example.invalid/widget-timelines/README.md#finding-codes';

/** A 1-based line or column as VS Code's 0-based one; 0 when it is not a positive number. */
function zeroBased(oneBased: number): number {
  return Number.isFinite(oneBased) && oneBased >= 1 ? Math.floor(oneBased) - 1 : 0;
}

/** A recorded run a finding came from, and the seq of its `diagnostic` record: "Debug this run". */
export interface FindingRun {
  program: string;
  recording: string;
  seq: number;
}

export class FindingsCollection implements vscode.Disposable {
  /** The run behind each published diagnostic, when it was recorded. */
  private runs = new WeakMap<vscode.Diagnostic, FindingRun>();
  private readonly runOf = new WeakMap<Finding, FindingRun>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('widget-timelines');
  /** Findings by producer (e.g. `preview:/path/w.widget.ts`, `debug:<session id>`, `cli:<file>`). */
  private readonly bySource = new Map<string, Finding[]>();
  /** The README shipped in the extension, whose `finding-<code>` headings explain each code. */
  private explanations: FindingExplanations | undefined;

  constructor(extensionUri?: vscode.Uri) {
    if (extensionUri) this.explanations = findingExplanations(extensionUri.fsPath);
  }

  /** Links codes to the README inside the installed extension (opens in the editor, offline). */
  linkExplanations(extensionUri: vscode.Uri): void {
    this.explanations = findingExplanations(extensionUri.fsPath);
    this.publish();
  }

  /**
   * Replaces the findings one producer reported, for the widget file it ran; `recording` and
   * `seqs`: the run was recorded, and each finding can be debugged where it was raised.
   */
  set(source: string, widgetFile: string, findings: readonly Finding[], recorded?: { recording: string; seqs: Map<Finding, number> }): void {
    this.bySource.set(source, findings.map((f) => {
      const placed = { ...f, location: f.location ?? { file: widgetFile, line: 1, column: 1 } };
      const seq = recorded?.seqs.get(f);
      if (recorded && seq !== undefined) this.runOf.set(placed, { program: widgetFile, recording: recorded.recording, seq });
      return placed;
    }));
    this.publish();
  }

  /** The recorded run a diagnostic in the Problems panel came from, if it was recorded. */
  runBehind(diagnostic: vscode.Diagnostic): FindingRun | undefined {
    return this.runs.get(diagnostic);
  }

  clear(source: string): void {
    this.bySource.delete(source);
    this.publish();
  }

  private explanation(code: FindingCode): vscode.Uri {
    if (!this.explanations) return vscode.Uri.parse(`${FINDINGS_DOC_URL}-${code}`);
    // VS Code's editor opener honours `#L<line>` (the heading's line) but not a Markdown anchor,
    // which would open the README at its top; the anchor is kept for a README without the heading.
    const line = this.explanations.lines.get(code);
    return vscode.Uri.file(this.explanations.readme).with({ fragment: line ? `L${line}` : `finding-${code}` });
  }

  private publish(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const findings of this.bySource.values()) {
      for (const finding of findings) {
        const location = finding.location ?? { file: '', line: 1, column: 1 };
        if (typeof location.file !== 'string' || location.file === '') continue;
        // Findings arrive from other processes: a malformed number must not drop the whole list.
        const line = zeroBased(location.line);
        // From the finding's column to the end of its line: VS Code clamps the end to the line.
        const range = new vscode.Range(line, zeroBased(location.column), line, Number.MAX_SAFE_INTEGER);
        const diagnostic = new vscode.Diagnostic(range, messageWithoutPlace(String(finding.message), location), SEVERITY[finding.severity] ?? vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'widget-timelines';
        diagnostic.code = { value: finding.code, target: this.explanation(finding.code) };
        const run = this.runOf.get(finding);
        if (run) this.runs.set(diagnostic, run);
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
