// Loads user code in the widget extension process without bundling it: a require hook
// transpiles each user file (.ts .tsx .jsx .mts .cts, and ESM .js/.mjs) with sucrase, which keeps
// every line where it was, and appends an inline source map for the columns (./transpiler, a
// bundle of its own loaded on demand: a relaunch takes unchanged files' output from the transpile
// cache instead, see ./transpileCache). Each file is its own V8 script at its real absolute path,
// so stack traces, CDP script URLs and breakpoints are the user's. The bare specifier
// 'widgetkit' (and its JSX runtime) resolves to this runtime's own file, so user code and the
// host share one instance. node_modules resolve as usual.
import Module = require('node:module');
import { readFileSync } from 'node:fs';
import { dirname, extname, join, sep } from 'node:path';
import { registerUserFile } from './callerLocation';
import { UserSyntaxError } from './errors';
import { transpileCache } from './transpileCache';
import type { Transform } from './transpiler';

interface CompilableModule {
  _compile(code: string, filename: string): unknown;
}
type Loader = (module: CompilableModule, filename: string) => void;
interface ModuleInternals {
  _extensions: Record<string, Loader>;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
}

const KIT_SPECIFIERS = new Set(['widgetkit', 'widgetkit/jsx-runtime', 'widgetkit/jsx-dev-runtime']);
const TRANSFORMS: Record<string, Transform[]> = {
  '.ts': ['typescript', 'imports'],
  '.mts': ['typescript', 'imports'],
  '.cts': ['typescript', 'imports'],
  '.tsx': ['typescript', 'jsx', 'imports'],
  '.jsx': ['jsx', 'imports'],
  '.mjs': ['imports'],
};
// An `import`/`export` statement at the start of a line (not `import(`): the file is ESM.
const ESM_SYNTAX = /^\s*(?:import\s*[\w{*'"]|export\s+(?:default\b|const\b|let\b|var\b|function\b|class\b|async\b|\{|\*))/m;

const packageTypes = new Map<string, string | undefined>();

/** The "type" of the package.json nearest to `dir` ("module" makes .js files ESM). */
function packageType(dir: string): string | undefined {
  if (packageTypes.has(dir)) return packageTypes.get(dir);
  let type: string | undefined;
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown };
    type = typeof manifest.type === 'string' ? manifest.type : 'commonjs';
  } catch {
    const parent = dirname(dir);
    type = parent === dir ? undefined : packageType(parent);
  }
  packageTypes.set(dir, type);
  return type;
}

function inNodeModules(filename: string): boolean {
  return filename.includes(`${sep}node_modules${sep}`);
}

/** `source` transpiled for `filename`: from the transpile cache, else by sucrase. */
function transpiled(source: string, filename: string, transforms: Transform[]): string {
  const key = transpileCache.key(filename, transforms);
  const cached = transpileCache.read(key, source);
  if (cached !== undefined) return cached;
  const result = transpileCache.transpiler().transpile(source, filename, transforms);
  transpileCache.transpilerRan();
  if ('syntaxError' in result) {
    const { reason, line, column } = result.syntaxError;
    throw new UserSyntaxError(reason, { file: filename, line, column });
  }
  transpileCache.write(key, source, result.code);
  return result.code;
}

function compileTranspiled(module: CompilableModule, filename: string, transforms: Transform[]): void {
  if (!inNodeModules(filename)) registerUserFile(filename);
  module._compile(transpiled(readFileSync(filename, 'utf8'), filename, transforms), filename);
}

/**
 * Compiles an empty module with an inline source map, so that Node's source-map support (loaded
 * on first use, and first runs are slow) is ready before the user's first file: 2-4 ms off a
 * launch's `start` to `ready`, spent instead while a spare waits for its launch.
 */
export function warmSourceMaps(kitFile: string): void {
  const map = Buffer.from('{"version":3,"sources":["warm-up.ts"],"names":[],"mappings":"AAAA"}').toString('base64');
  // Beside the runtime (no such file exists): never a user's path.
  const file = join(dirname(kitFile), 'widgetkit-warm-up.js');
  const module = new Module(file) as unknown as CompilableModule;
  module._compile(`//# sourceMappingURL=data:application/json;charset=utf-8;base64,${map}\n`, file);
}

let installed = false;

/** Installs the require and resolve hooks; `kitFile` is the running runtime bundle. */
export function installModuleLoader(kitFile: string): void {
  if (installed) return;
  installed = true;
  const internals = Module as unknown as ModuleInternals;
  for (const [extension, transforms] of Object.entries(TRANSFORMS)) {
    internals._extensions[extension] = (module, filename) => compileTranspiled(module, filename, transforms);
  }
  const loadJs = internals._extensions['.js'];
  internals._extensions['.js'] = (module, filename) => {
    const isModuleType = extname(filename) === '.js' && packageType(dirname(filename)) === 'module';
    if (isModuleType || (!inNodeModules(filename) && extname(filename) === '.js' && ESM_SYNTAX.test(readFileSync(filename, 'utf8')))) {
      compileTranspiled(module, filename, ['imports']);
      return;
    }
    if (!inNodeModules(filename) && filename !== kitFile) registerUserFile(filename);
    loadJs(module, filename);
  };
  const resolveFilename = internals._resolveFilename;
  internals._resolveFilename = function resolveUserRequest(request, parent, isMain, options) {
    if (KIT_SPECIFIERS.has(request)) return kitFile;
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (error) {
      // TypeScript's ESM convention: `import './lib.js'` names the source './lib.ts'.
      const match = /^(\.{1,2}\/.*)\.(m|c)?js$/.exec(request);
      if (!match) throw error;
      for (const extension of [`.${match[2] ?? ''}ts`, '.tsx']) {
        try {
          return resolveFilename.call(this, `${match[1]}${extension}`, parent, isMain, options);
        } catch {
          // try the next extension
        }
      }
      throw error;
    }
  };
}
