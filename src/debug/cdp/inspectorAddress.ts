// The inspector relay's address of each widget extension process. The relay (inspectorRelay.ts)
// lets the OS pick a free port and prints it on stderr ("Widget inspector relay listening on
// tcp://127.0.0.1:PORT/TOKEN"); the engine forwards the child's stderr as 'output' from the
// moment it forks, which can be before the adapter's spawn hook runs, so addresses are
// collected from that output by pid and awaited here.
import { RELAY_LISTENING } from './inspectorRelay';

export class InspectorAddresses {
  private readonly found = new Map<number, string>();
  private readonly partial = new Map<number, string>();
  private readonly waiters = new Map<number, (url: string) => void>();

  /** Feeds a chunk of a process's stderr. */
  note(pid: number, text: string): void {
    if (this.found.has(pid)) return;
    const seen = ((this.partial.get(pid) ?? '') + text).slice(-4096);
    const match = RELAY_LISTENING.exec(seen);
    if (!match) {
      this.partial.set(pid, seen);
      return;
    }
    this.partial.delete(pid);
    this.found.set(pid, match[1]);
    this.waiters.get(pid)?.(match[1]);
    this.waiters.delete(pid);
  }

  /** The process's inspector address, once it printed it. */
  forPid(pid: number, timeoutMs = 10_000): Promise<string> {
    const known = this.found.get(pid);
    if (known) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(pid);
        reject(new Error(`the widget extension process (pid ${pid}) printed no inspector address within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(pid, (url) => {
        clearTimeout(timer);
        resolve(url);
      });
    });
  }

  forget(pid: number): void {
    this.found.delete(pid);
    this.partial.delete(pid);
    this.waiters.delete(pid);
  }
}
