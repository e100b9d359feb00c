// "Debug this run" on a finding in the Problems panel (DESIGN.md section 11): a quick fix on every
// finding of a recorded run (a headless run records itself) that starts a debug session
// replaying the recording and stopped at the finding's own trace record, so the state that led
// to it is there to read, and Step Back goes further back. "Open Recording" does the same for a
// recording made elsewhere (a chaos report in test-artifacts/chaos/, a teammate's run): its
// findings go to the Problems panel with the quick fix, and the run can be debugged from there.
import * as vscode from 'vscode';
import type { FindingRun, FindingsCollection } from '../findingsCollection';
import type { AuthoringError } from './authoringError';
import { registerGuardedCommand, trustProblem } from './commandGuard';
import { loadEngine } from '../lazyEngine';
import { DEBUG_TYPE } from './widgetLaunch';
import { widgetBaseName } from './widgetFiles';

export const DEBUG_RUN_COMMAND = 'widgetTimelines.debugRun';
export const OPEN_RECORDING_COMMAND = 'widgetTimelines.openRecording';
const RECORDING_SUFFIX = '.recording.jsonl';

class DebugThisRun implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly findings: FindingsCollection) {}

  provideCodeActions(_document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const run = this.findings.runBehind(diagnostic);
      if (!run) continue;
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      const action = new vscode.CodeAction(`Debug this run (stopped at ${String(code)})`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { command: DEBUG_RUN_COMMAND, title: 'Debug this run', arguments: [run] };
      actions.push(action);
    }
    return actions;
  }
}

/** Starts the replay of `run`'s recording and, once the session is up, goes to the finding's record. */
async function debugRun(run: FindingRun): Promise<AuthoringError | undefined> {
  const untrusted = trustProblem();
  if (untrusted) return untrusted;
  const name = `Debug this run: ${widgetBaseName(run.program)}`;
  const started = new Promise<vscode.DebugSession>((resolve) => {
    const listener = vscode.debug.onDidStartDebugSession((session) => {
      if (session.type !== DEBUG_TYPE || session.name !== name) return;
      listener.dispose();
      resolve(session);
    });
  });
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(run.program));
  if (!(await vscode.debug.startDebugging(folder, { type: DEBUG_TYPE, request: 'launch', name, program: run.program, replay: run.recording, record: false }))) return undefined;
  const session = await started;
  try {
    await session.customRequest('goToEvent', { seq: run.seq });
  } catch (error) {
    return { code: 'go-to-event-failed', message: `Debug this run could not stop at the finding's record #${run.seq}: ${(error as Error).message}` };
  }
  return undefined;
}

/** The recording a command acts on: the Uri a menu passed, the active editor's, or one picked. */
async function targetRecording(argument: unknown): Promise<string | undefined> {
  const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
  if (uri?.scheme === 'file' && uri.fsPath.endsWith(RECORDING_SUFFIX)) return uri.fsPath;
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Open Recording', filters: { 'Widget Timelines recordings': ['jsonl'] } });
  return picked?.[0]?.fsPath;
}

/** Puts a recording's findings in the Problems panel and offers to debug the run. */
async function openRecording(findings: FindingsCollection, argument: unknown): Promise<AuthoringError | undefined> {
  const untrusted = trustProblem();
  if (untrusted) return untrusted;
  const file = await targetRecording(argument);
  if (!file) return undefined;
  // The recording format and its parser belong to the engine, loaded on first use.
  const read = loadEngine().readRecordedRun(file);
  if (!read.ok) return read.error;
  const run = read.value;
  findings.set(`recording:${file}`, run.program, run.findings, { recording: file, seqs: run.seqs });
  const first = run.findings[0];
  const where = first ? `at its first finding (${first.code})` : 'at its last event';
  const summary = `${widgetBaseName(run.program)}: a recorded run of ${run.lastSeq} events with ${run.findings.length} finding(s)${run.findings.length ? ', in the Problems panel' : ''}.`;
  const answer = await vscode.window.showInformationMessage(`${summary} ${run.widgetProblem ?? ''}`.trim(), `Debug this run ${where}`);
  if (!answer) return undefined;
  return debugRun({ program: run.program, recording: file, seq: (first && run.seqs.get(first)) ?? run.lastSeq });
}

export function registerDebugThisRun(findings: FindingsCollection): vscode.Disposable[] {
  return [
    registerGuardedCommand(OPEN_RECORDING_COMMAND, (argument) => openRecording(findings, argument)),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new DebugThisRun(findings), { providedCodeActionKinds: DebugThisRun.kinds }),
    registerGuardedCommand(DEBUG_RUN_COMMAND, (run) => debugRun(run as FindingRun)),
  ];
}
