// The TypeScript server plugin in a real tsserver, as VS Code runs it for a folder holding only
// examples/relay/relay.widget.ts (no tsconfig, no node_modules): without the plugin the file has
// the two "Cannot find module" errors a new user sees; with it, none, and the names resolve to
// the shipped declarations (a wrong import is a real type error, go-to-definition lands in
// types/). Where the folder has its own @types/node, Node built-ins stay with it.
// Needs `node esbuild.mjs` first (the plugin package in node_modules/).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { TsServer, type Diagnostic } from './tsserverHarness';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..', '..');
const PLUGIN = join(ROOT, 'node_modules', 'widget-timelines-tsserver-plugin', 'index.js');
const RELAY = join(ROOT, 'examples', 'relay', 'relay.widget.ts');
const scratch = mkdtempSync(join(tmpdir(), 'wt-tsserver-plugin-'));
const servers: TsServer[] = [];
after(() => {
  for (const server of servers) server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A folder holding only a copy of relay.widget.ts (and `extra` files). */
function relayFolder(name: string, extra: Record<string, string> = {}): { folder: string; widget: string } {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  const widget = join(folder, 'relay.widget.ts');
  copyFileSync(RELAY, widget);
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(folder, file), text);
  return { folder, widget };
}

async function server(withPlugin: boolean): Promise<TsServer> {
  assert.ok(existsSync(PLUGIN), `${PLUGIN} is missing: run node esbuild.mjs first`);
  const started = await TsServer.start(ROOT, withPlugin ? { probeLocation: ROOT } : undefined);
  servers.push(started);
  return started;
}

/** tsserver's 1-based position of the first `word` on a line starting with `lineStart`. */
function positionOf(lineStart: string, word: string): { line: number; offset: number } {
  const lines = readFileSync(RELAY, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.startsWith(lineStart));
  assert.ok(index >= 0 && lines[index].includes(word), `relay.widget.ts has no line starting ${lineStart} with ${word}`);
  return { line: index + 1, offset: lines[index].indexOf(word) + 2 };
}

const show = (diagnostics: Diagnostic[]): string => diagnostics.map((d) => `${d.start.line}:${d.start.offset} TS${d.code} ${d.text}`).join('\n');

test('without the plugin a lone relay.widget.ts cannot find widgetkit nor node:fs (the issue, as users saw it)', { timeout: 60_000 }, async () => {
  const tsserver = await server(false);
  const { folder, widget } = relayFolder('without-plugin');
  await tsserver.open(widget, folder);
  const diagnostics = await tsserver.diagnostics(widget);
  assert.deepEqual(diagnostics.map((d) => d.text).sort(), [
    "Cannot find module 'node:fs' or its corresponding type declarations.",
    "Cannot find module 'widgetkit' or its corresponding type declarations.",
  ], show(diagnostics));
});

test('with the plugin a lone relay.widget.ts has no diagnostics, and its names come from the shipped types/', { timeout: 60_000 }, async () => {
  const tsserver = await server(true);
  const probe = "import { notInWidgetkit } from 'widgetkit';\nimport { readFileSync } from 'node:fs';\nexport const n: number = readFileSync('x', 'utf8');\nexport const p = notInWidgetkit;\n";
  const { folder, widget } = relayFolder('with-plugin', { 'probe.widget.ts': probe });
  await tsserver.open(widget, folder);
  assert.deepEqual(show(await tsserver.diagnostics(widget)), '');

  const definitions = await tsserver.request<{ file: string }[]>('definition', { file: widget, ...positionOf('export default', 'defineWidget') });
  assert.deepEqual(definitions.map((d) => d.file), [join(ROOT, 'types', 'widgetkit.d.ts')], 'defineWidget is not the shipped declaration');

  // Resolved to real declarations, not to `any`: mistakes are reported as such.
  const probeFile = join(folder, 'probe.widget.ts');
  await tsserver.open(probeFile, folder);
  const codes = (await tsserver.diagnostics(probeFile)).map((d) => d.code).sort();
  assert.deepEqual(codes, [2305, 2322], "expected TS2305 (no exported member 'notInWidgetkit') and TS2322 (string is not number)");
});

test("with the folder's own @types/node, node:fs comes from it, widgetkit still from the plugin", { timeout: 60_000 }, async () => {
  const tsserver = await server(true);
  const { folder, widget } = relayFolder('own-types-node');
  mkdirSync(join(folder, 'node_modules', '@types'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(folder, 'node_modules', '@types', 'node'), 'dir');
  await tsserver.open(widget, folder);
  assert.deepEqual(show(await tsserver.diagnostics(widget)), '');
  const definitions = await tsserver.request<{ file: string }[]>('definition', { file: widget, ...positionOf('import {', 'copyFileSync') });
  assert.ok(definitions.length > 0 && definitions.every((d) => d.file.includes(join('@types', 'node'))), `copyFileSync resolved to ${definitions.map((d) => d.file).join(', ')}`);
});
