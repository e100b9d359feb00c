// One launch of the widget extension process seen through its V8 inspector: attaches over CDP,
// gives the process every line breakpoint, and turns the inspector's pauses into stops the
// session reports (line breakpoints with hit counts and logpoints, steps that skip runtime
// frames, uncaught errors, and the kit's pause before a user handler at a lifecycle event).
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TraceRecord } from '../protocol/lifecycle';
import { CdpConnection } from './cdp/connection';
import type { Protocol } from 'devtools-protocol';
import { describeEvent } from './eventBreakpoints';
import { InspectorBreakpoints } from './inspectorBreakpoints';
import type { LineBreakpoint, LineBreakpoints } from './lineBreakpoints';
import { scriptOrigin, scriptPath } from './scriptOrigin';
import { SourceColumns } from './sourceColumns';
import { insideTryBlock, lineStartsOf } from './userCatchScan';
import { describeRemote } from './variableStore';

/** How many automatic steps may walk from the kit's `debugger;` (or a runtime frame) into user code. */
const MAX_AUTO_STEPS = 40;

/**
 * The handler a paused invokeUserHandler was given as `this` (the kit's own calls), when a
 * breakpoint on its call cannot fail: a plain function, not a bound or native one (V8 refuses
 * those) nor a proxy. Otherwise undefined, and the handler is looked up the slower way.
 */
function breakableHandler(self: Protocol.Runtime.RemoteObject | undefined): Protocol.Runtime.RemoteObject | undefined {
  if (self?.type !== 'function' || self.objectId === undefined || self.subtype !== undefined) return undefined;
  return self.description === undefined || self.description.includes('[native code]') ? undefined : self;
}

export interface ExtensionStop {
  reason: 'breakpoint' | 'step' | 'exception' | 'pause' | 'entry' | 'debugger statement' | 'goto';
  description: string;
  text?: string;
}

export interface ExtensionTargetListener {
  stopped(target: ExtensionTarget, stop: ExtensionStop): void;
  breakpointChanged(breakpoint: LineBreakpoint): void;
  logpoint(message: string, path: string, line: number): void;
  /** A step left the user's handler (no user frame remains). */
  steppedOutOfHandler(): void;
}

type StepKind = 'stepIn' | 'next' | 'stepOut';

export class ExtensionTarget {
  private paused: Protocol.Debugger.PausedEvent | null = null;
  /**
   * Events the kit was asked to stop before. One the widget has no handler for never pauses: the
   * system says so (dropExpectedStop); should that come late, a later stop leaves it stale.
   */
  private expected: { record: TraceRecord; reason: ExtensionStop['reason'] }[] = [];
  /** The walk from the kit's `debugger;` into the user's handler, once the kit paused. */
  private eventStop: { record: TraceRecord; reason: ExtensionStop['reason']; steps: number; entry?: string | Promise<string | undefined> } | null = null;
  private stepping: { kind: StepKind; steps: number } | null = null;
  private pauseRequested = false;
  private readonly inspectorBreakpoints: InspectorBreakpoints;
  /** Script URLs by id: Node 20 leaves CallFrame.url empty for CommonJS modules. */
  private readonly scripts = new Map<string, string>();
  private readonly columns = new SourceColumns();
  private readonly sources = new Map<string, Promise<{ text: string; lineStarts: number[] } | null>>();
  private pauseOnUncaught = false;
  lastException: { description: string; text: string } | null = null;

  private constructor(
    readonly threadId: number,
    readonly pid: number,
    readonly launch: number,
    readonly cdp: CdpConnection,
    private readonly breakpoints: LineBreakpoints,
    private readonly listener: ExtensionTargetListener,
  ) {
    this.inspectorBreakpoints = new InspectorBreakpoints(cdp, breakpoints, (b) => listener.breakpointChanged(b));
    cdp.on('Debugger.scriptParsed', ({ scriptId, url, sourceMapURL }) => {
      this.scripts.set(scriptId, url);
      if (scriptOrigin(url) === 'user') this.columns.register(scriptId, sourceMapURL);
    });
    cdp.on('Debugger.paused', (event) => void this.onPaused(event).catch(() => undefined));
  }

