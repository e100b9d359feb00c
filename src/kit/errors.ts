// Errors the widgetkit runtime throws into user code: a stable code beside a message that says
// what to do, so the system and the editor can show them as findings rather than bare stacks.
import type { SourceLocation } from '../protocol/lifecycle';

export type WidgetKitErrorCode =
  | 'unsupported-task'
  | 'invalid-argument'
  | 'session-invalidated'
  | 'not-in-extension'
  | 'unserialisable-data'
  | 'invalid-widget'
  | 'invalid-intent'
  | 'invalid-timeline'
  | 'request-failed';

/** Errors the runtime throws into widget code, with a stable code. */
export class WidgetKitError extends Error {
  readonly code: WidgetKitErrorCode;

  constructor(code: WidgetKitErrorCode, message: string) {
    super(message);
    this.name = 'WidgetKitError';
    this.code = code;
  }
}

/** The message of anything thrown, whatever the user threw (Error, string, object). */
export function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string') return thrown;
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}

/** A syntax error the transpiler found, with the user's position (1-based line and column). */
export class UserSyntaxError extends SyntaxError {
  constructor(message: string, readonly location: SourceLocation) {
    super(message);
    this.name = 'SyntaxError';
  }
}
