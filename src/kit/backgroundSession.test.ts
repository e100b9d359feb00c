// Background URLSession in the extension process as the system drives it: the wake through
// onBackgroundURLSessionEvents, the session recreated lazily through sessionCache, task resume,
// delegate deliveries, urlSessionDidFinishEvents, completion calls, the one-session-per-identifier
// rule, refused task kinds, the temporary download file, and storage that outlives the process.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { KitProcess, SMALL_CONTEXT, WidgetProject, buildKit } from './kitProcessHarness';

const ID = 'com.example.weather.refresh';

const WIDGET = `import { defineWidget, Timeline, ReloadPolicy, Text, sessionCache, URLSession, URLSessionConfiguration,
  UserDefaults, WidgetCenter, type URLSessionDelegate } from 'widgetkit';
import { readFileSync, promises } from 'node:fs';

const log = (what: unknown) => console.log('LOG ' + JSON.stringify(what));

const delegate: URLSessionDelegate = {
  didWriteData(session, task, bytes, total, expected) {
    log({ event: 'didWriteData', id: session.identifier, task: task.taskIdentifier, bytes, total, expected });
  },
  didFinishDownloadingTo(session, task, location) {
    const body = readFileSync(location, 'utf8');
    if (body === 'read again later') {
      setTimeout(() => { try { readFileSync(location); } catch (e) { log({ event: 'readLater', code: (e as NodeJS.ErrnoException).code }); } }, 10);
      return;
    }
    if (body === 'read asynchronously') {
      return promises.readFile(location).catch((e: NodeJS.ErrnoException) => log({ event: 'readAsync', code: e.code }));
    }
    UserDefaults.suite('group.weather').set('forecast', { body, status: task.response?.statusCode, at: new Date() });
    log({ event: 'didFinishDownloadingTo', task: task.taskIdentifier, body });
  },
  didCompleteWithError(session, task, error) {
    log({ event: 'didCompleteWithError', task: task.taskIdentifier, error, isError: error instanceof Error, state: task.state });
  },
  didFinishEvents(session) {
    log({ event: 'didFinishEvents', id: session.identifier });
    WidgetCenter.reloadTimelines('weather');
  },
};

export default defineWidget({
  kind: 'weather',
  provider: {
    placeholder: () => ({ date: new Date() }),
    getSnapshot: () => ({ date: new Date(), forecast: UserDefaults.suite('group.weather').get('forecast') ?? null }),
    getTimeline() {
      const session = sessionCache.session('${ID}', () => delegate);
      session.downloadTask({ url: 'http://127.0.0.1:9/forecast?city=oslo', headers: { accept: 'application/json' } }).resume();
      return new Timeline([{ date: new Date() }], ReloadPolicy.never);
    },
  },
  view: () => Text('weather'),
  onBackgroundURLSessionEvents: {
    matching: (identifier) => identifier.startsWith('com.example.weather'),
    handler(identifier, completion) {
      sessionCache.session(identifier, () => (identifier.endsWith('.bare') ? {} : delegate));
      log({ event: 'wake', identifier, live: sessionCache.identifiers() });
      completion();
      completion();
    },
  },
});

export function misuse(kind: string): void {
  const session = sessionCache.session('${ID}', () => delegate);
  try {
    if (kind === 'duplicate') new URLSession(URLSessionConfiguration.background('${ID}'), {});
    if (kind === 'dataTask') session.dataTask('http://127.0.0.1:9/');
    if (kind === 'invalidate') {
      const task = session.downloadTask('http://127.0.0.1:9/big');
      task.resume();
      task.cancel();
      session.invalidateAndCancel();
      sessionCache.session('${ID}', () => delegate).finishTasksAndInvalidate();
      log({ event: 'invalidated', live: sessionCache.identifiers() });
      session.downloadTask('http://127.0.0.1:9/again');
    }
    if (kind === 'allTasks') void session.getAllTasks().then((tasks) => log({ event: 'allTasks', tasks: tasks.map((t) => [t.taskIdentifier, t.originalRequest.url, t.state]) }));
  } catch (e) {
    log({ event: 'refused', kind, message: (e as Error).message, code: (e as { code?: string }).code });
  }
}
`;

// A second widget kind in another module calls misuse(process.env.MISUSE) from getSnapshot.
const DRIVER = `import { defineWidget, Text } from 'widgetkit';
import widget, { misuse } from './weather';
export { widget as default };
export const driver = defineWidget({
  kind: 'driver',
  provider: { placeholder: () => ({ date: new Date() }), getSnapshot: () => { misuse(String(process.env.MISUSE)); return { date: new Date() }; }, getTimeline: () => ({ entries: [] }) },
  view: () => Text('driver'),
});
`;

