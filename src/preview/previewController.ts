// The preview's run-on-save controller, free of the vscode module: it runs the engine for one
// widget file in simulated time (`mode: 'preview'`), forwards every state snapshot to the panel,
// reruns after a save (debounced), and routes the panel's lifecycle buttons to whoever drives the
// widget: its own engine, or a debug session it follows (whose widgetState then replaces the
// engine's, and whose custom requests get the buttons).
import { dirname } from 'node:path';
import type { WidgetFamily, WidgetStateSnapshot } from '../protocol/lifecycle';
import type { FromWebview, SnapshotSource } from '../protocol/webview';
import type { AdvanceClockRequest, FixtureMap, SystemOptions, TapRequest, WidgetSystemApi } from '../system/api';

/** What the controller needs of the engine: the public API plus its 'state' event. */
export interface PreviewEngine extends WidgetSystemApi {
  on(event: 'state', listener: (snapshot: WidgetStateSnapshot) => void): unknown;
}

export type EngineFactory = (options: SystemOptions) => PreviewEngine;

/** The lifecycle buttons' receiver: the engine itself, or a debug session's custom requests. */
export interface LifecycleTarget {
  terminateExtension(mode: 'system' | 'forceQuit'): Promise<unknown>;
  advanceClock(request: AdvanceClockRequest): Promise<unknown>;
  reloadTimelines(kind?: string): Promise<unknown>;
  /** A WidgetKit push now (DESIGN.md section 10). */
  sendPush(): Promise<unknown>;
  setFamily(family: WidgetFamily): Promise<unknown>;
  /** A tap on a Button or Toggle: the intent performed, then the timelines reload. */
  tap(request: TapRequest): Promise<unknown>;
  /** A debug session only: re-executes the run to trace record `seq` (goToEvent). */
  goToEvent?(seq: number): Promise<unknown>;
}

/** Where the controller's results go: the panel, and the Problems view. */
export interface PreviewSink {
  state(snapshot: WidgetStateSnapshot, source: SnapshotSource): void;
  notice(level: 'info' | 'warning' | 'error', text: string): void;
  findings(snapshot: WidgetStateSnapshot): void;
}

export interface PreviewSettings {
  /** A `<base>.fixtures.json` beside the widget, else the matching launch configuration's fixtures. */
  fixtures?: string | FixtureMap;
  device?: string;
}

/**
 * After the first timeline, the preview lets the background work it started play out (the
 * download, the wake, the reload), as it would on a device moments after the widget appears,
 * within this much virtual time and this many scheduled moments.
 */
const SETTLE_VIRTUAL_MS = 10 * 60 * 1000;
const SETTLE_MAX_STEPS = 20;

function backgroundWorkPending(snapshot: WidgetStateSnapshot): boolean {
  return (
    snapshot.pendingEvents.length > 0 ||
    snapshot.sessions.some((session) => session.tasks.some((task) => task.state === 'running' || task.state === 'suspended'))
  );
}

export class PreviewController {
  private engine: PreviewEngine | null = null;
  private generation = 0;
  private rerunTimer: ReturnType<typeof setTimeout> | undefined;
  private debugTarget: { target: LifecycleTarget; name: string } | null = null;
  private disposed = false;

  constructor(
    readonly program: string,
    private readonly createEngine: EngineFactory,
    private readonly sink: PreviewSink,
    private readonly settings: () => PreviewSettings,
  ) {}

  get followingDebug(): boolean {
    return this.debugTarget !== null;
  }

