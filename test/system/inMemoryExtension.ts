// A widget extension that lives in the test's own process and speaks src/protocol/ipc.ts: what
// it receives and sends is validated with the protocol's parsers and copied as JSON, as over the
// real IPC channel, and arrives in a later turn, in order. Its widget is a script (a provider, a
// wake handler, a delegate) run against a virtual timer queue, and it reports itself idle or busy
// by the kit's rules (src/kit/quiescence.ts), so the system's scheduling rules can be tested one
// by one without child processes. WidgetSystem takes it through its `extension` seam.
import { EventEmitter } from 'node:events';
import { parseToExtension, parseToSystem, type TimelineResult, type ToExtension, type ToSystem } from '../../src/protocol/ipc';
import type { ReloadPolicyJson, SourceLocation } from '../../src/protocol/lifecycle';
import type { ExtensionChannel, ExtensionFactory } from '../../src/system/extensionChannel';

/** What a scripted widget's handlers are given: the process they run in. */
export interface ScriptedProcess {
  readonly launch: number;
  /** Virtual now, as the process last heard it. */
  now(): number;
  /** A widget timer: fires when the system's clock reaches `ms` from now (the kit's fake timers). */
  setTimeout(ms: number, callback: () => void): void;
  createSession(identifier: string): void;
  /** Resumes a download task in session `identifier`; returns its task id. */
  download(identifier: string, url: string): number;
  /** Resolves with the temporary file's path once `task`'s didFinishDownloadingTo is delivered here. */
  downloaded(task: number): Promise<string>;
  callCompletion(identifier: string): void;
  reloadTimelines(): void;
  /** Work of the widget's own that takes real time (a socket, a file): the process is busy meanwhile. */
  ownWork(ms: number): Promise<void>;
  /** From now on the widget's code holds the event loop (a loop that never ends) at `location`. */
  hang(location: SourceLocation): void;
  /** The heap the widget holds from now on, on top of the runtime's own. */
  hold(bytes: number): void;
}

export interface ScriptedWidget {
  /** Returns the timeline's reload policy (default: never); may await. */
  getTimeline?(process: ScriptedProcess): ReloadPolicyJson | void | Promise<ReloadPolicyJson | void>;
  onBackgroundURLSessionEvents?(process: ScriptedProcess, identifier: string): void;
  didFinishDownloadingTo?(process: ScriptedProcess, identifier: string, task: number, location: string): void;
  didCompleteWithError?(process: ScriptedProcess, identifier: string, task: number, errorCode: number | null): void;
  urlSessionDidFinishEvents?(process: ScriptedProcess, identifier: string): void;
}

/** The runtime's own heap: what the widget holds is measured on top of it. */
const RUNTIME_HEAP = 8 * 1024 * 1024;

interface Timer {
  at: number;
  order: number;
  callback: () => void;
}

