// The widgetkit snippets: every part the walkthrough names is there, and each snippet, expanded
// with its default placeholders into a widget file, type-checks against the shipped declarations
// (a snippet that inserts code the user then sees underlined in red is a defect).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = process.env.WIDGET_TIMELINES_ROOT ?? process.cwd();
type Snippet = { prefix: string | string[]; body: string[]; description: string };
const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'widgetkit.code-snippets'), 'utf8')) as Record<string, Snippet>;

/** The text VS Code inserts when the user accepts every default (first choice, default text). */
function expand(body: string[]): string {
  const values = new Map<string, string>();
  let text = body.join('\n').replace(/\t/g, '  ');
  // Innermost first, so nested placeholders resolve before their parents.
  for (let guard = 0; guard < 20 && /\$\{\d+[:|]/.test(text); guard++) {
    text = text.replace(/\$\{(\d+):([^${}]*)\}/g, (_, n: string, value: string) => (values.set(n, value), value));
    text = text.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n: string, choices: string) => {
      const first = choices.split(',')[0];
      values.set(n, first);
      return first;
    });
  }
  return text.replace(/\$(\d+)/g, (_, n: string) => values.get(n) ?? '');
}

/** One widget file holding every snippet, expanded, each where a user would insert it. */
function assemble(language: 'typescript' | 'javascript'): string {
  const s = (name: string): string => {
    const snippet = snippets[name] as Snippet & { scope?: string };
    assert.ok(!snippet.scope || snippet.scope.includes(language), `${name} is not offered in ${language}`);
    return expand(snippet.body);
  };
  return [
    "import { renameSync } from 'node:fs';",
    "import { join } from 'node:path';",
    "import { defineWidget, Timeline, ReloadPolicy, WidgetCenter, sessionCache, UserDefaults, appGroupContainer, Text, VStack, defineIntent, Toggle, Button } from 'widgetkit';",
    language === 'typescript' ? 'const completions = new Map<string, () => void>();' : 'const completions = new Map();',
    s('userDefaultsSuite'),
    s(language === 'typescript' ? 'downloadDelegate' : 'downloadDelegateJs'),
    'async function refresh() {',
    s('backgroundDownload'),
    '}',
    'async function timelineA() {',
    s('timeline'),
    '}',
    'async function timelineB() {',
    s('timelineReloadAfter'),
    '}',
    // Property snippets are typed by where they go: inside defineWidget({...}).
    "export const parts = defineWidget({ kind: 'parts', view: () => Text('parts'),",
    s('provider'),
    s('onBackgroundURLSessionEvents'),
    s('pushHandler'),
    '});',
    s('defineWidget'),
    s('previews'),
    // Interactive widgets: an intent, then a view with a toggle and a button bound to it.
    s('defineIntent'),
    `export const interactive = (entry${language === 'typescript' ? ': { on: boolean }' : ''}) => VStack(${s('toggle')}, ${s('button')});`,
    'void refresh; void timelineA; void timelineB; void store;',
    '',
  ].join('\n');
}

test('snippets cover a widget, a provider, a delegate, background events and a timeline', () => {
  for (const name of ['defineWidget', 'provider', 'downloadDelegate', 'onBackgroundURLSessionEvents', 'timeline', 'backgroundDownload', 'defineIntent', 'toggle', 'button']) {
    const snippet = snippets[name];
    assert.ok(snippet, `no ${name} snippet`);
    assert.ok(snippet.description.length > 20, `${name} needs a description`);
    assert.ok((Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]).length > 0);
  }
  assert.equal(expand(['a ${1:x} ${2|p,q|} $1 ${3:f(${4:y})} $0']), 'a x p x f(y) ');
});

test('expanded snippets type-check in a widget file against the shipped declarations', () => {
  const declarations = path.join(root, 'types', 'widgetkit.d.ts');
  assert.ok(fs.existsSync(declarations), 'types/widgetkit.d.ts is missing');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'widget-snippets-'));
  fs.mkdirSync(path.join(dir, 'types'));
  fs.copyFileSync(declarations, path.join(dir, 'types', 'widgetkit.d.ts'));
  fs.copyFileSync(path.join(root, 'types', 'node.d.ts'), path.join(dir, 'types', 'node.d.ts'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    // As in the scaffold's tsconfig (templates/widget/tsconfig.json.tmpl).
    compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022'], strict: true, noEmit: true, skipLibCheck: true, types: [] },
    include: ['*.ts', 'types/*.d.ts'],
  }));
  const widget = assemble('typescript');
  fs.writeFileSync(path.join(dir, 'snippets.widget.ts'), widget);
  assert.doesNotMatch(widget, /\$\{|\$\d/, 'a placeholder was left unexpanded');
  const tsc = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', dir], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}\n--- expanded snippets ---\n${widget}`);
});

test('the JavaScript variants are plain JavaScript', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'widget-snippets-js-')), 'snippets.widget.mjs');
  fs.writeFileSync(file, assemble('javascript'));
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(check.status, 0, `${check.stderr}\n${fs.readFileSync(file, 'utf8')}`);
});
