// dist/kit/widgetkit.js as esbuild.mjs builds it: the file the system forks and user code's
// 'widgetkit' resolves to. It runs the runtime (dist/kit/runtime.js, src/kit/index.ts) as this
// very module (same `module`, `require` and `__filename`, so the runtime sees itself as the
// main module at this path and its exports are this module's), compiled with V8's code cache
// from the transpile cache directory (./codeCache): about 20 ms of CPU per extension launch,
// and every relaunch is one. The cache is written once, after the first launch sent `ready`,
// so that it holds the functions a launch runs.
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { compileWithCodeCache } from './codeCache';

/** Set on this module for the runtime to call once a launch is ready: writes the code cache. */
interface RuntimeHooks {
  launched?: () => void;
}

function run(): void {
  // The collector for the kit's memory measurements (src/kit/memoryMeter.ts takes it from a
  // context of its own: the user's global object has no \`gc\`, as on a device). Set before the
  // runtime is compiled: V8's code cache is only good for the flags it was made with, and every
  // launch sets this one here, first.
  setFlagsFromString('--expose-gc');
  // Named after this file, as when the runtime was this file: the debugger knows the kit's
  // frames by their script, .../kit/widgetkit.js, and the runtime's source map (development
  // builds: runtime.js.map) resolves from the same folder.
  const { wrapper, saveCodeCache } = compileWithCodeCache(join(__dirname, 'runtime.js'), __filename, process.env.WIDGETKIT_TRANSPILE_CACHE);
  if (saveCodeCache) {
    const hooks = module as RuntimeHooks;
    hooks.launched = () => {
      hooks.launched = undefined;
      saveCodeCache();
    };
  }
  wrapper.call(module.exports, module.exports, require, module, __filename, dirname(__filename));
}

run();