export class InMemoryExtension extends EventEmitter implements ExtensionChannel, ScriptedProcess {
  launch = 0;
  sent = 0;
  killed = false;
  exited = false;
  private held: [string, unknown][] | null = [];
  private virtualNow = 0;
  private timers: Timer[] = [];
  private timerOrder = 0;
  private nextTask = 1;
  private readonly sessions = new Set<string>();
  private readonly downloads = new Map<number, (location: string) => void>();
  private received = 0;
  private reported = -1;
  private reportedBusy = -1;
  private ownWorkPending = 0;
  private checkQueued = false;
  private hangingAt: SourceLocation | undefined;
  private heldBytes = 0;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly widget: ScriptedWidget, readonly pid: number) {
    super();
  }

  /** Makes one in-memory process per launch; `launches` collects them for the test to look at. */
  static factory(widget: ScriptedWidget, launches: InMemoryExtension[] = []): ExtensionFactory {
    return (launch) => {
      const extension = new InMemoryExtension(widget, 40_000 + launch);
      launches.push(extension);
      return extension;
    };
  }

  adopt(launch: number): void {
    this.launch = launch;
    const held = this.held ?? [];
    this.held = null;
    for (const [event, value] of held) super.emit(event, value);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (this.held && typeof event === 'string') {
      this.held.push([event, args[0]]);
      return true;
    }
    return super.emit(event, ...args);
  }

  send(message: ToExtension): void {
    if (this.exited) return;
    this.sent += 1;
    const arrived = parseToExtension(JSON.parse(JSON.stringify(message)));
    setImmediate(() => {
      if (this.exited || this.hangingAt) return;
      this.handle(arrived);
      this.received += 1;
      this.checkSoon();
    });
  }

  kill(): Promise<void> {
    this.killed = true;
    if (this.exited) return Promise.resolve();
    this.exited = true;
    clearInterval(this.heartbeat);
    this.timers = [];
    return new Promise((resolve) =>
      setImmediate(() => {
        this.emit('exit', { code: null, signal: 'SIGKILL' });
        resolve();
      }),
    );
  }

  locateBusyCode(): Promise<SourceLocation | undefined> {
    return Promise.resolve(this.hangingAt);
  }

  /** An in-memory widget holds no off-heap memory of its own: nothing to guard. */
  guardResident(): void {}

  // ---- what the widget's handlers call ----

  now(): number {
    return this.virtualNow;
  }

  setTimeout(ms: number, callback: () => void): void {
    this.timers.push({ at: this.virtualNow + ms, order: this.timerOrder++, callback });
  }

  createSession(identifier: string): void {
    this.sessions.add(identifier);
    this.speak({ type: 'sessionCreated', identifier, background: true, discretionary: false });
  }

  download(identifier: string, url: string): number {
    const task = this.nextTask++;
    this.speak({ type: 'taskResume', identifier, task, request: { url, method: 'GET', headers: {} } });
    return task;
  }

  downloaded(task: number): Promise<string> {
    return new Promise((resolve) => this.downloads.set(task, resolve));
  }

  callCompletion(identifier: string): void {
    this.speak({ type: 'completionCalled', identifier });
  }

  reloadTimelines(): void {
    this.speak({ type: 'reloadTimelines', kind: null });
  }

  async ownWork(ms: number): Promise<void> {
    this.ownWorkPending += 1;
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.ownWorkPending -= 1;
    this.checkSoon();
  }

  hang(location: SourceLocation): void {
    this.hangingAt = location;
    clearInterval(this.heartbeat);
  }

  hold(bytes: number): void {
    this.heldBytes = bytes;
  }

  // ---- the kit's side of the protocol ----

  private handle(message: ToExtension): void {
    switch (message.type) {
      case 'start':
        return this.start(message);
      case 'clock':
        this.virtualNow = message.now;
        if (message.fire !== false) this.fireDueTimers();
        return;
      case 'provider':
        return void this.answerProvider(message);
      case 'wake': {
        const handler = this.widget.onBackgroundURLSessionEvents;
        handler?.call(this.widget, this, message.identifier);
        return this.speak({ type: 'wakeHandled', call: message.call, ...(handler ? {} : { handled: false }) });
      }
      case 'deliver':
        return this.deliver(message);
      case 'finishEvents': {
        const handler = this.sessions.has(message.identifier) ? this.widget.urlSessionDidFinishEvents : undefined;
        handler?.call(this.widget, this, message.identifier);
        return this.speak({ type: 'delivered', delivery: message.delivery, returnedPromise: false, ...(handler ? {} : { handled: false }) });
      }
      case 'response':
        return;
    }
  }

  private start(message: Extract<ToExtension, { type: 'start' }>): void {
    this.virtualNow = message.now;
    this.nextTask = message.nextTaskId;
    this.heartbeat = setInterval(() => this.reportMemory(false), message.memoryReportMs);
    this.heartbeat.unref();
    this.speak({
      type: 'ready',
      pid: this.pid,
      widget: {
        file: message.widgetFile,
        kind: 'Scripted',
        displayName: 'Scripted widget',
        supportedFamilies: ['systemSmall'],
        handlesBackgroundEvents: this.widget.onBackgroundURLSessionEvents !== undefined,
      },
      previews: [],
      // Loaded: the runtime's own heap is the baseline what the widget holds is measured on.
      memoryBaseline: { heapUsed: RUNTIME_HEAP, external: 0, arrayBuffers: 0, rss: 0 },
    });
  }

  private async answerProvider(message: Extract<ToExtension, { type: 'provider' }>): Promise<void> {
    const entry = { date: new Date(this.virtualNow).toISOString(), data: { launch: this.launch }, views: {} };
    if (message.method !== 'getTimeline') {
      this.speak({ type: 'providerResult', call: message.call, ok: true, method: message.method, entry });
      return;
    }
    const policy = (await this.widget.getTimeline?.(this)) ?? { kind: 'never' };
    const timeline: TimelineResult = { entries: [entry], policy, totalEntries: 1 };
    this.speak({ type: 'providerResult', call: message.call, ok: true, method: 'getTimeline', timeline });
  }

  private deliver(message: Extract<ToExtension, { type: 'deliver' }>): void {
    const { identifier, task, event } = message;
    let handled = this.sessions.has(identifier);
    if (handled && event.name === 'didFinishDownloadingTo') {
      this.downloads.get(task)?.(event.location);
      this.downloads.delete(task);
      this.widget.didFinishDownloadingTo?.call(this.widget, this, identifier, task, event.location);
    } else if (handled && event.name === 'didCompleteWithError') {
      this.widget.didCompleteWithError?.call(this.widget, this, identifier, task, event.error?.code ?? null);
    } else {
      handled = false;
    }
    this.speak({ type: 'delivered', delivery: message.delivery, returnedPromise: false, ...(handled ? {} : { handled: false }) });
  }

  private fireDueTimers(): void {
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= this.virtualNow).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) return;
      this.timers = this.timers.filter((timer) => timer !== due);
      due.callback();
    }
  }

  /** The kit's quiescence rule: idle once every message is handled and no work of its own is pending. */
  private checkSoon(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    setImmediate(() => {
      this.checkQueued = false;
      if (this.exited || this.hangingAt || this.reported === this.received) return;
      if (this.ownWorkPending > 0) {
        if (this.reportedBusy !== this.received) this.speak({ type: 'busy', received: (this.reportedBusy = this.received) });
        return;
      }
      this.reported = this.received;
      const nextTimer = this.timers.length > 0 ? Math.min(...this.timers.map((timer) => timer.at)) : undefined;
      this.speak({ type: 'quiescent', received: this.received, ...(nextTimer !== undefined ? { nextTimer } : {}) });
    });
  }

  private reportMemory(checkpoint: boolean): void {
    this.speak({ type: 'memory', heapUsed: RUNTIME_HEAP + this.heldBytes, external: 0, arrayBuffers: 0, rss: 0, ...(checkpoint ? { checkpoint } : {}) });
  }

  /** Sends a message to the system, in a later turn and in order; answers and idle reports are checkpoints. */
  private speak(message: ToSystem): void {
    if (this.exited || this.hangingAt) return;
    if (['providerResult', 'wakeHandled', 'delivered', 'quiescent'].includes(message.type)) this.reportMemory(true);
    const arriving = parseToSystem(JSON.parse(JSON.stringify(message)));
    setImmediate(() => {
      if (!this.exited) this.emit('message', arriving);
    });
  }
}
