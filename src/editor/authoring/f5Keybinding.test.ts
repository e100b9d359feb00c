// F5 on a widget file with no launch.json: package.json binds F5 to "Debug lifecycle" (the
// CodeLens's command) so VS Code does not first ask which debugger to use (the JavaScript
// debugger claims TypeScript too). The binding's when-clause is evaluated here against the
// contexts VS Code sets, with the subset of its when-clause grammar the clause uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { keybindings?: { command: string; key: string; when?: string }[]; commands: { command: string }[] };
};

type Context = Record<string, string | boolean | undefined>;

/** Evaluates `&&`, `||`, `!`, parentheses, `==`, `!=`, `=~ /regex/` and bare keys, as VS Code does. */
function evaluateWhen(clause: string, context: Context): boolean {
  const tokens = clause.match(/\/(?:\\.|[^/\\])+\/[a-z]*|&&|\|\||==|!=|=~|!|\(|\)|[^\s()!=&|]+/g) ?? [];
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const next = (): string => {
    const token = tokens[at++];
    if (token === undefined) throw new Error(`the when-clause ends early: ${clause}`);
    return token;
  };
  const primary = (): boolean => {
    const token = next();
    if (token === '(') {
      const value = or();
      assert.equal(next(), ')', `unbalanced parentheses in ${clause}`);
      return value;
    }
    const value = context[token];
    const operator = peek();
    if (operator === '==' || operator === '!=') {
      at++;
      const equal = String(value) === next().replace(/^'(.*)'$/, '$1');
      return operator === '==' ? equal : !equal;
    }
    if (operator === '=~') {
      at++;
      const literal = /^\/(.*)\/([a-z]*)$/.exec(next());
      assert.ok(literal, `=~ needs a regular expression literal in ${clause}`);
      return typeof value === 'string' && new RegExp(literal[1], literal[2]).test(value);
    }
    return Boolean(value);
  };
  const unary = (): boolean => (peek() === '!' ? (at++, !unary()) : primary());
  const and = (): boolean => {
    let value = unary();
    while (peek() === '&&') {
      at++;
      value = unary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (peek() === '||') {
      at++;
      value = and() || value;
    }
    return value;
  };
  const result = or();
  assert.equal(at, tokens.length, `unparsed rest of the when-clause: ${tokens.slice(at).join(' ')}`);
  return result;
}

const f5 = manifest.contributes.keybindings?.find((binding) => binding.key.toLowerCase() === 'f5');

/** VS Code's contexts with a TypeScript widget file open, no launch.json and no session. */
const widgetEditor: Context = {
  resourceFilename: 'relay.widget.ts',
  editorLangId: 'typescript',
  inDebugMode: false,
  debugConfigurationType: undefined,
  isWorkspaceTrusted: true,
};

test('F5 is bound to the CodeLens command "Debug lifecycle", a command the extension contributes', () => {
  assert.ok(f5, 'package.json contributes no F5 keybinding');
  assert.equal(f5.command, 'widgetTimelines.debugWidget');
  assert.ok(manifest.contributes.commands.some((c) => c.command === f5.command));
  assert.ok(f5.when, 'an F5 binding without a when-clause would take F5 from every editor');
});

test('the binding holds on a widget file of each kind the debugger runs, with no launch configuration', () => {
  for (const [resourceFilename, editorLangId] of [
    ['relay.widget.ts', 'typescript'],
    ['relay.widget.tsx', 'typescriptreact'],
    ['relay.widget.js', 'javascript'],
    ['relay.widget.mjs', 'javascript'],
  ]) {
    assert.equal(evaluateWhen(f5!.when!, { ...widgetEditor, resourceFilename, editorLangId }), true, `${resourceFilename} (${editorLangId})`);
  }
});

test('F5 keeps its usual meaning elsewhere: other files, a running session, a chosen launch configuration, untrusted folders', () => {
  const cases: [string, Context][] = [
    ['a plain TypeScript file', { ...widgetEditor, resourceFilename: 'relay.ts' }],
    ['fixtures beside the widget', { ...widgetEditor, resourceFilename: 'relay.fixtures.json', editorLangId: 'json' }],
    ['a file merely named like a widget', { ...widgetEditor, resourceFilename: 'relay.widget.ts.bak', editorLangId: 'plaintext' }],
    ['a session running (F5 continues)', { ...widgetEditor, inDebugMode: true }],
    ['a launch configuration chosen in Run and Debug', { ...widgetEditor, debugConfigurationType: 'node' }],
    ['a widget-timeline launch configuration chosen', { ...widgetEditor, debugConfigurationType: 'widget-timeline' }],
    ['an untrusted workspace', { ...widgetEditor, isWorkspaceTrusted: false }],
    ['no editor', { isWorkspaceTrusted: true, inDebugMode: false }],
  ];
  for (const [what, context] of cases) {
    assert.equal(evaluateWhen(f5!.when!, context), false, what);
  }
});
