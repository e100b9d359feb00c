// One process's share of the session's line breakpoints: the inspector breakpoints set for them
// (by file URL pattern, so they bind when the kit loads the file), their binding reported back,
// and which of them a pause hit. V8 holds one breakpoint per location, so breakpoints sharing a
// line share one inspector breakpoint; a condition goes to V8 only when its breakpoint is alone
// on the line, else the adapter evaluates it at the pause.
import type { CdpConnection } from './cdp/connection';
import type { Protocol } from 'devtools-protocol';
import type { LineBreakpoint, LineBreakpoints } from './lineBreakpoints';
import { scriptUrlRegex } from './scriptOrigin';

export class InspectorBreakpoints {
  /** Inspector breakpoint id -> the DAP breakpoints on that line. */
  private readonly byInspectorId = new Map<string, { ids: number[]; shared: boolean }>();
  private readonly inspectorIdsByPath = new Map<string, string[]>();

  constructor(
    private readonly cdp: CdpConnection,
    private readonly breakpoints: LineBreakpoints,
    private readonly changed: (breakpoint: LineBreakpoint) => void,
  ) {
    cdp.on('Debugger.breakpointResolved', ({ breakpointId, location }) => {
      for (const id of this.byInspectorId.get(breakpointId)?.ids ?? []) {
        if (breakpoints.bound(id, location.lineNumber + 1)) changed(breakpoints.get(id)!);
      }
    });
  }

  /** Replaces this process's breakpoints of one file with the session's current ones. */
  async sync(path: string): Promise<void> {
    for (const inspectorId of this.inspectorIdsByPath.get(path) ?? []) {
      this.byInspectorId.delete(inspectorId);
      await this.cdp.send('Debugger.removeBreakpoint', { breakpointId: inspectorId }).catch(() => undefined);
    }
    const byLine = new Map<number, LineBreakpoint[]>();
    for (const breakpoint of this.breakpoints.forPath(path)) {
      if (breakpoint.message !== undefined && !breakpoint.verified) continue;
      byLine.set(breakpoint.line, [...(byLine.get(breakpoint.line) ?? []), breakpoint]);
    }
    const ids: string[] = [];
    for (const [line, group] of byLine) {
      try {
        const { breakpointId, locations } = await this.cdp.send('Debugger.setBreakpointByUrl', {
          urlRegex: scriptUrlRegex(path),
          lineNumber: line - 1,
          condition: group.length === 1 ? group[0].condition : undefined,
        });
        ids.push(breakpointId);
        this.byInspectorId.set(breakpointId, { ids: group.map((b) => b.id), shared: group.length > 1 });
        for (const breakpoint of group) {
          if (locations[0] && this.breakpoints.bound(breakpoint.id, locations[0].lineNumber + 1)) this.changed(breakpoint);
        }
      } catch (error) {
        for (const breakpoint of group) {
          this.breakpoints.refused(breakpoint.id, (error as Error).message);
          this.changed(breakpoint);
        }
      }
    }
    this.inspectorIdsByPath.set(path, ids);
  }

  /** The DAP breakpoints a pause hit whose conditions hold (`holds` evaluates shared ones). */
  async hitBy(event: Protocol.Debugger.PausedEvent, holds: (condition: string) => Promise<boolean>): Promise<LineBreakpoint[]> {
    const hits: LineBreakpoint[] = [];
    for (const inspectorId of event.hitBreakpoints ?? []) {
      const entry = this.byInspectorId.get(inspectorId);
      for (const id of entry?.ids ?? []) {
        const breakpoint = this.breakpoints.get(id);
        if (!breakpoint) continue;
        if (entry!.shared && breakpoint.condition && !(await holds(breakpoint.condition))) continue;
        hits.push(breakpoint);
      }
    }
    return hits;
  }
}
