// The New Widget scaffold: templates render completely, the files land where the launch
// configuration and the preview expect them, nothing of the user's is overwritten, and the
// result type-checks against the shipped widgetkit declarations with a real `tsc` and no npm install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { displayNameFor, renderTemplate, SCAFFOLD_TEMPLATES, templateValues, widgetNameProblem, writeScaffold } from './scaffold';

const root = process.env.WIDGET_TIMELINES_ROOT ?? process.cwd();
const declarations = path.join(root, 'types', 'widgetkit.d.ts');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'widget-scaffold-'));
}

/** An extension root holding the real templates and the given declarations text. */
function extensionRootWith(declarationsText: string): string {
  const dir = tempDir();
  fs.cpSync(path.join(root, 'templates'), path.join(dir, 'templates'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'types'));
  fs.writeFileSync(path.join(dir, 'types', 'widgetkit.d.ts'), declarationsText);
  fs.copyFileSync(path.join(root, 'types', 'node.d.ts'), path.join(dir, 'types', 'node.d.ts'));
  return dir;
}

test('widget kinds are lowercase words; display names are title case', () => {
  for (const good of ['weather', 'step-counter', 'air_quality2']) assert.equal(widgetNameProblem(good), undefined, good);
  for (const bad of ['', 'Weather', '2fast', 'my widget', 'a/b', 'trailing-', 'x'.repeat(41), '../up']) {
    assert.equal(typeof widgetNameProblem(bad), 'string', bad);
  }
  assert.equal(displayNameFor('step-counter'), 'Step Counter');
});

test('every template renders with no placeholder left', () => {
  for (const { template } of SCAFFOLD_TEMPLATES) {
    const text = fs.readFileSync(path.join(root, 'templates', 'widget', template), 'utf8');
    const rendered = renderTemplate(text, templateValues('step-counter'));
    assert.ok(rendered.ok, template);
    assert.doesNotMatch(rendered.value, /\{\{|\}\}/, template);
  }
  const broken = renderTemplate('{{kind}} {{nope}}', templateValues('weather'));
  assert.equal(broken.ok, false);
  if (!broken.ok) assert.match(broken.error.message, /nope/);
});

test('the scaffold writes the widget, fixtures, tsconfig and declarations into <parent>/<kind>', () => {
  const parent = tempDir();
  const result = writeScaffold(parent, 'weather', extensionRootWith('// declarations\n'));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const folder = path.join(parent, 'weather');
  assert.deepEqual(result.value.files.map((f) => path.relative(folder, f)).sort(),
    ['tsconfig.json', path.join('types', 'node.d.ts'), path.join('types', 'widgetkit.d.ts'), 'weather.fixtures.json', 'weather.widget.ts']);
  const widget = fs.readFileSync(result.value.widgetFile, 'utf8');
  assert.match(widget, /kind: KIND/);
  assert.match(widget, /const KIND = 'weather';/);
  assert.match(widget, /sessionCache\.session\(SESSION_IDENTIFIER/);
  assert.match(widget, /UserDefaults\.suite\('group\.com\.example\.weather'\)/);
  assert.match(widget, /export const previews/);
  const fixtures = JSON.parse(fs.readFileSync(result.value.fixturesFile, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(fixtures), ['https://example.com/weather/latest.json']);
  assert.equal(fs.readFileSync(path.join(folder, 'types', 'widgetkit.d.ts'), 'utf8'), '// declarations\n');
  // The Node declarations are the shipped file the TypeScript server plugin resolves to.
  assert.equal(fs.readFileSync(path.join(folder, 'types', 'node.d.ts'), 'utf8'), fs.readFileSync(path.join(root, 'types', 'node.d.ts'), 'utf8'));
});

test('the scaffold never overwrites and says what is missing', () => {
  const parent = tempDir();
  fs.mkdirSync(path.join(parent, 'weather'));
  fs.writeFileSync(path.join(parent, 'weather', 'notes.txt'), 'mine');
  const exists = writeScaffold(parent, 'weather', extensionRootWith(''));
  assert.equal(exists.ok, false);
  if (!exists.ok) assert.equal(exists.error.code, 'target-exists');
  assert.equal(fs.readFileSync(path.join(parent, 'weather', 'notes.txt'), 'utf8'), 'mine');

  const noTypes = tempDir();
  fs.cpSync(path.join(root, 'templates'), path.join(noTypes, 'templates'), { recursive: true });
  const missing = writeScaffold(parent, 'clock', noTypes);
  assert.equal(missing.ok, false);
  if (!missing.ok) assert.equal(missing.error.code, 'types-missing');
  assert.equal(fs.existsSync(path.join(parent, 'clock')), false);

  const badName = writeScaffold(parent, '../escape', extensionRootWith(''));
  assert.equal(badName.ok, false);
  if (!badName.ok) assert.equal(badName.error.code, 'bad-widget-name');
});

function typeCheck(folder: string): { status: number | null; output: string } {
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
  const run = spawnSync(tsc, ['--noEmit', '-p', folder], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

test('the scaffold type-checks against the shipped widgetkit declarations (no npm install)', (t) => {
  if (!fs.existsSync(declarations)) {
    t.skip('types/widgetkit.d.ts is not in the repository yet');
    return;
  }
  const parent = tempDir();
  const result = writeScaffold(parent, 'weather', root);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const clean = typeCheck(result.value.folder);
  assert.equal(clean.status, 0, clean.output);

  // The check is real: a wrong call in the widget is reported at the widget's line.
  fs.appendFileSync(result.value.widgetFile, '\nWidgetCenter.reloadTimelines(42);\n');
  const broken = typeCheck(result.value.folder);
  assert.notEqual(broken.status, 0);
  assert.match(broken.output, /weather\.widget\.ts\(\d+,\d+\): error TS/);
});