  /**
   * Attaches to a process's inspector relay (cdp/inspectorRelay.ts) and sets every breakpoint.
   * The process loads the kit meanwhile; no user code runs before this resolves, since the
   * system sends `start` only once the adapter's spawn hook (which awaits this) has returned.
   */
  static async attach(options: {
    threadId: number;
    pid: number;
    launch: number;
    /** The relay's `tcp://127.0.0.1:PORT/TOKEN` address. */
    address: string;
    breakpoints: LineBreakpoints;
    listener: ExtensionTargetListener;
    pauseOnUncaught: boolean;
  }): Promise<ExtensionTarget> {
    const cdp = await CdpConnection.open(options.address);
    const target = new ExtensionTarget(options.threadId, options.pid, options.launch, cdp, options.breakpoints, options.listener);
    await cdp.send('Runtime.enable', {});
    await cdp.send('Debugger.enable', {});
    for (const path of options.breakpoints.paths()) await target.syncBreakpoints(path);
    await target.setPauseOnUncaught(options.pauseOnUncaught);
    return target;
  }

  get isPaused(): boolean {
    return this.paused !== null;
  }

  get callFrames(): Protocol.Debugger.CallFrame[] {
    return this.paused?.callFrames ?? [];
  }

  /** The kit will stop before the user's handler for this event: walk into it, then report. */
  expectEventStop(record: TraceRecord, reason: ExtensionStop['reason']): void {
    this.expected.push({ record, reason });
  }

  /**
   * The kit answered `record` without calling a handler (the widget has none), so it never
   * paused: forgets the expectation and returns why it was wanted, or null when it is no longer
   * expected (another event's stop took it over meanwhile).
   */
  dropExpectedStop(record: TraceRecord): ExtensionStop['reason'] | null {
    const index = this.expected.findIndex((e) => e.record === record);
    if (index < 0) return null;
    const [dropped] = this.expected.splice(index, 1);
    return dropped.reason;
  }

  /**
   * The kit catches whatever a handler throws, so V8 sees every error as caught: pause on all
   * and let `onPaused` keep only errors thrown in widget code that widget code does not catch.
   */
  async setPauseOnUncaught(enabled: boolean): Promise<void> {
    this.pauseOnUncaught = enabled;
    await this.cdp.send('Debugger.setPauseOnExceptions', { state: enabled ? 'all' : 'none' });
  }

  /** The script URL a frame runs in. */
  urlOf(frame: Protocol.Debugger.CallFrame): string {
    return frame.url || this.scripts.get(frame.location.scriptId) || '';
  }

  /** Gives this process the current breakpoints of one file (replacing what it had). */
  syncBreakpoints(path: string): Promise<void> {
    return this.inspectorBreakpoints.sync(path);
  }

  resume(): Promise<void> {
    this.stepping = null;
    return this.run('Debugger.resume');
  }

  step(kind: StepKind): Promise<void> {
    this.stepping = { kind, steps: 0 };
    return this.run(kind === 'stepIn' ? 'Debugger.stepInto' : kind === 'next' ? 'Debugger.stepOver' : 'Debugger.stepOut');
  }

  async pause(): Promise<void> {
    if (this.paused) return;
    this.pauseRequested = true;
    await this.cdp.send('Debugger.pause', {});
  }

  async evaluate(expression: string, callFrameId: string | undefined): Promise<{ result: Protocol.Runtime.RemoteObject; error?: string }> {
    const reply = callFrameId
      ? await this.cdp.send('Debugger.evaluateOnCallFrame', { callFrameId, expression, silent: true })
      : await this.cdp.send('Runtime.evaluate', { expression, silent: true });
    if (reply.exceptionDetails) {
      const thrown = reply.exceptionDetails.exception;
      return { result: reply.result, error: thrown ? describeRemote(thrown) : reply.exceptionDetails.text };
    }
    return { result: reply.result };
  }

  /** Closes the inspector socket; a process paused in it resumes (V8 does so on disconnect). */
  detach(): void {
    this.paused = null;
    this.cdp.close();
  }

