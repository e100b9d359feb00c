// The contract with the debug adapter: with `pause: true` the kit stops on the first line of the
// user's TypeScript handler in one pause, invokeUserHandler the frame below it; for a handler no
// breakpoint can be set on (a bound function) it stops in invokeUserHandler just before the
// call, and two Step Into land on the handler's first line. Driven over a real inspector (CDP
// through undici's WebSocket), as the adapter does it; with `pause: false` nothing stops.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'undici';
import { KitProcess, WidgetProject, buildKit } from './kitProcessHarness';

const ID = 'com.example.debug';
const WIDGET = `import { defineWidget, Text, sessionCache } from 'widgetkit';
const delegate = {
  didWriteData(): void {
    const unused: number = 1;
    void unused;
  },
  didFinishDownloadingTo(session: unknown, task: { taskIdentifier: number }, location: string): void {
    const first: string = location.toUpperCase();
    console.log('handled ' + first + task.taskIdentifier);
  },
  didCompleteWithError: function (session: unknown, task: unknown, error: unknown): void {
    const failed: boolean = error !== null;
    console.log('completed ' + failed);
  }.bind(null),
};
export default defineWidget({
  kind: 'debug',
  provider: { placeholder: () => ({ date: new Date() }), getSnapshot: () => ({ date: new Date() }), getTimeline: () => ({ entries: [] }) },
  view: () => Text('debug'),
  onBackgroundURLSessionEvents: (identifier: string) => { sessionCache.session(identifier, () => delegate); },
});
`;

interface CallFrame {
  functionName: string;
  location: { scriptId: string; lineNumber: number; columnNumber: number };
}

/** Just enough of a CDP client: numbered commands and the `Debugger.paused` events. */
class Inspector {
  private nextId = 1;
  private readonly results = new Map<number, (value: unknown) => void>();
  readonly pauses: CallFrame[][] = [];
  /** Script URLs by id, from Debugger.scriptParsed (call frames carry only the id). */
  readonly scripts = new Map<string, string>();
  private pauseWaiters: (() => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as {
        id?: number; result?: unknown; method?: string; params?: { callFrames: CallFrame[]; scriptId: string; url: string };
      };
      if (message.id !== undefined) this.results.get(message.id)?.(message.result);
      if (message.method === 'Debugger.scriptParsed' && message.params) this.scripts.set(message.params.scriptId, message.params.url);
      if (message.method === 'Debugger.paused' && message.params) {
        this.pauses.push(message.params.callFrames);
        for (const waiter of this.pauseWaiters.splice(0)) waiter();
      }
    });
  }

  static async connect(url: string): Promise<Inspector> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('error', reject);
    });
    return new Inspector(socket);
  }

  command(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.results.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The top frames of the next pause after `count` pauses were seen. */
  async pause(count: number): Promise<CallFrame[]> {
    const deadline = Date.now() + 15_000;
    while (this.pauses.length < count) {
      if (Date.now() > deadline) throw new Error(`no Debugger.paused #${count}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.pauseWaiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    return this.pauses[count - 1];
  }

  close(): void {
    this.socket.close();
  }
}

describe('pausing before user handlers', () => {
  let project: WidgetProject;
  before(() => {
    buildKit();
    project = new WidgetProject({ 'debug.ts': WIDGET });
  });
  after(async () => {
    await KitProcess.killAll();
    project.dispose();
  });

  /** A kit with the inspector attached, started and woken: the session's delegate is live. */
  async function wokenKit(): Promise<{ kit: KitProcess; inspector: Inspector }> {
    const kit = new KitProcess(project, ['--inspect=127.0.0.1:0']);
    const url = await kit.until('the inspector address', () => /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(kit.stderr)?.[0]);
    const inspector = await Inspector.connect(url);
    await inspector.command('Runtime.enable');
    await inspector.command('Debugger.enable');
    kit.start(project.path('debug.ts'), { defaultsDir: project.path('d'), containerDir: project.path('c') });
    await kit.next('ready');
    kit.send({ type: 'wake', call: 1, identifier: ID, pause: false });
    await kit.next('wakeHandled');
    return { kit, inspector };
  }

  it('stops on the first line of the TypeScript delegate method, in one pause, invokeUserHandler below it', async () => {
    const { kit, inspector } = await wokenKit();
    try {
      kit.send({ type: 'deliver', delivery: 1, identifier: ID, task: 1, pause: false, event: { name: 'didWriteData', bytesWritten: 1, totalBytesWritten: 1, totalBytesExpected: 2 } });
      await kit.next('delivered', (m) => m.delivery === 1);
      assert.equal(inspector.pauses.length, 0, 'pause: false does not stop');

      kit.send({ type: 'deliver', delivery: 2, identifier: ID, task: 1, pause: true, event: { name: 'didFinishDownloadingTo', location: '/tmp/x', status: 200, headers: {} } });
      const frames = await inspector.pause(1);
      const urlOf = (frame: CallFrame) => inspector.scripts.get(frame.location.scriptId) ?? '';
      assert.ok(urlOf(frames[0]).endsWith('/debug.ts'), `${urlOf(frames[0])} ${JSON.stringify(frames[0])}`);
      assert.equal(frames[0].functionName, 'didFinishDownloadingTo');
      assert.equal(frames[0].location.lineNumber + 1, 8, 'the first line of the handler body');
      assert.equal(frames[1].functionName, 'invokeUserHandler');
      assert.equal(kit.all('delivered').length, 1, 'not delivered while stopped in the handler');
      await inspector.command('Debugger.resume');
      const delivered = await kit.next('delivered', (m) => m.delivery === 2);
      assert.equal(delivered.error, undefined);
      assert.match(kit.stdout, /handled \/TMP\/X1/);
      assert.equal(inspector.pauses.length, 1, 'one pause, and the breakpoint is gone after it');
    } finally {
      inspector.close();
      await kit.kill();
    }
  });

  it('stops in invokeUserHandler before a bound handler, and two Step Into land on its first line', async () => {
    const { kit, inspector } = await wokenKit();
    try {
      kit.send({ type: 'deliver', delivery: 1, identifier: ID, task: 1, pause: true, event: { name: 'didCompleteWithError', error: null, status: 200 } });
      const stop = await inspector.pause(1);
      assert.equal(stop[0].functionName, 'invokeUserHandler');
      const urlOf = (frame: CallFrame) => inspector.scripts.get(frame.location.scriptId) ?? '';
      let frames = stop;
      for (let step = 2; step <= 4 && !urlOf(frames[0]).endsWith('debug.ts'); step++) {
        await inspector.command('Debugger.stepInto');
        frames = await inspector.pause(step);
      }
      assert.ok(urlOf(frames[0]).endsWith('/debug.ts'), `${urlOf(frames[0])} ${JSON.stringify(frames[0])}`);
      assert.equal(inspector.pauses.length - 1, 2, 'two Step Into: onto the call, then into the handler');
      assert.equal(frames[0].location.lineNumber + 1, 12, 'the first line of the bound function');
      await inspector.command('Debugger.resume');
      await kit.next('delivered', (m) => m.delivery === 1);
      assert.match(kit.stdout, /completed false/);
    } finally {
      inspector.close();
      await kit.kill();
    }
  });
});
