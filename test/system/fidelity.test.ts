// Issue #15, fidelity: what a device does in cases the engine got wrong. Each test runs a small
// widget through a real WidgetSystem (its extension a real child process) and checks the trace
// against Apple's documented behaviour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DATA_URL, runWidget, type WidgetRun } from './systemHarness';

const TIMEOUT = { timeout: 120_000 };
const MINUTE = 60_000;

function codes(run: WidgetRun): string[] {
  return run.findings.map((f) => f.code);
}

// Item 1: the wake handler keeps the completion but leaves the session to getTimeline, which
// creates it lazily on a later reload (every 15 minutes). The first process dies after resuming
// its download, so the system wakes a fresh process for the finished transfer.
const LAZY_SESSION = `import { readFileSync } from 'node:fs';
import { defineWidget, sessionCache, Timeline, ReloadPolicy, Text, UserDefaults, WidgetCenter } from 'widgetkit';
let completion;
const delegate = () => ({
  didFinishDownloadingTo(_s, _t, location) { UserDefaults.suite('group.test').set('value', JSON.parse(readFileSync(location, 'utf8')).value); },
  didFinishEvents() { WidgetCenter.reloadAllTimelines(); completion?.(); completion = undefined; },
});
export default defineWidget({
  kind: 'lazy',
  provider: {
    placeholder: () => ({ date: new Date(), value: 0 }),
    getSnapshot: () => ({ date: new Date(), value: 0 }),
    getTimeline() {
      const suite = UserDefaults.suite('group.test');
      const session = sessionCache.session('com.test.lazy', delegate);
      if (!suite.get('requested')) {
        suite.set('requested', true);
        session.downloadTask('${DATA_URL}').resume();
      }
      return new Timeline([{ date: new Date(), value: suite.get('value') ?? 0 }], ReloadPolicy.after(new Date(Date.now() + 15 * 60000)));
    },
  },
  view: (entry) => Text(String(entry.value)),
  onBackgroundURLSessionEvents(_identifier, done) { completion = done; },
});
`;

test('item 1: pending events wait for any process that creates the session, a later getTimeline included', TIMEOUT, async () => {
  const run = await runWidget(LAZY_SESSION, 60 * MINUTE, { terminate: [{ at: 'taskResume' }] });
  assert.ok(codes(run).includes('session-not-recreated'), `the wake that created no session is reported: ${codes(run).join(', ')}`);
  const downloads = run.events('didFinishDownloadingTo');
  assert.equal(downloads.length, 1, 'the download is delivered once');
  const timelines = run.events('timeline');
  const values = timelines.map((t) => (t.detail?.entries as { value: number }[])[0].value);
  assert.ok(values.includes(42), `a later timeline shows the downloaded value: ${values.join(', ')}`);
  assert.equal(run.records.filter((r) => r.event === 'diagnostic' && r.detail?.code === 'delivery-abandoned').length, 0);
});

// Item 5: no onBackgroundURLSessionEvents, or one whose `matching` refuses the identifier.
function unhandledWidget(wake: string): string {
  return `import { defineWidget, sessionCache, Timeline, ReloadPolicy, Text, UserDefaults } from 'widgetkit';
export default defineWidget({
  kind: 'unhandled',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      const suite = UserDefaults.suite('group.test');
      if (!suite.get('requested')) {
        suite.set('requested', true);
        sessionCache.session('com.test.unhandled', () => ({})).downloadTask('${DATA_URL}').resume();
      }
      return new Timeline([{ date: new Date() }], ReloadPolicy.never);
    },
  },
  view: () => Text('u'),
  ${wake}
});
`;
}

for (const [name, wake] of [
  ['no onBackgroundURLSessionEvents', ''],
  ['a `matching` that refuses the identifier', `onBackgroundURLSessionEvents: { matching: 'com.test.other', handler: (_id, done) => done() },`],
] as const) {
  test(`item 5: ${name}: background-events-unhandled, no completion expected, no time limit`, TIMEOUT, async () => {
    const run = await runWidget(unhandledWidget(wake), 10 * MINUTE, { terminate: [{ at: 'taskResume' }] });
    const found = run.findings.find((f) => f.code === 'background-events-unhandled');
    assert.ok(found, `background-events-unhandled reported: ${codes(run).join(', ')}`);
    assert.match(found.message, /com\.test\.unhandled/);
    assert.match(found.message, /onBackgroundURLSessionEvents/);
    for (const code of ['time-limit', 'completion-not-called']) assert.ok(!codes(run).includes(code), `no ${code}: ${codes(run).join(', ')}`);
    assert.equal(run.events('extensionTerminate').filter((r) => r.detail?.reason === 'timeLimit').length, 0);
  });
}

