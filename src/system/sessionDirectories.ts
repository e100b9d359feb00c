// The directories one system session owns: a private temporary directory (0700) for the
// transfer daemon's downloads and the per-delivery copies, and the app-group container and
// UserDefaults directories, which survive extension terminations (the system owns them, as
// the app group container does on a device). All of it is removed when the session ends.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
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
