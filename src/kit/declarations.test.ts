// types/widgetkit.d.ts is generated from the kit's sources (scripts/widgetkitDeclarations.mjs):
// regenerating it gives the checked-in file byte for byte, so no signature of the runtime can
// differ from what the editor shows, and the examples (tsconfig.examples.json) type-check
// against it as a user's editor checks them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..', '..');
const DECLARATIONS = join(ROOT, 'types', 'widgetkit.d.ts');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('types/widgetkit.d.ts is exactly what src/kit declares (npm run declarations regenerates it)', { timeout: 200_000 }, () => {
  const generated = run([join(ROOT, 'scripts', 'widgetkitDeclarations.mjs'), '--stdout']);
  assert.equal(generated.status, 0, generated.stderr);
  assert.match(generated.stdout, /^declare module 'widgetkit' \{$/m);
  assert.match(generated.stdout, /^declare module 'widgetkit\/jsx-runtime' \{$/m);
  assert.equal(readFileSync(DECLARATIONS, 'utf8'), generated.stdout, 'types/widgetkit.d.ts is stale: run npm run declarations');
});

test('the runtime signatures reach the declarations: the entry type flows from the provider to the view', () => {
  const declarations = readFileSync(DECLARATIONS, 'utf8');
  assert.match(declarations, /export function defineWidget<Entry extends TimelineEntry>\(config: WidgetConfiguration<Entry>\): WidgetConfiguration<Entry>;/);
  assert.match(declarations, /view\(entry: NoInfer<Entry>, context: ViewContext\): View \| string;/);
  assert.match(declarations, /font\(style: Font\): View;/);
  assert.match(declarations, /export namespace JSX \{/);
});

test('the examples type-check against the generated declarations (tsconfig.examples.json)', { timeout: 200_000 }, () => {
  const tsc = run([join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(ROOT, 'tsconfig.examples.json')]);
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
});