// Item 8: a widget reloading every 15 minutes with a budget of 3 reloads a day.
const EVERY_15_MINUTES = `import { defineWidget, Timeline, ReloadPolicy, Text } from 'widgetkit';
export default defineWidget({
  kind: 'frequent',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline: () => new Timeline([{ date: new Date() }], ReloadPolicy.after(new Date(Date.now() + 15 * 60000))),
  },
  view: () => Text('f'),
});
`;

test('item 8: a reload the budget refused is deferred until the window allows it, and the trace says so', TIMEOUT, async () => {
  const run = await runWidget(EVERY_15_MINUTES, 25 * 60 * MINUTE, { budget: 3 });
  assert.ok(codes(run).includes('budget-exhausted'));
  const timelines = run.events('getTimeline').map((r) => Date.parse(r.time) - Date.parse(run.records[0].time));
  assert.deepEqual(timelines.slice(0, 4), [0, 15 * MINUTE, 30 * MINUTE, 45 * MINUTE], 'three reloads spend the budget');
  const deferred = run.events('getTimeline').find((r) => r.detail?.deferredFrom !== undefined);
  assert.ok(deferred, `a deferred reload ran: ${timelines.map((t) => t / MINUTE).join(', ')}`);
  assert.equal(Date.parse(deferred.time) - Date.parse(run.records[0].time), 24 * 60 * MINUTE, 'when the window resets');
  assert.equal(Date.parse(String(deferred.detail?.deferredFrom)) - Date.parse(run.records[0].time), 60 * MINUTE, 'it was refused at 09:00');
  assert.ok(timelines.filter((t) => t >= 24 * 60 * MINUTE).length >= 3, 'the widget recovers: the policy reloads go on in the new window');
});

// Item 10: a getTimeline that throws is retried as a crash is; getSnapshot stands for the widget
// gallery (isPreview true), getTimeline for the widget on the Home Screen (isPreview false).
const THROWS_THEN_WORKS = `import { defineWidget, Timeline, ReloadPolicy, Text, UserDefaults } from 'widgetkit';
export default defineWidget({
  kind: 'throws',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      const suite = UserDefaults.suite('group.test');
      const calls = (suite.get('calls') ?? 0) + 1;
      suite.set('calls', calls);
      if (calls < 4) throw new Error('backend down');
      return new Timeline([{ date: new Date() }], ReloadPolicy.never);
    },
  },
  view: () => Text('t'),
});
`;

test('item 10: a getTimeline that throws is retried after 5, 10 and 20 minutes, like a crash', TIMEOUT, async () => {
  const run = await runWidget(THROWS_THEN_WORKS, 90 * MINUTE);
  assert.ok(codes(run).includes('provider-threw'));
  const calls = run.events('getTimeline').map((r) => (Date.parse(r.time) - Date.parse(run.records[0].time)) / MINUTE);
  assert.deepEqual(calls, [0, 5, 15, 35], 'retried with the crash back-off until it returned a timeline');
  assert.equal(run.events('timeline').length, 1);
});

const CONTEXTS = `import { defineWidget, Timeline, ReloadPolicy, Text, UserDefaults } from 'widgetkit';
export default defineWidget({
  kind: 'contexts',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot(context) { UserDefaults.suite('group.test').set('snapshot', context.isPreview); return { date: new Date() }; },
    getTimeline(context) {
      return new Timeline([{ date: new Date(), snapshot: UserDefaults.suite('group.test').get('snapshot'), timeline: context.isPreview }], ReloadPolicy.never);
    },
  },
  view: () => Text('c'),
});
`;

for (const mode of ['cli', 'preview'] as const) {
  test(`item 10: ${mode}: getSnapshot gets isPreview true (the widget gallery), getTimeline false`, TIMEOUT, async () => {
    const run = await runWidget(CONTEXTS, MINUTE, { mode } as never);
    const entry = (run.events('timeline')[0].detail?.entries as { snapshot: boolean; timeline: boolean }[])[0];
    assert.deepEqual({ snapshot: entry.snapshot, timeline: entry.timeline }, { snapshot: true, timeline: false });
  });
}

