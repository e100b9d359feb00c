// What the system told this launch in its `start` message and the runtime APIs read later:
// storage directories that survive terminations and the task identifiers this process may use.
import type { ToExtension } from '../protocol/ipc';

type StartMessage = Extract<ToExtension, { type: 'start' }>;

class LaunchSettings {
  private start: StartMessage | null = null;
  private nextTaskId = 1;

  apply(start: StartMessage): void {
    this.start = start;
    this.nextTaskId = start.nextTaskId;
  }

  get current(): StartMessage | null {
    return this.start;
  }

  /** Task identifiers stay unique across relaunches: the system hands out the first one. */
  takeTaskId(): number {
    return this.nextTaskId++;
  }
}

export const launchSettings = new LaunchSettings();
