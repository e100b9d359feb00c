// The NSURLError vocabulary of the transfer daemon: the codes Foundation reports to
// `urlSession(_:task:didCompleteWithError:)`, and the TransferFailure that carries one through
// the daemon's promises. Only transport failures live here: an HTTP 404 or 500 is a completed
// response, not an error (Apple: "Server errors are not reported through the error parameter").
import type { TransferError } from './api';

/** Codes from Foundation's NSURLError.h, named as Apple names them. */
export const NSURLError = {
  unknown: -1,
  cancelled: -999,
  badURL: -1000,
  timedOut: -1001,
  unsupportedURL: -1002,
  cannotFindHost: -1003,
  cannotConnectToHost: -1004,
  networkConnectionLost: -1005,
  httpTooManyRedirects: -1007,
  notConnectedToInternet: -1009,
  badServerResponse: -1011,
  cannotDecodeContentData: -1016,
  fileDoesNotExist: -1100,
  secureConnectionFailed: -1200,
  serverCertificateHasBadDate: -1201,
  serverCertificateUntrusted: -1202,
  cannotCreateFile: -3000,
  cannotWriteToFile: -3003,
} as const;

export type NSURLErrorCode = (typeof NSURLError)[keyof typeof NSURLError];

export function transferError(code: NSURLErrorCode, message: string): TransferError {
  return { code, domain: 'NSURLErrorDomain', message };
}

/** Thrown inside a transfer's run; the daemon turns it into exactly one 'failed' event. */
export class TransferFailure extends Error {
  readonly error: TransferError;

  constructor(code: NSURLErrorCode, message: string) {
    super(message);
    this.name = 'TransferFailure';
    this.error = transferError(code, message);
  }
}

export function cancelledError(url: string): TransferError {
  return transferError(NSURLError.cancelled, `The transfer of ${url} was cancelled.`);
}

export function offlineFailure(url: string): TransferFailure {
  return new TransferFailure(
    NSURLError.notConnectedToInternet,
    `The Internet connection appears to be offline (offline mode is on), so ${url} was not fetched. ` +
      'Turn offline mode off (launch argument network.offline, or drop --offline) to let transfers run.',
  );
}

/** A replay's request that the recorded run never made: the replay does not reach the network. */
export function notRecorded(url: string): TransferFailure {
  return new TransferFailure(NSURLError.notConnectedToInternet, `${url} was not requested in the recorded run, and a replay never reaches the network: the run has gone another way.`);
}
