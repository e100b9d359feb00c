// Which of the extension's shipped declaration files answers an import that the folder itself
// cannot resolve: `widgetkit` (and its JSX runtime) -> types/widgetkit.d.ts, the Node built-ins
// widget code uses -> types/node.d.ts. The same files "New Widget" copies into a scaffold.
// No TypeScript import: the plugin passes plain names and paths.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Built-ins types/node.d.ts declares, with or without the `node:` prefix. */
const NODE_BUILTINS = new Set(['fs', 'fs/promises', 'path', 'os', 'url', 'crypto']);

export const WIDGETKIT_DECLARATIONS = 'widgetkit.d.ts';
export const NODE_DECLARATIONS = 'node.d.ts';

export class ShippedDeclarations {
  /**
   * Folder -> whether node_modules/@types/node is visible from it, cached for the server's
   * lifetime ("TypeScript: Restart TS Server" after installing @types/node).
   */
  private readonly typesNodeVisible = new Map<string, boolean>();

  /** `typesDir`: the extension's types/ folder. */
  constructor(readonly typesDir: string) {}

  /**
   * The shipped file for a module name that the folder left unresolved, or undefined. Node
   * built-ins are answered only where no @types/node is installed: its declarations win, and
   * the two sets must not merge.
   */
  fileFor(moduleName: string, containingFile: string): string | undefined {
    if (moduleName === 'widgetkit' || moduleName === 'widgetkit/jsx-runtime') {
      return path.join(this.typesDir, WIDGETKIT_DECLARATIONS);
    }
    const builtin = moduleName.startsWith('node:') ? moduleName.slice('node:'.length) : moduleName;
    if (NODE_BUILTINS.has(builtin) && !this.seesTypesNode(path.dirname(containingFile))) {
      return path.join(this.typesDir, NODE_DECLARATIONS);
    }
    return undefined;
  }

  private seesTypesNode(folder: string): boolean {
    const known = this.typesNodeVisible.get(folder);
    if (known !== undefined) return known;
    const parent = path.dirname(folder);
    const visible =
      fs.existsSync(path.join(folder, 'node_modules', '@types', 'node', 'package.json')) ||
      (parent !== folder && this.seesTypesNode(parent));
    this.typesNodeVisible.set(folder, visible);
    return visible;
  }
}
