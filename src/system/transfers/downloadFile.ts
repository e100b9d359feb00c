// The private temporary file a download is written into. Apple hands the delegate a file in
// the app's temporary directory ("CFNetworkDownload_XXXXXX.tmp") readable only by the app, so
// the file is created exclusively (O_EXCL) with mode 0600 inside the session's 0700 directory.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';

/**
 * How far the file stream may run ahead of the disk. Network chunks are 64 KiB or less; while
 * one write is in flight the ones that arrive meanwhile are buffered, up to this much, and go
 * out together in a single writev. A small buffer (a plain write stream holds 16 KiB) would
 * instead stop the socket after every chunk and write chunk by chunk, so network and disk
 * would take turns instead of overlapping. Memory stays bounded by this figure; 4 MB and more
 * measured no faster than 2 MB on a local 500 MB download, only larger in resident memory.
 */
export const WRITE_BUFFER_BYTES = 2 * 1024 * 1024;

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

  /**
   * A write stream over the file (it closes the file when it ends or is destroyed). Pieces that
   * queue up while a write is in flight are written together (see WRITE_BUFFER_BYTES);
   * `written` is told how many bytes each write put in the file, once they are there.
   */
  writable(written: (bytes: number) => void = () => undefined): Writable {
    const handle = this.handle;
    return new Writable({
      highWaterMark: WRITE_BUFFER_BYTES,
      writev(chunks, callback) {
        writeAll(handle, chunks.map(({ chunk }) => chunk as Buffer)).then(
          (bytes) => {
            written(bytes);
            callback();
          },
          callback,
        );
      },
      destroy(error, callback) {
        handle.close().then(
          () => callback(error),
          (closeError: Error) => callback(error ?? closeError),
        );
      },
    });
  }

  /** Appends bytes; used by fixture playback, which writes in virtual-time steps. */
  async append(bytes: Uint8Array): Promise<void> {
    await writeAll(this.handle, [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
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

/**
 * Writes every byte of `buffers` at the file's position; returns their total. A short write
 * (libuv stops early when the disk fills up) goes on with the rest, so that it either
 * completes or surfaces the error.
 */
export async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<number> {
  const total = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
  let done = 0;
  while (done < total) {
    const { bytesWritten } = await handle.writev(done === 0 ? buffers : rest(buffers, done));
    // A file that takes nothing and reports no error would loop forever; call it a full disk.
    if (bytesWritten === 0) throw Object.assign(new Error('The file accepted no more bytes.'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
  return total;
}

/** The bytes of `buffers` after the first `skip`. */
function rest(buffers: Buffer[], skip: number): Buffer[] {
  const left: Buffer[] = [];
  for (const buffer of buffers) {
    if (skip >= buffer.length) {
      skip -= buffer.length;
    } else {
      left.push(skip > 0 ? buffer.subarray(skip) : buffer);
      skip = 0;
    }
  }
  return left;
}
