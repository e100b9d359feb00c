// Streaming: a 500 MB background download from a local server through the transfer daemon,
// against a plain undici stream of the same body to /dev/null, measured side by side. The
// daemon must keep pace (throughput ratio >= 0.8) with bounded memory (RSS growth <= 50 MB).
// Each side is timed from its request to the end of its body (for the daemon, 'finished');
// the benchmark's own set-up and cleanup around a run are not.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { TransferDaemon } from '../../src/system/transfers/transferDaemon';
import type { TransferResult } from '../../src/system/transfers/api';
import type { Figure } from '../statistics';
import { median, round } from '../statistics';

const MB = 1024 * 1024;

async function startByteServer(root: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'bench/byteServer.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout!.once('data', (data: Buffer) => resolve(data.toString().trim())));
  return { url, child };
}

/** Samples this process's RSS while `work` runs; returns the growth over the start. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growth: number }> {
  global.gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const value = await work();
    return { value, growth: Math.max(0, Math.max(peak, process.memoryUsage.rss()) - start) };
  } finally {
    clearInterval(sampler);
  }
}

/** Seconds from the request to the end of the body. */
async function plainUndici(url: string): Promise<number> {
  const started = performance.now();
  const response = await request(url);
  await pipeline(response.body, createWriteStream('/dev/null'));
  return (performance.now() - started) / 1000;
}

/**
 * Seconds from the start of the transfer to 'finished' (the file is complete and delivered).
 * Removing the 500 MB file afterwards is the benchmark's own cleanup, like the forced GC before
 * it: neither is timed, as the plain stream has neither.
 */
async function throughDaemon(url: string, tempDir: string): Promise<number> {
  const daemon = new TransferDaemon({
    clock: { now: () => Date.now(), schedule: (at, callback) => { const t = setTimeout(callback, Math.max(0, at - Date.now())); return () => clearTimeout(t); } },
    tempDir,
  });
  let location: string | undefined;
  try {
    const started = performance.now();
    const result = await new Promise<TransferResult>((resolve, reject) => {
      daemon.on('finished', resolve);
      daemon.on('failed', (_task: number, error: { message: string }) => reject(new Error(error.message)));
      daemon.start({ task: 1, identifier: 'bench.streaming', url, method: 'GET', headers: {}, discretionary: false });
    });
    const seconds = (performance.now() - started) / 1000;
    location = result.location;
    return seconds;
  } finally {
    await daemon.dispose();
    if (location) rmSync(location, { force: true });
  }
}

export async function measureStreaming(root: string, runs: number, megabytes = 500): Promise<Figure[]> {
  const { url: base, child } = await startByteServer(root);
  const url = `${base}/bytes/${megabytes * MB}`;
  const tempDir = mkdtempSync(join(tmpdir(), 'wt-bench-stream-'));
  const ours: number[] = [];
  const baseline: number[] = [];
  let growth = 0;
  try {
    for (let i = 0; i < runs; i++) {
      baseline.push(megabytes / (await plainUndici(url)));
      const daemon = await rssGrowth(() => throughDaemon(url, tempDir));
      growth = Math.max(growth, daemon.growth);
      ours.push(megabytes / daemon.value);
    }
  } finally {
    child.kill();
    rmSync(tempDir, { recursive: true, force: true });
  }
  const ratio = median(ours) / median(baseline);
  return [
    { name: `streaming ${megabytes} MB throughput`, unit: 'MB/s', median: round(median(ours), 1), baseline: round(median(baseline), 1), ratio: round(ratio), target: 'ratio >= 0.8', met: ratio >= 0.8, runs },
    { name: `streaming ${megabytes} MB RSS growth`, unit: 'MB', median: round(growth / MB, 1), baseline: null, ratio: null, target: '<= 50 MB', met: growth <= 50 * MB, runs, note: 'peak over all runs' },
  ];
}
