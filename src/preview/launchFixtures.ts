// Which fixtures the preview serves transfers from when the widget has no sibling
// `<base>.fixtures.json`: those of the launch configuration that debugs this same widget file
// (launch.json's `network.fixtures`, a path or an inline map), with VS Code's usual variables
// resolved for it. Free of the vscode module so it is unit-tested in Node.
import * as path from 'node:path';
import type { FixtureMap } from '../system/api';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** ${workspaceFolder}, ${file}, ${fileDirname}, ${fileBasename}, ${fileBasenameNoExtension}, as for the widget file. */
export function resolveLaunchVariables(text: string, workspaceFolder: string | undefined, program: string): string {
  const variables: Record<string, string | undefined> = {
    workspaceFolder,
    workspaceRoot: workspaceFolder,
    file: program,
    fileDirname: path.dirname(program),
    fileBasename: path.basename(program),
    fileBasenameNoExtension: path.basename(program, path.extname(program)),
  };
  return text.replace(/\$\{(\w+)\}/g, (whole, name: string) => variables[name] ?? whole);
}

/** The fixtures of the first `widget-timeline` launch configuration whose program is this file. */
export function launchFixtures(configurations: unknown, workspaceFolder: string | undefined, program: string): string | FixtureMap | undefined {
  if (!Array.isArray(configurations)) return undefined;
  for (const configuration of configurations) {
    if (!isRecord(configuration) || configuration.type !== 'widget-timeline' || typeof configuration.program !== 'string') continue;
    const configured = resolveLaunchVariables(configuration.program, workspaceFolder, program);
    const absolute = path.resolve(workspaceFolder ?? path.dirname(program), configured);
    if (absolute !== path.resolve(program)) continue;
    const fixtures = isRecord(configuration.network) ? configuration.network.fixtures : undefined;
    if (typeof fixtures === 'string') return path.resolve(workspaceFolder ?? path.dirname(program), resolveLaunchVariables(fixtures, workspaceFolder, program));
    if (isRecord(fixtures)) return fixtures as FixtureMap;
  }
  return undefined;
}
