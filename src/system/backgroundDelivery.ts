// The system's per-session queues of background transfer outcomes waiting for the extension.
// Apple (Downloading files in the background): transfers finish in the system while the app is
// suspended or terminated; their delegate events wait until the app creates a session with the
// same identifier. An event leaves the queue only when its handler returned, so a process that
// dies inside (or before) a handler gets the event again after the relaunch: never lost, never
// delivered twice. Each attempt at didFinishDownloadingTo gets its own fresh copy of the
// daemon's file ("the file is deleted when didFinishDownloadingTo returns"), and the daemon's
// file is removed only once that delivery succeeded.
import { chmodSync, copyFileSync, unlinkSync } from 'node:fs';
import { copyFile, chmod, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ToExtension, TransferError } from '../protocol/ipc';
import type { ExtensionEventName } from '../protocol/lifecycle';
import type { TransferResult } from './transfers/api';

/**
 * Below this size a download's files are copied and deleted synchronously: the next lifecycle
 * event waits for either, and trips to the thread pool and back cost more than the work (a copy
 * and a chmod took 2.3 ms, two deletions 1.4 ms; synchronously well under 0.5 ms), while a large
 * file would hold the system's event loop too long.
 */
const SMALL_FILE_BYTES = 1 << 20;

/**
 * Deletes a file that may already be gone. Every path here is a plain file: one unlink, where
 * `rm(path, { force: true })` takes an lstat first (a second trip to the thread pool) and loads
 * Node's rimraf on its first use, all while the next delivery waits.
 */
