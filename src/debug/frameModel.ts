// Stack frames and scopes of both kinds of thread: the System thread's one frame per held
// lifecycle event (scopes: the event record, Lifecycle) and the extension's inspector call
// frames (scopes: V8's scope chain, Lifecycle). Frame ids live until the next resume.
import { Handles, Scope } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { JsonValue, TraceRecord, WidgetStateSnapshot } from '../protocol/lifecycle';
import type { Protocol } from 'devtools-protocol';
import { describeEvent } from './eventBreakpoints';
import { evaluateEventExpression } from './eventCondition';
import type { ExtensionTarget } from './extensionTarget';
import { lifecycleView } from './lifecycleScope';
import type { VariableStore } from './variableStore';

export type FrameRef = { kind: 'system'; record: TraceRecord } | { kind: 'extension'; target: ExtensionTarget; frame: Protocol.Debugger.CallFrame };

const SCOPE_NAMES: Partial<Record<Protocol.Debugger.CallFrame['scopeChain'][number]['type'], string>> = {
  local: 'Locals',
  closure: 'Closure',
  global: 'Global',
  block: 'Block',
  script: 'Script',
  module: 'Module',
  catch: 'Catch',
  with: 'With',
};

export class FrameModel {
  private frames = new Handles<FrameRef>();

  constructor(private readonly variables: VariableStore) {}

  reset(): void {
    this.frames.reset();
  }

  get(frameId: number): FrameRef | undefined {
    return this.frames.get(frameId);
  }

  /** The System thread's stack: one frame named after the held event, or none. */
  systemFrames(record: TraceRecord | null): DebugProtocol.StackFrame[] {
    if (!record) return [];
    const id = this.frames.create({ kind: 'system', record });
    const name = describeEvent(record).replace('Paused on ', '');
    // Records that know where in the user's code they come from (a completion call, a finding)
    // open that line; the others are a label.
    const { file, line, column } = record.detail ?? {};
    if (typeof file === 'string' && typeof line === 'number') {
      return [{ id, name, source: { path: file }, line, column: typeof column === 'number' ? column : 1 }];
    }
    return [{ id, name, line: 0, column: 0, presentationHint: 'label' }];
  }

  extensionFrames(target: ExtensionTarget | undefined): DebugProtocol.StackFrame[] {
    if (!target) return [];
    return target.callFrames.map((frame) => target.stackFrame(frame, this.frames.create({ kind: 'extension', target, frame })));
  }

  /**
   * Watch and console on a System frame: the event condition language over the event's fields
   * and `lifecycle` (the Lifecycle scope), e.g. `detail.status` or `lifecycle.budget.used`.
   */
  evaluateOnSystemFrame(record: TraceRecord, expression: string, state: WidgetStateSnapshot | null): DebugProtocol.EvaluateResponse['body'] | { error: string } {
    const scope = { ...record, lifecycle: state ? lifecycleView(state) : null };
    const result = evaluateEventExpression(expression, scope);
    if (!result.ok) return { error: result.error };
    const value = result.value;
    if (value === undefined) return { result: 'undefined', variablesReference: 0 };
    const nested = value !== null && typeof value === 'object';
    return { result: nested ? JSON.stringify(value).slice(0, 200) : JSON.stringify(value), variablesReference: nested ? this.variables.json(value) : 0 };
  }

  /** The frame's own scopes, then the Lifecycle scope (DESIGN.md section 4) on every frame. */
  scopes(frameId: number, state: WidgetStateSnapshot | null): DebugProtocol.Scope[] {
    const ref = this.frames.get(frameId);
    if (!ref) return [];
    const scopes: DebugProtocol.Scope[] = [];
    if (ref.kind === 'system') {
      scopes.push(new Scope('Event', this.variables.json(ref.record as unknown as JsonValue), false));
    } else {
      for (const scope of ref.frame.scopeChain) {
        const dapScope: DebugProtocol.Scope = new Scope(SCOPE_NAMES[scope.type] ?? scope.type, this.variables.remote(ref.target.cdp, scope.object), scope.type === 'global');
        if (scope.type === 'local') dapScope.presentationHint = 'locals';
        scopes.push(dapScope);
      }
    }
    if (state) scopes.push(new Scope('Lifecycle', this.variables.json(lifecycleView(state)), false));
    return scopes;
  }
}
