// The preview's Push button and the widgetPush event in the swimlanes (DESIGN.md section 10), in
// headless Chromium under the host's CSP: while debugging the Push button posts `sendPush`, and a
// push shows on the System lane (it comes through the system, which decides what to do with it);
// outside debugging there is no Push button; the host routes the page's sendPush to the engine,
// a real widget process. The screenshot lands in test-artifacts/webview/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TraceRecord, WidgetStateSnapshot } from '../../src/protocol/lifecycle';
import { parseFromWebview } from '../../src/protocol/webview';
import { PreviewController } from '../../src/preview/previewController';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { ARTIFACTS, deliver, posted, ROOT, startHarness, type PageHarness } from './pageHarness';
import { debugSnapshot, weatherSnapshot } from './snapshotFixtures';

let harness: PageHarness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** The debug snapshot with a push at the end of its trace, and the reload it caused. */
function pushedSnapshot() {
  const snapshot = debugSnapshot();
  const last = snapshot.trace[snapshot.trace.length - 1];
  const time = new Date(Date.parse(last.time) + 60_000).toISOString();
  const next = (event: TraceRecord['event'], pid: number | null, detail: TraceRecord['detail']): TraceRecord => ({ seq: snapshot.trace.length + 1, time, event, pid, launch: 3, detail });
  snapshot.trace.push(next('widgetPush', null, { source: 'user', outcome: 'reload', used: 1, limit: 50 }));
  snapshot.trace.push(next('extensionLaunch', 41302, { reason: 'reload' }));
  snapshot.trace.push(next('getTimeline', 41302, { family: 'systemSmall' }));
  snapshot.pushBudget = { used: 1, limit: 50, resetsAt: snapshot.budget.resetsAt };
  snapshot.widget = { ...snapshot.widget!, handlesPushes: true };
  return snapshot;
}

test('sendPush is a message the host takes', () => {
  assert.deepEqual(parseFromWebview({ type: 'sendPush' }), { ok: true, message: { type: 'sendPush' } });
});

test('while debugging: the Push button posts sendPush and widgetPush sits on the System lane', { timeout: 90_000 }, async () => {
  const page = await harness.open('/', { colorScheme: 'dark' });
  try {
    await deliver(page, { type: 'state', snapshot: pushedSnapshot(), source: { kind: 'debug', sessionName: 'Debug pushed widget' } });
    await page.waitForSelector('.lane-dot[data-event="widgetPush"]');
    assert.equal(await page.locator('.lane-system .lane-dot[data-event="widgetPush"]').count(), 1, 'the push is on the System lane');
    await page.click('.lane-dot[data-event="widgetPush"]');
    assert.match((await page.textContent('.lane-details')) ?? '', /widgetPush/);
    assert.match((await page.textContent('.session-cache')) ?? '', /Push budget\s*1 \/ 50/);
    const button = page.locator('.actions [data-action="sendPush"]');
    assert.ok(await button.isVisible(), 'the Push button shows while debugging');
    assert.equal(await button.textContent(), 'Push');
    await button.click();
    const messages = (await posted(page)).filter((m) => m.type === 'sendPush');
    assert.deepEqual(messages, [{ type: 'sendPush' }]);
    await page.screenshot({ path: join(ARTIFACTS, 'push-debug-dark.png'), fullPage: true });
  } finally {
    await page.context().close();
  }
});

test('outside debugging there is no Push button', { timeout: 90_000 }, async () => {
  const page = await harness.open('/');
  try {
    await deliver(page, { type: 'state', snapshot: weatherSnapshot(), source: { kind: 'preview' } });
    await page.waitForSelector('.actions [data-action="reloadTimelines"]');
    assert.equal(await page.locator('.actions [data-action="sendPush"]').isVisible(), false);
    assert.doesNotMatch((await page.textContent('.session-cache')) ?? '', /Push budget/, 'no push budget for a widget without a pushHandler');
  } finally {
    await page.context().close();
  }
});

test('the host routes the page\'s sendPush to the engine: a widgetPush, then a new timeline', { timeout: 90_000 }, async () => {
  const program = join(ROOT, 'test', 'engine', 'widgets', 'pushed.widget.mjs');
  const published: WidgetStateSnapshot[] = [];
  const sink = { state: (snapshot: WidgetStateSnapshot) => void published.push(snapshot), notice: () => undefined, findings: () => undefined };
  const controller = new PreviewController(program, (options) => new WidgetSystem({ ...options, seed: 1 }), sink, () => ({}));
  try {
    await controller.run();
    await controller.handle({ type: 'sendPush' });
    const last = published.at(-1);
    const push = last?.trace.find((r) => r.event === 'widgetPush');
    assert.equal(push?.detail?.outcome, 'reload');
    assert.ok(last?.trace.some((r) => r.event === 'timeline' && r.seq > push.seq), 'a timeline after the push');
  } finally {
    await controller.dispose();
  }
});
