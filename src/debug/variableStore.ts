// Variable references for one stop: handles for inspector objects (read lazily through CDP, with
// paging of array elements), and for plain JSON trees such as the Lifecycle scope and the event
// record. Handles are dropped whenever a thread resumes, as DAP requires.
import { Handles } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { JsonValue } from '../protocol/lifecycle';
import type { CdpConnection } from './cdp/connection';
import type { Protocol } from 'devtools-protocol';

type Container =
  | { kind: 'remote'; cdp: CdpConnection; objectId: string }
  | { kind: 'json'; value: JsonValue };

/** How a remote value reads in the Variables view, hover and console. */
export function describeRemote(object: Protocol.Runtime.RemoteObject): string {
  switch (object.type) {
    case 'string':
      return JSON.stringify(object.value);
    case 'undefined':
      return 'undefined';
    case 'function':
      return `ƒ ${(object.description ?? '').split('\n')[0].slice(0, 80)}`;
    case 'object':
      if (object.subtype === 'null') return 'null';
      return object.description ?? object.className ?? 'Object';
    default:
      return object.unserializableValue ?? object.description ?? String(object.value);
  }
}

function describeJson(value: JsonValue): string {
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    return `{${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}}`;
  }
  return JSON.stringify(value);
}

function arrayLength(object: Protocol.Runtime.RemoteObject): number | undefined {
  if (object.subtype !== 'array' && object.subtype !== 'typedarray') return undefined;
  const match = /\((\d+)\)/.exec(object.description ?? '');
  return match ? Number(match[1]) : undefined;
}

export class VariableStore {
  private handles = new Handles<Container>();

  /** Forgets every reference (on resume: DAP references are valid only while stopped). */
  reset(): void {
    this.handles.reset();
  }

  json(value: JsonValue): number {
    return this.handles.create({ kind: 'json', value });
  }

  remote(cdp: CdpConnection, object: Protocol.Runtime.RemoteObject): number {
    if (!object.objectId || (object.type !== 'object' && object.type !== 'function') || object.subtype === 'null') return 0;
    return this.handles.create({ kind: 'remote', cdp, objectId: object.objectId });
  }

  /** A DAP variable for a remote value, with a reference when it has children. */
  remoteVariable(cdp: CdpConnection, name: string, object: Protocol.Runtime.RemoteObject, evaluateName?: string): DebugProtocol.Variable {
    const length = arrayLength(object);
    return {
      name,
      value: describeRemote(object),
      type: object.className ?? object.type,
      variablesReference: object.type === 'function' ? 0 : this.remote(cdp, object),
      indexedVariables: length,
      evaluateName,
    };
  }

  async variables(args: DebugProtocol.VariablesArguments): Promise<DebugProtocol.Variable[]> {
    const container = this.handles.get(args.variablesReference);
    if (!container) return [];
    const all = container.kind === 'json' ? this.jsonChildren(container.value) : await this.remoteChildren(container.cdp, container.objectId);
    const isIndex = (v: DebugProtocol.Variable): boolean => /^\d+$/.test(v.name);
    let selected = args.filter === 'indexed' ? all.filter(isIndex) : args.filter === 'named' ? all.filter((v) => !isIndex(v)) : all;
    if (args.start !== undefined || args.count !== undefined) {
      const start = args.start ?? 0;
      selected = selected.slice(start, args.count ? start + args.count : undefined);
    }
    return selected;
  }

  private jsonChildren(value: JsonValue): DebugProtocol.Variable[] {
    if (value === null || typeof value !== 'object') return [];
    const entries: [string, JsonValue][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    return entries.map(([name, child]) => {
      const nested = child !== null && typeof child === 'object';
      return {
        name,
        value: describeJson(child),
        variablesReference: nested ? this.json(child) : 0,
        indexedVariables: Array.isArray(child) ? child.length : undefined,
      };
    });
  }

  private async remoteChildren(cdp: CdpConnection, objectId: string): Promise<DebugProtocol.Variable[]> {
    const { result, internalProperties, privateProperties } = await cdp.send('Runtime.getProperties', { objectId, ownProperties: true, generatePreview: false });
    const variables: DebugProtocol.Variable[] = [];
    // Private class members (#name) come apart from the properties, as V8 keeps them; they are
    // where a class-based widget keeps its state, so they are listed like properties.
    for (const property of [...result, ...(privateProperties ?? [])]) {
      if (property.value) variables.push(this.remoteVariable(cdp, property.name, property.value));
      else if (property.get) variables.push({ name: property.name, value: '(getter)', variablesReference: 0, presentationHint: { lazy: true } });
    }
    for (const internal of internalProperties ?? []) {
      if (internal.value && internal.name !== '[[Prototype]]') variables.push(this.remoteVariable(cdp, internal.name, internal.value));
    }
    return variables;
  }
}
