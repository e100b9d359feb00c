// Activation time of dist/extension.js in a stubbed host: loading the bundle and running
// activate(), each run in a fresh Node process as in a new extension host (nothing compiled or
// cached yet, and a bundle an earlier run loaded cannot make a later run look cheap).
// The stub is honest about the API: `require('vscode')` gives a plain object with the real API's
// top-level names from @types/vscode (like the host's, which esbuild's import interop copies),
// each a stub that records what the extension touches; a member the declarations do not have
// is reported. The figure also checks that activation registered every contributed command and
// debugger, and lists any other file of the extension that activation loaded (say, its engine).
// Baseline: the same host requiring and activating a module that does nothing with the stub.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Figure } from '../statistics';
import { median, round } from '../statistics';

/** What one activation in a fresh process reports. */
interface HostReport {
  /** require() of the module plus activate(), in ms. */
  ms: number;
  requireMs: number;
  activateMs: number;
  commands: string[];
  debugTypes: string[];
  webviewSerializers: string[];
  /** `namespace.member` names the extension used that the API's declarations lack. */
  unknownNames: string[];
  /** Files loaded by require() during the measurement. */
  loaded: string[];
}

/**
 * The program each run executes, serialized with toString(): self-contained (it requires what
 * it needs itself). argv: the module to activate, the API declarations, the extension's root.
 */
