// The widget extension processes a debug session is attached to, one DAP thread each (the System
// thread is systemThread.ts). This part owns them: attaching to a process through the inspector
// address it printed, finding a thread by its id or its process, telling every thread what
// changed (line breakpoints, pausing on uncaught errors) and ending a process's thread. The
// session turns what happens here into DAP events.
import type { ExtensionSpawnInfo } from '../system/api';
import { InspectorAddresses } from './cdp/inspectorAddress';
import { ExtensionTarget, type ExtensionTargetListener } from './extensionTarget';
import type { LineBreakpoints } from './lineBreakpoints';
import { SYSTEM_THREAD_ID } from './systemThread';

export class ExtensionThreads {
  private readonly targets = new Map<number, ExtensionTarget>();
  private readonly addresses = new InspectorAddresses();
  private nextThreadId = SYSTEM_THREAD_ID + 1;

  constructor(private readonly breakpoints: LineBreakpoints) {}

  /** Feeds a process's stderr, where the inspector relay prints its address. */
  noteOutput(pid: number, text: string): void {
    this.addresses.note(pid, text);
  }

  /** Attaches to a new process's inspector; the thread counts once `adopt`ed. */
  async attach(info: ExtensionSpawnInfo, pauseOnUncaught: boolean, listener: ExtensionTargetListener): Promise<ExtensionTarget> {
    const address = await this.addresses.forPid(info.pid);
    return ExtensionTarget.attach({
      threadId: this.nextThreadId++,
      pid: info.pid,
      launch: info.launch,
      address,
      breakpoints: this.breakpoints,
      pauseOnUncaught,
      listener,
    });
  }

  adopt(target: ExtensionTarget): void {
    this.targets.set(target.threadId, target);
  }

  get(threadId: number): ExtensionTarget | undefined {
    return this.targets.get(threadId);
  }

  ofProcess(pid: number | null): ExtensionTarget | undefined {
    return [...this.targets.values()].find((t) => t.pid === pid);
  }

  get all(): ExtensionTarget[] {
    return [...this.targets.values()];
  }

  /** Where an expression without a frame is evaluated: a paused thread, else the oldest one. */
  evaluationTarget(): ExtensionTarget | undefined {
    return this.all.find((t) => t.isPaused) ?? this.all[0];
  }

  async resumePaused(): Promise<void> {
    await Promise.all(this.all.filter((t) => t.isPaused).map((t) => t.resume().catch(() => undefined)));
  }

  async syncBreakpoints(path: string): Promise<void> {
    await Promise.all(this.all.map((t) => t.syncBreakpoints(path).catch(() => undefined)));
  }

  async setPauseOnUncaught(on: boolean): Promise<void> {
    await Promise.all(this.all.map((t) => t.setPauseOnUncaught(on).catch(() => undefined)));
  }

  /** The process ended (or its launch was undone): its threads end. Returns their thread ids. */
  end(pid: number | null): number[] {
    // Also a process nobody attached to (an earlier launch while going back) printed its address.
    if (pid !== null) this.addresses.forget(pid);
    const ended: number[] = [];
    for (const target of this.all) {
      if (target.pid !== pid) continue;
      this.targets.delete(target.threadId);
      target.detach();
      ended.push(target.threadId);
    }
    return ended;
  }

  /** Every process's thread ends (the processes of a replaced engine). Returns their thread ids. */
  endAll(): number[] {
    return this.all.flatMap((t) => this.end(t.pid));
  }

  /** The session is over: every connection closes, no thread is left. */
  detachAll(): void {
    for (const target of this.targets.values()) target.detach();
    this.targets.clear();
  }
}