/** 1-based line of the first line of the widget containing `snippet`. */
function lineOf(snippet: string): number {
  return WIDGET.split('\n').findIndex((line) => line.includes(snippet)) + 1;
}

function logs(kit: KitProcess): Record<string, unknown>[] {
  return kit.stdout.split('\n').filter((l) => l.startsWith('LOG ')).map((l) => JSON.parse(l.slice(4)) as Record<string, unknown>);
}

async function logged(kit: KitProcess, event: string): Promise<Record<string, unknown>> {
  return kit.until(`log ${event}`, () => logs(kit).find((l) => l.event === event));
}

describe('background URLSession in the extension process', () => {
  let project: WidgetProject;
  const dirs = () => ({ defaultsDir: project.path('state/defaults'), containerDir: project.path('state/container') });

  before(() => {
    buildKit();
    project = new WidgetProject({ 'weather.ts': WIDGET, 'driver.ts': DRIVER });
  });
  after(async () => {
    await KitProcess.killAll();
    project.dispose();
  });

  it('creates the session lazily through sessionCache and resumes the task with its request', async () => {
    const kit = new KitProcess(project);
    kit.start(project.path('weather.ts'), dirs(), { nextTaskId: 41 });
    assert.equal((await kit.next('ready')).widget.handlesBackgroundEvents, true);
    kit.send({ type: 'provider', call: 1, method: 'getTimeline', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const created = await kit.next('sessionCreated');
    assert.equal(created.identifier, ID);
    assert.equal(created.background, true);
    assert.equal(created.location?.file, project.path('weather.ts'));
    assert.equal(created.location?.line, lineOf("const session = sessionCache.session('"));
    const resumed = await kit.next('taskResume');
    assert.deepEqual(resumed.request, { url: 'http://127.0.0.1:9/forecast?city=oslo', method: 'GET', headers: { accept: 'application/json' } });
    assert.equal(resumed.task, 41);
    assert.equal(resumed.location?.line, lineOf('session.downloadTask({'));
    await kit.next('providerResult');
    assert.equal(kit.all('sessionCreated').length, 1);
    await kit.disconnect();
  });

  it('after a relaunch: wakes the handler, delivers to the recreated delegate, finishes events, reports every completion call', async () => {
    const kit = new KitProcess(project);
    kit.start(project.path('weather.ts'), dirs(), { reason: 'backgroundEvents', launch: 2 });
    await kit.next('ready');
    kit.send({ type: 'wake', call: 5, identifier: ID, pause: false });
    await kit.next('wakeHandled', (m) => m.call === 5 && m.error === undefined);
    assert.equal((await kit.next('sessionCreated')).identifier, ID);
    const completions = kit.all('completionCalled');
    assert.equal(completions.length, 2, 'each call of the completion is reported');
    assert.deepEqual(completions.map((c) => c.location?.line), [lineOf('completion();'), lineOf('completion();') + 1]);
    assert.deepEqual(await logged(kit, 'wake'), { event: 'wake', identifier: ID, live: [ID] });

    const location = project.write('download-1.tmp', '{"temp":21}');
    kit.send({ type: 'deliver', delivery: 10, identifier: ID, task: 41, pause: false, event: { name: 'didWriteData', bytesWritten: 11, totalBytesWritten: 11, totalBytesExpected: 11 } });
    kit.send({ type: 'deliver', delivery: 11, identifier: ID, task: 41, pause: true, event: { name: 'didFinishDownloadingTo', location, status: 200, headers: {} } });
    kit.send({ type: 'deliver', delivery: 12, identifier: ID, task: 41, pause: false, event: { name: 'didCompleteWithError', error: null } });
    kit.send({ type: 'finishEvents', delivery: 13, identifier: ID, pause: false });
    for (const delivery of [10, 11, 12, 13]) {
      const done = await kit.next('delivered', (m) => m.delivery === delivery);
      assert.equal(done.error, undefined, JSON.stringify(done.error));
      assert.equal(done.returnedPromise, false);
      assert.equal(done.handled, undefined, 'a handler ran');
    }
    assert.deepEqual(await logged(kit, 'didWriteData'), { event: 'didWriteData', id: ID, task: 41, bytes: 11, total: 11, expected: 11 });
    assert.deepEqual(await logged(kit, 'didFinishDownloadingTo'), { event: 'didFinishDownloadingTo', task: 41, body: '{"temp":21}' });
    assert.deepEqual(await logged(kit, 'didCompleteWithError'), { event: 'didCompleteWithError', task: 41, error: null, isError: false, state: 'completed' });
    kit.send({ type: 'deliver', delivery: 14, identifier: ID, task: 42, pause: false, event: { name: 'didCompleteWithError', error: { code: -999, domain: 'NSURLErrorDomain', message: 'cancelled' } } });
    await kit.next('delivered', (m) => m.delivery === 14);
    const cancelled = await kit.until('the cancelled task', () => logs(kit).find((l) => l.event === 'didCompleteWithError' && l.task === 42));
    assert.deepEqual(cancelled, { event: 'didCompleteWithError', task: 42, error: { code: -999, domain: 'NSURLErrorDomain', message: 'cancelled' }, isError: true, state: 'cancelled' });
    await logged(kit, 'didFinishEvents');
    const reload = await kit.next('reloadTimelines');
    assert.equal(reload.kind, 'weather');
    assert.equal(reload.location?.line, lineOf("WidgetCenter.reloadTimelines('weather')"));
    // The order the system relies on: the reload happens inside didFinishEvents, before it is delivered.
    assert.ok(kit.received.indexOf(reload) < kit.received.findIndex((m) => m.type === 'delivered' && m.delivery === 13));
    await kit.disconnect();
  });

  it('says handled: false when no user handler ran (the debugger cannot stop in one)', async () => {
    const kit = new KitProcess(project);
    kit.start(project.path('weather.ts'), dirs(), { reason: 'backgroundEvents', launch: 2 });
    await kit.next('ready');
    const bare = 'com.example.weather.bare';
    kit.send({ type: 'wake', call: 1, identifier: 'org.other.refresh', pause: true });
    assert.equal((await kit.next('wakeHandled', (m) => m.call === 1)).handled, false, 'matching refuses the identifier');
    kit.send({ type: 'wake', call: 2, identifier: bare, pause: true });
    assert.equal((await kit.next('wakeHandled', (m) => m.call === 2)).handled, undefined);
    kit.send({ type: 'deliver', delivery: 1, identifier: bare, task: 7, pause: true, event: { name: 'didWriteData', bytesWritten: 1, totalBytesWritten: 1, totalBytesExpected: 2 } });
    kit.send({ type: 'finishEvents', delivery: 2, identifier: bare, pause: true });
    kit.send({ type: 'deliver', delivery: 3, identifier: 'com.example.weather.none', task: 8, pause: true, event: { name: 'didCompleteWithError', error: null } });
    for (const delivery of [1, 2]) {
      const answer = await kit.next('delivered', (m) => m.delivery === delivery);
      assert.equal(answer.handled, false, 'the delegate has no such method');
      assert.equal(answer.error, undefined);
    }
    const noSession = await kit.next('delivered', (m) => m.delivery === 3);
    assert.equal(noSession.handled, false);
    assert.match(noSession.error?.message ?? '', /No URLSession/);
    await kit.disconnect();
  });

  it('reports a duplicate session identifier and refuses a data task with Apple\'s rule', async () => {
    const run = async (misuse: string) => {
      process.env.MISUSE = misuse;
      const kit = new KitProcess(project);
      kit.start(project.path('driver.ts'), dirs(), { kind: 'driver' });
      assert.equal((await kit.next('ready')).widget.kind, 'driver');
      kit.send({ type: 'provider', call: 1, method: 'getSnapshot', context: SMALL_CONTEXT, families: ['systemSmall'] });
      await kit.next('providerResult');
      return kit;
    };
    const duplicate = await run('duplicate');
    const reported = await duplicate.next('duplicateSession');
    assert.equal(reported.identifier, ID);
    assert.equal(reported.location?.line, lineOf("if (kind === 'duplicate')"));
    assert.equal(duplicate.all('sessionCreated').length, 1, 'the first session stays the live one');
    await duplicate.disconnect();

    const dataTask = await run('dataTask');
    const refused = await dataTask.next('unsupportedTask');
    assert.deepEqual([refused.identifier, refused.api, refused.location?.line], [ID, 'dataTask', lineOf("if (kind === 'dataTask')")]);
    const thrown = await logged(dataTask, 'refused');
    assert.equal(thrown.code, 'unsupported-task');
    assert.match(String(thrown.message), /background sessions support only download tasks and upload tasks from a file/);
    assert.equal(dataTask.all('taskResume').length, 0);
    await dataTask.disconnect();
  });

  it('cancels a task and invalidates sessions, after which the identifier can be used again', async () => {
    process.env.MISUSE = 'invalidate';
    const kit = new KitProcess(project);
    kit.start(project.path('driver.ts'), dirs(), { kind: 'driver', nextTaskId: 7 });
    await kit.next('ready');
    kit.send({ type: 'provider', call: 1, method: 'getSnapshot', context: SMALL_CONTEXT, families: ['systemSmall'] });
    await kit.next('providerResult');
    assert.deepEqual(kit.received.filter((m) => m.type !== 'ready' && m.type !== 'providerResult').map((m) => m.type), [
      'sessionCreated', 'taskResume', 'taskCancel', 'sessionInvalidated', 'sessionCreated', 'sessionInvalidated',
    ]);
    assert.deepEqual(kit.all('taskCancel')[0], { type: 'taskCancel', identifier: ID, task: 7 });
    assert.deepEqual(kit.all('sessionInvalidated').map((m) => m.cancelTasks), [true, false]);
    assert.deepEqual((await logged(kit, 'invalidated')).live, []);
    const refused = await logged(kit, 'refused');
    assert.equal(refused.code, 'session-invalidated');
    await kit.disconnect();
  });

  it('asks the system for every task of the session, including those of an earlier process', async () => {
    process.env.MISUSE = 'allTasks';
    const kit = new KitProcess(project);
    kit.start(project.path('driver.ts'), dirs(), { kind: 'driver' });
    await kit.next('ready');
    kit.send({ type: 'provider', call: 1, method: 'getSnapshot', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const request = await kit.next('request');
    assert.ok(request.op === 'getAllTasks');
    assert.equal(request.identifier, ID);
    kit.send({ type: 'response', call: request.call, ok: true, value: [{ task: 3, url: 'http://127.0.0.1:9/a', state: 'running', bytesWritten: 5, bytesExpected: 10 }] });
    assert.deepEqual((await logged(kit, 'allTasks')).tasks, [[3, 'http://127.0.0.1:9/a', 'running']]);
    await kit.disconnect();
  });

  it('fails and reports access to the download file after didFinishDownloadingTo returned, and async reads started inside it', async () => {
    const kit = new KitProcess(project);
    kit.start(project.path('weather.ts'), dirs());
    await kit.next('ready');
    kit.send({ type: 'wake', call: 1, identifier: ID, pause: false });
    await kit.next('wakeHandled');
    const later = project.write('download-later.tmp', 'read again later');
    const async = project.write('download-async.tmp', 'read asynchronously');
    kit.send({ type: 'deliver', delivery: 1, identifier: ID, task: 3, pause: false, event: { name: 'didFinishDownloadingTo', location: later, status: 200, headers: {} } });
    kit.send({ type: 'deliver', delivery: 2, identifier: ID, task: 4, pause: false, event: { name: 'didFinishDownloadingTo', location: async, status: 200, headers: {} } });
    assert.equal((await kit.next('delivered', (m) => m.delivery === 2)).returnedPromise, true);
    // The delegate's setTimeout(..., 10) is virtual: it fires when the system moves the clock.
    kit.send({ type: 'clock', now: Date.parse('2030-06-01T12:00:00.010Z') });
    const readLater = await kit.next('tempFileAccess', (m) => m.path === later);
    assert.equal(readLater.location?.line, lineOf('setTimeout(() => { try { readFileSync(location)'));
    const readAsync = await kit.next('tempFileAccess', (m) => m.path === async);
    assert.equal(readAsync.location?.line, lineOf('return promises.readFile(location)'));
    assert.equal((await logged(kit, 'readLater')).code, 'ENOENT');
    assert.equal((await logged(kit, 'readAsync')).code, 'ENOENT');
    await kit.disconnect();
  });

  it('keeps UserDefaults across a forced termination while module globals are gone', async () => {
    const first = new KitProcess(project);
    first.start(project.path('weather.ts'), dirs());
    await first.next('ready');
    first.send({ type: 'wake', call: 1, identifier: ID, pause: false });
    await first.next('wakeHandled');
    const location = project.write('download-3.tmp', 'sunny');
    first.send({ type: 'deliver', delivery: 1, identifier: ID, task: 9, pause: false, event: { name: 'didFinishDownloadingTo', location, status: 203, headers: {} } });
    await first.next('delivered');
    await first.kill();

    const second = new KitProcess(project);
    second.start(project.path('weather.ts'), dirs(), { launch: 2, now: Date.parse('2030-06-03T00:00:00Z') });
    await second.next('ready');
    second.send({ type: 'provider', call: 1, method: 'getSnapshot', context: SMALL_CONTEXT, families: ['systemSmall'] });
    const snapshot = await second.next('providerResult');
    assert.ok(snapshot.ok && snapshot.method === 'getSnapshot');
    assert.deepEqual(snapshot.entry.data, { forecast: { body: 'sunny', status: 203, at: '2030-06-01T12:00:00.000Z' } });
    const suite = readFileSync(project.path('state/defaults/group.weather.json'), 'utf8');
    assert.match(suite, /sunny/);
    assert.equal(second.all('sessionCreated').length, 0, 'the session cache does not survive the process');
    await second.disconnect();
  });
});
