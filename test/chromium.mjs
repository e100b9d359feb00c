// The one place that resolves the Chromium binary the page and end-to-end suites drive (through
// playwright-core), and that test/preflight.mjs checks before any test runs. Debian's package
// installs `chromium` on PATH; WIDGET_TIMELINES_CHROMIUM names another binary.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser'];

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The Chromium binary's path, or undefined when there is none. */
export function findChromium(env = process.env) {
  const named = env.WIDGET_TIMELINES_CHROMIUM;
  if (named) return isExecutableFile(named) ? named : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of NAMES) {
      if (isExecutableFile(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

/** The Chromium binary's path; throws the command that installs it when there is none. */
export function chromiumPath(env = process.env) {
  const found = findChromium(env);
  if (found) return found;
  throw new Error('Chromium not found: run `sudo apt-get install -y chromium` (or set WIDGET_TIMELINES_CHROMIUM)');
}