// Item 4: a session whose configuration says sessionSendsLaunchEvents = false.
const NO_LAUNCH_EVENTS = `import { readFileSync } from 'node:fs';
import { defineWidget, sessionCache, URLSession, URLSessionConfiguration, Timeline, ReloadPolicy, Text, UserDefaults } from 'widgetkit';
const ID = 'com.test.quiet';
function session() {
  const live = sessionCache.get(ID);
  if (live) return live;
  const configuration = URLSessionConfiguration.background(ID);
  configuration.sessionSendsLaunchEvents = false;
  return new URLSession(configuration, {
    didFinishDownloadingTo(_s, _t, location) { UserDefaults.suite('group.test').set('value', JSON.parse(readFileSync(location, 'utf8')).value); },
  });
}
export default defineWidget({
  kind: 'quiet',
  provider: {
    placeholder: () => ({ date: new Date(), value: 0 }),
    getSnapshot: () => ({ date: new Date(), value: 0 }),
    getTimeline() {
      const suite = UserDefaults.suite('group.test');
      const s = session();
      if (!suite.get('requested')) {
        suite.set('requested', true);
        s.downloadTask('${DATA_URL}').resume();
      }
      return new Timeline([{ date: new Date(), value: suite.get('value') ?? 0 }], ReloadPolicy.after(new Date(Date.now() + 15 * 60000)));
    },
  },
  view: (entry) => Text(String(entry.value)),
  onBackgroundURLSessionEvents(identifier, done) { session(); done(); },
});
`;

test('item 4: sessionSendsLaunchEvents = false: no launch for its events; delivered when the extension next runs and creates the session', TIMEOUT, async () => {
  const run = await runWidget(NO_LAUNCH_EVENTS, 40 * MINUTE, { terminate: [{ at: 'taskResume' }] });
  assert.deepEqual(run.events('extensionLaunch').filter((r) => r.detail?.reason === 'backgroundEvents'), [], 'no launch for background events');
  assert.deepEqual(run.events('onBackgroundURLSessionEvents'), [], 'no wake');
  const download = run.events('didFinishDownloadingTo');
  assert.equal(download.length, 1, 'delivered once');
  const getTimeline = run.events('getTimeline').filter((r) => r.launch === download[0].launch);
  assert.ok(getTimeline.length > 0 && run.records.indexOf(getTimeline[0]) < run.records.indexOf(download[0]), 'in a process that ran a getTimeline, which created the session');
  assert.equal(run.at('didFinishDownloadingTo'), 5 * MINUTE, 'the next time the extension runs (the timeline retry 5 minutes later)');
  const values = run.events('timeline').map((t) => (t.detail?.entries as { value: number }[])[0].value);
  assert.ok(values.includes(42), `a later timeline shows the value: ${values.join(', ')}`);
});

// Item 3: a force quit while the download runs (a minute long). The widget reloads every 15
// minutes; getTimeline creates the session and shows what its delegate last heard.
const FORCE_QUIT = `import { defineWidget, sessionCache, Timeline, ReloadPolicy, Text, UserDefaults } from 'widgetkit';
const ID = 'com.test.quit';
const delegate = () => ({
  didCompleteWithError(_s, _t, error) {
    UserDefaults.suite('group.test').set('error', error ? { code: error.code, reason: error.userInfo?.NSURLErrorBackgroundTaskCancelledReasonKey ?? null } : null);
  },
});
export default defineWidget({
  kind: 'quit',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      const suite = UserDefaults.suite('group.test');
      const session = sessionCache.session(ID, delegate);
      if (!suite.get('requested')) {
        suite.set('requested', true);
        session.downloadTask('https://data.test/slow.json').resume();
      }
      return new Timeline([{ date: new Date(), error: suite.get('error') ?? null }], ReloadPolicy.after(new Date(Date.now() + 15 * 60000)));
    },
  },
  view: () => Text('q'),
  onBackgroundURLSessionEvents(identifier, done) { sessionCache.session(identifier, delegate); done(); },
});
`;
const SLOW = { 'https://data.test/slow.json': { status: 200, body: { value: 7 }, delayMs: 60_000 } };

