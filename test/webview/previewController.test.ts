// The preview's run-on-save controller against the real engine (WidgetSystem, a real widget
// extension process) on a copy of examples/weather: a run shows the timeline, a save with a
// syntax error shows the load error with its line while the page keeps its last render, a fixed
// save redraws, and the lifecycle buttons reach the engine. The real snapshot is then rendered
// by the page in headless Chromium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import type { SnapshotSource } from '../../src/protocol/webview';
import { parseToWebview } from '../../src/protocol/webview';
import { PreviewController } from '../../src/preview/previewController';
import type { PreviewSink } from '../../src/preview/previewController';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { ARTIFACTS, deliver, ROOT, startHarness } from './pageHarness';

class RecordingSink implements PreviewSink {
  readonly states: { snapshot: WidgetStateSnapshot; source: SnapshotSource }[] = [];
  readonly notices: string[] = [];
  findingsPublished = 0;
  private waiters: { test: (s: WidgetStateSnapshot) => boolean; resolve: (s: WidgetStateSnapshot) => void }[] = [];
  state(snapshot: WidgetStateSnapshot, source: SnapshotSource): void {
    this.states.push({ snapshot, source });
    this.waiters = this.waiters.filter((w) => (w.test(snapshot) ? (w.resolve(snapshot), false) : true));
  }
  notice(_level: string, text: string): void {
    this.notices.push(text);
  }
  findings(): void {
    this.findingsPublished++;
  }
  /** The next (or latest) snapshot that passes `test`; fails after 60 s with what arrived. */
  until(test: (s: WidgetStateSnapshot) => boolean, what: string): Promise<WidgetStateSnapshot> {
    const latest = this.states.at(-1)?.snapshot;
    if (latest && test(latest)) return Promise.resolve(latest);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no snapshot with ${what}; notices: ${this.notices.join(' | ')}`)), 60_000);
      this.waiters.push({ test, resolve: (s) => (clearTimeout(timer), resolve(s)) });
    });
  }
}

describe('preview controller on examples/weather', { timeout: 240_000 }, () => {
  let dir: string;
  let file: string;
  let original: string;
  const sink = new RecordingSink();
  let controller: PreviewController;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'wt-preview-'));
    cpSync(join(ROOT, 'examples', 'weather'), dir, { recursive: true });
    file = join(dir, 'weather.widget.ts');
    original = readFileSync(file, 'utf8');
    controller = new PreviewController(file, (options) => new WidgetSystem(options), sink, () => ({ fixtures: join(dir, 'weather.fixtures.json') }));
  });
  after(async () => {
    await controller?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  let good: WidgetStateSnapshot;

  it('runs the widget and shows its timeline', async () => {
    await controller.run();
    good = await sink.until((s) => (s.timeline?.entries.length ?? 0) > 0, 'timeline entries');
    // The run lets the background download of the first timeline play out: the preview shows
    // the forecast it brought (the fixture's hourly temperatures), not the empty first entry.
    good = sink.states.at(-1)!.snapshot;
    const temps = good.timeline?.entries.map((e) => (e.data as { temp?: unknown }).temp) ?? [];
    assert.ok(temps.length > 1 && temps.every((t) => typeof t === 'number'), `hourly forecast entries, got temps ${JSON.stringify(temps)}`);
    assert.equal(good.widget?.kind, 'weather');
    assert.equal(good.mode, 'preview');
    assert.equal(sink.states.at(-1)?.source.kind, 'preview');
    assert.ok(sink.findingsPublished > 0, 'findings go to the Problems view');
    // Every snapshot the engine emits passes the page's validation.
    for (const { snapshot, source } of sink.states) {
      const parsed = parseToWebview({ type: 'state', snapshot, source, program: file });
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
    }
  });

  it('a save with a syntax error shows the load error with its line; a fixed save redraws', async () => {
    const lines = original.split('\n');
    const broken = lines.findIndex((l) => l.includes('view:'));
    lines[broken] = `${lines[broken]} )))`;
    writeFileSync(file, lines.join('\n'));
    controller.scheduleRerun(20);
    const failed = await sink.until((s) => s.loadError !== null, 'a load error');
    assert.equal(failed.loadError?.location?.file, file);
    assert.equal(failed.loadError?.location?.line, broken + 1);
    writeFileSync(file, original);
    controller.scheduleRerun(20);
    await sink.until((s) => s.loadError === null && (s.timeline?.entries.length ?? 0) > 0, 'a timeline after the fix');
  });

  it('routes the panel\'s buttons to the engine', async () => {
    const running = await sink.until((s) => s.extension.pid !== null && s.extension.state !== 'notRunning', 'a running extension');
    await controller.handle({ type: 'terminateExtension', mode: 'system' });
    const terminated = await sink.until((s) => s.trace.some((r) => r.event === 'extensionTerminate' && r.launch === running.extension.launch), 'the termination');
    assert.ok(terminated.trace.some((r) => r.event === 'extensionTerminate' && r.detail?.reason === 'forced'), 'terminated by the system (forced)');
    const before = sink.states.at(-1)!.snapshot;
    await controller.handle({ type: 'advanceClock', by: 15 * 60_000 });
    const after = sink.states.at(-1)!.snapshot;
    assert.ok(Date.parse(after.now) - Date.parse(before.now) >= 15 * 60_000, `virtual now moved from ${before.now} to ${after.now}`);
    // Going back to an event is the debugger's: the preview's own run says so.
    await controller.handle({ type: 'goToEvent', seq: 2 });
    assert.match(sink.notices.at(-1) ?? '', /needs a debug session/);
  });

  it('the page renders the real snapshot', { timeout: 120_000 }, async () => {
    const harness = await startHarness();
    try {
      const page = await harness.open();
      await deliver(page, { type: 'state', snapshot: good, source: { kind: 'preview' }, program: file });
      await page.waitForSelector('.strip-card.selected');
      const cards = await page.locator('[role="option"][id^="entry-"]').allInnerTexts();
      assert.ok(cards.some((c) => c.includes('Cupertino')), `cards show the view: ${cards.join(' | ')}`);
      assert.ok(cards.some((c) => /\d+°/.test(c)), `cards show the downloaded temperatures: ${cards.join(' | ')}`);
      assert.ok(await page.locator('.widget[data-family="systemSmall"]').count() > 0);
      await page.screenshot({ path: join(ARTIFACTS, 'real-weather.png'), fullPage: true });
    } finally {
      await harness.close();
    }
  });
});
