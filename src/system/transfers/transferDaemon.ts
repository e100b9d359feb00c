// The background transfer daemon: the system's side of background URLSessions. It starts each
// transfer no earlier than its earliestBeginDate on the virtual clock, answers it from a fixture
// (played in virtual time) or from the real network (undici), writes the body to a private
// temporary file, and ends it in exactly one 'finished' or 'failed'. Apple: "the system
// continues the transfers in a separate process" (URLSessionConfiguration.background), so
// nothing here depends on the widget extension process being alive.
import { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { TransferDaemonApi, TransferDaemonOptions, TransferError, TransferRequest, TransferResult } from './api';
import { DownloadFile } from './downloadFile';
import { FixtureBook } from './fixtureBook';
import { loadFixtures } from './fixtures';
import { playFixture } from './fixturePlayback';
import { HttpTransport, type HttpTarget } from './httpTransport';
import type { RecordedAnswer, ServedChunk } from './recordedNetwork';
import { playRecorded } from './recordedPlayback';
import { cancelledError, notRecorded, NSURLError, offlineFailure, TransferFailure } from './nsurlErrors';
import { MAX_REDIRECTS, checkedUrl, redirectMethod, tooManyRedirects } from './requestUrl';
import type { CompletedResponse, TransferRun } from './transferRun';
import { transportFailure } from './transportFailure';

/** Apple's default timeoutIntervalForRequest (60 s). */
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/**
 * Apple: for a discretionary transfer "the system can schedule it at its discretion for optimal
 * performance" (isDiscretionary). The daemon models that discretion as a fixed, deterministic
 * deferral of virtual time after the earliest begin date, so simulated runs stay repeatable.
 */
const DEFAULT_DISCRETIONARY_DELAY_MS = 5_000;

interface ActiveTransfer {
  request: TransferRequest;
  controller: AbortController;
  /** Cancels the scheduled start while the transfer waits for its begin date. */
  cancelStart?: () => void;
  file?: DownloadFile;
  busy: boolean;
  settled: boolean;
  /** Resolves once the transfer has ended (its event emitted, a partial file removed). */
  ended?: Promise<void>;
  /** Hands the turn on (see TransferDaemon.takeTurn) while this transfer holds it. */
  releaseTurn?: () => void;
}

export interface TransferDaemon {
  on(event: 'progress', listener: (task: number, bytesWritten: number, totalBytesWritten: number, totalBytesExpected: number) => void): this;
  on(event: 'finished', listener: (result: TransferResult) => void): this;
  on(event: 'failed', listener: (task: number, error: TransferError) => void): this;
  on(event: 'busy' | 'idle', listener: () => void): this;
}

export class TransferDaemon extends EventEmitter implements TransferDaemonApi {
  private readonly transfers = new Map<number, ActiveTransfer>();
  private readonly book: FixtureBook;
  /** A replay's recorded answers of the real network, each request's still to serve. */
  private readonly recorded: Map<string, RecordedAnswer[]> | undefined;
  private readonly http: HttpTransport;
  private readonly requestTimeoutMs: number;
  private readonly discretionaryDelayMs: number;
  private busyTransfers = 0;
  /** Settles when the transfer holding the turn hands it on. */
  private turn: Promise<void> = Promise.resolve();
  private disposed = false;

  /** Throws FixturesError when `options.fixtures` is not a valid fixtures map. */
  constructor(private readonly options: TransferDaemonOptions) {
    super();
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.discretionaryDelayMs = options.discretionaryDelayMs ?? DEFAULT_DISCRETIONARY_DELAY_MS;
    const fixtures = options.fixtures ? loadFixtures(options.fixtures, options.fixturesDir ?? process.cwd()) : {};
    this.book = new FixtureBook(fixtures);
    this.recorded = options.recordedNetwork ? new Map(Object.entries(options.recordedNetwork).map(([key, answers]) => [key, [...answers]])) : undefined;
    this.http = new HttpTransport({
      requestTimeoutMs: this.requestTimeoutMs,
      trustedCertificates: options.trustedCertificates,
    });
  }

  start(request: TransferRequest): void {
    if (this.disposed) throw new Error(`Transfer ${request.task} was started after the transfer daemon was disposed.`);
    if (this.transfers.has(request.task)) throw new Error(`Transfer ${request.task} is already running.`);
    const transfer: ActiveTransfer = { request, controller: new AbortController(), busy: false, settled: false };
    this.transfers.set(request.task, transfer);
    const { clock } = this.options;
    const now = clock.now();
    const beginAt = Math.max(now, request.earliestBeginDate ?? now) + (request.discretionary ? this.discretionaryDelayMs : 0);
    let begun = false;
    const cancelStart = clock.schedule(
      beginAt,
      () => {
        begun = true;
        transfer.cancelStart = undefined;
        this.begin(transfer);
      },
      `transfer ${request.task} begins`,
    );
    // A clock may run a callback that is already due before schedule() returns.
    if (!begun) transfer.cancelStart = cancelStart;
  }

  cancel(task: number): void {
    const transfer = this.transfers.get(task);
    if (!transfer || transfer.settled || transfer.controller.signal.aborted) return;
    // Busy until the 'failed' event is out, so a simulated clock cannot run past the cancel.
    this.setBusy(transfer, true);
    transfer.controller.abort();
    if (transfer.cancelStart) {
      transfer.cancelStart();
      transfer.cancelStart = undefined;
      transfer.ended = Promise.resolve().then(() => this.fail(transfer, undefined));
    }
  }

  busy(): boolean {
    return this.busyTransfers > 0;
  }

  /** Aborts every transfer and removes partial files; no events are emitted from here on. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const ending: Promise<void>[] = [];
    for (const transfer of this.transfers.values()) {
      transfer.controller.abort();
      if (transfer.cancelStart) {
        transfer.cancelStart();
        transfer.settled = true;
      }
      if (transfer.ended) ending.push(transfer.ended);
    }
    await Promise.allSettled(ending);
    this.transfers.clear();
    await this.http.close();
  }

  private begin(transfer: ActiveTransfer): void {
    if (transfer.settled) return;
    this.setBusy(transfer, true);
    transfer.ended = this.run(transfer)
      .then(
        (response) => this.finish(transfer, response),
        (error: unknown) => this.fail(transfer, error),
      )
      .finally(() => this.releaseTurn(transfer));
  }

  /**
   * Transfers woken at the same virtual moment take turns: each holds the turn from its wake-up
   * through its file I/O and its events until it waits again or ends. Wake-ups come in the
   * clock's deterministic order, so the events of a simulated run come in the same order every
   * time, whichever asynchronous write happens to finish first.
   */
  private takeTurn(transfer: ActiveTransfer): Promise<void> {
    const previous = this.turn;
    this.turn = new Promise<void>((resolve) => (transfer.releaseTurn = resolve));
    return previous;
  }

  private releaseTurn(transfer: ActiveTransfer): void {
    transfer.releaseTurn?.();
    transfer.releaseTurn = undefined;
  }

  /** Fixtures first (following fixture redirects), then the real network, unless offline. */
  private async run(transfer: ActiveTransfer): Promise<CompletedResponse> {
    const { request } = transfer;
    if (this.options.offline) throw offlineFailure(request.url);
    let url = checkedUrl(request.url);
    let method = (request.method || 'GET').toUpperCase();
    const run = this.runFor(transfer);
    const bodyBytes = request.bodyFile === undefined ? undefined : await uploadSize(request.bodyFile, request.url);
    for (let hops = 0; ; hops++) {
      const fixture = this.book.take(method, url);
      if (!fixture && this.recorded) return this.fromRecording(run, method, url);
      if (!fixture) {
        const body = request.bodyFile !== undefined && bodyBytes !== undefined ? { stream: createReadStream(request.bodyFile), bytes: bodyBytes } : undefined;
        return this.fromNetwork(run, { url, method, headers: request.headers, ...(body ? { body } : {}) });
      }
      // A fixture answers an upload once the daemon has read (streamed) the whole file, as a
      // server would before it responds.
      if (request.bodyFile !== undefined && hops === 0) await drain(request.bodyFile, run.signal);
      const outcome = await playFixture(run, url, fixture);
      if (outcome.kind === 'response') return outcome;
      if (hops >= MAX_REDIRECTS) throw tooManyRedirects(request.url);
      url = checkedUrl(new URL(outcome.location, url).href);
      method = redirectMethod(outcome.status, method);
    }
  }

  /** The real network; what it served is told to `servedByNetwork` when a recording wants it. */
  private async fromNetwork(run: TransferRun, target: HttpTarget): Promise<CompletedResponse> {
    const served = this.options.servedByNetwork?.();
    const { place } = this.options;
    if (!served || !place) return this.http.fetchToFile(run, target);
    const chunks: ServedChunk[] = [];
    let expected = -1;
    const watched: TransferRun = {
      ...run,
      progress: (bytes, total, totalExpected) => {
        chunks.push({ bytes, ...place.now() });
        expected = totalExpected;
        run.progress(bytes, total, totalExpected);
      },
    };
    const { method, url } = target;
    try {
      const response = await this.http.fetchToFile(watched, target);
      served({ method, url, status: response.status, headers: response.headers, body: await readFile(response.file.path), expected, chunks });
      return response;
    } catch (error) {
      if (!run.signal.aborted) served({ method, url, error: transportFailure(error, url, this.requestTimeoutMs).error, ...place.now() });
      throw error;
    }
  }

  /** A replay: the recorded answer to this request, at its recorded places; none: not recorded. */
  private fromRecording(run: TransferRun, method: string, url: string): Promise<CompletedResponse> {
    const answer = this.recorded?.get(`${method} ${url}`)?.shift();
    const { place } = this.options;
    if (!answer || !place) throw notRecorded(url);
    return playRecorded(run, answer, place);
  }

  private runFor(transfer: ActiveTransfer): TransferRun {
    const { signal } = transfer.controller;
    const { clock, tempDir } = this.options;
    return {
      task: transfer.request.task,
      clock,
      signal,
      requestTimeoutMs: this.requestTimeoutMs,
      createFile: async () => {
        transfer.file = await DownloadFile.create(tempDir);
        return transfer.file;
      },
      progress: (bytesWritten, totalBytesWritten, totalBytesExpected) => {
        if (transfer.settled || signal.aborted) return;
        this.emitLive('progress', transfer.request.task, bytesWritten, totalBytesWritten, totalBytesExpected);
      },
      waitUntil: (at, label) =>
        new Promise<void>((resolve, reject) => {
          this.releaseTurn(transfer);
          if (signal.aborted) return reject(signal.reason);
          let woke = false;
          const onAbort = (): void => {
            cancelWake();
            reject(signal.reason);
          };
          const cancelWake = clock.schedule(
            at,
            () => {
              woke = true;
              signal.removeEventListener('abort', onAbort);
              this.setBusy(transfer, true);
              const { beforeTurn } = this.options;
              void this.takeTurn(transfer)
                .then(() => beforeTurn?.())
                .then(resolve);
            },
            label,
          );
          signal.addEventListener('abort', onAbort, { once: true });
          if (!woke) this.setBusy(transfer, false);
        }),
    };
  }

  private finish(transfer: ActiveTransfer, response: CompletedResponse): Promise<void> | void {
    if (transfer.controller.signal.aborted) return this.fail(transfer, undefined);
    const result: TransferResult = {
      task: transfer.request.task,
      location: response.file.path,
      status: response.status,
      headers: response.headers,
      bytes: response.bytes,
      ...(transfer.request.bodyFile !== undefined ? { upload: true } : {}),
    };
    this.settle(transfer, () => this.emitLive('finished', result));
  }

  private async fail(transfer: ActiveTransfer, error: unknown): Promise<void> {
    const { request, controller } = transfer;
    const reported = controller.signal.aborted
      ? cancelledError(request.url)
      : transportFailure(error, request.url, this.requestTimeoutMs).error;
    await transfer.file?.remove();
    this.settle(transfer, () => this.emitLive('failed', request.task, reported));
  }

  /** Ends a transfer once: its event first, then 'idle' if it was the last busy one. */
  private settle(transfer: ActiveTransfer, emitOutcome: () => void): void {
    if (transfer.settled) return;
    transfer.settled = true;
    this.transfers.delete(transfer.request.task);
    emitOutcome();
    this.setBusy(transfer, false);
  }

  private setBusy(transfer: ActiveTransfer, busy: boolean): void {
    if (transfer.busy === busy) return;
    transfer.busy = busy;
    this.busyTransfers += busy ? 1 : -1;
    if (busy && this.busyTransfers === 1) this.emitLive('busy');
    if (!busy && this.busyTransfers === 0) this.emitLive('idle');
  }

  private emitLive(event: string, ...args: unknown[]): void {
    if (!this.disposed) this.emit(event, ...args);
  }
}

/**
 * The size of an upload's body file. Apple: a missing file fails the task with
 * NSURLErrorFileDoesNotExist (-1100).
 */
async function uploadSize(file: string, url: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    throw new TransferFailure(NSURLError.fileDoesNotExist, `The upload body file ${file} for ${url} does not exist (NSURLErrorFileDoesNotExist).`);
  }
}

/** Reads an upload's body file to its end, as sending it would. */
async function drain(file: string, signal: AbortSignal): Promise<void> {
  const stream = createReadStream(file, { signal });
  for await (const _chunk of stream) {
    // streamed to a fixture: nothing to keep
  }
}