  stackFrame(frame: Protocol.Debugger.CallFrame, id: number): DebugProtocol.StackFrame {
    const url = this.urlOf(frame);
    const path = scriptPath(url);
    const origin = scriptOrigin(url);
    const name = frame.functionName || (origin === 'user' ? '(anonymous)' : '(anonymous function)');
    return {
      id,
      name,
      line: frame.location.lineNumber + 1,
      column: this.columns.column(frame.location.scriptId, frame.location.lineNumber, frame.location.columnNumber ?? 0),
      source: path ? { path, name: path.split(/[\\/]/).pop(), presentationHint: origin === 'user' ? undefined : 'deemphasize' } : { name: url || '<internal>', presentationHint: 'deemphasize' },
      presentationHint: origin === 'user' ? 'normal' : 'subtle',
    };
  }

  private async run(method: 'Debugger.resume' | 'Debugger.stepInto' | 'Debugger.stepOver' | 'Debugger.stepOut'): Promise<void> {
    this.paused = null;
    await this.cdp.send(method, {});
  }

  private report(stop: ExtensionStop): void {
    this.stepping = null;
    this.pauseRequested = false;
    this.listener.stopped(this, stop);
  }

  private async onPaused(event: Protocol.Debugger.PausedEvent): Promise<void> {
    this.paused = event;
    const top = event.callFrames[0];
    const inUserCode = top !== undefined && scriptOrigin(this.urlOf(top)) === 'user';

    if (event.reason === 'exception' || event.reason === 'promiseRejection') {
      // Only throws in widget code count: the kit passing the same error on (a promise it
      // rejects with it) is the runtime reporting it, not a second error.
      if (!this.pauseOnUncaught || !inUserCode || (!event.data?.uncaught && (await this.caughtByUser(event.callFrames)))) {
        // Not the user's business: go on, but a step or the walk into a handler in progress
        // must go on stepping (the pause ended V8's own step), not turn into a continue.
        this.paused = null;
        await this.cdp.send(this.stepping || this.eventStop ? 'Debugger.stepInto' : 'Debugger.resume', {});
        return;
      }
      const data: Protocol.Runtime.RemoteObject = event.data ?? { type: 'undefined' };
      const description = describeRemote(data).split('\n')[0];
      this.lastException = { description, text: data.description ?? description };
      this.report({ reason: 'exception', description: `Paused on exception: ${description}`, text: description });
      return;
    }

    if (!this.eventStop && this.expected.length > 0 && inUserCode && this.isKitCall(event.callFrames[1])) {
      // The kit broke on the handler's call itself (src/kit/handlerBreakpoint.ts): the process
      // is on the handler's first line, the event's stop in one pause.
      const { record, reason } = this.expectedNamed(top.functionName);
      this.report({ reason, description: describeEvent(record) });
      return;
    }

    const hits = await this.inspectorBreakpoints.hitBy(event, (condition) => this.holds(top.callFrameId, condition));
    if (hits.length > 0 && !this.eventStop) {
      const decisions = await Promise.all(hits.map((b) => this.breakpoints.hit(b, (expression) => this.interpolate(top.callFrameId, expression))));
      for (const decision of decisions) {
        if (decision.action === 'log') this.listener.logpoint(decision.message, scriptPath(this.urlOf(top)) ?? this.urlOf(top), top.location.lineNumber + 1);
      }
      if (decisions.some((d) => d.action === 'pause')) {
        this.report({ reason: 'breakpoint', description: 'Paused on breakpoint' });
      } else if (this.stepping && inUserCode) {
        this.report({ reason: 'step', description: 'Paused after step' });
      } else {
        await this.run('Debugger.resume');
      }
      return;
    }

    if (!this.eventStop && this.expected.length > 0 && this.isKitCall(top)) {
      // The kit executed `debugger;` in invokeUserHandler, right before calling the handler:
      // break on that call so the top frame is the handler's first line (DESIGN.md section 4).
      const named = this.expected.length === 1 ? breakableHandler(top.this) : undefined;
      if (named) {
        // The kit passed the handler as the frame's `this` and one event is expected (the usual
        // case): the breakpoint and the resume go out together, no round trip waits between
        // them. The inspector handles commands in order, so the breakpoint is set before the
        // kit runs on, and the object id (valid only while paused) is used while it still is.
        this.eventStop = { ...this.expected.shift()!, steps: 0, entry: this.breakOnCall(named) };
        await this.run('Debugger.resume');
        return;
      }
      const handler = await this.handlerOf(top);
      // The breakpoint and (only when several events are expected) the handler's name: together.
      const [expected, entry] = await Promise.all([this.expectedFor(handler), this.breakOnCall(handler)]);
      this.eventStop = { ...expected, steps: 0, entry };
      if (entry) {
        await this.run('Debugger.resume');
        return;
      }
    }
    if (this.eventStop) {
      // Without the entry breakpoint, step into the handler, bounded in case there is none.
      const eventStop = this.eventStop;
      // Set along with the resume that led here: its answer came before this pause.
      const entry = await eventStop.entry;
      if (!inUserCode && eventStop.steps++ < MAX_AUTO_STEPS) {
        await this.run(entry ? 'Debugger.resume' : 'Debugger.stepInto');
        return;
      }
      const { record, reason } = eventStop;
      this.eventStop = null;
      // Not awaited: the inspector handles commands in order, so the one-shot breakpoint is gone
      // before any command the client sends at this stop (continue, step, evaluate) is handled.
      if (entry) void this.cdp.send('Debugger.removeBreakpoint', { breakpointId: entry }).catch(() => undefined);
      this.report({ reason, description: describeEvent(record) });
      return;
    }

    if (this.stepping) {
      if (inUserCode || this.stepping.steps++ >= MAX_AUTO_STEPS) {
        this.report({ reason: 'step', description: 'Paused after step' });
      } else if (event.callFrames.some((f) => scriptOrigin(this.urlOf(f)) === 'user')) {
        // A step landed in the runtime below user code: return to the user's frame.
        await this.run('Debugger.stepOut');
      } else {
        // The user's handler returned into the runtime: a step past its end goes on to the next
        // lifecycle event, as Step Over does on the System thread.
        this.stepping = null;
        this.listener.steppedOutOfHandler();
        await this.run('Debugger.resume');
      }
      return;
    }

    if (this.pauseRequested) {
      this.report({ reason: 'pause', description: 'Paused' });
      return;
    }
    if (inUserCode) {
      this.report({ reason: 'debugger statement', description: 'Paused on debugger statement' });
      return;
    }
    // A stray pause in the runtime (e.g. the kit's `debugger;` after its stop was released).
    await this.run('Debugger.resume');
  }