test('item 3: force quit cancels with -999, no launch for its events, policy reloads go on, one termination record, the recreated session hears -999 with the force-quit reason', TIMEOUT, async () => {
  const run = await runWidget(FORCE_QUIT, 40 * MINUTE, { terminate: [{ at: 'taskResume', mode: 'forceQuit' }], network: { fixtures: SLOW } });
  const terminations = run.events('extensionTerminate');
  assert.equal(terminations.filter((r) => r.detail?.reason === 'forceQuit').length, 1, `one forceQuit record: ${JSON.stringify(terminations.map((r) => r.detail))}`);
  assert.equal((run.events('transferComplete')[0]?.detail?.error as { code: number } | undefined)?.code, -999);
  assert.deepEqual(run.events('extensionLaunch').filter((r) => r.detail?.reason === 'backgroundEvents'), [], 'no launch for background events');
  assert.deepEqual(run.events('onBackgroundURLSessionEvents'), []);
  assert.ok(run.events('getTimeline').length >= 3, `policy reloads go on: ${run.events('getTimeline').map((r) => r.time).join(', ')}`);
  const complete = run.events('didCompleteWithError');
  assert.equal(complete.length, 1, 'the recreated session hears the cancelled task once');
  assert.equal((complete[0].detail?.error as { code: number }).code, -999);
  assert.equal((complete[0].detail?.error as { reason?: number }).reason, 0, 'NSURLErrorCancelledReasonUserForceQuitApplication');
  const values = run.events('timeline').map((t) => JSON.stringify((t.detail?.entries as { error: unknown }[])[0].error));
  assert.ok(values.includes(JSON.stringify({ code: -999, reason: 0 })), `the delegate saw -999 with the reason key: ${values.join(', ')}`);
});

// Item 6: the completion called inside the first didFinishDownloadingTo, before
// urlSessionDidFinishEvents, while a second download's events still wait.
const EARLY_COMPLETION = `import { defineWidget, sessionCache, Timeline, ReloadPolicy, Text, UserDefaults, WidgetCenter } from 'widgetkit';
let completion;
const delegate = () => ({
  didFinishDownloadingTo() { completion?.(); completion = undefined; }, // too early
  didFinishEvents() { WidgetCenter.reloadAllTimelines(); completion?.(); completion = undefined; },
});
export default defineWidget({
  kind: 'early',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      const suite = UserDefaults.suite('group.test');
      const session = sessionCache.session('com.test.early', delegate);
      if (!suite.get('requested')) {
        suite.set('requested', true);
        session.downloadTask('${DATA_URL}').resume();
        session.downloadTask('${DATA_URL}').resume();
      }
      return new Timeline([{ date: new Date() }], ReloadPolicy.never);
    },
  },
  view: () => Text('e'),
  onBackgroundURLSessionEvents(identifier, done) { completion = done; sessionCache.session(identifier, delegate); },
});
`;

test('item 6: a completion before urlSessionDidFinishEvents suspends the extension; the undelivered events wait for the next wake', TIMEOUT, async () => {
  const run = await runWidget(EARLY_COMPLETION, 60 * MINUTE, { terminate: [{ at: 'taskResume', occurrence: 2 }] });
  const firstWake = run.events('onBackgroundURLSessionEvents')[0];
  assert.ok(firstWake);
  const inFirst = run.records.filter((r) => r.launch === firstWake.launch && r.seq > firstWake.seq);
  const completion = inFirst.find((r) => r.event === 'completionHandler');
  assert.ok(completion, 'the completion is called in the first wake');
  assert.equal(completion.detail?.suspends, true, 'the trace says the system suspends the extension then');
  const after = inFirst.filter((r) => r.seq > completion.seq).map((r) => r.event);
  for (const event of ['didCompleteWithError', 'didFinishDownloadingTo', 'urlSessionDidFinishEvents']) {
    assert.ok(!after.includes(event as never), `nothing more is delivered in that wake: ${after.join(', ')}`);
  }
  assert.ok(run.events('onBackgroundURLSessionEvents').length >= 2, 'a later wake');
  assert.equal(run.events('didFinishDownloadingTo').length, 2, 'each download delivered once');
  assert.equal(run.events('didCompleteWithError').length, 2, 'each completion event delivered once');
  assert.equal(run.events('urlSessionDidFinishEvents').length, 1, 'didFinishEvents once every event was delivered');
  assert.ok(codes(run).includes('completion-before-finish-events'));
});

