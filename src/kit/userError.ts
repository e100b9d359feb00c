// A failure in user code as it crosses to the system: message prefixed with the user's
// file:line:column, the location itself and the stack, so findings point at the user's line.
import type { UserError } from '../protocol/ipc';
import { locationOfError } from './callerLocation';
import { messageOf } from './errors';

export function userError(thrown: unknown, what: string): UserError {
  const location = locationOfError(thrown);
  const at = location ? `${location.file}:${location.line}:${location.column}: ` : '';
  const error: UserError = { message: `${at}${what}: ${messageOf(thrown)}` };
  if (location) error.location = location;
  if (thrown instanceof Error && thrown.stack) error.stack = thrown.stack;
  return error;
}
