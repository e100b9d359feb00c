// Stub until the preview issue lands: registers nothing.
import type * as vscode from 'vscode';
import type { FindingsCollection } from '../editor/findingsCollection';
export function activatePreview(_context: vscode.ExtensionContext, _findings: FindingsCollection): void {}