async function removeFile(path: string, bytes: number): Promise<void> {
  try {
    if (bytes < SMALL_FILE_BYTES) unlinkSync(path);
    else await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** A fresh 0600 copy of a download. */
async function copyPrivately(from: string, to: string, bytes: number): Promise<void> {
  if (bytes < SMALL_FILE_BYTES) {
    copyFileSync(from, to);
    chmodSync(to, 0o600);
    return;
  }
  await copyFile(from, to);
  await chmod(to, 0o600);
}

export type DeliverEvent = Extract<ToExtension, { type: 'deliver' }>['event'];
export type ProgressEvent = Extract<DeliverEvent, { name: 'didWriteData' }>;

export interface QueuedEvent {
  id: number;
  identifier: string;
  task: number;
  name: 'didFinishDownloadingTo' | 'didCompleteWithError';
  result?: TransferResult;
  error?: TransferError | null;
  status?: number;
  /** Delivery attempts so far (a relaunch after a kill mid-handler makes it 2). */
  attempts: number;
  /** Attempts in a row that ended in a termination of the extension (crash-loop protection). */
  terminations: number;
  /** The copy handed to the current attempt. */
  copy?: string;
}

export class BackgroundDelivery {
  private readonly queues = new Map<string, QueuedEvent[]>();
  /** Latest didWriteData per task: progress goes only to a running process, never queued. */
  private readonly progressSlots = new Map<string, Map<number, ProgressEvent>>();
  /** Terminations in a row inside onBackgroundURLSessionEvents, per identifier. */
  private readonly wakeTerminations = new Map<string, number>();
  private nextId = 1;
  private copies = 0;

  constructor(private readonly tempDir: string) {}

  /** A finished download: didFinishDownloadingTo, then didCompleteWithError(nil). */
  enqueueFinished(identifier: string, result: TransferResult): void {
    if (result.upload) {
      // An upload task ends with didCompleteWithError(nil) and the response's status; the
      // response body file goes when that event is delivered.
      this.push({ identifier, task: result.task, name: 'didCompleteWithError', error: null, status: result.status, result, attempts: 0, terminations: 0 });
      return;
    }
    this.push({ identifier, task: result.task, name: 'didFinishDownloadingTo', result, attempts: 0, terminations: 0 });
    this.push({ identifier, task: result.task, name: 'didCompleteWithError', error: null, status: result.status, attempts: 0, terminations: 0 });
  }

  enqueueFailed(identifier: string, task: number, error: TransferError): void {
    this.push({ identifier, task, name: 'didCompleteWithError', error, attempts: 0, terminations: 0 });
  }

  setProgress(identifier: string, task: number, progress: ProgressEvent): void {
    const slots = this.progressSlots.get(identifier) ?? new Map<number, ProgressEvent>();
    const previous = slots.get(task);
    // Coalesced progress reports the bytes written since the last delivered report.
    const bytesWritten = (previous?.bytesWritten ?? 0) + progress.bytesWritten;
    slots.set(task, { ...progress, bytesWritten });
    this.progressSlots.set(identifier, slots);
  }

  takeProgress(identifier: string): { task: number; event: ProgressEvent } | undefined {
    const slots = this.progressSlots.get(identifier);
    const first = slots?.entries().next();
    if (!slots || !first || first.done) return undefined;
    const [task, event] = first.value;
    slots.delete(task);
    return { task, event };
  }

  hasProgress(identifier: string): boolean {
    return (this.progressSlots.get(identifier)?.size ?? 0) > 0;
  }

  /** Forgets undelivered progress (the process it was meant for is gone). */
  clearProgress(task?: number): void {
    if (task === undefined) this.progressSlots.clear();
    else for (const slots of this.progressSlots.values()) slots.delete(task);
  }

  head(identifier: string): QueuedEvent | undefined {
    return this.queues.get(identifier)?.[0];
  }

  has(identifier: string): boolean {
    return (this.queues.get(identifier)?.length ?? 0) > 0;
  }

  identifiers(): string[] {
    return [...this.queues.keys()].filter((id) => this.has(id));
  }

  pending(): { identifier: string; event: ExtensionEventName; task?: number }[] {
    return [...this.queues.values()].flat().map((e) => ({ identifier: e.identifier, event: e.name, task: e.task }));
  }

  /** The message body of the next attempt; a download gets a fresh 0600 copy of its file. */
  async prepare(event: QueuedEvent): Promise<DeliverEvent> {
    event.attempts += 1;
    if (event.name === 'didCompleteWithError') {
      return event.status === undefined
        ? { name: 'didCompleteWithError', error: event.error ?? null }
        : { name: 'didCompleteWithError', error: event.error ?? null, status: event.status };
    }
    const result = event.result as TransferResult;
    const copy = join(this.tempDir, `CFNetworkDownload_${result.task}_${++this.copies}.tmp`);
    await copyPrivately(result.location, copy, result.bytes);
    event.copy = copy;
    return { name: 'didFinishDownloadingTo', location: copy, status: result.status, headers: result.headers };
  }

  /** The handler returned: the event leaves the queue and its files are deleted. */
  async delivered(event: QueuedEvent): Promise<void> {
    const queue = this.queues.get(event.identifier);
    if (queue && queue[0] === event) queue.shift();
    // Two separate files: deleted side by side.
    await Promise.all([this.removeCopy(event), event.result ? removeFile(event.result.location, event.result.bytes) : undefined]);
  }

  /**
   * The process died before the handler returned: the event stays queued, its copy goes.
   * Returns how many attempts in a row ended so.
   */
  async abandon(event: QueuedEvent): Promise<number> {
    event.terminations += 1;
    await this.removeCopy(event);
    return event.terminations;
  }

  /** Crash-loop protection gave up on the event: it leaves the queue with its files. */
  async giveUp(event: QueuedEvent): Promise<void> {
    const queue = this.queues.get(event.identifier);
    const index = queue?.indexOf(event) ?? -1;
    if (queue && index >= 0) queue.splice(index, 1);
    await this.removeFiles(event);
  }

  /** The process died inside onBackgroundURLSessionEvents for `identifier`; returns how many times in a row. */
  wakeTerminated(identifier: string): number {
    const count = (this.wakeTerminations.get(identifier) ?? 0) + 1;
    this.wakeTerminations.set(identifier, count);
    return count;
  }

  /** onBackgroundURLSessionEvents for `identifier` returned. */
  wakeReturned(identifier: string): void {
    this.wakeTerminations.delete(identifier);
  }

  /** Force quit: queued events for the identifier are dropped with their files. */
  async drop(identifier: string): Promise<void> {
    const queue = this.queues.get(identifier) ?? [];
    this.queues.delete(identifier);
    for (const event of queue) await this.removeFiles(event);
  }

  /** An event that will never be delivered: its attempt's copy and the daemon's file go. */
  private async removeFiles(event: QueuedEvent): Promise<void> {
    await this.removeCopy(event);
    if (event.result) await removeFile(event.result.location, event.result.bytes);
  }

  private async removeCopy(event: QueuedEvent): Promise<void> {
    if (event.copy) await removeFile(event.copy, event.result?.bytes ?? Number.POSITIVE_INFINITY);
    event.copy = undefined;
  }

  private push(event: Omit<QueuedEvent, 'id'>): void {
    const queue = this.queues.get(event.identifier) ?? [];
    queue.push({ ...event, id: this.nextId++ });
    this.queues.set(event.identifier, queue);
  }
}
