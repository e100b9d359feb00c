// Builds every bundle the product ships: the extension host entry and the engine it loads on
// first use, the debug adapter, the CLI, the widget extension process runtime (`widgetkit`) and
// the webview page script, and the TypeScript server plugin's package; --production also
// regenerates types/widgetkit.d.ts from the kit's sources.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { DECLARATIONS, generateDeclarations } from './scripts/widgetkitDeclarations.mjs';
import { bundleAliases } from './scripts/bundleAliases.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --only=widgetkit,cli builds just those bundles (named by an output file's base name).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  legalComments: 'none',
  alias: bundleAliases,
};

/**
 * Keeps the runtime's fallback `require('./transpiler')` (for a runtime bundled without this
 * file) out of dist/kit/widgetkit.js: the transpiler is its own bundle beside it.
 */
const transpilerBeside = {
  name: 'transpiler-beside',
  setup(build) {
    build.onResolve({ filter: /^\.\/transpiler$/ }, () => ({ path: './transpiler.js', external: true }));
  },
};

/**
 * The stdio debug adapter runs the session the engine bundle already holds (src/editor/engine.ts
 * exports WidgetDebugSession): its entry's import of the session becomes `require('./engine.js')`,
 * dist/engine.js beside it, instead of a second copy of the engine in dist/debugAdapter.js.
 */
const sessionFromEngine = {
  name: 'session-from-engine',
  setup(build) {
    build.onResolve({ filter: /^\.\/widgetDebugSession$/ }, (args) =>
      args.importer.endsWith('debugAdapter.ts') ? { path: './engine.js', external: true } : undefined,
    );
  },
};

/** The plugin's package folder (the name package.json's typescriptServerPlugins gives). */
const TSSERVER_PLUGIN = 'node_modules/widget-timelines-tsserver-plugin';

/** @type {esbuild.BuildOptions[]} */
const builds = [
  // The extension loads the engine (undici, the debug adapter library) on first use, from its
  // own bundle beside it: src/editor/lazyEngine.ts requires `./engine.js`, kept external here.
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './engine.js'] },
  { ...node, entryPoints: ['src/editor/engine.ts'], outfile: 'dist/engine.js' },
  { ...node, entryPoints: ['src/debug/debugAdapter.ts'], outfile: 'dist/debugAdapter.js', plugins: [sessionFromEngine] },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The kit: widgetkit.js runs runtime.js with V8's code cache; the transpiler is loaded only
  // on a transpile-cache miss.
  {
    ...node,
    entryPoints: { widgetkit: 'src/kit/bootstrap.ts', runtime: 'src/kit/index.ts', transpiler: 'src/kit/transpiler.ts' },
    outdir: 'dist/kit',
    plugins: [transpilerBeside],
  },
  // The TypeScript server plugin: tsserver loads plugins by package name from the extension's
  // node_modules, so it is built as a package there (its package.json is copied below) and
  // scripts/packageVsix.mjs adds it to the VSIX. `typescript` is tsserver's own, passed in.
  { ...node, entryPoints: ['src/tsserverPlugin/index.ts'], outfile: `${TSSERVER_PLUGIN}/index.js`, sourcemap: false },
  {
    ...node,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/webview.js',
  },
];

/** Prints esbuild's problems in the shape of the `$esbuild-watch` problem matcher. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** The files a build writes (besides maps). */
const outputsOf = (b) => (b.outfile ? [b.outfile] : Object.keys(b.entryPoints).map((name) => `${b.outdir}/${name}.js`));
const selected = only
  ? builds.filter((b) => only.some((name) => outputsOf(b).some((file) => file.endsWith(`/${name}.js`))))
  : builds;

// What ships is generated from the kit's sources: types/widgetkit.d.ts (about 10 s of tsc, so
// only for --production; src/kit/declarations.test.ts keeps the checked-in file the same).
if (production) writeFileSync(DECLARATIONS, generateDeclarations());

// The plugin's package manifest sits beside its bundle.
if (selected.some((b) => b.outfile?.startsWith(TSSERVER_PLUGIN))) {
  mkdirSync(TSSERVER_PLUGIN, { recursive: true });
  copyFileSync('src/tsserverPlugin/package.json', `${TSSERVER_PLUGIN}/package.json`);
}

if (watch) {
  for (const options of selected) {
    const context = await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), problemReporter] });
    await context.watch();
  }
} else {
  const started = Date.now();
  const results = await Promise.allSettled(selected.map((options) => esbuild.build(options)));
  const failures = results.filter((r) => r.status === 'rejected');
  for (const failure of failures) {
    for (const error of failure.reason.errors ?? [failure.reason]) {
      const where = error.location ? `${error.location.file}:${error.location.line}:${error.location.column}: ` : '';
      console.error(`${where}error: ${error.text ?? error.message}`);
    }
  }
  if (failures.length) process.exit(1);
  console.log(`built ${selected.length} bundles${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}