  /** Whether a frame is the kit's invokeUserHandler (src/kit/userHandlerInvocation.ts). */
  private isKitCall(frame: Protocol.Debugger.CallFrame | undefined): boolean {
    return frame?.functionName === 'invokeUserHandler' && scriptOrigin(this.urlOf(frame)) === 'kit';
  }

  /**
   * The handler the paused invokeUserHandler(pause, handler, thisArg, args) is about to call: its
   * second parameter, read from the frame's local scope (parameters come in order, whatever a
   * minifier named them). Runtime.getProperties reads the scope the pause already built; an
   * evaluateOnCallFrame makes V8 reparse the kit's whole bundle for the frame on the first
   * evaluate in each process (~10 ms, ~50 ms on a busy machine), so it is only the fallback.
   */
  private async handlerOf(top: Protocol.Debugger.CallFrame): Promise<Protocol.Runtime.RemoteObject | undefined> {
    const isHandler = (value: Protocol.Runtime.RemoteObject | undefined): value is Protocol.Runtime.RemoteObject => value?.type === 'function' && value.objectId !== undefined;
    const local = top.scopeChain.find((scope) => scope.type === 'local')?.object.objectId;
    try {
      if (local) {
        const { result } = await this.cdp.send('Runtime.getProperties', { objectId: local, ownProperties: true, generatePreview: false });
        if (isHandler(result[1]?.value)) return result[1].value;
      }
      const { result } = await this.evaluate('arguments[1]', top.callFrameId);
      return isHandler(result) ? result : undefined;
    } catch {
      return undefined;
    }
  }

