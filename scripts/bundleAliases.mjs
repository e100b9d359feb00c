// Module aliases every bundle of the extension's code needs (esbuild.mjs, and tests that bundle
// the extension as it does). jsonc-parser's main build is UMD, whose requires esbuild cannot
// follow (the bundle would require ./impl/format at run time); its ES module build bundles like
// any other.
export const bundleAliases = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };
