// The Node built-ins widget code uses (files in the app group, paths, temporary folders, ids),
// declared so that a widget type-checks with no npm install: the extension's TypeScript server
// plugin resolves `node:*` here when the folder has no @types/node, and "New Widget" copies this
// file beside the widget. A subset of @types/node's signatures; with @types/node installed,
// delete this file from a scaffolded widget.

declare var process: {
  env: Record<string, string | undefined>;
  argv: string[];
  pid: number;
  platform: string;
  cwd(): string;
};

declare module 'node:fs' {
  export interface Stats {
    size: number;
    mtimeMs: number;
    mtime: Date;
    isFile(): boolean;
    isDirectory(): boolean;
  }
  export function existsSync(path: string): boolean;
  export function readFileSync(path: string, encoding: 'utf8' | 'utf-8'): string;
  export function readFileSync(path: string, options: { encoding: 'utf8' | 'utf-8' }): string;
  export function readFileSync(path: string): Uint8Array;
  export function writeFileSync(path: string, data: string | Uint8Array, encoding?: 'utf8' | 'utf-8'): void;
  export function appendFileSync(path: string, data: string | Uint8Array): void;
  export function renameSync(oldPath: string, newPath: string): void;
  export function copyFileSync(source: string, destination: string): void;
  export function unlinkSync(path: string): void;
  export function rmSync(path: string, options?: { recursive?: boolean; force?: boolean }): void;
  export function mkdirSync(path: string, options?: { recursive?: boolean }): string | undefined;
  export function mkdtempSync(prefix: string): string;
  export function readdirSync(path: string): string[];
  export function statSync(path: string): Stats;
  export const promises: typeof import('node:fs/promises');
}

declare module 'node:fs/promises' {
  export function readFile(path: string, encoding: 'utf8' | 'utf-8'): Promise<string>;
  export function readFile(path: string): Promise<Uint8Array>;
  export function writeFile(path: string, data: string | Uint8Array): Promise<void>;
  export function rename(oldPath: string, newPath: string): Promise<void>;
  export function copyFile(source: string, destination: string): Promise<void>;
  export function rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
  export function mkdir(path: string, options?: { recursive?: boolean }): Promise<string | undefined>;
  export function readdir(path: string): Promise<string[]>;
  export function stat(path: string): Promise<import('node:fs').Stats>;
}

declare module 'node:path' {
  export const sep: string;
  export function join(...segments: string[]): string;
  export function resolve(...segments: string[]): string;
  export function dirname(path: string): string;
  export function basename(path: string, suffix?: string): string;
  export function extname(path: string): string;
  export function relative(from: string, to: string): string;
  export function isAbsolute(path: string): boolean;
}

declare module 'node:os' {
  export const EOL: string;
  export function tmpdir(): string;
  export function homedir(): string;
}

declare module 'node:url' {
  /** A file: URL as a string or a WHATWG URL (declared by its shape: `lib` may lack the DOM). */
  export function fileURLToPath(url: string | { href: string }): string;
  export function pathToFileURL(path: string): { href: string; pathname: string; toString(): string };
}

declare module 'node:crypto' {
  export function randomUUID(): string;
  export function createHash(algorithm: string): {
    update(data: string | Uint8Array): { digest(encoding: 'hex' | 'base64'): string };
  };
}

declare module 'fs' {
  export * from 'node:fs';
}
declare module 'fs/promises' {
  export * from 'node:fs/promises';
}
declare module 'path' {
  export * from 'node:path';
}
declare module 'os' {
  export * from 'node:os';
}
declare module 'url' {
  export * from 'node:url';
}
declare module 'crypto' {
  export * from 'node:crypto';
}
