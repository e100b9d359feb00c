// The folder the user opens: a temporary copy of examples/weather (the repository's own copy is
// never touched), with the launch.json a user would write for F5.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WIDGET_FILE = 'weather.widget.ts';
export const FIXTURES_FILE = 'weather.fixtures.json';
export const LAUNCH_NAME = 'Debug weather widget';

export function copyWeatherExample(repoRoot: string, workDir: string): string {
  const source = join(repoRoot, 'examples', 'weather');
  if (!existsSync(join(source, WIDGET_FILE))) {
    throw new Error(`examples/weather/${WIDGET_FILE} does not exist yet: the end-to-end scenarios open that example`);
  }
  const folder = join(workDir, 'weather');
  cpSync(source, folder, { recursive: true, filter: (path) => !path.includes('/node_modules') });
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  const network = existsSync(join(folder, FIXTURES_FILE)) ? { fixtures: `\${workspaceFolder}/${FIXTURES_FILE}` } : {};
  const launch = {
    version: '0.2.0',
    configurations: [
      {
        type: 'widget-timeline',
        request: 'launch',
        name: LAUNCH_NAME,
        program: `\${workspaceFolder}/${WIDGET_FILE}`,
        network,
        // Stops at the first lifecycle event, so the user can tick event breakpoints, which
        // the BREAKPOINTS view lists only once the adapter has said which ones it has.
        stopOnEntry: true,
      },
    ],
  };
  writeFileSync(join(folder, '.vscode', 'launch.json'), JSON.stringify(launch, null, 2));
  return folder;
}

/**
 * The 1-based line of the first statement of the widget's didFinishDownloadingTo handler in
 * the user's file: where a stop on that event must show the editor.
 */
export function handlerFirstLine(folder: string, method: string): number {
  const lines = readFileSync(join(folder, WIDGET_FILE), 'utf8').split('\n');
  const declaration = lines.findIndex((line) => new RegExp(`\\b${method}\\s*(\\(|:)`).test(line) && !/^\s*(\/\/|\*)/.test(line));
  if (declaration < 0) throw new Error(`${WIDGET_FILE} has no ${method} handler`);
  for (let i = declaration + 1; i < lines.length; i++) {
    const text = lines[i].trim();
    if (text !== '' && !text.startsWith('//') && text !== '{') return i + 1;
  }
  throw new Error(`${WIDGET_FILE}: the ${method} handler has no statement`);
}
