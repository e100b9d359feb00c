// Loads the user's widget module and finds the widget in it; a failure becomes a UserError with
// the user's file:line:column and what to do, for `loadFailed` (finding `load-failed`).
import { createRequire } from 'node:module';
import type { UserError } from '../protocol/ipc';
import type { SourceLocation } from '../protocol/lifecycle';
import { locationOfError } from './callerLocation';
import { messageOf, UserSyntaxError } from './errors';
import type { DefinedWidget } from './widgetDefinition';
import { findWidget } from './widgetDefinition';

export type WidgetLoad =
  | { ok: true; widget: DefinedWidget; exports: Record<string, unknown> }
  | { ok: false; error: UserError };

/** V8's own syntax errors in plain .js files name the place on the stack's first line. */
function syntaxErrorLocation(error: unknown): SourceLocation | undefined {
  if (!(error instanceof SyntaxError) || !error.stack) return undefined;
  const lines = error.stack.split('\n');
  const header = /^(\/.*):(\d+)$/.exec(lines[0] ?? '');
  if (!header) return undefined;
  const caret = (lines[2] ?? '').indexOf('^');
  return { file: header[1], line: Number(header[2]), column: caret >= 0 ? caret + 1 : 1 };
}

function where(location: SourceLocation | undefined): string {
  return location ? `${location.file}:${location.line}:${location.column}: ` : '';
}

function failure(thrown: unknown, widgetFile: string): UserError {
  const message = messageOf(thrown);
  const stack = thrown instanceof Error ? thrown.stack : undefined;
  if (thrown instanceof UserSyntaxError) {
    return { message: `${where(thrown.location)}syntax error: ${message}. Fix it and run again.`, location: thrown.location, stack };
  }
  const syntax = syntaxErrorLocation(thrown);
  if (syntax) {
    // Widget modules run as CommonJS after transpiling, so top-level await cannot work.
    const hint = /await is only valid/.test(message) ? ' Top-level await is not supported in widget modules: move the awaited work into getTimeline or getSnapshot.' : ' Fix it and run again.';
    return { message: `${where(syntax)}syntax error: ${message}.${hint}`, location: syntax, stack };
  }
  const location = locationOfError(thrown) ?? { file: widgetFile, line: 1, column: 1 };
  return {
    message: `${where(location)}the widget module threw while loading: ${message}. Top-level code runs on every launch of the extension; fix the error or move the work into the provider.`,
    location,
    stack,
  };
}

export function loadWidget(widgetFile: string, kind: string | undefined): WidgetLoad {
  let exports: Record<string, unknown>;
  try {
    exports = createRequire(widgetFile)(widgetFile) as Record<string, unknown>;
  } catch (thrown) {
    return { ok: false, error: failure(thrown, widgetFile) };
  }
  const widget = findWidget(exports, kind);
  if (widget) return { ok: true, widget, exports };
  const location = { file: widgetFile, line: 1, column: 1 };
  const message = kind
    ? `${where(location)}no export of this module is a widget of kind "${kind}". Export it: export default defineWidget({ kind: '${kind}', ... }).`
    : `${where(location)}the module has no widget as its default export. Add: export default defineWidget({ kind, provider, view }) (import { defineWidget } from 'widgetkit').`;
  return { ok: false, error: { message, location } };
}
