// Memory attributable to the widget, one rule for both ends of the channel: the kit (which
// collects garbage before it reports a figure over the limit) and the system (which judges it).
// The rule is Apple's: "Memory limits for running app extensions are significantly lower than
// the memory limits imposed on a foreground app", and the system terminates an extension that
// goes over (App Extension Programming Guide, "Optimize Efficiency and Performance"). Apple's
// pages give no figure for widget extensions; a device's crash report names it: "EXC_RESOURCE
// RESOURCE_TYPE_MEMORY (high watermark memory limit exceeded) (limit=30 MB)" (Apple Developer
// Forums, threads 713561 and 652878), hence the default of 30 MB (memoryLimitMb).
// A device counts the process's physical footprint, the code it loaded included. Here the
// runtime (Node, the kit, the loaded widget module) is measured once, after load and before any
// provider call (the baseline), and what the widget allocates and keeps on top of it counts:
// JavaScript heap growth plus off-heap memory (array buffers, Buffers and other external memory).

export interface MemoryUsage {
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
}

/**
 * Bytes the widget holds over `baseline`: heap growth plus growth of external memory (which, in
 * Node, includes every ArrayBuffer and Buffer). Each part counts from 0: a heap smaller than at
 * load after a collection does not hide an array buffer hoard.
 */
export function attributableMemory(usage: Pick<MemoryUsage, 'heapUsed' | 'external'>, baseline: Pick<MemoryUsage, 'heapUsed' | 'external'>): number {
  return Math.max(0, usage.heapUsed - baseline.heapUsed) + Math.max(0, usage.external - baseline.external);
}

/**
 * A size as the trace and findings say it: whole megabytes for a figure measured in the process
 * (its last tenths move with garbage collection and would make two runs of the same inputs write
 * different traces), a configured limit as given ("30 MB", "12.5 MB").
 */
export function megabytes(bytes: number, measured = true): string {
  const mb = bytes / 1024 / 1024;
  return `${measured ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}

/**
 * The widget process's V8 old-space cap (MB) for a memory limit of `limitBytes`: the limit with
 * headroom for the runtime's own heap and for garbage not yet collected (limit + 64 MB, at
 * least 96 MB). A runaway allocation that never reaches a checkpoint hits this cap, and V8's
 * out-of-memory abort is reported as a `memory` termination (never a crash of the system).
 */
export function heapCapMb(limitBytes: number): number {
  return Math.max(96, Math.ceil(limitBytes / 1024 / 1024) + 64);
}

/**
 * Resident memory a widget process may gain over its size when it was ready while its main
 * thread never returns to the system (no report, no checkpoint): array buffers are outside the
 * heap cap, and past this the system, which watches the process from outside
 * (src/system/residentWatch.ts), stops it as out of memory. Far over any limit a checkpoint
 * judges (a hoard that returns is caught there, at its size).
 */
export const OFF_HEAP_HEADROOM = 1024 * 1024 * 1024;

/** Which memory ran out: the capped V8 heap, or off-heap memory the system saw run away. */
export type OutOfMemory = 'heap' | 'offHeap';

/** What V8 writes on stderr when it aborts a process whose capped heap is exhausted. */
export function heapOutOfMemoryIn(stderr: string): boolean {
  return /JavaScript heap out of memory|Reached heap limit/.test(stderr);
}
