// Coalesces the engine's 'state' snapshots into at most one `widgetState` DAP event per interval:
// the first change goes out at once, later ones within the interval collapse into the latest.
import type { WidgetStateSnapshot } from '../protocol/lifecycle';

export class WidgetStateEvents {
  private timer: NodeJS.Timeout | null = null;
  private latest: WidgetStateSnapshot | null = null;

  constructor(private readonly send: (state: WidgetStateSnapshot) => void, private readonly intervalMs = 50) {}

  push(state: WidgetStateSnapshot): void {
    if (this.timer) {
      this.latest = state;
      return;
    }
    this.send(state);
    this.arm();
  }

  /** Sends what is still waiting and stops the timer. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const latest = this.latest;
    this.latest = null;
    if (latest) this.send(latest);
  }

  private arm(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const latest = this.latest;
      this.latest = null;
      if (latest) {
        this.send(latest);
        this.arm();
      }
    }, this.intervalMs);
  }
}
