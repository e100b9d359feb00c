// Compiling a kit bundle with V8's code cache, kept in the transpile cache directory: V8 then
// neither parses the bundle nor compiles its functions one by one on first call. Used for the
// runtime (by dist/kit/widgetkit.js, src/kit/bootstrap.ts) and for the transpiler (on a
// transpile-cache miss, src/kit/transpileCache.ts). A cache file is only good for that very
// bundle on that very Node with those flags, and its name says so; V8 rejects any other, and a
// missing, unreadable or rejected cache only means compiling from source, as without one. Not
// under --inspect and its kin, whose flags (the port too) would name a file per process.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

/** FNV-1a over `key`, as two 32-bit halves: a short file name (a collision is only a miss). */
export function cacheFileName(key: string, extension: string): string {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code, 0x01000193) ^ (low >>> 7);
  }
  return `${(high >>> 0).toString(16).padStart(8, '0')}${(low >>> 0).toString(16).padStart(8, '0')}${extension}`;
}

/** Writes `data` to `file` all at once (a temporary name, then a rename), or not at all. */
export function writeWhole(file: string, data: string | Uint8Array): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A cache only saves time; the next launch does the work again.
  }
}

/**
 * A flag that starts this process's inspector server (--inspect, --inspect-brk, --inspect-wait,
 * with their ports). Not --inspect-port alone: every watched widget process has the same one
 * (src/system/busyCodeProbe.ts), and it starts nothing.
 */
function opensInspector(arg: string): boolean {
  return arg.startsWith('--inspect') && !arg.startsWith('--inspect-port');
}

/**
 * The name of `file`'s code cache for a process with these Node flags (this very Node), or
 * undefined when the flags start an inspector server or the file cannot be read.
 */
export function codeCacheName(file: string, execArgv: readonly string[]): string | undefined {
  if (execArgv.some(opensInspector)) return undefined;
  try {
    const { size, mtimeMs } = statSync(file);
    return cacheFileName([file, size, mtimeMs, process.version, process.arch, execArgv.join(' ')].join('\n'), '.code-cache');
  } catch {
    return undefined;
  }
}

function codeCacheFile(dir: string | undefined, file: string): string | undefined {
  if (!dir) return undefined;
  const name = codeCacheName(file, process.execArgv);
  return name === undefined ? undefined : join(dir, name);
}

export interface CompiledBundle {
  /** The bundle as a CommonJS module function: (exports, require, module, __filename, __dirname). */
  wrapper: (...args: unknown[]) => void;
  /** Writes the code cache; set when there was none or V8 rejected it. Call it once the bundle ran, so the cache holds the functions it compiled. */
  saveCodeCache: (() => void) | undefined;
}

/**
 * Compiles `file` as a CommonJS module function named `scriptName` (the debugger knows the kit's
 * frames by that name, src/debug/scriptOrigin.ts), with its code cache from `cacheDir`. The
 * wrapper is on the bundle's first line, so its lines stay its own.
 */
export function compileWithCodeCache(file: string, scriptName: string, cacheDir: string | undefined): CompiledBundle {
  const cacheFile = codeCacheFile(cacheDir, file);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, 'utf8')}\n})`, {
    filename: scriptName,
    ...(cachedData ? { cachedData } : {}),
  });
  const saveCodeCache = cacheFile && (!cachedData || script.cachedDataRejected) ? () => writeWhole(cacheFile, script.createCachedData()) : undefined;
  return { wrapper: script.runInThisContext() as CompiledBundle['wrapper'], saveCodeCache };
}
