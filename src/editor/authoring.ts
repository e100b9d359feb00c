// Stub until the authoring issue lands: registers nothing.
import type * as vscode from 'vscode';
import type { FindingsCollection } from './findingsCollection';
export function activateAuthoring(_context: vscode.ExtensionContext, _findings: FindingsCollection): void {}
