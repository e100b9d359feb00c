// Decides whether an exception thrown in widget code will be caught by the widget's own code.
// The kit catches every error a handler throws (to report provider-threw), so to V8 every error
// is "caught"; the user still expects "uncaught errors" to stop when their own code does not
// handle the error. V8 does not say which frame catches, so this reads the user's functions on
// the stack: a frame whose current position sits inside an open `try { ... }` block catches it.
// Lexical and approximate (strings and comments are blanked; errors awaited across an `await`
// are judged by the frames on the stack only), which errs towards stopping.

export interface SourcePosition {
  /** 0-based. */
  line: number;
  /** 0-based. */
  column: number;
}

const NOISE = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;
const BLOCKS = /\btry\s*\{|\{|\}/g;

function offsetOf(lineStarts: number[], position: SourcePosition): number {
  return (lineStarts[position.line] ?? lineStarts[lineStarts.length - 1]) + position.column;
}

export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** True when `at` lies inside a `try` block opened after `from` (the function's start). */
export function insideTryBlock(source: string, lineStarts: number[], from: SourcePosition, at: SourcePosition): boolean {
  const text = source.slice(offsetOf(lineStarts, from), offsetOf(lineStarts, at)).replace(NOISE, (m) => ' '.repeat(m.length));
  const open: boolean[] = [];
  for (const match of text.matchAll(BLOCKS)) {
    if (match[0] === '}') open.pop();
    else open.push(match[0] !== '{');
  }
  return open.includes(true);
}
