// A finding's message where its place is shown beside it. Messages that cross from the widget's
// process start with the user's `file:line:column: ` so that a terminal can link them; the
// Problems panel, the Debug Console and the preview show the file and line of a placed message
// beside it, and there the same place in front of the message only pushes what went wrong out
// of sight.
import type { SourceLocation } from './lifecycle';

export function messageWithoutPlace(message: string, place: SourceLocation): string {
  const prefix = `${place.file}:${place.line}:${place.column}: `;
  return message.startsWith(prefix) && message.length > prefix.length ? message.slice(prefix.length) : message;
}
