// What makes a relaunch of an unchanged widget fast: the transpile cache, a private directory
// the system shares between the extension processes of one program (WIDGETKIT_TRANSPILE_CACHE
// at fork, see src/system/sessionDirectories.ts). It holds
//  - what the module loader made of each user file, so a relaunch after a termination compiles
//    the same text again without loading the transpiler at all. Only the text is reused: the
//    new process still compiles and runs every file itself, at its real path with its inline
//    source map, so module state starts fresh and stacks and breakpoints are the user's. An
//    entry holds the whole source it was made from and is used only when that matches the file
//    as it is now, byte for byte; an edited file is a miss;
//  - V8's code cache for the transpiler bundle (dist/kit/transpiler.js), so that a miss (the
//    file just edited) compiles sucrase from the cache instead of parsing 300 kB of source.
// Files are written to a temporary name and renamed, so a process killed mid-write leaves no
// half file behind. Any I/O failure is a miss: the cache only ever saves time.
import Module = require('node:module');
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheFileName, compileWithCodeCache, writeWhole } from './codeCache';
import type * as TranspilerModule from './transpiler';

export type Transpiler = typeof TranspilerModule;

interface Entry {
  key: string;
  source: string;
  code: string;
}

/** Bumped whenever the loader's output for the same source and transpiler changes. */
const FORMAT = 1;

let directory: string | undefined;
let transpilerFile = '';
/** dist/kit/widgetkit.js, the name the kit's scripts go by. */
let runtimeFile = '';
/** What identifies the transpiler's bundle: its size and modification time. */
let transpilerStamp = '';
let transpiler: Transpiler | undefined;
/** Writes the transpiler's code cache once it has run (so it holds the compiled functions). */
let saveCodeCache: (() => void) | undefined;

/**
 * Requires the transpiler bundle as Node's loader would, but compiled with V8's code cache from
 * the cache directory (./codeCache); named after the runtime, as the debugger knows the kit's
 * frames (src/debug/scriptOrigin.ts).
 */
function loadTranspiler(): Transpiler {
  // A runtime bundled by other means than esbuild.mjs (which builds the transpiler beside it and
  // keeps this require out of the runtime) has the transpiler inside.
  if (!existsSync(transpilerFile)) return require('./transpiler') as Transpiler;
  const { wrapper, saveCodeCache: save } = compileWithCodeCache(transpilerFile, runtimeFile, directory);
  saveCodeCache = save;
  const module = new Module(transpilerFile);
  module.filename = transpilerFile;
  wrapper.call(module.exports, module.exports, Module.createRequire(transpilerFile), module, transpilerFile, dirname(transpilerFile));
  return module.exports as Transpiler;
}

export const transpileCache = {
  /** Entries live in `dir` from now on (absent: no cache); `kitFile` is the running runtime. */
  use(dir: string | undefined, kitFile: string): void {
    directory = dir || undefined;
    runtimeFile = kitFile;
    transpilerFile = join(dirname(kitFile), 'transpiler.js');
    // The transpiler is the bundle beside the runtime, or else inside the runtime itself.
    for (const file of [transpilerFile, kitFile]) {
      try {
        const stat = statSync(file);
        transpilerStamp = `${stat.size}:${stat.mtimeMs}`;
        return;
      } catch {
        transpilerStamp = '';
      }
    }
  },

  /** The transpiler (dist/kit/transpiler.js), loaded on first use: a cache miss or the warm-up. */
  transpiler(): Transpiler {
    transpiler ??= loadTranspiler();
    return transpiler;
  },

  /** The transpiler has run: its code cache can be written now, if it is missing. */
  transpilerRan(): void {
    const save = saveCodeCache;
    saveCodeCache = undefined;
    save?.();
  },

  /** The key of one transpilation: everything besides the source that shapes its output. */
  key(filename: string, transforms: readonly string[]): string {
    return `${FORMAT}\n${transpilerStamp}\n${filename}\n${transforms.join(',')}`;
  },

  /** The cached output for `source` under `key`, if there is one. */
  read(key: string, source: string): string | undefined {
    if (!directory || !transpilerStamp) return undefined;
    try {
      const entry = JSON.parse(readFileSync(join(directory, cacheFileName(key, '.json')), 'utf8')) as Entry;
      return entry.key === key && entry.source === source && typeof entry.code === 'string' ? entry.code : undefined;
    } catch {
      return undefined;
    }
  },

  write(key: string, source: string, code: string): void {
    if (!directory || !transpilerStamp) return;
    writeWhole(join(directory, cacheFileName(key, '.json')), JSON.stringify({ key, source, code } satisfies Entry));
  },
};