function activationHost(): void {
  const { readFileSync: read } = require('node:fs') as typeof import('node:fs');
  const Module = require('node:module') as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const [file, declarationsPath, extensionRoot] = process.argv.slice(2);

  // The API's top-level names and, for each namespace, class or enum, its members' names.
  const declarations = read(declarationsPath, 'utf8');
  const members = new Map<string, Set<string> | null>();
  for (const match of declarations.matchAll(/^\texport (namespace|class|enum|function|const|let) (\w+)/gm)) {
    if (match[1] !== 'namespace' && match[1] !== 'class' && match[1] !== 'enum') {
      members.set(match[2], null);
      continue;
    }
    const start = (match.index ?? 0) + match[0].length;
    const end = declarations.indexOf('\n\t}', start);
    const body = declarations.slice(start, end);
    const pattern = match[1] === 'namespace'
      ? /^\t\texport (?:function|const|let|namespace|class|enum) (\w+)/gm
      : /^\t\t(?:(?:static|readonly|private|get|set)\s+)*(\w+)/gm;
    const names = members.get(match[2]) ?? new Set<string>();
    for (const member of body.matchAll(pattern)) names.add(member[1]);
    members.set(match[2], names);
  }

  const report = { commands: [] as string[], debugTypes: [] as string[], webviewSerializers: [] as string[], unknownNames: new Set<string>() };
  const FUNCTION_OWN = new Set(['prototype', 'name', 'length', 'call', 'apply', 'bind', 'constructor', 'toString']);
  const stub = (path: string[]): unknown => {
    const handler: ProxyHandler<() => void> = {
      get: (_target, property) => {
        if (property === 'then') return undefined; // not a thenable
        if (property === Symbol.toPrimitive) return () => 0;
        if (property === Symbol.iterator) return function* () {};
        if (typeof property !== 'string') return undefined;
        const known = path.length === 1 ? members.get(path[0]) : undefined;
        if (known && !known.has(property) && !FUNCTION_OWN.has(property)) report.unknownNames.add(`${path[0]}.${property}`);
        return stub([...path, property]);
      },
      // Stores go nowhere (the extension may set fields on what it created).
      set: () => true,
      defineProperty: () => true,
      apply: (_target, _this, args: unknown[]) => {
        const name = path.join('.');
        const first = typeof args[0] === 'string' ? args[0] : undefined;
        if (first && name === 'commands.registerCommand') report.commands.push(first);
        if (first && name === 'debug.registerDebugAdapterDescriptorFactory') report.debugTypes.push(first);
        if (first && name === 'window.registerWebviewPanelSerializer') report.webviewSerializers.push(first);
        return stub([`${name}()`]);
      },
      construct: () => stub([`new ${path.join('.')}()`]) as object,
    };
    return new Proxy(function stub() {}, handler);
  };
  const vscode: Record<string, unknown> = {};
  for (const name of members.keys()) vscode[name] = name === 'version' ? '1.100.0' : stub([name]);

  const uri = (fsPath: string) => ({ scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}`, with: () => uri(fsPath) });
  const context = {
    subscriptions: [],
    extensionPath: extensionRoot,
    extensionUri: uri(extensionRoot),
    globalStorageUri: uri(`${extensionRoot}/.global-storage`),
    storageUri: undefined,
    logUri: uri(`${extensionRoot}/.log`),
    extensionMode: 1,
    globalState: stub(['context.globalState']),
    workspaceState: stub(['context.workspaceState']),
    secrets: stub(['context.secrets']),
    extension: stub(['context.extension']),
    asAbsolutePath: (relativePath: string) => `${extensionRoot}/${relativePath}`,
  };

  const original = Module._load;
  const loaded: string[] = [];
  Module._load = (request: string, ...rest: unknown[]) => {
    if (request === 'vscode') return vscode;
    if (request.startsWith('.') || request.startsWith('/')) loaded.push(request);
    return original(request, ...rest);
  };
  const started = performance.now();
  const extension = require(file) as { activate(context: unknown): unknown };
  const required = performance.now();
  extension.activate(context);
  const activated = performance.now();
  Module._load = original;
  const result = {
    ms: activated - started,
    requireMs: required - started,
    activateMs: activated - required,
    commands: report.commands,
    debugTypes: report.debugTypes,
    webviewSerializers: report.webviewSerializers,
    unknownNames: [...report.unknownNames],
    loaded,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function activateInFreshProcess(host: string, file: string, root: string): HostReport {
  const declarations = require.resolve('@types/vscode/index.d.ts', { paths: [root] });
  const child = spawnSync(process.execPath, [host, file, declarations, root], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (child.status !== 0) throw new Error(`activating ${relative(root, file)} failed: ${(child.stderr || child.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as HostReport;
}

/** What a run must show for the figure to count: every contribution registered, no unknown API names. */
function problems(root: string, report: HostReport, file: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes?: { commands?: { command: string }[]; debuggers?: { type: string }[] };
  };
  const found: string[] = [];
  const missing = (manifest.contributes?.commands ?? []).map((c) => c.command).filter((c) => !report.commands.includes(c));
  if (missing.length) found.push(`commands not registered at activation: ${missing.join(', ')}`);
  const debuggers = (manifest.contributes?.debuggers ?? []).map((d) => d.type).filter((t) => !report.debugTypes.includes(t));
  if (debuggers.length) found.push(`no debug adapter factory at activation for: ${debuggers.join(', ')}`);
  if (report.unknownNames.length) found.push(`API names the declarations lack: ${report.unknownNames.join(', ')}`);
  const others = report.loaded.filter((request) => request !== file);
  if (others.length) found.push(`activation also loaded: ${others.join(', ')}`);
  return found;
}

export function measureActivation(root: string, runs: number): Figure {
  const folder = mkdtempSync(join(tmpdir(), 'wt-bench-'));
  const host = join(folder, 'host.js');
  const empty = join(folder, 'empty.js');
  writeFileSync(host, `(${activationHost.toString()})();\n`);
  writeFileSync(empty, "require('vscode'); exports.activate = () => {};");
  const file = join(root, 'dist/extension.js');
  try {
    const ours: HostReport[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(activateInFreshProcess(host, empty, root).ms);
      ours.push(activateInFreshProcess(host, file, root));
    }
    const m = median(ours.map((r) => r.ms));
    const found = problems(root, ours[0], file);
    const split = `require ${round(median(ours.map((r) => r.requireMs)))} ms + activate() ${round(median(ours.map((r) => r.activateMs)))} ms`;
    const registered = `${ours[0].commands.length} commands, ${ours[0].debugTypes.length} debugger(s), ${ours[0].webviewSerializers.length} serializer(s) registered`;
    return {
      name: 'activation (stubbed host)',
      unit: 'ms',
      median: round(m),
      baseline: round(median(baseline), 3),
      ratio: null,
      target: 'median < 50 ms',
      met: m < 50 && found.length === 0,
      runs,
      note: found.length ? found.join('; ') : `fresh process per run; ${split}; ${registered}`,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
