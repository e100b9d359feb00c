// Classifies what Node and undici throw during a real transfer into the NSURLError Foundation
// would report for the same failure, with a message that says what happened and what to try.
import { isDecodingError } from './contentDecoding';
import { NSURLError, TransferFailure, type NSURLErrorCode } from './nsurlErrors';

interface ErrorFacts {
  code?: string;
  message: string;
}

/** Error codes (Node's errno names, undici's UND_ERR_*, OpenSSL's names) by NSURLError. */
const CODES: [NSURLErrorCode, string[]][] = [
  [NSURLError.timedOut, ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']],
  [NSURLError.cannotFindHost, ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']],
  [NSURLError.cannotConnectToHost, ['ECONNREFUSED', 'EHOSTUNREACH', 'EHOSTDOWN']],
  [NSURLError.networkConnectionLost, ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']],
  [NSURLError.notConnectedToInternet, ['ENETUNREACH', 'ENETDOWN']],
  [NSURLError.badServerResponse, ['UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_INFO']],
  [NSURLError.serverCertificateHasBadDate, ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']],
  [
    NSURLError.serverCertificateUntrusted,
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ],
  ],
  [NSURLError.cannotCreateFile, ['ENOENT', 'EACCES', 'EEXIST']],
  [NSURLError.cannotWriteToFile, ['ENOSPC', 'EDQUOT', 'EROFS', 'EIO']],
];

/** The first error in the cause chain (or an AggregateError's members) that carries a code. */
function facts(error: unknown): ErrorFacts {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return { code, message: current.message };
    const members = (current as { errors?: unknown }).errors;
    if (Array.isArray(members) && members.length > 0) current = members[0];
    else current = current.cause;
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

function codeFor(found: ErrorFacts): NSURLErrorCode {
  // undici stops a redirect back to a URL already visited before Foundation's hop limit would.
  if (found.message.startsWith('Redirect loop detected')) return NSURLError.httpTooManyRedirects;
  if (found.code?.startsWith('HPE_')) return NSURLError.badServerResponse;
  if (isDecodingError(found.code)) return NSURLError.cannotDecodeContentData;
  if (found.code?.startsWith('ERR_SSL_') || found.code?.startsWith('ERR_TLS_')) {
    return NSURLError.secureConnectionFailed;
  }
  for (const [nsCode, codes] of CODES) {
    if (found.code !== undefined && codes.includes(found.code)) return nsCode;
  }
  return NSURLError.unknown;
}

function advice(code: NSURLErrorCode, url: string, timeoutMs: number): string {
  const host = URL.canParse(url) ? new URL(url).host : url;
  switch (code) {
    case NSURLError.timedOut:
      return `The request to ${url} timed out (no data for ${timeoutMs} ms). Check that the server answers, or raise the request timeout.`;
    case NSURLError.cannotFindHost:
      return `A server with the specified hostname could not be found: ${host}. Check the URL's host name, or answer it from a fixture.`;
    case NSURLError.cannotConnectToHost:
      return `Could not connect to the server ${host}. Check that it is running and listening on that port.`;
    case NSURLError.networkConnectionLost:
      return `The network connection was lost while fetching ${url}. The server closed or reset the connection.`;
    case NSURLError.notConnectedToInternet:
      return `The Internet connection appears to be offline: the network for ${host} is unreachable.`;
    case NSURLError.httpTooManyRedirects:
      return `The redirects starting from ${url} loop back to a URL already visited. Check the server's Location headers.`;
    case NSURLError.badServerResponse:
      return `The server at ${host} sent a response that could not be parsed (for example headers too large or a malformed status line) for ${url}.`;
    case NSURLError.cannotDecodeContentData:
      return `The body of ${url} could not be decoded: its Content-Encoding does not match its bytes. Check the server's compression.`;
    case NSURLError.serverCertificateHasBadDate:
      return `The certificate for ${host} has expired or is not yet valid.`;
    case NSURLError.serverCertificateUntrusted:
      return `The certificate for ${host} is not trusted. Use a certificate from a trusted authority, or pass its PEM in the daemon's trustedCertificates.`;
    case NSURLError.secureConnectionFailed:
      return `A TLS error occurred and a secure connection to ${host} could not be made.`;
    case NSURLError.cannotCreateFile:
      return `The download of ${url} could not create its temporary file. Check that the session's temporary directory exists and is writable.`;
    case NSURLError.cannotWriteToFile:
      return `The download of ${url} could not be written to its temporary file. Check free disk space.`;
    default:
      return `The transfer of ${url} failed. Check the request's URL, method and headers.`;
  }
}

/** The NSURLError for a thrown error; a TransferFailure passes through unchanged. */
export function transportFailure(error: unknown, url: string, timeoutMs: number): TransferFailure {
  if (error instanceof TransferFailure) return error;
  const found = facts(error);
  const code = codeFor(found);
  const cause = found.code ? `${found.code}: ${found.message}` : found.message;
  return new TransferFailure(code, `${advice(code, url, timeoutMs)} (${cause})`);
}
