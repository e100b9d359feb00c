// The directories one system session owns: a private temporary directory (0700) for the
// transfer daemon's downloads and the per-delivery copies, and the app-group container and
// UserDefaults directories, which survive extension terminations (the system owns them, as
// the app group container does on a device). All of it is removed when the session ends.
// Beside them, one directory the program's sessions share: the kit's transpile cache.
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class SessionDirectories {
  readonly root: string;
  readonly temp: string;
  readonly container: string;
  readonly defaults: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'widget-timelines-'));
    this.temp = join(this.root, 'tmp');
    this.container = join(this.root, 'AppGroup');
    this.defaults = join(this.root, 'Preferences');
    for (const dir of [this.temp, this.container, this.defaults]) mkdirSync(dir, { mode: 0o700 });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

let transpileCache: string | undefined;

/**
 * The kit's transpile cache, one private directory (0700) for all the sessions of this program
 * and removed when it exits: what the extension's module loader made of each user file, and the
 * V8 code cache of its transpiler. A relaunch (after a termination, or a preview rerun) then
 * compiles unchanged files without loading sucrase. The system never reads it; entries are only
 * used for a file whose text is still the same (see src/kit/transpileCache.ts). Undefined when
 * no directory can be made.
 */
export function transpileCacheDirectory(): string | undefined {
  if (transpileCache && existsSync(transpileCache)) return transpileCache;
  try {
    const dir = mkdtempSync(join(tmpdir(), 'widget-timelines-transpiled-'));
    if (transpileCache === undefined) process.once('exit', () => rmSync(transpileCache ?? dir, { recursive: true, force: true }));
    transpileCache = dir;
    return dir;
  } catch {
    // No cache: every launch transpiles, as it did before there was one.
    return undefined;
  }
}
