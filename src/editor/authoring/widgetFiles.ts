// What counts as a widget file and what sits beside it: the naming convention shared by the
// CodeLens, the debug configuration provider and the scaffold (`<kind>.widget.ts` with an
// optional `<kind>.fixtures.json` sibling). No VS Code import: unit-tested in plain Node.
import * as path from 'node:path';

/** Extensions a widget module may have; the same list as package.json's activation glob. */
export const WIDGET_EXTENSIONS = ['ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx'] as const;

/** Glob for `vscode.workspace.findFiles` and document selectors. */
export const WIDGET_FILE_GLOB = `**/*.widget.{${WIDGET_EXTENSIONS.join(',')}}`;

/** Folders never searched for widget files (dependencies and build output). */
export const WIDGET_SEARCH_EXCLUDE = '{**/node_modules/**,**/dist/**,**/.git/**}';

const WIDGET_FILE = new RegExp(`\\.widget\\.(${WIDGET_EXTENSIONS.join('|')})$`);

export function isWidgetFile(filePath: string): boolean {
  return WIDGET_FILE.test(path.basename(filePath));
}

/** `weather` for `/a/weather.widget.ts`; the file name without its extension otherwise. */
export function widgetBaseName(filePath: string): string {
  const name = path.basename(filePath);
  const match = WIDGET_FILE.exec(name);
  return match ? name.slice(0, match.index) : name.replace(/\.[^.]+$/, '');
}

/**
 * The fixtures file the preview, the CLI and F5 use by convention: `<base>.fixtures.json` beside
 * the widget file (`weather.widget.ts` -> `weather.fixtures.json`).
 */
export function fixturesPathFor(widgetFile: string): string {
  return path.join(path.dirname(widgetFile), `${widgetBaseName(widgetFile)}.fixtures.json`);
}

/**
 * Positions (0-based line and character) of each `defineWidget(` call, where the CodeLens goes.
 * Skips line comments and import lines so `import { defineWidget }` gets no lens.
 */
export function findDefineWidgetCalls(text: string): { line: number; character: number }[] {
  const found: { line: number; character: number }[] = [];
  const lines = text.split(/\r?\n/);
  for (let line = 0; line < lines.length; line++) {
    const source = lines[line];
    const trimmed = source.trimStart();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('import ')) continue;
    const match = /\bdefineWidget\s*(?:<[^>]*>)?\s*\(/.exec(source);
    if (!match) continue;
    const comment = source.indexOf('//');
    if (comment !== -1 && comment < match.index) continue;
    found.push({ line, character: match.index });
  }
  return found;
}
