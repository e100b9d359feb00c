// The "New Widget" scaffold: renders the templates shipped in the extension's templates/ folder
// into `<parent>/<kind>/` (the widget, its fixtures, a tsconfig wired to the shipped widgetkit
// and Node declarations copied beside it) so completion and type errors work with no npm
// install. They are the very files the TypeScript server plugin resolves to in other folders.
// No VS Code import: unit-tested in plain Node, including a real `tsc` over the result.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeThrown, fail, succeed, type Outcome } from './authoringError';

/**
 * A widget kind as Apple uses it: a stable string that names the widget in
 * WidgetCenter.reloadTimelines(ofKind:). Here also the folder and file name, so it stays a
 * lowercase word (digits, `-` and `_` allowed inside).
 */
const WIDGET_KIND = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

/** Why `name` cannot be a widget kind, or undefined when it can (InputBox validation). */
export function widgetNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'Type a widget kind, e.g. weather.';
  if (name.length > 40) return 'Keep the kind under 40 characters.';
  if (!WIDGET_KIND.test(name)) return 'Use a lowercase word like weather or step-counter: letters, digits, - and _; start with a letter.';
  return undefined;
}

/** "step-counter" -> "Step Counter": the widget gallery's display name. */
export function displayNameFor(kind: string): string {
  return kind.split(/[-_]/).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/** What each template placeholder `{{name}}` becomes for a kind. */
export function templateValues(kind: string): Record<string, string> {
  return {
    kind,
    displayName: displayNameFor(kind),
    sessionIdentifier: `com.example.${kind}.refresh`,
    appGroup: `group.com.example.${kind}`,
    feedUrl: `https://example.com/${kind}/latest.json`,
  };
}

/** Replaces every `{{name}}`; a placeholder with no value is an error (a broken template). */
export function renderTemplate(template: string, values: Record<string, string>): Outcome<string> {
  const missing = new Set<string>();
  const text = template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    if (Object.prototype.hasOwnProperty.call(values, name)) return values[name];
    missing.add(name);
    return whole;
  });
  if (missing.size > 0) return fail('template-missing', `The template has placeholders with no value: ${[...missing].join(', ')}. Reinstall the extension.`);
  return succeed(text);
}

/** Template file (under templates/widget/) -> path in the new folder (`/`-separated; `__kind__` is the kind). */
export const SCAFFOLD_TEMPLATES: readonly { template: string; target: string }[] = [
  { template: 'widget.ts.tmpl', target: '__kind__.widget.ts' },
  { template: 'fixtures.json.tmpl', target: '__kind__.fixtures.json' },
  { template: 'tsconfig.json.tmpl', target: 'tsconfig.json' },
];

/** The shipped declarations (types/ in the extension), copied to the same path in the new folder. */
export const DECLARATION_FILES: readonly string[] = [path.join('types', 'widgetkit.d.ts'), path.join('types', 'node.d.ts')];

export interface ScaffoldResult {
  folder: string;
  widgetFile: string;
  fixturesFile: string;
  /** Every file written, absolute. */
  files: string[];
}

/**
 * Writes the scaffold for `kind` into `<parent>/<kind>/`. Refuses to write into a folder that
 * exists and is not empty, so nothing of the user's is overwritten.
 */
export function writeScaffold(parent: string, kind: string, extensionRoot: string): Outcome<ScaffoldResult> {
  const problem = widgetNameProblem(kind);
  if (problem) return fail('bad-widget-name', `"${kind}" is not a widget kind. ${problem}`);
  const folder = path.join(parent, kind);
  if (fs.existsSync(folder) && (!fs.statSync(folder).isDirectory() || fs.readdirSync(folder).length > 0)) {
    return fail('target-exists', `${folder} already exists. Choose another name or folder; nothing was changed.`);
  }
  for (const file of DECLARATION_FILES) {
    const declarations = path.join(extensionRoot, file);
    if (!fs.existsSync(declarations)) {
      return fail('types-missing', `The declarations ${declarations} are missing from the extension. Reinstall Widget Timelines.`);
    }
  }
  const values = templateValues(kind);
  const planned: { file: string; content: string }[] = [];
  for (const { template, target } of SCAFFOLD_TEMPLATES) {
    const source = path.join(extensionRoot, 'templates', 'widget', template);
    if (!fs.existsSync(source)) return fail('template-missing', `The template ${source} is missing from the extension. Reinstall Widget Timelines.`);
    const rendered = renderTemplate(fs.readFileSync(source, 'utf8'), values);
    if (!rendered.ok) return rendered;
    planned.push({ file: path.join(folder, target.replace('__kind__', kind)), content: rendered.value });
  }
  for (const file of DECLARATION_FILES) {
    planned.push({ file: path.join(folder, file), content: fs.readFileSync(path.join(extensionRoot, file), 'utf8') });
  }
  try {
    for (const { file, content } of planned) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // 'wx': never overwrite, even if a file appeared since the check above.
      fs.writeFileSync(file, content, { flag: 'wx' });
    }
  } catch (thrown) {
    return fail('io-failed', `Could not write the widget into ${folder}: ${describeThrown(thrown)}. Check that the folder is writable.`);
  }
  return succeed({
    folder,
    widgetFile: path.join(folder, `${kind}.widget.ts`),
    fixturesFile: path.join(folder, `${kind}.fixtures.json`),
    files: planned.map((p) => p.file),
  });
}
