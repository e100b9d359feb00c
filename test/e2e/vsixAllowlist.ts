// What a VSIX may hold (issue 2's allowlist, mirrored by .vscodeignore) and what it must hold
// for the product to run: the bundles DESIGN.md section 1 fixes. Maps, sources, tests and
// node_modules never ship; everything the extension needs at run time is bundled into dist/,
// except the TypeScript server plugin, which tsserver loads only as a package in the
// extension's node_modules (its manifest and one bundle).
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/(dist|media|types|snippets|schemas|walkthrough|templates)\/./,
];

const TSSERVER_PLUGIN = ['extension/node_modules/widget-timelines-tsserver-plugin/package.json', 'extension/node_modules/widget-timelines-tsserver-plugin/index.js'];

const REQUIRED = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/engine.js',
  'extension/dist/debugAdapter.js',
  'extension/dist/cli.js',
  'extension/dist/kit/widgetkit.js',
  'extension/dist/kit/runtime.js',
  'extension/dist/kit/transpiler.js',
  'extension/media/webview.js',
  'extension/types/widgetkit.d.ts',
  'extension/types/node.d.ts',
  ...TSSERVER_PLUGIN,
];

/** One line per problem: an entry that must not ship, or a required entry that is missing. */
export function vsixAllowlistViolations(entries: string[]): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    if (entry.endsWith('/') || TSSERVER_PLUGIN.includes(entry)) continue;
    if (entry.endsWith('.map')) problems.push(`ships a source map: ${entry}`);
    else if (/(^|\/)(node_modules|src|test)\//.test(entry.replace(/^extension\//, ''))) problems.push(`ships a development file: ${entry}`);
    else if (!ALLOWED.some((pattern) => pattern.test(entry))) problems.push(`not in the allowlist: ${entry}`);
  }
  for (const required of REQUIRED) {
    if (!entries.includes(required)) problems.push(`missing: ${required}`);
  }
  return problems;
}