  /** A one-shot breakpoint on the call of the handler the kit is about to invoke. */
  private async breakOnCall(handler: Protocol.Runtime.RemoteObject | undefined): Promise<string | undefined> {
    // V8 takes a breakpoint on a bound or native function's call and never stops there: step in.
    if (!handler?.objectId || handler.description?.includes('[native code]')) return undefined;
    try {
      const { breakpointId } = await this.cdp.send('Debugger.setBreakpointOnFunctionCall', { objectId: handler.objectId });
      return breakpointId;
    } catch {
      return undefined;
    }
  }

  /**
   * Which expected event the kit paused for: the newest whose name matches the handler's (the
   * kit names delegate methods as Apple does; urlSessionDidFinishEvents calls didFinishEvents),
   * else the newest. Older expectations were delivered to handlers the widget does not have.
   * With a single expectation (the usual case) there is nothing to choose: no round trip.
   */
  private async expectedFor(handler: Protocol.Runtime.RemoteObject | undefined): Promise<{ record: TraceRecord; reason: ExtensionStop['reason'] }> {
    let name = '';
    try {
      if (this.expected.length > 1 && handler?.objectId) {
        const { result } = await this.cdp.send('Runtime.callFunctionOn', { objectId: handler.objectId, functionDeclaration: 'function () { return this.name; }', returnByValue: true, silent: true });
        name = typeof result.value === 'string' ? result.value : '';
      }
    } catch {
      // Unknown handler name: fall back to the newest expectation.
    }
    return this.expectedNamed(name);
  }

  /** The newest expected event a handler of this name handles, else the newest; older ones are dropped. */
  private expectedNamed(name: string): { record: TraceRecord; reason: ExtensionStop['reason'] } {
    if (this.expected.length === 1) return this.expected.shift()!;
    const matches = (event: string): boolean => name === event || (event === 'urlSessionDidFinishEvents' && name === 'didFinishEvents');
    let index = this.expected.map((e) => matches(e.record.event)).lastIndexOf(true);
    if (index < 0) index = this.expected.length - 1;
    const chosen = this.expected[index];
    this.expected = this.expected.slice(index + 1);
    return chosen;
  }

  private async holds(callFrameId: string, condition: string): Promise<boolean> {
    try {
      const { result, error } = await this.evaluate(`!!(${condition})`, callFrameId);
      return error === undefined && result.value === true;
    } catch {
      return false;
    }
  }

  /** Whether a user frame on the stack has the error's position inside its own `try` block. */
  private async caughtByUser(frames: Protocol.Debugger.CallFrame[]): Promise<boolean> {
    for (const frame of frames) {
      if (scriptOrigin(this.urlOf(frame)) !== 'user') return false;
      const source = await this.source(frame.location.scriptId);
      if (!source) return false;
      const start = frame.functionLocation ?? { scriptId: frame.location.scriptId, lineNumber: 0, columnNumber: 0 };
      const from = { line: start.lineNumber, column: start.columnNumber ?? 0 };
      const at = { line: frame.location.lineNumber, column: frame.location.columnNumber ?? 0 };
      if (insideTryBlock(source.text, source.lineStarts, from, at)) return true;
    }
    return false;
  }

  private source(scriptId: string): Promise<{ text: string; lineStarts: number[] } | null> {
    let cached = this.sources.get(scriptId);
    if (!cached) {
      cached = this.cdp
        .send('Debugger.getScriptSource', { scriptId })
        .then(({ scriptSource }) => ({ text: scriptSource, lineStarts: lineStartsOf(scriptSource) }))
        .catch(() => null);
      this.sources.set(scriptId, cached);
    }
    return cached;
  }

  private async interpolate(callFrameId: string, expression: string): Promise<string> {
    try {
      const { result, error } = await this.evaluate(expression, callFrameId);
      return error ?? (result.type === 'string' ? String(result.value) : describeRemote(result));
    } catch (error) {
      return `<${(error as Error).message}>`;
    }
  }
}
