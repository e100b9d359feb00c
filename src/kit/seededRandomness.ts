// The widget's own randomness, drawn from a seed the system hands each launch (`start.randomSeed`):
// Math.random, crypto.randomUUID, crypto.getRandomValues and crypto.randomBytes (global and
// node:crypto). The system records the seed, so a recorded run draws the same numbers again when
// it is replayed (DESIGN.md section 11). Installed before the widget module loads; the runtime
// itself draws none of these.
import nodeCrypto from 'node:crypto';
import { SeededRandom } from '../protocol/seededRandom';


export function installSeededRandomness(seed: number): void {
  const random = new SeededRandom(seed);
  const fill = (bytes: Uint8Array): Uint8Array => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random.next() * 256);
    return bytes;
  };
  const getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
    if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
      throw new TypeError('getRandomValues: expected an integer-typed array');
    }
    fill(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return array;
  };
  const randomUUID = (): `${string}-${string}-${string}-${string}-${string}` => {
    const b = fill(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    const hex = Buffer.from(b).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  const randomBytes = (size: number, callback?: (error: Error | null, bytes: Buffer) => void): Buffer | undefined => {
    const bytes = Buffer.from(fill(new Uint8Array(size)));
    if (!callback) return bytes;
    queueMicrotask(() => callback(null, bytes));
    return undefined;
  };
  Math.random = () => random.next();
  const webcrypto = globalThis.crypto as Crypto & { getRandomValues: unknown; randomUUID: unknown };
  define(webcrypto, 'getRandomValues', getRandomValues);
  define(webcrypto, 'randomUUID', randomUUID);
  // The module object itself (what a widget's require or import of node:crypto gets).
  const module = nodeCrypto as unknown as Record<string, unknown>;
  define(module, 'getRandomValues', getRandomValues);
  define(module, 'randomUUID', randomUUID);
  define(module, 'randomBytes', randomBytes);
}

/**
 * Replaces a function property. One the platform fixed for good (node:crypto's getRandomValues
 * is a non-configurable getter) is left alone: it calls the global crypto's, which is replaced.
 */
function define(target: object, name: string, value: unknown): void {
  const own = Object.getOwnPropertyDescriptor(target, name);
  if (own && !own.configurable) {
    if (own.writable) (target as Record<string, unknown>)[name] = value;
    return;
  }
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: true });
}
