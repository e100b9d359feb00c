// What the system needs of one widget extension process: a channel that speaks
// src/protocol/ipc.ts, can be killed, and says where its busy code runs. ExtensionProcess is the
// real one (a forked child); tests of the system's rules give the system an in-memory one
// (test/system/inMemoryExtension.ts) through WidgetSystem's seams. ExtensionHost alone holds it.
import type { ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import type { ToExtension } from '../protocol/ipc';
import type { SourceLocation } from '../protocol/lifecycle';

/**
 * Events: 'message' (ToSystem, validated with parseToSystem), 'protocolError' (Error),
 * 'output' (ExtensionOutput), 'exit' ({ code, signal }). Nothing is emitted before `adopt`.
 */
export interface ExtensionChannel extends EventEmitter {
  readonly pid: number | null;
  /** The launch this process serves; 0 until it is adopted. */
  readonly launch: number;
  /** Messages sent to this process so far (its `quiescent` reports count them back). */
  readonly sent: number;
  /** True from the moment the system decided to kill this process. */
  readonly killed: boolean;
  readonly exited: boolean;
  /** The OS process, when there is one (a debugger attaches to it). */
  readonly child?: ChildProcess;
  /** Becomes `launch`'s process: from now on it may speak. */
  adopt(launch: number): void;
  send(message: ToExtension): void;
  /** SIGKILL: the handler in progress never finishes. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** Where the user's code runs while the process's event loop is held, if that can be told. */
  locateBusyCode(): Promise<SourceLocation | undefined>;
  /** Stops the process as out of memory (off-heap) should its resident size pass `ceilingBytes`. */
  guardResident(ceilingBytes: number): void;
}

/** Makes the process of a launch (the seam tests use instead of forking the kit). */
export type ExtensionFactory = (launch: number) => ExtensionChannel;
