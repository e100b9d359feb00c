// The directories one system session owns: a private temporary directory (0700) for the
// transfer daemon's downloads and the per-delivery copies, and the app-group container and
// UserDefaults directories, which survive extension terminations (the system owns them, as
// the app group container does on a device). All of it is removed when the session ends.
// Beside them, one directory the program's sessions share: the kit's transpile cache.
// Each of these folders names the process that owns it; a program killed before it could remove
// its own (SIGKILL, a crash) leaves them behind, and the next program to make one removes them.
import { existsSync, lstatSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'widget-timelines-';
/** In each folder this program makes under TMPDIR: the pid of the process that owns it. */
const OWNER_FILE = '.owner';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner of a folder this program made, when it is a real folder of this user's with an owner file. */
function ownerOf(dir: string): number | undefined {
  try {
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== process.getuid?.()) return undefined;
    const pid = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

let swept = false;

/** Once per program: removes the folders of owners that are gone. A folder without an owner file (being made right now, say) stays. */
function sweepLeftovers(): void {
  if (swept) return;
  swept = true;
  let names: string[];
  try {
    names = readdirSync(tmpdir()).filter((name) => name.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(tmpdir(), name);
    const owner = ownerOf(dir);
    if (owner === undefined || owner === process.pid || alive(owner)) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Not ours to remove after all: leave it.
    }
  }
}

/** A new private folder under TMPDIR (0700, mkdtemp's mode) that names this process as its owner. */
function ownedDirectory(prefix: string): string {
  sweepLeftovers();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid), { mode: 0o600 });
  return dir;
}

export class SessionDirectories {
  readonly root: string;
  readonly temp: string;
  readonly container: string;
  readonly defaults: string;

  constructor() {
    this.root = ownedDirectory(PREFIX);
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
    const dir = ownedDirectory(`${PREFIX}transpiled-`);
    if (transpileCache === undefined) process.once('exit', () => rmSync(transpileCache ?? dir, { recursive: true, force: true }));
    transpileCache = dir;
    return dir;
  } catch {
    // No cache: every launch transpiles, as it did before there was one.
    return undefined;
  }
}