  /** (Re)starts the engine on the widget file; a debug session being followed takes precedence. */
  async run(): Promise<void> {
    clearTimeout(this.rerunTimer);
    if (this.disposed || this.debugTarget) return;
    const generation = ++this.generation;
    await this.stopEngine();
    const settings = this.settings();
    const options: SystemOptions = {
      program: this.program,
      mode: 'preview',
      clock: 'simulated',
      cwd: dirname(this.program),
      ...(settings.device ? { device: settings.device } : {}),
      ...(settings.fixtures ? { network: { fixtures: settings.fixtures } } : {}),
    };
    let engine: PreviewEngine;
    try {
      engine = this.createEngine(options);
    } catch (error) {
      this.sink.notice('error', `The preview could not start the widget system: ${messageOf(error)}`);
      return;
    }
    this.engine = engine;
    engine.on('state', (snapshot) => {
      if (generation === this.generation && !this.debugTarget) this.publish(snapshot);
    });
    try {
      await engine.start();
      await this.settleBackgroundWork(engine, generation);
      if (generation === this.generation && !this.debugTarget) this.publish(engine.snapshot());
    } catch (error) {
      if (generation === this.generation) this.sink.notice('error', `The widget run stopped: ${messageOf(error)}`);
    }
  }

  private async settleBackgroundWork(engine: PreviewEngine, generation: number): Promise<void> {
    const until = Date.parse(engine.snapshot().now) + SETTLE_VIRTUAL_MS;
    for (let step = 0; step < SETTLE_MAX_STEPS; step++) {
      const snapshot = engine.snapshot();
      if (generation !== this.generation || this.debugTarget || !backgroundWorkPending(snapshot)) return;
      if (Date.parse(snapshot.now) >= until) return;
      await engine.advanceClock({ next: 'event' });
    }
  }

  /** A save of the widget (or its fixtures): rerun once the saves stop for `debounceMs`. */
  scheduleRerun(debounceMs: number): void {
    clearTimeout(this.rerunTimer);
    this.rerunTimer = setTimeout(() => void this.run(), Math.max(0, debounceMs));
  }

  /** A debug session on this widget: its widgetState events replace the preview's own run. */
  follow(session: { name: string; replaying: boolean }, target: LifecycleTarget, snapshot: WidgetStateSnapshot): void {
    const starting = !this.debugTarget;
    const name = session.name;
    this.debugTarget = { target, name };
    if (starting) {
      this.generation++;
      void this.stopEngine();
    }
    this.sink.state(snapshot, { kind: 'debug', sessionName: name, ...(session.replaying ? { replaying: true } : {}) });
  }

  /** The followed debug session ended: the preview runs the widget itself again. */
  unfollow(): void {
    if (!this.debugTarget) return;
    this.debugTarget = null;
    void this.run();
  }

  /** A message from the page other than `ready` and `reveal` (the panel handles those). */
  async handle(message: FromWebview): Promise<void> {
    const target: LifecycleTarget | null = this.debugTarget?.target ?? this.engine;
    if (!target) return;
    try {
      switch (message.type) {
        case 'terminateExtension':
          await target.terminateExtension(message.mode);
          break;
        case 'advanceClock':
          await target.advanceClock({ ...(message.by !== undefined ? { by: message.by } : {}), ...(message.next ? { next: message.next } : {}) });
          break;
        case 'reloadTimelines':
          await target.reloadTimelines();
          break;
        case 'sendPush':
          await target.sendPush();
          break;
        case 'setFamily':
          await target.setFamily(message.family);
          break;
        case 'tap':
          await target.tap({ intent: message.intent, parameters: message.parameters });
          break;
        case 'rerun':
          await this.run();
          return;
        case 'goToEvent':
          if (!target.goToEvent) {
            this.sink.notice('info', 'Going back to an event needs a debug session: start one (F5) and click the event again.');
            return;
          }
          await target.goToEvent(message.seq);
          return;
        default:
          return;
      }
      if (!this.debugTarget && this.engine === target) this.publish(this.engine.snapshot());
    } catch (error) {
      this.sink.notice('error', `${message.type} failed: ${messageOf(error)}`);
    }
  }

  private publish(snapshot: WidgetStateSnapshot): void {
    this.sink.state(snapshot, { kind: 'preview' });
    this.sink.findings(snapshot);
  }

  private async stopEngine(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    if (engine) await engine.dispose('sessionEnd').catch(() => undefined);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.rerunTimer);
    this.generation++;
    await this.stopEngine();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
