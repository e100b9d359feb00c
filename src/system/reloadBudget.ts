// The daily timeline reload budget. Apple: "WidgetKit imposes a daily budget on reloads ... a
// frequently viewed widget generally receives a maximum of 40 to 70 refreshes per day"
// (Keeping a widget up to date). Policy reloads and WidgetCenter reloads spend it; the first
// timeline of a launch for display does not. The window is a virtual day from the start.
const DAY_MS = 24 * 60 * 60 * 1000;

export class ReloadBudget {
  private used = 0;
  private windowStart: number;

  constructor(readonly limit: number, start: number) {
    this.windowStart = start;
  }

  /** Spends one reload at virtual time `now`; false when the day's budget is already spent. */
  trySpend(now: number): boolean {
    this.roll(now);
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }

  status(now: number): { used: number; limit: number; resetsAt: string } {
    this.roll(now);
    return { used: this.used, limit: this.limit, resetsAt: new Date(this.windowStart + DAY_MS).toISOString() };
  }

  private roll(now: number): void {
    while (now >= this.windowStart + DAY_MS) {
      this.windowStart += DAY_MS;
      this.used = 0;
    }
  }
}
