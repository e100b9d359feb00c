// Stub until the debug adapter issue lands: registers nothing.
import type * as vscode from 'vscode';
import type { FindingsCollection } from './findingsCollection';
export function activateDebugging(_context: vscode.ExtensionContext, _findings: FindingsCollection): void {}
