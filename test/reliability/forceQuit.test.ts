// Force quit, pinned down from two chaos findings so they reproduce on every run: what the
// dying process had already sent must not act after the force quit (Apple: force quit cancels
// the session's transfers and the system does not relaunch the app for them), and a transfer
// that finishes while the user force-quits a widget that is not running must not vanish
// without a word: delivered, cancelled or reported, never silently queued forever.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { TraceRecord } from '../../src/protocol/lifecycle';
import type { SystemOptions } from '../../src/system/api';
import { checkTrace } from '../../src/system/chaos/traceInvariants';
import { WidgetSystem } from '../../src/system/widgetSystem';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..', '..');
const START = new Date('2025-06-01T08:00:00Z');
const TIMEOUT = { timeout: 60_000 };

async function trace(options: Omit<SystemOptions, 'mode'>): Promise<TraceRecord[]> {
  const system = new WidgetSystem({ mode: 'cli', now: START, clock: 'simulated', ...options });
  const records: TraceRecord[] = [];
  system.on('trace', (record: TraceRecord) => records.push(record));
  try {
    await system.runUntil(START.getTime() + 20 * 60_000);
  } finally {
    await system.dispose();
  }
  return records;
}

test('force quit right after the first resume(): nothing the killed process sent afterwards starts a transfer or is recorded without a process', TIMEOUT, async () => {
  const work = mkdtempSync(join(tmpdir(), 'force-quit-'));
  try {
    const fixtures = Object.fromEntries(Array.from({ length: 12 }, (_, i) => i).map((i) => [`https://chaos.example.com/item/${i}`, { body: { item: i }, delayMs: 1000 }]));
    const records = await trace({
      program: join(ROOT, 'test', 'chaos', 'widgets', 'ledger.widget.mjs'),
      env: { CHAOS_DOWNLOADS: '12', CHAOS_LEDGER: join(work, 'ledger.jsonl') },
      network: { fixtures },
      terminate: [{ at: 'taskResume', occurrence: 1, mode: 'forceQuit' }],
    });
    const quit = records.find((r) => r.event === 'extensionTerminate' && r.detail?.reason === 'forceQuit');
    assert.ok(quit, 'the force quit happened');
    const afterQuit = records.filter((r) => r.seq > quit.seq && r.event === 'taskResume');
    assert.deepEqual(afterQuit.map((r) => `#${r.seq} taskResume task ${r.task} pid ${r.pid}`), [], 'a task resumed by the force-quit process after its death');
    assert.deepEqual(checkTrace(records).violations, []);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('force quit while the extension is not running, as a download finishes: the transfer is not left undelivered without a finding', TIMEOUT, async () => {
  const records = await trace({
    program: join(ROOT, 'examples', 'weather', 'weather.widget.ts'),
    network: { fixtures: { 'GET https://weather.example.com/v1/forecast?city=cupertino': { status: 200, body: { city: 'Cupertino', hours: [] }, delayMs: 2000 } } },
    terminate: [
      { at: 'taskResume', occurrence: 1, mode: 'system' },
      { at: 'transferComplete', occurrence: 1, mode: 'forceQuit' },
    ],
  });
  assert.ok(records.some((r) => r.event === 'transferComplete' && r.detail?.status === 200), 'the download finished');
  assert.deepEqual(checkTrace(records).violations, []);
});
