// The download file's write stream: every byte lands in order however the pieces queue up,
// progress hears of bytes only once they are in the file, and a short write goes on with the
// rest (or surfaces the disk's error) instead of dropping bytes.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { test } from 'node:test';
import { DownloadFile, writeAll } from './downloadFile';
import { privateTempDir } from './transferTestRig';

test('the write stream stores every piece in order and reports bytes once they are in the file', async () => {
  const temp = privateTempDir('download-file');
  try {
    const file = await DownloadFile.create(temp.dir);
    // Uneven pieces, many more than fit in one write, so some queue up behind a write in flight.
    const pieces = Array.from({ length: 600 }, (_, index) => Buffer.alloc(1 + ((index * 7919) % 40_000), index % 251));
    const expected = Buffer.concat(pieces);
    const reports: number[] = [];
    let total = 0;
    await pipeline(
      Readable.from(pieces),
      file.writable((bytes) => {
        total += bytes;
        reports.push(bytes);
        assert.ok(statSync(file.path).size >= total, 'reported bytes are already in the file');
      }),
    );
    assert.equal(total, expected.length);
    assert.ok(reports.length < pieces.length, 'queued pieces are written together');
    assert.ok(readFileSync(file.path).equals(expected));
    assert.equal(statSync(file.path).mode & 0o777, 0o600);
    await file.remove();
  } finally {
    temp.remove();
  }
});

test('a short write goes on with the rest; a failing write rejects', async () => {
  const stored: number[] = [];
  const short = {
    writev: async (buffers: Buffer[]) => {
      // At most 5 bytes per call, as a nearly full disk might accept.
      const bytes = [...Buffer.concat(buffers).subarray(0, 5)];
      stored.push(...bytes);
      return { bytesWritten: bytes.length, buffers };
    },
  } as unknown as FileHandle;
  const buffers = [Buffer.from([1, 2, 3]), Buffer.from([4, 5, 6, 7, 8, 9, 10, 11]), Buffer.from([12])];
  assert.equal(await writeAll(short, buffers), 12);
  assert.deepEqual(stored, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

  const full = {
    writev: async () => {
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    },
  } as unknown as FileHandle;
  await assert.rejects(writeAll(full, buffers), { code: 'ENOSPC' });
});
