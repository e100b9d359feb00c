// Activation time of dist/extension.js in a stubbed host: a `vscode` module in which every
// API is a callable, constructible proxy, so that activate() runs its registrations for real
// without an editor. Baseline: requiring and calling a module that does nothing with the stub.
import Module from 'node:module';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from '../statistics';
import { median, round } from '../statistics';

/** The API's top-level names, from its declarations: esbuild's import interop copies own names. */
function apiNames(): string[] {
  const declarations = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set<string>();
  for (const match of declarations.matchAll(/^\texport (?:namespace|class|enum|function|const|let) (\w+)/gm)) names.add(match[1]);
  return [...names];
}

/** The module object: a plain object listing the API's names, each a stub. */
function stubModule(names: string[]): unknown {
  const api = stubApi();
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, property) => (property === '__esModule' ? true : property === 'then' ? undefined : api),
    ownKeys: () => names,
    getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, value: api }),
  });
}

function stubApi(): unknown {
  const handler: ProxyHandler<() => void> = {
    get: (_target, property) => {
      if (property === 'then') return undefined; // not a thenable
      if (property === '__esModule') return true; // esbuild's import interop then uses it as is
      if (property === Symbol.toPrimitive) return () => 0;
      if (property === Symbol.iterator) return function* () {};
      return proxy;
    },
    // Stores go nowhere (the extension may set fields on what it created).
    set: () => true,
    defineProperty: () => true,
    apply: () => proxy,
    construct: () => proxy as object,
  };
  const proxy: unknown = new Proxy(function stub() {}, handler);
  return proxy;
}

function withStubbedVscode<T>(run: () => T): T {
  const moduleApi = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = moduleApi._load;
  const vscode = stubModule(apiNames());
  moduleApi._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? vscode : original(request, ...rest));
  try {
    return run();
  } finally {
    moduleApi._load = original;
  }
}

function context(): unknown {
  return { subscriptions: [], extensionPath: process.cwd(), extensionUri: stubApi(), globalState: stubApi(), workspaceState: stubApi(), asAbsolutePath: (p: string) => p };
}

function activateOnce(file: string): number {
  const started = performance.now();
  withStubbedVscode(() => {
    delete require.cache[require.resolve(file)];
    const extension = require(file) as { activate(context: unknown): void };
    extension.activate(context());
  });
  return performance.now() - started;
}

export function measureActivation(root: string, runs: number): Figure {
  const folder = mkdtempSync(join(tmpdir(), 'wt-bench-'));
  const empty = join(folder, 'empty.js');
  writeFileSync(empty, "require('vscode'); exports.activate = () => {};");
  try {
    const ours: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(activateOnce(empty));
      ours.push(activateOnce(join(root, 'dist/extension.js')));
    }
    const m = median(ours);
    return { name: 'activation (stubbed host)', unit: 'ms', median: round(m), baseline: round(median(baseline), 3), ratio: null, target: 'median < 50 ms', met: m < 50, runs, note: 'first require is cold; later runs re-evaluate the bundle' };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
