// Debug configurations for widget files: the one F5 builds for the open widget, the ones the
// dynamic provider lists, and the entry the scaffold writes into launch.json. Attribute names are
// the adapter's launch arguments (DESIGN.md section 4). No VS Code import: unit-tested in Node.
import * as path from 'node:path';
import { fail, succeed, type Outcome } from './authoringError';
import type { LaunchConfiguration } from './launchJson';
import { fixturesPathFor, isWidgetFile, widgetBaseName } from './widgetFiles';

export const DEBUG_TYPE = 'widget-timeline';

export const UNTRUSTED_MESSAGE =
  'Widget Timelines runs widget code, which VS Code only allows in a trusted workspace. Trust this folder (Manage Workspace Trust) and try again.';

/**
 * The configuration for one widget file. Paths inside `workspaceFolder` are written as
 * `${workspaceFolder}/...` so the entry stays valid when the folder moves.
 */
export function configurationForWidget(widgetFile: string, options: { workspaceFolder?: string; fixturesExist: boolean }): LaunchConfiguration {
  const portable = (file: string): string => {
    const folder = options.workspaceFolder;
    if (!folder) return file;
    const relative = path.relative(folder, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return file;
    return `\${workspaceFolder}/${relative.split(path.sep).join('/')}`;
  };
  const configuration: LaunchConfiguration = {
    type: DEBUG_TYPE,
    request: 'launch',
    name: `Debug ${widgetBaseName(widgetFile)} widget`,
    program: portable(widgetFile),
    family: 'systemSmall',
    clock: 'simulated',
  };
  if (options.fixturesExist) configuration.network = { fixtures: portable(fixturesPathFor(widgetFile)) };
  return configuration;
}

/** The configuration shape VS Code hands the resolver: anything may be missing. */
export type PartialConfiguration = { [attribute: string]: unknown };

/**
 * Fills what F5 left out, before variables are substituted. With no launch.json VS Code passes an
 * empty configuration: the open widget file becomes the program.
 */
export function completeConfiguration(configuration: PartialConfiguration, context: { activeFile?: string; trusted: boolean }): Outcome<PartialConfiguration> {
  if (!context.trusted) return fail('untrusted-workspace', UNTRUSTED_MESSAGE);
  const completed: PartialConfiguration = { ...configuration };
  const empty = completed.type === undefined && completed.request === undefined && completed.name === undefined;
  if (empty || completed.program === undefined || completed.program === '') {
    const active = context.activeFile;
    if (!active || !isWidgetFile(active)) {
      return fail('no-widget-file', 'Open a widget file (a name ending in .widget.ts or .widget.js) and press F5 again, or create one with "Widget Timelines: New Widget".');
    }
    completed.program = active;
  }
  if (empty) {
    completed.type = DEBUG_TYPE;
    completed.request = 'launch';
    completed.name = `Debug ${widgetBaseName(String(completed.program))} widget`;
  }
  return succeed(completed);
}

/**
 * After substitution: when the program is a concrete path and no fixtures were given, the sibling
 * `<base>.fixtures.json` serves the widget's transfers, as in the preview and the CLI.
 */
export function withSiblingFixtures(configuration: PartialConfiguration, exists: (file: string) => boolean): PartialConfiguration {
  const program = configuration.program;
  if (typeof program !== 'string' || !path.isAbsolute(program)) return configuration;
  const network = configuration.network;
  if (network !== undefined && (typeof network !== 'object' || network === null)) return configuration;
  const current = (network ?? {}) as { [key: string]: unknown };
  if (current.fixtures !== undefined || current.offline === true) return configuration;
  const fixtures = fixturesPathFor(program);
  if (!exists(fixtures)) return configuration;
  return { ...configuration, network: { ...current, fixtures } };
}
