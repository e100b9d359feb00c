// The TypeScript server plugin the extension contributes (package.json
// `contributes.typescriptServerPlugins`): in any folder VS Code opens, with no tsconfig and no
// node_modules, `import ... from 'widgetkit'` and the Node built-ins widget code uses resolve to
// the declarations the extension ships (types/), and nothing is written into the user's folder.
// It only fills in what the folder's own resolution left unresolved, so a project with its own
// widgetkit or @types/node keeps them. Built into node_modules/widget-timelines-tsserver-plugin/
// of the extension, where tsserver looks for plugins; types/ is two folders up.
import * as path from 'node:path';
import type * as ts from 'typescript';
import { ShippedDeclarations } from './shippedDeclarations';

type Host = ts.LanguageServiceHost;

function init(modules: { typescript: typeof ts }): ts.server.PluginModule {
  const typescript = modules.typescript;
  const shipped = new ShippedDeclarations(path.resolve(__dirname, '..', '..', 'types'));

  const resolved = (file: string): ts.ResolvedModuleFull => ({
    resolvedFileName: file,
    extension: typescript.Extension.Dts,
    // As if found in node_modules: the file is the extension's, not part of the user's project.
    isExternalLibraryImport: true,
  });

  /** Wraps whichever resolution hook the host has (resolveModuleNameLiterals since TS 5.0). */
  function augmentResolution(host: Host): void {
    const literals = host.resolveModuleNameLiterals?.bind(host);
    if (literals) {
      host.resolveModuleNameLiterals = (moduleLiterals, containingFile, ...rest) =>
        literals(moduleLiterals, containingFile, ...rest).map((result, i) => {
          if (result.resolvedModule) return result;
          const file = shipped.fileFor(moduleLiterals[i].text, containingFile);
          return file ? { ...result, resolvedModule: resolved(file) } : result;
        });
      return;
    }
    const names = host.resolveModuleNames?.bind(host);
    if (names) {
      host.resolveModuleNames = (moduleNames, containingFile, ...rest) =>
        names(moduleNames, containingFile, ...rest).map((result, i) => {
          if (result) return result;
          const file = shipped.fileFor(moduleNames[i], containingFile);
          return file ? resolved(file) : undefined;
        });
    }
  }

  return {
    create(info) {
      augmentResolution(info.languageServiceHost);
      info.project.projectService.logger.info(`widget-timelines-tsserver-plugin: unresolved widgetkit and node:* imports resolve in ${shipped.typesDir}`);
      return info.languageService;
    },
  };
}

export = init;
