// WidgetDebugSession: translates DAP into calls on the simulated system (WidgetSystem) and on the
// widget extension processes' inspectors, and nothing else (after vscode-mock-debug's
// MockDebugSession). It knows nothing of VS Code; the engine knows nothing of DAP.
import {
  BreakpointEvent,
  Event,
  InitializedEvent,
  LoggingDebugSession,
  Response,
  StoppedEvent,
  TerminatedEvent,
  Thread,
  ThreadEvent,
  ContinuedEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { isExtensionEvent, type TraceRecord } from '../protocol/lifecycle';
import type { ExtensionSpawnInfo } from '../system/api';
import { relayExecArgv } from './cdp/inspectorRelay';
import { describeEvent, describeUnhandledEvent, EventBreakpoints, exceptionBreakpointFilters } from './eventBreakpoints';
import { GoingBack, type RewindChoice } from './goingBack';
import type { ExtensionStop } from './extensionTarget';
import { ExtensionThreads } from './extensionThreads';
import { FrameModel } from './frameModel';
import { findingOutput, logpointOutput, notice, traceLine, widgetOutput } from './outputEvents';
import { planLaunch, type WidgetLaunchArguments } from './launchArguments';
import { LifecycleRequests } from './lifecycleRequests';
import { LineBreakpoints } from './lineBreakpoints';
import { SYSTEM_THREAD_ID, SYSTEM_THREAD_NAME, SystemThread } from './systemThread';
import { VariableStore } from './variableStore';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { RunResult, SystemOptions } from '../system/api';
import { SessionRecording } from './sessionRecording';
import { createEngine, type EngineOutput, type WidgetEngine } from './widgetEngine';
import { WidgetStateEvents } from './widgetStateEvents';

/** Extension-side events whose handler the kit calls through invokeUserHandler (it can pause there). */
const HANDLER_EVENTS = new Set([
  'placeholder',
  'getSnapshot',
  'getTimeline',
  'onBackgroundURLSessionEvents',
  'didWriteData',
  'didFinishDownloadingTo',
  'didCompleteWithError',
  'urlSessionDidFinishEvents',
  'intentPerform',
  'pushTokenDidChange',
]);

/** How long a session waits for a configurationDone that may never come before it starts anyway. */
const CONFIGURATION_DONE_FALLBACK_MS = 2000;
/** How long a closed inspector connection waits for its process's exit before ending the thread. */
const CONNECTION_LOST_GRACE_MS = 1000;

/** How far the simulated clock runs by itself after the start, as the CLI's default `--until +1h`. */
const VIRTUAL_HORIZON_MS = 60 * 60 * 1000;

export class WidgetDebugSession extends LoggingDebugSession {
  private engine: WidgetEngine | null = null;
  private readonly eventBreakpoints = new EventBreakpoints();
  private readonly lineBreakpoints = new LineBreakpoints();
  private readonly variables = new VariableStore();
  private readonly frames = new FrameModel(this.variables);
  private readonly threads = new ExtensionThreads(this.lineBreakpoints);
  private readonly system = new SystemThread();
  private readonly stateEvents = new WidgetStateEvents((state) => this.sendEvent(new Event('widgetState', state)));
  private readonly lifecycle = new LifecycleRequests(() => this.engine, () => this.runToNextEvent());
  private stopAtNextEvent: ExtensionStop['reason'] | null = null;
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((resolve) => (this.configured = resolve));
  private disposed = false;
  /** The run so far, to go back in it (DESIGN.md section 11). */
  private history: SessionRecording | null = null;
  /** Where the session's recording is written when it ends; undefined: not written. */
  private recordTo: string | undefined;
  /** The engine's options, for the engines that re-execute the run. */
  private launchOptions: Omit<SystemOptions, 'mode' | 'debug'> | null = null;
  /** Counts engines: hooks and events of an engine the session replaced are ignored. */
  private generation = 0;
  /** Where going back leads, and the re-execution under way. */
  private readonly goingBack = new GoingBack(() => this.history);
  /** The seq of the lifecycle record the session is stopped at, if it stopped at one. */
  private eventStopSeq: number | null = null;
  /** The highest seq the Debug Console has shown: a re-executed run does not show records again. */
  private shownSeq = 0;
  private engineStarted!: () => void;
  /** Resolves once the launch made the session's first engine (goToEvent may come right after it). */
  private readonly launched = new Promise<void>((resolve) => (this.engineStarted = resolve));

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  /** A request that throws answers with an error instead of taking the adapter down. */
  protected override dispatchRequest(request: DebugProtocol.Request): void {
    try {
      super.dispatchRequest(request);
    } catch (error) {
      this.sendErrorResponse(new Response(request), { id: 9000, format: `${request.command} failed: ${(error as Error).message}`, showUser: true });
    }
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsExceptionFilterOptions: true,
      supportsExceptionInfoRequest: true,
      supportsTerminateRequest: true,
      supportsStepBack: true,
      exceptionBreakpointFilters: exceptionBreakpointFilters(),
    };
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configured();
    this.sendResponse(response);
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: WidgetLaunchArguments): Promise<void> {
    const plan = planLaunch(args ?? {});
    if (!plan.ok) {
      this.sendErrorResponse(response, { id: 1001, format: plan.error.message, showUser: true });
      return;
    }
    if (plan.stopOnEntry) this.stopAtNextEvent = 'entry';
    this.history = new SessionRecording(plan.replay);
    this.recordTo = plan.record;
    const replaying = this.history.replaying;
    this.launchOptions = replaying ? { ...replaying.options, ...(plan.options.trace ? { trace: plan.options.trace } : {}) } : plan.options;
    let engine: WidgetEngine;
    try {
      engine = this.startEngine();
    } catch (error) {
      this.sendErrorResponse(response, { id: 1002, format: `Cannot start the widget: ${(error as Error).message}`, showUser: true });
      return;
    }
    this.sendResponse(response);
    this.engineStarted();
    if (replaying?.widgetChanged) this.sendEvent(notice(`The widget file ${plan.options.program} is not the one recorded: the replay may go another way.`));
    if (this.recordTo) this.sendEvent(notice(`Recording this session to ${this.recordTo} (replay it with the launch argument "replay").`, 'console'));
    this.runEngine(engine);
  }

  /** A new engine for this session's run, with the debugger's hooks; it becomes the session's engine. */
  private startEngine(): WidgetEngine {
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation && !this.disposed;
    const options = this.launchOptions!;
    const engine = createEngine({
      ...options,
      mode: 'debug',
      debug: {
        // The adapter speaks CDP through the relay (cdp/inspectorRelay.ts), the process's only
        // inspector endpoint: no `--inspect`, so Node opens no server (and no port) of its own.
        execArgv: () => relayExecArgv(),
        onExtensionSpawn: async (info) => {
          // A process of an engine the session replaced runs for nobody.
          if (!current()) info.child.kill('SIGKILL');
          else if (this.goingBack.attaches(info.launch)) await this.attachExtension(info);
        },
        beforeEvent: (record) => (current() ? this.beforeEvent(record) : Promise.resolve()),
        unhandledEvent: (record, info) => (current() ? this.unhandledEvent(record, info.error) : Promise.resolve()),
      },
    });
    this.engine = engine;
    this.history?.watch(engine, options);
    engine.on('state', (state) => current() && this.stateEvents.push(state));
    engine.on('output', (output) => current() && this.forwardOutput(output));
    engine.on('trace', (record) => {
      if (!current() || record.seq <= this.shownSeq) return;
      this.shownSeq = record.seq;
      this.sendEvent(traceLine(record));
    });
    engine.on('finding', (finding) => current() && this.sendEvent(findingOutput(finding)));
    engine.on('extensionExit', ({ pid }) => current() && this.extensionGone(pid));
    return engine;
  }

  private runEngine(engine: WidgetEngine): void {
    this.run(engine).catch((error: Error) => {
      if (this.disposed || engine !== this.engine) return;
      this.sendEvent(notice(`The widget could not start: ${error.message}`));
      this.sendEvent(new TerminatedEvent());
    });
  }

  /**
   * Once the client has configured the session, starts the system, then lets the simulated
   * clock jump from scheduled moment to scheduled moment up to the CLI's default horizon (one
   * virtual hour); advanceClock goes further.
   */
  private async run(engine: WidgetEngine): Promise<void> {
    await this.configurationDoneOrLate();
    if (this.disposed || engine !== this.engine) return;
    const replaying = this.history?.replaying;
    const start = Date.parse(engine.snapshot().now);
    const horizon = Math.max(start + VIRTUAL_HORIZON_MS, replaying ? Date.parse(replaying.recording.header.options.until) : 0);
    let result: RunResult;
    if (replaying) {
      result = await replaying.drive(engine, horizon);
    } else {
      await engine.start();
      if (this.disposed || engine !== this.engine) return;
      result = await engine.runUntil(horizon);
    }
    if (this.disposed || engine !== this.engine) return;
    if (result.loadFailed) {
      this.sendEvent(notice('The widget failed to load; fix the error above and restart the session.'));
      this.sendEvent(new TerminatedEvent());
      return;
    }
    const reach = horizon === start + VIRTUAL_HORIZON_MS ? ' (one virtual hour)' : ' (the recorded run\'s end)';
    this.sendEvent(notice(`Reached ${new Date(horizon).toISOString()}${reach}; advance the clock to go on.`, 'console'));
  }

  /**
   * Nothing runs before configurationDone: the breakpoints and filters a client sends after
   * `initialized` bind before any user code. The launch itself is answered at once, since a
   * client may wait for that answer before configuring (DAP leaves the order open); clients that
   * never send configurationDone (some test clients) still get a session after a while.
   */
  private async configurationDoneOrLate(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, CONFIGURATION_DONE_FALLBACK_MS)));
    await Promise.race([this.configurationDone, late]);
    clearTimeout(timer);
  }

  // ---- engine hooks --------------------------------------------------------------------

  private async attachExtension(info: ExtensionSpawnInfo): Promise<void> {
    try {
      const target = await this.threads.attach(info, this.eventBreakpoints.uncaughtErrors, {
        // Re-executing the run up to a record: a line breakpoint or exception before it does not stop.
        stopped: (t, stop) => (this.goingBack.rewinding ? void t.resume().catch(() => undefined) : this.reportStop(t.threadId, stop)),
        breakpointChanged: (b) => this.sendEvent(new BreakpointEvent('changed', this.lineBreakpoints.toDap(b) as DebugProtocol.Breakpoint)),
        logpoint: (message, path, line) => this.sendEvent(logpointOutput(message, path, line)),
        steppedOutOfHandler: () => {
          this.stopAtNextEvent ??= 'step';
        },
      });
      if (this.disposed) {
        target.detach();
        return;
      }
      this.threads.adopt(target);
      target.cdp.whenClosed(() => this.connectionClosed(target.pid, info.child));
      this.sendEvent(new ThreadEvent('started', target.threadId));
    } catch (error) {
      // A process nobody attached to must not run the widget undebugged: end it and say why.
      info.child.kill('SIGKILL');
      this.sendEvent(notice(`Cannot attach to the widget extension (pid ${info.pid}): ${(error as Error).message}`));
    }
  }

  private async beforeEvent(record: TraceRecord): Promise<{ pause?: boolean } | void> {
    // Re-executing the run: no stop before the record gone back to, the chosen one there.
    const arrival = this.goingBack.arrive(record);
    if (arrival === 'before') return;
    const reason = arrival !== 'live' ? arrival : this.stopAtNextEvent ?? (this.eventBreakpoints.matches(record) ? 'breakpoint' : null);
    if (reason === null || this.disposed) return;
    this.stopAtNextEvent = null;
    this.eventStopSeq = record.seq;
    const target = this.threads.ofProcess(record.pid);
    if (isExtensionEvent(record.event) && HANDLER_EVENTS.has(record.event) && target && !target.cdp.closed) {
      target.expectEventStop(record, reason);
      return { pause: true };
    }
    await this.system.hold(record, () => this.reportStop(SYSTEM_THREAD_ID, { reason, description: describeEvent(record) }));
  }

  /**
   * The kit was asked to stop before the handler of `record` but the widget has none for it:
   * the stop beforeEvent promised happens on the System thread instead, saying so.
   */
  private async unhandledEvent(record: TraceRecord, error: string | undefined): Promise<void> {
    const reason = this.threads.ofProcess(record.pid)?.dropExpectedStop(record) ?? null;
    if (reason === null || this.disposed) return;
    await this.system.hold(record, () => this.reportStop(SYSTEM_THREAD_ID, { reason, description: describeUnhandledEvent(record, error) }));
  }

  private reportStop(threadId: number, stop: ExtensionStop): void {
    const event: DebugProtocol.StoppedEvent = new StoppedEvent(stop.reason, threadId, stop.text);
    event.body.description = stop.description;
    event.body.allThreadsStopped = false;
    this.sendEvent(event);
  }

  /**
   * A process's exit closes its inspector connection too, in no fixed order with the system
   * noticing the exit. The thread ends on the system's extensionExit, which follows its
   * extensionTerminate record, so the Debug Console and the threads read the same every run.
   * Only a connection lost while the process lives on ends the thread here, after a grace
   * period in which an exit would still come.
   */
  private connectionClosed(pid: number, child: ChildProcess): void {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => this.extensionGone(pid), CONNECTION_LOST_GRACE_MS);
    child.once('exit', () => clearTimeout(timer));
  }

  private extensionGone(pid: number | null): void {
    this.threadsEnded(this.threads.end(pid));
  }

  private threadsEnded(threadIds: number[]): void {
    for (const threadId of threadIds) {
      // A thread killed while stopped never resumed: say so first, or VS Code keeps showing the
      // session as paused on that stop after the thread is gone.
      this.sendEvent(new ContinuedEvent(threadId, false));
      this.sendEvent(new ThreadEvent('exited', threadId));
    }
  }

  private forwardOutput(output: EngineOutput): void {
    if (output.category === 'stderr' && output.pid !== null) this.threads.noteOutput(output.pid, output.text);
    const event = widgetOutput(output);
    if (event) this.sendEvent(event);
  }

  /** Runs to the next lifecycle event: releases every stop, then stops at whatever event comes. */
  private async runToNextEvent(): Promise<void> {
    this.stopAtNextEvent = 'step';
    this.resetReferences();
    this.releaseSystemStop();
    await this.threads.resumePaused();
  }

  /** Releases the System thread's stop; an event already waiting becomes the next stop. */
  private releaseSystemStop(): void {
    this.system.release();
    if (this.system.heldRecord) this.stopAtNextEvent = null;
  }

  private resetReferences(): void {
    this.variables.reset();
    this.frames.reset();
    this.eventStopSeq = null;
  }

  // ---- breakpoints ---------------------------------------------------------------------

  protected override async setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): Promise<void> {
    const path = args.source.path;
    if (!path) {
      response.body = { breakpoints: (args.breakpoints ?? []).map(() => ({ verified: false, message: 'Only files on disk can hold breakpoints.' })) };
      this.sendResponse(response);
      return;
    }
    const breakpoints = this.lineBreakpoints.set(path, args.breakpoints ?? (args.lines ?? []).map((line) => ({ line })));
    await this.threads.syncBreakpoints(path);
    response.body = { breakpoints: breakpoints.map((b) => this.lineBreakpoints.toDap(b) as DebugProtocol.Breakpoint) };
    this.sendResponse(response);
  }

  protected override async setExceptionBreakPointsRequest(
    response: DebugProtocol.SetExceptionBreakpointsResponse,
    args: DebugProtocol.SetExceptionBreakpointsArguments,
  ): Promise<void> {
    response.body = { breakpoints: this.eventBreakpoints.setFilters(args) };
    await this.threads.setPauseOnUncaught(this.eventBreakpoints.uncaughtErrors);
    this.sendResponse(response);
  }

  protected override setFunctionBreakPointsRequest(
    response: DebugProtocol.SetFunctionBreakpointsResponse,
    args: DebugProtocol.SetFunctionBreakpointsArguments,
  ): void {
    response.body = { breakpoints: this.eventBreakpoints.setFunctions(args) };
    this.sendResponse(response);
  }

  // ---- threads, stacks, variables ------------------------------------------------------

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    const threads = [new Thread(SYSTEM_THREAD_ID, SYSTEM_THREAD_NAME)];
    for (const target of this.threads.all) threads.push(new Thread(target.threadId, `Widget extension (pid ${target.pid})`));
    response.body = { threads };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const frames = args.threadId === SYSTEM_THREAD_ID ? this.frames.systemFrames(this.system.heldRecord) : this.frames.extensionFrames(this.threads.get(args.threadId));
    const start = args.startFrame ?? 0;
    response.body = { stackFrames: frames.slice(start, args.levels ? start + args.levels : undefined), totalFrames: frames.length };
    this.sendResponse(response);
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    response.body = { scopes: this.frames.scopes(args.frameId, this.engine?.snapshot() ?? null) };
    this.sendResponse(response);
  }

  protected override async variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): Promise<void> {
    try {
      response.body = { variables: await this.variables.variables(args) };
    } catch {
      response.body = { variables: [] };
    }
    this.sendResponse(response);
  }

  protected override async evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): Promise<void> {
    const ref = args.frameId === undefined ? undefined : this.frames.get(args.frameId);
    if (ref?.kind === 'system') {
      const body = this.frames.evaluateOnSystemFrame(ref.record, args.expression, this.engine?.snapshot() ?? null);
      if ('error' in body) this.sendErrorResponse(response, { id: 2004, format: body.error, showUser: false });
      else {
        response.body = body;
        this.sendResponse(response);
      }
      return;
    }
    const target = ref?.kind === 'extension' ? ref.target : this.threads.evaluationTarget();
    if (!target) {
      this.sendErrorResponse(response, { id: 2001, format: 'No widget extension process is running to evaluate in; stop at an event or breakpoint first.', showUser: false });
      return;
    }
    try {
      const { result, error } = await target.evaluate(args.expression, ref?.kind === 'extension' ? ref.frame.callFrameId : undefined);
      if (error !== undefined) {
        this.sendErrorResponse(response, { id: 2002, format: error, showUser: false });
        return;
      }
      const variable = this.variables.remoteVariable(target.cdp, args.expression, result);
      response.body = { result: variable.value, type: variable.type, variablesReference: variable.variablesReference, indexedVariables: variable.indexedVariables };
      this.sendResponse(response);
    } catch (error) {
      this.sendErrorResponse(response, { id: 2003, format: (error as Error).message, showUser: false });
    }
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse, args: DebugProtocol.ExceptionInfoArguments): void {
    const exception = this.threads.get(args.threadId)?.lastException;
    response.body = { exceptionId: 'Error', description: exception?.description, breakMode: 'unhandled', details: { stackTrace: exception?.text } };
    this.sendResponse(response);
  }

  // ---- execution control ---------------------------------------------------------------

  protected override async continueRequest(response: DebugProtocol.ContinueResponse, args: DebugProtocol.ContinueArguments): Promise<void> {
    this.resetReferences();
    // Answered before the thread runs on: whatever the run does next (the next lifecycle record
    // in the Debug Console, a stop) comes after the answer, however fast the process is.
    response.body = { allThreadsContinued: false };
    this.sendResponse(response);
    if (args.threadId === SYSTEM_THREAD_ID) this.system.release();
    else await this.threads.get(args.threadId)?.resume().catch(() => undefined);
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): Promise<void> {
    return this.step(response, args.threadId, 'next');
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): Promise<void> {
    return this.step(response, args.threadId, 'stepIn');
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): Promise<void> {
    return this.step(response, args.threadId, 'stepOut');
  }

  private async step(response: DebugProtocol.Response, threadId: number, kind: 'next' | 'stepIn' | 'stepOut'): Promise<void> {
    this.resetReferences();
    // On the System thread every step runs to the next lifecycle event (DESIGN.md section 4).
    if (threadId === SYSTEM_THREAD_ID) {
      this.stopAtNextEvent = 'step';
      this.releaseSystemStop();
    } else {
      await this.threads.get(threadId)?.step(kind).catch(() => undefined);
    }
    this.sendResponse(response);
  }

  protected override async pauseRequest(response: DebugProtocol.PauseResponse, args: DebugProtocol.PauseArguments): Promise<void> {
    if (args.threadId === SYSTEM_THREAD_ID) this.stopAtNextEvent = 'pause';
    else await this.threads.get(args.threadId)?.pause().catch(() => undefined);
    this.sendResponse(response);
  }

  // ---- going back (DESIGN.md section 11) ------------------------------------------------

  /** The record the session stands at: the lifecycle stop's, or just after the last record written. */
  private currentSeq(): number {
    return this.eventStopSeq ?? (this.history?.lastSeq ?? 0) + 1;
  }

  protected override async stepBackRequest(response: DebugProtocol.StepBackResponse): Promise<void> {
    await this.goBack(response, this.goingBack.stepBack(this.currentSeq()));
  }

  protected override async reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): Promise<void> {
    await this.goBack(response, this.goingBack.reverseContinue(this.currentSeq(), (r) => this.eventBreakpoints.matches(r)));
  }

  /** goToEvent { seq }: the run re-executed to that trace record, stopped there. */
  private async goToEvent(response: DebugProtocol.Response, args: unknown): Promise<void> {
    await Promise.race([this.launched, new Promise((resolve) => setTimeout(resolve, CONFIGURATION_DONE_FALLBACK_MS).unref())]);
    await this.goBack(response, this.goingBack.goTo(args));
  }

  /**
   * Re-executes the run in a fresh system up to the chosen trace record and stops there: the
   * engine and its processes go, a new engine replays the recorded run (the widget's seed, the
   * network's recorded answers, the user's actions at their places) without stopping before
   * it. The answer goes first; the stop follows as the run gets there.
   */
  private async goBack(response: DebugProtocol.Response, choice: RewindChoice): Promise<void> {
    if (!choice.ok) return this.sendErrorResponse(response, { id: choice.id, format: choice.message, showUser: true });
    const history = this.history;
    const old = this.engine;
    if (!history || !old) return this.sendErrorResponse(response, { id: 3105, format: 'The session has not started yet.', showUser: true });
    const until = Date.parse(old.snapshot().now);
    let engine: WidgetEngine;
    try {
      history.rewindSource(until);
      this.goingBack.begin(choice.target);
      this.stopAtNextEvent = null;
      this.resetReferences();
      this.system.releaseAll();
      this.threadsEnded(this.threads.endAll());
      engine = this.startEngine();
    } catch (error) {
      this.goingBack.cancel();
      return this.sendErrorResponse(response, { id: 3106, format: `Cannot go back: ${(error as Error).message}`, showUser: true });
    }
    if (choice.target.body !== undefined) response.body = choice.target.body;
    this.sendResponse(response);
    await old.dispose('sessionEnd').catch(() => undefined);
    this.runEngine(engine);
  }

  protected override async customRequest(command: string, response: DebugProtocol.Response, args: unknown): Promise<void> {
    if (command === 'goToEvent') return this.goToEvent(response, args);
    const result = await this.lifecycle.handle(command, args, () => this.releaseAllStops());
    if (result.ok) {
      response.body = result.body;
      this.sendResponse(response);
    } else {
      this.sendErrorResponse(response, { id: 3001, format: result.message, showUser: true });
    }
  }

  /** Before the extension is killed while stopped: no hold may outlive it. */
  private releaseAllStops(): void {
    this.resetReferences();
    this.system.releaseAll();
  }

  // ---- end of session ------------------------------------------------------------------

  protected override async disconnectRequest(response: DebugProtocol.DisconnectResponse): Promise<void> {
    await this.disposeEngine();
    this.sendResponse(response);
    this.shutdown();
  }

  protected override async terminateRequest(response: DebugProtocol.TerminateResponse): Promise<void> {
    await this.disposeEngine();
    this.sendResponse(response);
    this.sendEvent(new TerminatedEvent());
  }

  /** Also reached when the client's stream closes: the engine goes first, then (stdio) the process. */
  override shutdown(): void {
    void this.disposeEngine().finally(() => super.shutdown());
  }

  /** Disposes the engine: no process, port or temporary file outlives the session. */
  async disposeEngine(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.stateEvents.flush();
    this.system.releaseAll();
    this.threads.detachAll();
    const engine = this.engine;
    this.engine = null;
    const until = engine ? Date.parse(engine.snapshot().now) : 0;
    await engine?.dispose('sessionEnd').catch(() => undefined);
    this.writeRecording(until);
    this.history?.dispose();
  }

  /** The session's recording, where `record` said (a write that fails loses only the recording). */
  private writeRecording(until: number): void {
    const text = this.recordTo ? this.history?.text(until) : undefined;
    if (!this.recordTo || !text) return;
    try {
      writeFileSync(this.recordTo, text);
    } catch {
      // The session is over; there is nobody left to tell.
    }
  }
}
