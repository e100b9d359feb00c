// The private temporary file a download is written into. Apple hands the delegate a file in
// the app's temporary directory ("CFNetworkDownload_XXXXXX.tmp") readable only by the app, so
// the file is created exclusively (O_EXCL) with mode 0600 inside the session's 0700 directory.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';

export class DownloadFile {
  private removed = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(tempDir: string): Promise<DownloadFile> {
    mkdirSync(tempDir, { recursive: true, mode: 0o700 });
    const name = `CFNetworkDownload_${randomBytes(6).toString('hex')}.tmp`;
    const path = join(tempDir, name);
    const handle = await open(path, 'wx', 0o600);
    return new DownloadFile(path, handle);
  }

  /** A write stream over the file (it closes the file when it ends or is destroyed). */
  writable(): Writable {
    return this.handle.createWriteStream();
  }

  /** Appends bytes; used by fixture playback, which writes in virtual-time steps. */
  async append(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  /** Deletes a partial or unwanted file; safe to call twice. */
  async remove(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    await this.close();
    await rm(this.path, { force: true });
  }
}
