// The session's line breakpoints in user files, independent of any one process: each launch of
// the widget extension is a new process, so every process gets all of them again, and a
// breakpoint is re-verified when V8 binds it. Hit counts and logpoints are decided here.
import { readFileSync } from 'node:fs';
import type { DebugProtocol } from '@vscode/debugprotocol';

export interface LineBreakpoint {
  id: number;
  path: string;
  /** 1-based, as requested. */
  line: number;
  /** 1-based line where V8 bound it, once known. */
  boundLine?: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
  hits: number;
  verified: boolean;
  message?: string;
}

export type HitDecision = { action: 'pause' } | { action: 'continue' } | { action: 'log'; message: string };

const HIT_CONDITION = /^\s*(==|>=|>|<=|<|%)?\s*(\d+)\s*$/;

function hitConditionHolds(condition: string, hits: number): boolean {
  const match = HIT_CONDITION.exec(condition);
  if (!match) return true;
  const n = Number(match[2]);
  switch (match[1]) {
    case '>=':
      return hits >= n;
    case '>':
      return hits > n;
    case '<=':
      return hits <= n;
    case '<':
      return hits < n;
    case '%':
      return n > 0 && hits % n === 0;
    default:
      return hits === n;
  }
}

export class LineBreakpoints {
  private readonly byPath = new Map<string, LineBreakpoint[]>();
  private nextId = 1;

  /** Replaces a file's breakpoints; verification is predicted from the file until V8 binds them. */
  set(path: string, requested: readonly DebugProtocol.SourceBreakpoint[]): LineBreakpoint[] {
    let lineCount = 0;
    let readError: string | undefined;
    try {
      lineCount = readFileSync(path, 'utf8').split('\n').length;
    } catch (error) {
      readError = `Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`;
    }
    const breakpoints = requested.map((spec): LineBreakpoint => {
      const hitConditionValid = spec.hitCondition === undefined || spec.hitCondition.trim() === '' || HIT_CONDITION.test(spec.hitCondition);
      const message = readError
        ? readError
        : spec.line > lineCount
          ? `Line ${spec.line} is past the end of ${path} (${lineCount} lines).`
          : !hitConditionValid
            ? `Hit count "${spec.hitCondition}" is not understood; write a number such as 3, or >= 3, or % 2.`
            : undefined;
      return {
        id: this.nextId++,
        path,
        line: spec.line,
        condition: spec.condition?.trim() || undefined,
        hitCondition: spec.hitCondition?.trim() || undefined,
        logMessage: spec.logMessage,
        hits: 0,
        verified: message === undefined,
        message,
      };
    });
    this.byPath.set(path, breakpoints);
    return breakpoints;
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  forPath(path: string): LineBreakpoint[] {
    return this.byPath.get(path) ?? [];
  }

  get(id: number): LineBreakpoint | undefined {
    for (const list of this.byPath.values()) {
      const found = list.find((b) => b.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** Records where V8 bound a breakpoint; true when the user-visible state changed. */
  bound(id: number, line: number): boolean {
    const breakpoint = this.get(id);
    if (!breakpoint || (breakpoint.verified && breakpoint.boundLine === line)) return false;
    breakpoint.boundLine = line;
    breakpoint.verified = true;
    breakpoint.message = undefined;
    return true;
  }

  /** The inspector refused a breakpoint: unverified, with its reason. */
  refused(id: number, reason: string): void {
    const breakpoint = this.get(id);
    if (!breakpoint) return;
    breakpoint.verified = false;
    breakpoint.message = `The widget extension refused this breakpoint: ${reason}`;
  }

  /** Counts a hit and decides whether to stop, go on, or log (logpoints never stop). */
  hit(breakpoint: LineBreakpoint, interpolate: (expression: string) => Promise<string>): Promise<HitDecision> {
    breakpoint.hits++;
    if (breakpoint.hitCondition && !hitConditionHolds(breakpoint.hitCondition, breakpoint.hits)) {
      return Promise.resolve({ action: 'continue' });
    }
    const logMessage = breakpoint.logMessage;
    if (logMessage === undefined) return Promise.resolve({ action: 'pause' });
    return interpolateMessage(logMessage, interpolate).then((message) => ({ action: 'log', message }));
  }

  toDap(breakpoint: LineBreakpoint): DebugProtocol.Breakpoint {
    return {
      id: breakpoint.id,
      verified: breakpoint.verified,
      line: breakpoint.boundLine ?? breakpoint.line,
      source: { path: breakpoint.path },
      message: breakpoint.message,
    };
  }
}

/** Replaces each `{expression}` of a logpoint message by its value in the paused frame. */
async function interpolateMessage(template: string, interpolate: (expression: string) => Promise<string>): Promise<string> {
  const parts = template.split(/(\{[^{}]+\})/);
  const values = await Promise.all(parts.map((part) => (/^\{[^{}]+\}$/.test(part) ? interpolate(part.slice(1, -1)) : Promise.resolve(part))));
  return values.join('');
}
