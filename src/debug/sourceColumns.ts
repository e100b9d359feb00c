// Columns in the user's own TypeScript. The kit transpiles each user file with sucrase, which
// keeps lines but drops type annotations, so V8's columns are the JavaScript's; the inline
// source map of each script (Debugger.scriptParsed's sourceMapURL) maps them back. Lines need
// no mapping (line-preserving), so a missing or unreadable map only costs column precision.
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

const INLINE_MAP = /^data:application\/json(?:;charset=[\w-]+)?;base64,(.*)$/;

export class SourceColumns {
  private readonly maps = new Map<string, TraceMap>();

  /** Reads a script's inline source map, if it has one. */
  register(scriptId: string, sourceMapURL: string | undefined): void {
    const match = sourceMapURL ? INLINE_MAP.exec(sourceMapURL) : null;
    if (!match) return;
    try {
      this.maps.set(scriptId, new TraceMap(Buffer.from(match[1], 'base64').toString('utf8')));
    } catch {
      // A malformed map: keep V8's columns.
    }
  }

  /** The 1-based column in the original source for a 0-based V8 position, or V8's own + 1. */
  column(scriptId: string, line0: number, column0: number): number {
    const map = this.maps.get(scriptId);
    if (!map) return column0 + 1;
    const original = originalPositionFor(map, { line: line0 + 1, column: column0 });
    return original.line === line0 + 1 && original.column !== null ? original.column + 1 : column0 + 1;
  }
}
