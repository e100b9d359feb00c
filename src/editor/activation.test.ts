// Activation registers everything the manifest contributes without evaluating the engine: the
// extension bundle is built as esbuild.mjs builds dist/extension.js (with `./engine.js` left
// external) and must hold none of the engine (src/system, src/debug, undici, the debug adapter
// library); activating it in a stubbed `vscode` registers every contributed command, debugger and
// the preview's serializer, and loads no other file; the first debug session then loads the
// engine bundle beside it. No timings here: the figure is `npm run bench -- activation`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import * as esbuild from 'esbuild';
import { bundleAliases } from '../../scripts/bundleAliases.mjs';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..', '..');
const out = mkdtempSync(join(tmpdir(), 'wt-activation-'));
after(() => rmSync(out, { recursive: true, force: true }));

/** The engine's own code: none of it may be in the bundle activation evaluates. */
const ENGINE_INPUTS = /^(src\/system\/|src\/debug\/|node_modules\/undici\/|node_modules\/@vscode\/debugadapter\/)/;

const shared: esbuild.BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent', absWorkingDir: ROOT, alias: bundleAliases };

interface Calls {
  [api: string]: unknown[][];
}

/**
 * A `vscode` module like the host's: a plain object with the API's top-level names (from its
 * declarations), each a stub recording its calls and constructions by name (`commands.registerCommand`).
 */
function recordingVscode(calls: Calls): unknown {
  const stub = (path: string): unknown =>
    new Proxy(function stub() {}, {
      get: (_target, property) => {
        if (property === 'then') return undefined;
        if (property === Symbol.toPrimitive) return () => 0;
        if (property === Symbol.iterator) return function* () {};
        return typeof property === 'string' ? stub(`${path}.${property}`) : undefined;
      },
      set: () => true,
      apply: (_target, _this, args: unknown[]) => {
        (calls[path] ??= []).push(args);
        return stub(`${path}()`);
      },
      construct: (_target, args: unknown[]) => {
        (calls[path] ??= []).push(args);
        return stub(`new ${path}`) as object;
      },
    });
  const declarations = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = [...declarations.matchAll(/^\texport (?:namespace|class|enum|function|const|let) (\w+)/gm)].map((match) => match[1]);
  return Object.fromEntries(names.map((name) => [name, stub(name)]));
}

test('activation registers every contribution and evaluates none of the engine, which loads on first use', async () => {
  const built = await esbuild.build({ ...shared, entryPoints: ['src/extension.ts'], outfile: join(out, 'extension.js'), external: ['vscode', './engine.js'], metafile: true });
  const inExtension = Object.keys(built.metafile.inputs).filter((input) => ENGINE_INPUTS.test(input));
  assert.deepEqual(inExtension, [], 'the extension bundle holds engine code: import it through loadEngine() (src/editor/lazyEngine.ts)');
  await esbuild.build({ ...shared, entryPoints: ['src/editor/engine.ts'], outfile: join(out, 'engine.js') });

  const calls: Calls = {};
  const loaded: string[] = [];
  const moduleApi = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = moduleApi._load;
  const vscode = recordingVscode(calls);
  moduleApi._load = (request: string, ...rest: unknown[]) => {
    if (request === 'vscode') return vscode;
    if (request.startsWith('.')) loaded.push(request);
    return original(request, ...rest);
  };
  try {
    const extension = require(join(out, 'extension.js')) as { activate(context: unknown): void };
    const uri = { scheme: 'file', fsPath: ROOT, path: ROOT };
    extension.activate({ subscriptions: [], extensionPath: ROOT, extensionUri: uri, globalStorageUri: uri, asAbsolutePath: (p: string) => join(ROOT, p) });
    assert.deepEqual(loaded, [], 'activation loaded another file of the extension');

    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[]; debuggers: { type: string }[] } };
    const firstArguments = (api: string) => (calls[api] ?? []).map((args) => args[0]);
    const commands = firstArguments('commands.registerCommand');
    for (const { command } of manifest.contributes.commands) assert.ok(commands.includes(command), `${command} is not registered at activation`);
    const debugTypes = firstArguments('debug.registerDebugAdapterDescriptorFactory');
    for (const { type } of manifest.contributes.debuggers) assert.ok(debugTypes.includes(type), `no debug adapter factory for ${type} at activation`);
    assert.ok(firstArguments('window.registerWebviewPanelSerializer').includes('widgetTimelines.preview'), 'the preview serializer is not registered');

    // The first debug session (inline adapter, trusted workspace) loads dist/engine.js beside the bundle.
    const [, factory] = calls['debug.registerDebugAdapterDescriptorFactory'][0] as [string, { createDebugAdapterDescriptor(): unknown }];
    factory.createDebugAdapterDescriptor();
    assert.deepEqual(loaded, ['./engine.js']);
    const [[session]] = calls['DebugAdapterInlineImplementation'] ?? [[]];
    assert.match(String((session as object | undefined)?.constructor.name), /WidgetDebugSession/);
  } finally {
    moduleApi._load = original;
  }
});
