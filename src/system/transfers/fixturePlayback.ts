// Plays one fixture response on the virtual clock, so a simulated run is deterministic:
// `delayMs` of latency, then the body in paced steps (`bytesPerSecond`, each step a progress
// report at its virtual time), then the response. Faults: 'dns' and 'offline' fail after the
// latency with no bytes; 'reset' and 'timeout' deliver the first half of any body, then the
// connection drops (-1005) or goes silent until the request timeout (-1001).
import { open, type FileHandle } from 'node:fs/promises';
import type { FixtureResponse } from '../api';
import type { DownloadFile } from './downloadFile';
import { NSURLError, TransferFailure } from './nsurlErrors';
import { isRedirect } from './requestUrl';
import type { CompletedResponse, TransferRun } from './transferRun';

export type PlaybackOutcome =
  | ({ kind: 'response' } & CompletedResponse)
  | { kind: 'redirect'; status: number; location: string };

/** Virtual time between paced steps, so a slow body reports progress about ten times a second... */
const STEP_MS = 100;
/** ...but never more than this many steps, however long the body takes. */
const MAX_STEPS = 1000;
/** Bytes copied per write, so a large `file` fixture never sits in memory whole. */
const WRITE_PIECE = 1 << 20;

/** Where the body bytes come from: an inline body (string or JSON) or a file on disk. */
interface BodySource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

function inlineBody(body: unknown): BodySource {
  const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, offset + length),
    close: async () => undefined,
  };
}

async function fileBody(path: string): Promise<BodySource> {
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

async function openBody(response: FixtureResponse): Promise<BodySource> {
  if (response.file === undefined) return inlineBody(response.body === undefined ? '' : response.body);
  try {
    return await fileBody(response.file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TransferFailure(
      NSURLError.fileDoesNotExist,
      `The fixture's file ${response.file} cannot be read any more (${reason}). Restore it, or change the fixture.`,
    );
  }
}

function lowerCaseHeaders(response: FixtureResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/** Lower-cased headers, with Content-Type and Content-Length a real server would send. */
function responseHeaders(response: FixtureResponse, size: number): Record<string, string> {
  const headers = lowerCaseHeaders(response);
  if (headers['content-type'] === undefined && response.body !== undefined) {
    headers['content-type'] = typeof response.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  }
  headers['content-length'] ??= String(size);
  return headers;
}

function fixtureFault(kind: 'dns' | 'offline', url: string): TransferFailure {
  return kind === 'dns'
    ? new TransferFailure(NSURLError.cannotFindHost, `A server with the specified hostname could not be found: ${new URL(url).host} (fixture fail "dns").`)
    : new TransferFailure(NSURLError.notConnectedToInternet, `The Internet connection appears to be offline (fixture fail "offline" for ${url}).`);
}

async function copyStep(source: BodySource, file: DownloadFile, offset: number, length: number): Promise<void> {
  for (let done = 0; done < length; ) {
    const piece = await source.read(offset + done, Math.min(WRITE_PIECE, length - done));
    if (piece.length === 0) throw new TransferFailure(NSURLError.cannotWriteToFile, 'The fixture file shrank while it was being played.');
    await file.append(piece);
    done += piece.length;
  }
}

export async function playFixture(run: TransferRun, url: string, response: FixtureResponse): Promise<PlaybackOutcome> {
  const start = run.clock.now();
  const answerAt = start + (response.delayMs ?? 0);
  await run.waitUntil(answerAt, `fixture ${url} answers`);
  if (response.fail === 'dns' || response.fail === 'offline') throw fixtureFault(response.fail, url);
  const status = response.status ?? 200;
  const location = lowerCaseHeaders(response).location;
  if (response.fail === undefined && isRedirect(status, location)) return { kind: 'redirect', status, location };

  const source = await openBody(response);
  try {
    const file = await run.createFile();
    const headers = responseHeaders(response, source.size);
    const expected = Number(headers['content-length']) >= 0 ? Number(headers['content-length']) : -1;
    // A fault cuts the connection halfway through the body.
    const limit = response.fail === undefined ? source.size : Math.floor(source.size / 2);
    const rate = response.bytesPerSecond;
    const stepBytes =
      rate === undefined ? limit : Math.max(1, Math.ceil(rate * STEP_MS / 1000), Math.ceil(limit / MAX_STEPS));
    let written = 0;
    while (written < limit) {
      const length = Math.min(stepBytes, limit - written);
      if (rate !== undefined) {
        await run.waitUntil(answerAt + Math.ceil(((written + length) * 1000) / rate), `fixture ${url} sends bytes`);
      }
      await copyStep(source, file, written, length);
      written += length;
      run.progress(length, written, expected);
    }
    if (response.fail === 'reset') {
      throw new TransferFailure(NSURLError.networkConnectionLost, `The network connection was lost while fetching ${url} (fixture fail "reset").`);
    }
    if (response.fail === 'timeout') {
      await run.waitUntil(run.clock.now() + run.requestTimeoutMs, `fixture ${url} times out`);
      throw new TransferFailure(NSURLError.timedOut, `The request to ${url} timed out after ${run.requestTimeoutMs} ms without data (fixture fail "timeout").`);
    }
    await file.close();
    return { kind: 'response', status, headers, bytes: written, file };
  } finally {
    await source.close();
  }
}
