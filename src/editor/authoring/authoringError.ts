// Errors of the authoring features as values: a stable code and a message the user can act on
// (it names the file and says what to do). Commands show the message; nothing throws to the UI.

export type AuthoringErrorCode =
  | 'untrusted-workspace'
  | 'no-widget-file'
  | 'bad-widget-name'
  | 'no-folder'
  | 'target-exists'
  | 'launch-json-invalid'
  | 'template-missing'
  | 'types-missing'
  | 'cli-missing'
  | 'io-failed'
  | 'go-to-event-failed'
  | 'not-a-recording';

export interface AuthoringError {
  code: AuthoringErrorCode;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AuthoringError };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T>(code: AuthoringErrorCode, message: string): Outcome<T> {
  return { ok: false, error: { code, message } };
}

/** The message of whatever a Node API threw, for wrapping into an AuthoringError. */
export function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
