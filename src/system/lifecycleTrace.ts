// The lifecycle trace (DESIGN.md section 6): one record per lifecycle event, `seq` strictly
// increasing, virtual ISO time, the extension's pid (null when none runs) and the launch count
// from 1. Records go to listeners, to an optional JSON Lines file and to a bounded tail that
// the widget state snapshot carries.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JsonValue, LifecycleEventName, TraceRecord } from '../protocol/lifecycle';

export interface TraceInput {
  event: LifecycleEventName;
  identifier?: string;
  task?: number;
  detail?: { [key: string]: JsonValue };
}

const TAIL_LIMIT = 500;

export class LifecycleTrace {
  private seq = 0;
  private readonly tailRecords: TraceRecord[] = [];
  private readonly counts = new Map<LifecycleEventName, number>();
  private fd: number | undefined;

  /** @param file JSON Lines file to write (truncated at start), or undefined. */
  constructor(file: string | undefined) {
    if (file) {
      mkdirSync(dirname(file), { recursive: true });
      this.fd = openSync(file, 'w');
    }
  }

  /** Builds, stores and writes the next record. */
  record(input: TraceInput, time: number, pid: number | null, launch: number): TraceRecord {
    const record: TraceRecord = {
      seq: ++this.seq,
      time: new Date(time).toISOString(),
      event: input.event,
      pid,
      launch,
    };
    if (input.identifier !== undefined) record.identifier = input.identifier;
    if (input.task !== undefined) record.task = input.task;
    if (input.detail !== undefined) record.detail = input.detail;
    this.counts.set(input.event, (this.counts.get(input.event) ?? 0) + 1);
    this.tailRecords.push(record);
    if (this.tailRecords.length > TAIL_LIMIT) this.tailRecords.shift();
    if (this.fd !== undefined) writeSync(this.fd, `${JSON.stringify(record)}\n`);
    return record;
  }

  /** How many records of `event` were written so far (terminate rules count occurrences). */
  count(event: LifecycleEventName): number {
    return this.counts.get(event) ?? 0;
  }

  get size(): number {
    return this.seq;
  }

  tail(): TraceRecord[] {
    return [...this.tailRecords];
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
