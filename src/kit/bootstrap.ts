// dist/kit/widgetkit.js as esbuild.mjs builds it: the file the system forks and user code's
// 'widgetkit' resolves to. It runs the runtime (dist/kit/runtime.js, src/kit/index.ts) as this
// very module (same `module`, `require` and `__filename`, so the runtime sees itself as the
// main module at this path and its exports are this module's), compiled with V8's code cache
// from the transpile cache directory: V8 then neither parses the runtime nor compiles its
// functions one by one on first call, which is about 20 ms of CPU per extension launch, and
// every relaunch is one. The cache is written once, after the first launch sent `ready`, so
// that it holds the functions a launch runs. It only ever saves time: missing, unreadable or
// rejected by V8 (another Node, other flags), the runtime is compiled from source as before.
// Not under --inspect (whose port would name a file per process): compiled from source then.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Set on this module for the runtime to call once a launch is ready: writes the code cache. */
interface RuntimeHooks {
  launched?: () => void;
}

function codeCacheFile(runtime: string): string | undefined {
  const dir = process.env.WIDGETKIT_TRANSPILE_CACHE;
  if (!dir || process.execArgv.some((arg) => arg.startsWith('--inspect'))) return undefined;
  try {
    const { size, mtimeMs } = statSync(runtime);
    // Names differ with anything V8 would reject the cache for, so no two kits share one file.
    const key = [runtime, size, mtimeMs, process.version, process.arch, process.execArgv.join(' ')].join('\n');
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
    return join(dir, `runtime-${(hash >>> 0).toString(16).padStart(8, '0')}.code-cache`);
  } catch {
    return undefined;
  }
}

function run(): void {
  const runtime = join(__dirname, 'runtime.js');
  const cacheFile = codeCacheFile(runtime);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The wrapper is on the runtime's first line, so its lines stay its own. The script is named
  // after this file, as when the runtime was this file: the debugger knows the kit's frames by
  // their script, .../kit/widgetkit.js (src/debug/scriptOrigin.ts), and the runtime's source
  // map (development builds: runtime.js.map) resolves from the same folder.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${readFileSync(runtime, 'utf8')}\n})`, {
    filename: __filename,
    ...(cachedData ? { cachedData } : {}),
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    const hooks = module as RuntimeHooks;
    hooks.launched = () => {
      hooks.launched = undefined;
      const partial = `${cacheFile}.${process.pid}.partial`;
      try {
        writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
        renameSync(partial, cacheFile);
      } catch {
        // The next launch compiles from source and tries again.
      }
    };
  }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, require, module, __filename, dirname(__filename));
}

run();
