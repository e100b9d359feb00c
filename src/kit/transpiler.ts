// The transpiler behind the module loader: sucrase, which keeps every line where it was, plus an
// inline source map for the columns. Built as its own bundle (dist/kit/transpiler.js) beside
// the runtime: sucrase is three quarters of the kit's code, and the loader requires this file
// only when a user file is not in the transpile cache, so a relaunch of an unchanged widget
// neither parses nor runs sucrase. Being another bundle, it shares no classes with the runtime:
// a syntax error comes back as plain data.
import { transform, type Transform } from 'sucrase';

export type { Transform };

export type Transpiled = { code: string } | { syntaxError: { reason: string; line: number; column: number } };

/**
 * The imports transform makes ESM code CommonJS, where `import.meta` is a syntax error: its
 * common uses become their CommonJS equivalents (on the same line, so lines stay the user's).
 */
function withoutImportMeta(code: string): string {
  if (!code.includes('import.meta')) return code;
  return code
    .replace(/\bimport\.meta\.url\b/g, 'require("node:url").pathToFileURL(__filename).href')
    .replace(/\bimport\.meta\.filename\b/g, '__filename')
    .replace(/\bimport\.meta\.dirname\b/g, '__dirname');
}

/** Transpiles `source` for `filename`, with an inline source map naming the file itself. */
export function transpile(source: string, filename: string, transforms: Transform[]): Transpiled {
  try {
    const result = transform(source, {
      transforms,
      filePath: filename,
      jsxRuntime: 'automatic',
      jsxImportSource: 'widgetkit',
      production: true,
      sourceMapOptions: { compiledFilename: filename },
    });
    const map = Buffer.from(JSON.stringify(result.sourceMap)).toString('base64');
    return { code: `${withoutImportMeta(result.code)}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${map}\n` };
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    if (!loc) throw error;
    const reason = (error as Error).message.replace(/^Error transforming .*?: /, '').replace(/ \(\d+:\d+\)$/, '');
    return { syntaxError: { reason, line: loc.line, column: loc.column } };
  }
}

/** Runs sucrase once on a small TS + JSX module, so that V8 has compiled it before a user's file. */
export function warmTranspiler(): void {
  const source = "import { x } from 'y';\ninterface A { b: number }\nexport const f = (a: A): number => a.b + x;\nexport default <div>{f({ b: 1 })}</div>;\n";
  transpile(source, 'warm-up.tsx', ['typescript', 'jsx', 'imports']);
}
