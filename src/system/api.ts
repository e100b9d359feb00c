// The engine's public face: what the debug adapter, the preview and the CLI construct and
// drive. The engine knows nothing of DAP or VS Code (STYLE.md, after vscode-mock-debug).
import type { ChildProcess } from 'node:child_process';
import type {
  Finding,
  JsonValue,
  LifecycleEventName,
  TerminationReason,
  TraceRecord,
  WidgetFamily,
  WidgetStateSnapshot,
} from '../protocol/lifecycle';
import type { RecordedNetwork } from './transfers/recordedNetwork';
import type { PushResult } from './widgetPushes';

/** A fixture response (DESIGN.md section 5). */
export interface FixtureResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  file?: string;
  delayMs?: number;
  bytesPerSecond?: number;
  fail?: 'timeout' | 'reset' | 'offline' | 'dns';
}

/** `{ "<url>" | "<METHOD> <url>": response | [response, ...] }` */
export type FixtureMap = Record<string, FixtureResponse | FixtureResponse[]>;

export interface TerminateRule {
  /** Lifecycle event name. */
  at: LifecycleEventName;
  /** 1-based occurrence of that event; default 1. */
  occurrence?: number;
  mode?: 'system' | 'forceQuit';
}

/** Apple's background time limit for a widget extension, about 30 s (DESIGN.md section 3). */
export const DEFAULT_BACKGROUND_TIME_LIMIT_MS = 30_000;

/** The background time limit a system runs with. */
export function backgroundTimeLimit(options: Pick<SystemOptions, 'backgroundTimeLimitMs'>): number {
  return options.backgroundTimeLimitMs ?? DEFAULT_BACKGROUND_TIME_LIMIT_MS;
}

/** Default memory limit of the widget extension: about 30 MB (src/protocol/memory.ts cites Apple). */
export const DEFAULT_MEMORY_LIMIT_MB = 30;

/** The memory limit, in bytes, a system runs with. */
export function memoryLimitBytes(options: Pick<SystemOptions, 'memoryLimitMb'>): number {
  return (options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB) * 1024 * 1024;
}

export interface SystemOptions {
  /** The user's widget file (TypeScript or JavaScript, ESM or CommonJS). */
  program: string;
  kind?: string;
  family?: WidgetFamily;
  device?: string;
  /** Virtual start time; default: the real now. */
  now?: Date;
  clock?: 'live' | 'simulated';
  network?: {
    fixtures?: string | FixtureMap;
    offline?: boolean;
    /**
     * Replay (DESIGN.md section 11): what the real network answered in the recorded run, served
     * instead of the network, which a replay never reaches. Not validated as a fixtures file.
     */
    recorded?: RecordedNetwork;
  };
  terminate?: TerminateRule[];
  memoryLimitMb?: number;
  backgroundTimeLimitMs?: number;
  /** Virtual time a suspended extension lives before the system terminates it (reason idle); default 5 min. */
  idleTerminationMs?: number;
  /** Daily reload budget; default 70. */
  budget?: number;
  /** Daily push budget (DESIGN.md section 10); default 50. */
  pushBudget?: number;
  /** Pushes planned in advance (CLI `--push-at`), at these virtual moments (ISO). */
  pushAt?: string[];
  /** JSON Lines trace file to write. */
  trace?: string;
  cwd?: string;
  env?: Record<string, string>;
  runtimeExecutable?: string;
  /**
   * The seed of the widget's Math.random and crypto randomness (DESIGN.md section 11); absent:
   * a new one per run, told by WidgetSystem.seed so a recording can replay it.
   */
  seed?: number;
  mode: 'cli' | 'debug' | 'preview';
  /** Debugging hooks; the CLI and the preview leave them out. */
  debug?: SystemDebugHooks;
}

export interface ExtensionSpawnInfo {
  pid: number;
  launch: number;
  child: ChildProcess;
}

export interface SystemDebugHooks {
  /** Extra node arguments for the extension process, e.g. the inspector relay's `--import` (src/debug/cdp/inspectorRelay.ts). */
  execArgv?: (launch: number) => string[];
  /**
   * Called once the extension process exists, before it runs user code. The system waits for
   * the returned promise (the adapter attaches the inspector and sets breakpoints meanwhile).
   */
  onExtensionSpawn?: (info: ExtensionSpawnInfo) => Promise<void>;
  /**
   * Called for every lifecycle event before it takes effect: system-side events before the
   * system goes on, extension-side events before the handler runs. Resolve to continue; for an
   * extension-side event resolve to `{ pause: true }` to have the kit stop in the debugger just
   * before the user's handler.
   */
  beforeEvent?: (record: TraceRecord) => Promise<{ pause?: boolean } | void>;
  /**
   * Called after an extension-side event for which beforeEvent asked to pause, when the kit
   * answered that no user handler ran (the widget has none for it), so nothing stopped. The
   * system waits for the returned promise (the adapter stops on its System thread instead).
   * `error` is what the kit reported instead of calling a handler, if anything (e.g. no live
   * session with that identifier).
   */
  unhandledEvent?: (record: TraceRecord, info: { error?: string }) => Promise<void>;
}

export interface RunResult {
  findings: Finding[];
  /** true when the widget could not be loaded (exit code 2 in the CLI). */
  loadFailed: boolean;
  records: number;
}

/** A tap on a Button or Toggle (DESIGN.md section 10). */
export interface TapRequest {
  intent: string;
  /** Absent: the parameters bound to the first Button or Toggle of the intent on screen ({} if none). */
  parameters?: { [key: string]: JsonValue };
}

export interface AdvanceClockRequest {
  to?: string;
  by?: number;
  next?: 'entry' | 'reload' | 'event';
}

/**
 * The simulated system. Events: 'trace' (TraceRecord), 'state' (WidgetStateSnapshot),
 * 'finding' (Finding), 'output' ({ category: 'stdout' | 'stderr' | 'console', text, pid }),
 * 'extensionExit' ({ pid, launch, reason: TerminationReason }), 'idle' (nothing scheduled).
 */
export interface WidgetSystemApi {
  /** Starts the system: first launch, placeholder, snapshot, timeline. */
  start(): Promise<void>;
  /** Runs until the virtual horizon (ISO or ms since the epoch) and settles; the CLI uses it. */
  runUntil(horizon: number): Promise<RunResult>;
  terminateExtension(mode: 'system' | 'forceQuit'): Promise<void>;
  advanceClock(request: AdvanceClockRequest): Promise<string>;
  reloadTimelines(kind?: string): Promise<void>;
  setFamily(family: WidgetFamily): Promise<void>;
  /** A tap on a Button or Toggle (section 10): performs the intent, then reloads; TapError for an unknown intent. */
  tap(request: TapRequest): Promise<void>;
  /** A push for the widget now (DESIGN.md section 10): recorded, then acted on or not; settles. */
  sendPush(): Promise<PushResult>;
  snapshot(): WidgetStateSnapshot;
  findings(): Finding[];
  /** Kills the extension process, stops transfers, removes temporary files. */
  dispose(reason?: TerminationReason): Promise<void>;
}
