// Content coding as URLSession does it: it asks for compressed bodies ("Accept-Encoding: gzip,
// deflate, br" unless the request sets its own) and decodes them before the bytes reach the
// delegate's file, so `location` always holds the decoded body.
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const ACCEPT_ENCODING = 'gzip, deflate, br';

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The request headers with URLSession's Accept-Encoding added when the caller gave none. */
export function withAcceptEncoding(headers: Record<string, string>): Record<string, string> {
  const given = Object.keys(headers).some((name) => name.toLowerCase() === 'accept-encoding');
  return given ? headers : { ...headers, 'accept-encoding': ACCEPT_ENCODING };
}

/**
 * The decoders for a Content-Encoding header, in the order to apply them (codings are listed
 * in the order they were applied, RFC 9110 section 8.4). Undefined when a coding is unknown:
 * the body is then stored as received.
 */
export function decodersFor(contentEncoding: string | undefined): Transform[] | undefined {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.some((coding) => DECODERS[coding] === undefined)) return undefined;
  return codings.reverse().map((coding) => DECODERS[coding]());
}

/** Whether a thrown error came from a decoder (zlib or brotli) rather than the connection. */
export function isDecodingError(code: string | undefined): boolean {
  return code !== undefined && (code.startsWith('Z_') || code.startsWith('ERR__') || code.includes('BROTLI'));
}
