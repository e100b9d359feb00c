// Messages that do not fit the preview's protocol (src/protocol/webview.ts): the validator must
// refuse each with a reason naming the offending field, and the real page in headless Chromium
// must ignore them without an uncaught error, keep showing its last good state and still take
// a good message afterwards. The page's CSP is checked here too (security, DESIGN.md section 7).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { contentSecurityPolicy, previewHtml } from '../../src/preview/previewHtml';
import { parseFromWebview, parseToWebview } from '../../src/protocol/webview';
import { deliver, startHarness, type PageHarness } from '../webview/pageHarness';
import { weatherSnapshot } from '../webview/snapshotFixtures';

const TIMEOUT = { timeout: 90_000 };

const good = weatherSnapshot();

const BAD_TO_PAGE: { name: string; message: unknown; names: RegExp }[] = [
  { name: 'null', message: null, names: /message|object/ },
  { name: 'a string', message: 'state', names: /message|object/ },
  { name: 'an unknown type', message: { type: 'explode' }, names: /type/ },
  { name: 'a state without a snapshot', message: { type: 'state', source: { kind: 'preview' } }, names: /snapshot/ },
  { name: 'a snapshot of the wrong version', message: { type: 'state', snapshot: { ...good, version: 2 }, source: { kind: 'preview' } }, names: /version/ },
  { name: 'an unknown family', message: { type: 'state', snapshot: { ...good, family: 'systemHuge' }, source: { kind: 'preview' } }, names: /family/ },
  { name: 'a timeline entry view that is not a view tree', message: { type: 'state', snapshot: { ...good, timeline: { ...good.timeline, entries: [{ ...good.timeline!.entries[0], views: { systemSmall: { ok: true, view: { type: 'Text', props: {}, modifiers: 'bold', children: [] } } } }] } }, source: { kind: 'preview' } }, names: /modifiers/ },
  { name: 'a finding with a string line', message: { type: 'state', snapshot: { ...good, findings: [{ code: 'provider-threw', severity: 'error', message: 'x', time: good.now, location: { file: '/a.ts', line: '3', column: 1 } }] }, source: { kind: 'preview' } }, names: /line/ },
  { name: 'a notice with an unknown level', message: { type: 'notice', level: 'panic', text: 'x' }, names: /level/ },
  { name: 'a push budget whose limit is a string', message: { type: 'state', snapshot: { ...good, pushBudget: { used: 0, limit: '50', resetsAt: good.now } }, source: { kind: 'preview' } }, names: /pushBudget\.limit/ },
  { name: 'a debug source without a session name', message: { type: 'state', snapshot: good, source: { kind: 'debug' } }, names: /sessionName/ },
];

for (const bad of BAD_TO_PAGE) {
  test(`validator (host -> page): ${bad.name} is refused with a reason naming the field`, () => {
    const parsed = parseToWebview(bad.message);
    assert.equal(parsed.ok, false, `accepted ${JSON.stringify(bad.message).slice(0, 200)}`);
    if (!parsed.ok) assert.match(parsed.reason, bad.names);
  });
}

const BAD_FROM_PAGE: { name: string; message: unknown; names: RegExp }[] = [
  { name: 'terminate with an unknown mode', message: { type: 'terminateExtension', mode: 'nuke' }, names: /mode/ },
  { name: 'advanceClock by a string', message: { type: 'advanceClock', by: '10m' }, names: /by/ },
  { name: 'advanceClock to an unknown next step', message: { type: 'advanceClock', next: 'forever' }, names: /next/ },
  { name: 'setFamily with an unknown family', message: { type: 'setFamily', family: 'systemHuge' }, names: /family/ },
  { name: 'reveal without a location', message: { type: 'reveal' }, names: /location/ },
  { name: 'a command the host does not know', message: { type: 'runShell', command: 'rm -rf ~' }, names: /type/ },
  { name: 'a tap without an intent', message: { type: 'tap', parameters: {} }, names: /intent/ },
  { name: 'a tap with an empty intent', message: { type: 'tap', intent: '', parameters: {} }, names: /intent/ },
  { name: 'a tap whose parameters are not an object', message: { type: 'tap', intent: 'toggleLamp', parameters: ['on'] }, names: /parameters/ },
];

test('validator (page -> host): a tap with an intent and its parameters is accepted', () => {
  const parsed = parseFromWebview({ type: 'tap', intent: 'toggleLamp', parameters: { on: true } });
  assert.deepEqual(parsed, { ok: true, message: { type: 'tap', intent: 'toggleLamp', parameters: { on: true } } });
});

for (const bad of BAD_FROM_PAGE) {
  test(`validator (page -> host): ${bad.name} is refused with a reason naming the field`, () => {
    const parsed = parseFromWebview(bad.message);
    assert.equal(parsed.ok, false, `accepted ${JSON.stringify(bad.message)}`);
    if (!parsed.ok) assert.match(parsed.reason, bad.names);
  });
}

test('CSP: default-src none, scripts only with the nonce, no remote origin, no unsafe-inline or unsafe-eval', () => {
  const csp = contentSecurityPolicy('https://webview.example', 'abc123');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:(?!\/\/webview\.example)/);
  const html = previewHtml({ cspSource: 'https://webview.example', scriptUri: 'https://webview.example/m.js', styleUri: 'https://webview.example/m.css' });
  const nonces = [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(nonces.length >= 1 && nonces.every((n) => n === nonces[0] && n.length >= 16), 'one random nonce of at least 16 characters');
  assert.equal([...html.matchAll(/<script/g)].length, 1, 'exactly one script element');
});

let harness: PageHarness;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  harness = await startHarness();
  page = await harness.open();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await harness?.close();
});

async function shownText(): Promise<string> {
  return page.locator('#app').innerText();
}

test('page: garbage messages in headless Chromium are ignored; the last good state stays and a good message still renders', TIMEOUT, async () => {
  await deliver(page, { type: 'state', snapshot: good, source: { kind: 'preview' } });
  await page.waitForFunction(() => (document.querySelector('#app')?.textContent ?? '').includes('Cupertino'));
  const before = await shownText();
  for (const bad of BAD_TO_PAGE) await deliver(page, bad.message);
  await deliver(page, { type: 'state', snapshot: { ...good, trace: 'not an array' }, source: { kind: 'preview' } });
  await page.evaluate(() => window.postMessage(undefined, '*'));
  await page.waitForTimeout(300);
  assert.deepEqual(pageErrors, [], 'no uncaught error in the page');
  assert.equal(await shownText(), before, 'the page keeps showing the last good state');
  await deliver(page, { type: 'notice', level: 'warning', text: 'still listening' });
  await page.waitForFunction(() => (document.querySelector('#app')?.textContent ?? '').includes('still listening'));
});
