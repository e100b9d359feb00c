// Where a V8 script comes from, by its URL: the user's own widget files (shown first, stepped
// through), the widgetkit runtime and libraries (shown subtle), or Node's internals. The kit
// loads user files at their real absolute paths (sucrase, line-preserving), so a script URL is
// the user's file and its line numbers are the user's lines.
import { fileURLToPath } from 'node:url';

export type ScriptOrigin = 'user' | 'kit' | 'library' | 'internal';

/** The absolute file path of a script URL (`file:///a/b.ts` or `/a/b.ts`), or null. */
export function scriptPath(url: string): string | null {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return null;
    }
  }
  return url.startsWith('/') ? url : null;
}

export function scriptOrigin(url: string): ScriptOrigin {
  const path = scriptPath(url);
  if (path === null) return 'internal';
  if (/[\\/]kit[\\/]widgetkit\.js$/.test(path) || /[\\/]src[\\/]kit[\\/]/.test(path)) return 'kit';
  if (/[\\/]node_modules[\\/]/.test(path)) return 'library';
  return 'user';
}

/** A `urlRegex` matching a file's script whichever way Node names it (file URL or path). */
export function scriptUrlRegex(path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const encoded = encodeURI(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return encoded === escaped ? `^(file://)?${escaped}$` : `^(file://)?(${escaped}|${encoded})$`;
}
