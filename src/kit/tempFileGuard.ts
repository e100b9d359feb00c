// Guards the files handed to didFinishDownloadingTo. Apple (URLSessionDownloadDelegate,
// urlSession(_:downloadTask:didFinishDownloadingTo:)): the file at `location` is temporary;
// "because the file is temporary, you must either open the file for reading or move it to a
// permanent location in your app's sandbox container directory before returning from this
// delegate method". When the handler returns the file is deleted at once (here, by the kit,
// before anything else of the process runs, so that no later access can find it by luck), and
// every access to that path afterwards is reported with its source line: every fs function that
// takes a path (stat, exists, access, cp, readFile, open, ...; sync, callback, promise and
// stream styles) and every child_process call whose command or arguments name it. The fs call
// fails with ENOENT (existsSync answers false), as on a device; asynchronous I/O started inside
// the handler finishes after the return, so it is reported too.
// The real module objects (not ESM namespace copies): hooks must replace what user code calls.
import childProcess = require('node:child_process');
import fs = require('node:fs');
import nodeModule = require('node:module');
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../protocol/lifecycle';
import { callerLocation } from './callerLocation';

type Report = (path: string, location: SourceLocation | undefined) => void;
type Style = 'sync' | 'callback' | 'promise' | 'stream';
type AnyFunction = (...args: unknown[]) => unknown;

/** Files whose handler already returned: gone. */
const expired = new Set<string>();
/** Files whose handler is running: sync access is fine, async access finishes too late. */
const inHandler = new Set<string>();
let report: Report | null = null;

function pathOf(arg: unknown): string | undefined {
  try {
    if (typeof arg === 'string') return resolve(arg);
    if (Buffer.isBuffer(arg)) return resolve(arg.toString());
    if (arg instanceof URL && arg.protocol === 'file:') return fileURLToPath(arg);
  } catch {
    return undefined;
  }
  return undefined;
}

function enoent(path: string, syscall: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`ENOENT: no such file or directory, ${syscall} '${path}'`);
  error.errno = -2;
  error.code = 'ENOENT';
  error.syscall = syscall;
  error.path = path;
  return error;
}

/** A path named in a child process's command line or arguments (a substring counts). */
function namedInCommand(args: unknown[]): string | undefined {
  const words: string[] = [];
  for (const arg of args) {
    if (typeof arg === 'string') words.push(arg);
    else if (Array.isArray(arg)) for (const item of arg) if (typeof item === 'string') words.push(item);
  }
  for (const path of expired) if (words.some((word) => word.includes(path))) return path;
  return undefined;
}

/** The guarded path an operation touches, if any (its source path, for copy and rename). */
function guarded(args: unknown[], style: Style): string | undefined {
  const path = pathOf(args[0]);
  if (path === undefined) return undefined;
  if (expired.has(path)) return path;
  return style !== 'sync' && inHandler.has(path) ? path : undefined;
}

function failWith(error: NodeJS.ErrnoException, args: unknown[], style: Style): unknown {
  switch (style) {
    case 'sync':
      throw error;
    case 'promise':
      return Promise.reject(error);
    case 'stream': {
      const stream = new Readable({ read() {} });
      process.nextTick(() => stream.destroy(error));
      return stream;
    }
    case 'callback': {
      const callback = args[args.length - 1];
      if (typeof callback === 'function') process.nextTick(() => (callback as AnyFunction)(error));
      return undefined;
    }
  }
}

/** A child_process call naming a file whose handler returned: reported; the command runs and finds no file. */
function hookChildProcess(name: string): void {
  const host = childProcess as unknown as Record<string, unknown>;
  const original = host[name];
  if (typeof original !== 'function') return;
  host[name] = function guardedChildProcess(this: unknown, ...args: unknown[]): unknown {
    const path = report ? namedInCommand(args) : undefined;
    if (path !== undefined) report?.(path, callerLocation());
    return Reflect.apply(original, this, args);
  };
}

/** fs functions whose first argument is not a path (file descriptors, handles, watchers' stops). */
const NOT_A_PATH = /^(f[a-z]+|read|readv|write|writev|close|opendir|unwatchFile|createWriteStream|constants)(Sync)?$/;

function styleOf(target: object, name: string): Style {
  if (name.endsWith('Sync')) return 'sync';
  if (name === 'createReadStream') return 'stream';
  return target === fs ? 'callback' : 'promise';
}

function hook(target: object, name: string, style: Style, syscall: string): void {
  const host = target as Record<string, unknown>;
  const original = host[name];
  if (typeof original !== 'function') return;
  host[name] = function guardedFsCall(this: unknown, ...args: unknown[]): unknown {
    const path = report ? guarded(args, style) : undefined;
    if (path === undefined) return Reflect.apply(original, this, args);
    report?.(path, callerLocation());
    if (name === 'existsSync') return false;
    if (name === 'exists') {
      const callback = args[args.length - 1];
      if (typeof callback === 'function') process.nextTick(() => (callback as AnyFunction)(false));
      return undefined;
    }
    return failWith(enoent(path, syscall), args, style);
  };
}

/** The original unlinkSync, before any hook: the kit deletes a file whose handler returned. */
const unlinkOriginal = fs.unlinkSync;

export const tempFileGuard = {
  /** Hooks fs once; `onAccess` sends `tempFileAccess` to the system. */
  install(onAccess: Report): void {
    if (report) return;
    report = onAccess;
    const promises = fs.promises as unknown as Record<string, unknown>;
    for (const target of [fs as unknown as Record<string, unknown>, promises]) {
      for (const name of Object.keys(target)) {
        if (typeof target[name] !== 'function' || NOT_A_PATH.test(name) || /^[A-Z_]/.test(name)) continue;
        hook(target, name, styleOf(target, name), name.replace(/Sync$/, '').toLowerCase());
      }
    }
    for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) hookChildProcess(name);
    // ESM imports of node:fs and node:child_process see the hooked functions too.
    nodeModule.syncBuiltinESMExports();
  },
  /** The handler for `location` starts. */
  enter(location: string): void {
    const path = resolve(location);
    // A redelivered event may bring a fresh file at a path used before.
    expired.delete(path);
    inHandler.add(path);
  },
  /** The handler for `location` returned: the system deletes the file now. */
  expire(location: string): void {
    const path = resolve(location);
    inHandler.delete(path);
    expired.add(path);
    try {
      unlinkOriginal(path);
    } catch {
      // Already moved away by the handler (the right thing to do) or gone.
    }
  },
};