// Item 9: the delivered file's path used after didFinishDownloadingTo returned, four ways.
const LATE_ACCESS = `import { cpSync, existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { defineWidget, sessionCache, Timeline, ReloadPolicy, Text, UserDefaults, WidgetCenter } from 'widgetkit';
let completion;
let saved;
const attempt = (f) => { try { f(); } catch {} };
const delegate = () => ({
  didFinishDownloadingTo(_s, _t, location) { saved = location; },
  didFinishEvents() {
    attempt(() => statSync(saved)); // access: statSync
    attempt(() => existsSync(saved)); // access: existsSync
    attempt(() => execFileSync('/bin/cat', [saved], { stdio: 'ignore' })); // access: child process
    setTimeout(() => {
      attempt(() => cpSync(saved, join(tmpdir(), 'late-copy.json'))); // access: deferred cpSync
      WidgetCenter.reloadAllTimelines();
      completion?.();
    }, 100);
  },
});
export default defineWidget({
  kind: 'late',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    getTimeline() {
      const suite = UserDefaults.suite('group.test');
      const session = sessionCache.session('com.test.late', delegate);
      if (!suite.get('requested')) {
        suite.set('requested', true);
        session.downloadTask('${DATA_URL}').resume();
      }
      return new Timeline([{ date: new Date() }], ReloadPolicy.never);
    },
  },
  view: () => Text('l'),
  onBackgroundURLSessionEvents(identifier, done) { completion = done; sessionCache.session(identifier, delegate); },
});
`;

test('item 9: statSync, existsSync, a child process and a deferred cpSync of the delivered path are each temp-file-after-return at their line', TIMEOUT, async () => {
  const run = await runWidget(LATE_ACCESS, 10 * MINUTE, { terminate: [{ at: 'taskResume' }] });
  const lines = run.findings.filter((f) => f.code === 'temp-file-after-return' && f.location?.file === run.file).map((f) => f.location?.line);
  for (const marker of ['access: statSync', 'access: existsSync', 'access: child process', 'access: deferred cpSync']) {
    assert.ok(lines.includes(run.lineOf(marker)), `${marker} reported at line ${run.lineOf(marker)}; got lines ${lines.join(', ')}`);
  }
});

// Item 7: uploadTask(request, { fromFile }) in a background session, answered by a fixture keyed
// by method and URL.
const UPLOAD_URL = 'https://data.test/upload';
const UPLOADS = `import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { defineWidget, sessionCache, Timeline, ReloadPolicy, Text, UserDefaults } from 'widgetkit';
const delegate = () => ({
  didFinishDownloadingTo() { UserDefaults.suite('group.test').set('downloadCalled', true); },
  didCompleteWithError(_s, task, error) {
    UserDefaults.suite('group.test').set('result', { error: error ? error.code : null, status: task.response?.statusCode ?? null });
  },
});
export default defineWidget({
  kind: 'uploads',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date() }),
    async getTimeline() {
      const suite = UserDefaults.suite('group.test');
      const session = sessionCache.session('com.test.upload', delegate);
      if (!suite.get('requested')) {
        suite.set('requested', true);
        const file = join(tmpdir(), 'upload-body-' + process.pid + '.json');
        writeFileSync(file, JSON.stringify({ hello: 'world' }));
        session.uploadTask({ url: '${UPLOAD_URL}', method: 'PUT' }, { fromFile: file }).resume();
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
      return new Timeline([{ date: new Date(), result: suite.get('result') ?? null, downloadCalled: suite.get('downloadCalled') ?? false }], ReloadPolicy.never);
    },
  },
  view: () => Text('u'),
});
`;

test('item 7: uploadTask fromFile runs in the daemon, answered by a method+URL fixture; the delegate gets didCompleteWithError', TIMEOUT, async () => {
  const fixtures = { [`PUT ${UPLOAD_URL}`]: { status: 201, body: { stored: true }, delayMs: 1000 }, [UPLOAD_URL]: { status: 405 } };
  const run = await runWidget(UPLOADS, 10 * MINUTE, { network: { fixtures } });
  assert.ok(!codes(run).includes('unsupported-task'), `no unsupported-task: ${codes(run).join(', ')}`);
  const resume = run.events('taskResume')[0];
  assert.equal(resume?.detail?.method, 'PUT');
  assert.equal(run.events('transferComplete')[0]?.detail?.status, 201, 'the PUT fixture answered');
  assert.equal(run.events('didFinishDownloadingTo').length, 0, 'an upload has no downloaded file');
  const complete = run.events('didCompleteWithError');
  assert.equal(complete.length, 1);
  assert.equal(complete[0].detail?.error, null);
  const entry = (run.events('timeline')[0].detail?.entries as { result: unknown; downloadCalled: boolean }[])[0];
  assert.deepEqual(entry.result, { error: null, status: 201 });
  assert.equal(entry.downloadCalled, false);
});
