// Guards the files handed to didFinishDownloadingTo. Apple: the file at `location` is temporary
// and is deleted when the delegate method returns, so it must be moved or read synchronously
// inside the method. After the handler returns the system deletes the file; this guard hooks the
// common fs entry points so user code touching such a path afterwards (or starting asynchronous
// I/O on it that would finish after the return) is reported with its source line, and the
// operation fails with ENOENT as it does on a device.
// The real module object (not an ESM namespace copy): hooks must replace what user code calls.
import fs = require('node:fs');
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

function hook(target: object, name: string, style: Style, syscall: string): void {
  const host = target as Record<string, unknown>;
  const original = host[name];
  if (typeof original !== 'function') return;
  host[name] = function guardedFsCall(this: unknown, ...args: unknown[]): unknown {
    const path = report ? guarded(args, style) : undefined;
    if (path === undefined) return Reflect.apply(original, this, args);
    report?.(path, callerLocation());
    return failWith(enoent(path, syscall), args, style);
  };
}

export const tempFileGuard = {
  /** Hooks fs once; `onAccess` sends `tempFileAccess` to the system. */
  install(onAccess: Report): void {
    if (report) return;
    report = onAccess;
    const promises = fs.promises as unknown as object;
    const hooks: [object, string, Style, string][] = [
      [fs, 'readFileSync', 'sync', 'open'], [fs, 'openSync', 'sync', 'open'], [fs, 'copyFileSync', 'sync', 'copyfile'],
      [fs, 'renameSync', 'sync', 'rename'], [fs, 'readFile', 'callback', 'open'], [fs, 'open', 'callback', 'open'],
      [fs, 'copyFile', 'callback', 'copyfile'], [fs, 'rename', 'callback', 'rename'], [fs, 'createReadStream', 'stream', 'open'],
      [promises, 'readFile', 'promise', 'open'], [promises, 'open', 'promise', 'open'], [promises, 'copyFile', 'promise', 'copyfile'],
      [promises, 'rename', 'promise', 'rename'],
    ];
    for (const [target, name, style, syscall] of hooks) hook(target, name, style, syscall);
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
  },
};
