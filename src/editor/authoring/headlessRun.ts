// "Run headless": runs `node <extension>/dist/cli.js run <file>` in a terminal so the user sees
// the CLI's table, with `--trace` to a private file; when the run ends, the `diagnostic` records
// of that trace go to the Problems panel (source `cli:<file>`). The CLI is spawned directly (a
// Pseudoterminal shows its output) so the exit is known and Ctrl+C or closing the terminal stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FindingsCollection } from '../findingsCollection';
import type { AuthoringError } from './authoringError';
import { trustProblem, saveIfDirty, targetWidgetFile } from './commandGuard';
import { findingsFromTrace } from './traceFindings';
import { fixturesPathFor, widgetBaseName } from './widgetFiles';

export interface HeadlessRunContext {
  extensionRoot: string;
  /** Where trace files of runs are kept while they run (the extension's storage). */
  storage: string;
  findings: FindingsCollection;
}

export async function runHeadless(run: HeadlessRunContext, argument: unknown): Promise<AuthoringError | undefined> {
  const untrusted = trustProblem();
  if (untrusted) return untrusted;
  const target = targetWidgetFile(argument);
  if (!target.ok) return target.error;
  const file = target.value.fsPath;
  const cli = path.join(run.extensionRoot, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) return { code: 'cli-missing', message: `The command-line runner ${cli} is missing. Reinstall Widget Timelines.` };
  await saveIfDirty(target.value);
  fs.mkdirSync(run.storage, { recursive: true });
  const name = `run-${process.pid}-${Date.now()}`;
  const trace = path.join(run.storage, `${name}.jsonl`);
  // Kept after the run: "Debug this run" on a finding replays it (debugThisRun.ts).
  const recording = path.join(run.storage, `${name}.recording.jsonl`);
  const args = [cli, 'run', file, '--trace', trace, '--record', recording];
  const fixtures = fixturesPathFor(file);
  if (fs.existsSync(fixtures)) args.push('--fixtures', fixtures);
  const cwd = vscode.workspace.getWorkspaceFolder(target.value)?.uri.fsPath ?? path.dirname(file);
  const terminal = vscode.window.createTerminal({
    name: `Widget: ${widgetBaseName(file)}`,
    pty: new CliTerminal(args, cwd, (code) => publish(run.findings, file, trace, recording, code)),
  });
  terminal.show(true);
  return undefined;
}

/** Reads the trace of a finished run into the Problems panel; returns the line to print. */
function publish(findings: FindingsCollection, file: string, trace: string, recording: string, exitCode: number | null): string {
  const source = `cli:${file}`;
  if (!fs.existsSync(trace)) {
    findings.clear(source);
    return `The run wrote no trace (exit code ${exitCode ?? 'none'}); see the output above.`;
  }
  const { findings: found, seqs } = findingsFromTrace(fs.readFileSync(trace, 'utf8'));
  fs.rmSync(trace, { force: true });
  findings.set(source, file, found, fs.existsSync(recording) ? { recording, seqs } : undefined);
  if (found.length === 0) return `No findings. Exit code ${exitCode ?? 'none'}.`;
  const errors = found.filter((f) => f.severity === 'error').length;
  return `${found.length} finding(s), ${errors} error(s): see the Problems panel. Exit code ${exitCode ?? 'none'}.`;
}

/** A terminal showing one CLI process; the terminal stays open after the run to read the table. */
class CliTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.written.event;
  private child: ChildProcess | undefined;

  constructor(
    private readonly args: string[],
    private readonly cwd: string,
    private readonly finished: (exitCode: number | null) => string,
  ) {}

  open(): void {
    this.write(`$ node ${this.args.map(quote).join(' ')}\n`);
    // The extension host's own runtime (Electron's node in desktop VS Code), so no `node` on
    // PATH is required.
    const child = spawn(process.execPath, this.args, {
      cwd: this.cwd,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.write(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => this.write(chunk.toString('utf8')));
    child.on('error', (error) => this.write(`Could not start the runner: ${error.message}\n`));
    child.on('close', (code) => {
      this.child = undefined;
      this.write(`\n${this.finished(code)}\n`);
    });
  }

  handleInput(data: string): void {
    if (data === '\x03') this.child?.kill('SIGINT');
  }

  close(): void {
    this.child?.kill('SIGTERM');
    this.written.dispose();
  }

  private write(text: string): void {
    // A terminal needs CR LF.
    this.written.fire(text.replace(/\r?\n/g, '\r\n'));
  }
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
