// Checks a transfer's URL the way URLSession does before any I/O, and the method a redirect
// continues with. Background sessions speak only HTTP and HTTPS (Apple: "Only HTTP and HTTPS
// protocols are supported" for background sessions; anything else is NSURLErrorUnsupportedURL).
import { NSURLError, TransferFailure } from './nsurlErrors';

/** Redirects URLSession follows by default; more fail with NSURLErrorHTTPTooManyRedirects. */
export const MAX_REDIRECTS = 16;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number, location: string | undefined): location is string {
  return REDIRECT_STATUSES.has(status) && typeof location === 'string' && location !== '';
}

/** The normalised URL; throws NSURLErrorBadURL (-1000) or NSURLErrorUnsupportedURL (-1002). */
export function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TransferFailure(
      NSURLError.badURL,
      `The URL ${JSON.stringify(url)} is not valid. Give an absolute URL such as "https://api.example.com/forecast".`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TransferFailure(
      NSURLError.unsupportedURL,
      `The URL ${url} uses "${parsed.protocol.replace(/:$/, '')}", which background sessions do not support. Use an http or https URL.`,
    );
  }
  return parsed.href;
}

/** RFC 9110 section 15.4 as URLSession applies it: 303 (and 301/302 after POST) become GET. */
export function redirectMethod(status: number, method: string): string {
  if (status === 303 && method !== 'HEAD') return 'GET';
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  return method;
}

export function tooManyRedirects(url: string): TransferFailure {
  return new TransferFailure(
    NSURLError.httpTooManyRedirects,
    `Too many HTTP redirects (more than ${MAX_REDIRECTS}) starting from ${url}. Check the server or fixtures for a redirect loop.`,
  );
}
