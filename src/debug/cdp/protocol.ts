// The subset of the Chrome DevTools Protocol (V8 inspector) that the adapter speaks to the widget
// extension process, typed by hand from https://chromedevtools.github.io/devtools-protocol/v8/
// so that no untyped message crosses the inspector boundary.

export interface RemoteObject {
  type: 'object' | 'function' | 'undefined' | 'string' | 'number' | 'boolean' | 'symbol' | 'bigint';
  subtype?: string;
  className?: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
  objectId?: string;
}

export interface ExceptionDetails {
  exceptionId: number;
  text: string;
  lineNumber: number;
  columnNumber: number;
  url?: string;
  exception?: RemoteObject;
}

export interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
  get?: RemoteObject;
  set?: RemoteObject;
  enumerable: boolean;
  isOwn?: boolean;
}

export interface InternalPropertyDescriptor {
  name: string;
  value?: RemoteObject;
}

export interface Location {
  scriptId: string;
  /** 0-based. */
  lineNumber: number;
  /** 0-based. */
  columnNumber?: number;
}

export interface Scope {
  type: 'global' | 'local' | 'with' | 'closure' | 'catch' | 'block' | 'script' | 'eval' | 'module' | 'wasm-expression-stack';
  object: RemoteObject;
  name?: string;
}

export interface CallFrame {
  callFrameId: string;
  functionName: string;
  /** Where the function starts (absent for top-level code). */
  functionLocation?: Location;
  location: Location;
  /** Often empty for CommonJS modules in Node 20: resolve through Debugger.scriptParsed. */
  url: string;
  scopeChain: Scope[];
  this: RemoteObject;
}

export interface PausedEvent {
  callFrames: CallFrame[];
  reason: string;
  data?: RemoteObject & { uncaught?: boolean };
  hitBreakpoints?: string[];
}

export interface ScriptParsedEvent {
  scriptId: string;
  url: string;
  sourceMapURL?: string;
}

export interface BreakpointResolvedEvent {
  breakpointId: string;
  location: Location;
}

export interface ConsoleApiCalledEvent {
  type: string;
  args: RemoteObject[];
}

/** Commands the adapter sends: parameters and result per method. */
export interface CdpCommands {
  'Runtime.enable': { params: Record<string, never>; result: Record<string, never> };
  'Runtime.getProperties': {
    params: { objectId: string; ownProperties?: boolean; accessorPropertiesOnly?: boolean; generatePreview?: boolean };
    result: { result: PropertyDescriptor[]; internalProperties?: InternalPropertyDescriptor[]; exceptionDetails?: ExceptionDetails };
  };
  'Runtime.evaluate': {
    params: { expression: string; silent?: boolean; returnByValue?: boolean; generatePreview?: boolean };
    result: { result: RemoteObject; exceptionDetails?: ExceptionDetails };
  };
  'Runtime.callFunctionOn': {
    params: { functionDeclaration: string; objectId: string; returnByValue?: boolean; silent?: boolean };
    result: { result: RemoteObject; exceptionDetails?: ExceptionDetails };
  };
  'Debugger.enable': { params: { maxScriptsCacheSize?: number }; result: { debuggerId: string } };
  'Debugger.setBreakpointByUrl': {
    params: { lineNumber: number; url?: string; urlRegex?: string; columnNumber?: number; condition?: string };
    result: { breakpointId: string; locations: Location[] };
  };
  'Debugger.setBreakpointOnFunctionCall': { params: { objectId: string; condition?: string }; result: { breakpointId: string } };
  'Debugger.removeBreakpoint': { params: { breakpointId: string }; result: Record<string, never> };
  'Debugger.setPauseOnExceptions': { params: { state: 'none' | 'uncaught' | 'all' | 'caught' }; result: Record<string, never> };
  'Debugger.setBlackboxPatterns': { params: { patterns: string[] }; result: Record<string, never> };
  'Debugger.resume': { params: { terminateOnResume?: boolean }; result: Record<string, never> };
  'Debugger.pause': { params: Record<string, never>; result: Record<string, never> };
  'Debugger.stepInto': { params: Record<string, never>; result: Record<string, never> };
  'Debugger.stepOver': { params: Record<string, never>; result: Record<string, never> };
  'Debugger.stepOut': { params: Record<string, never>; result: Record<string, never> };
  'Debugger.evaluateOnCallFrame': {
    params: { callFrameId: string; expression: string; silent?: boolean; returnByValue?: boolean; throwOnSideEffect?: boolean };
    result: { result: RemoteObject; exceptionDetails?: ExceptionDetails };
  };
  'Debugger.getScriptSource': { params: { scriptId: string }; result: { scriptSource: string } };
}

/** Events the adapter listens to. */
export interface CdpEvents {
  'Debugger.paused': PausedEvent;
  'Debugger.resumed': Record<string, never>;
  'Debugger.scriptParsed': ScriptParsedEvent;
  'Debugger.breakpointResolved': BreakpointResolvedEvent;
  'Runtime.consoleAPICalled': ConsoleApiCalledEvent;
}

export type CdpMethod = keyof CdpCommands;
export type CdpEventName = keyof CdpEvents;
