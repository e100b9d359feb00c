// Where in the user's code a runtime API was called, or an error was thrown: the first stack
// frame in a user file (never in this runtime, node_modules or node:internal), as an absolute
// path with 1-based line and column. Stack strings are already mapped through the inline source
// maps the module loader appends (`--enable-source-maps`), so TypeScript lines and columns are
// the user's own.
import type { SourceLocation } from '../protocol/lifecycle';

/** Files the module loader compiled or loaded for the user (absolute paths). */
const userFiles = new Set<string>();

export function registerUserFile(file: string): void {
  userFiles.add(file);
}

function isUserFile(file: string): boolean {
  return userFiles.has(file);
}

// "    at fn (/abs/file.ts:12:5)", "    at /abs/file.ts:12:5", "    at async fn (file:///abs/x.mjs:1:2)"
const FRAME = /^\s*at (?:.*?\()?((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?$/;

function frameFile(raw: string): string {
  if (!raw.startsWith('file://')) return raw;
  try {
    return decodeURIComponent(new URL(raw).pathname);
  } catch {
    return raw;
  }
}

/**
 * The first user frame of a stack string. Sucrase prepends its helpers (`_optionalChain`,
 * `_nullishCoalesce`, ...) to a file's first line, where the source map places all of them at
 * 1:1: a call like `completion?.()` passes through them, so a frame at 1:1 gives way to the
 * next user frame, the line the user wrote.
 */
export function userLocationInStack(stack: string | undefined): SourceLocation | undefined {
  if (!stack) return undefined;
  let helperFrame: SourceLocation | undefined;
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = frameFile(match[1]);
    if (!isUserFile(file)) continue;
    const location = { file, line: Number(match[2]), column: Number(match[3]) };
    if (location.line === 1 && location.column === 1) helperFrame ??= location;
    else return location;
  }
  return helperFrame;
}

/** The user's location of a thrown value, when it is an Error with a stack through user code. */
export function locationOfError(thrown: unknown): SourceLocation | undefined {
  return thrown instanceof Error ? userLocationInStack(thrown.stack) : undefined;
}

/** The user's code that called into the runtime right now. */
export function callerLocation(): SourceLocation | undefined {
  const limit = Error.stackTraceLimit;
  // Runtime frames sit above the user's call; a deep call chain must not push it out of view.
  Error.stackTraceLimit = 64;
  try {
    return userLocationInStack(new Error().stack);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
