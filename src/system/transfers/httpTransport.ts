// Real HTTP and HTTPS for the daemon, through undici: redirects followed by undici's redirect
// interceptor, the body streamed into the transfer's private file through a pipeline (so
// backpressure bounds memory whatever the size; pieces that arrive while the disk is busy are
// written together), progress paced by a ProgressMeter. An HTTP error status is a completed
// response, as with URLSession; only transport failures throw. Compressed bodies are decoded on
// the way (contentDecoding.ts).
import { rootCertificates } from 'node:tls';
import { pipeline } from 'node:stream/promises';
import { EnvHttpProxyAgent, interceptors, request, type Dispatcher } from 'undici';
import { decodersFor, withAcceptEncoding } from './contentDecoding';
import { ProgressMeter } from './progressMeter';
import { MAX_REDIRECTS, isRedirect, tooManyRedirects } from './requestUrl';
import type { CompletedResponse, TransferRun } from './transferRun';
import { transportFailure } from './transportFailure';

export interface HttpTransportSettings {
  requestTimeoutMs: number;
  /** Extra PEM certificates to trust besides the system roots (a local HTTPS test server). */
  trustedCertificates?: string[];
}

export interface HttpTarget {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** An upload's body, streamed from this file (its size as Content-Length). */
  body?: { stream: NodeJS.ReadableStream; bytes: number };
}

/** Response headers may hold many values (Set-Cookie); they join as a Fetch Headers would. */
function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Response header blocks beyond this fail with NSURLErrorBadServerResponse, not a crash. */
const MAX_HEADER_BYTES = 256 * 1024;

export class HttpTransport {
  private readonly agent: EnvHttpProxyAgent;
  private readonly dispatcher: Dispatcher;

  constructor(private readonly settings: HttpTransportSettings) {
    const extra = settings.trustedCertificates ?? [];
    // URLSession uses the system's proxy settings; here those are HTTP_PROXY, HTTPS_PROXY and
    // NO_PROXY (as curl reads them). Without them this is a plain undici Agent. Loopback always
    // goes direct: a local development server is never behind the proxy.
    const noProxy = [process.env.no_proxy ?? process.env.NO_PROXY ?? '', 'localhost', '127.0.0.1', '[::1]'];
    this.agent = new EnvHttpProxyAgent({
      noProxy: noProxy.filter((entry) => entry !== '').join(','),
      connect: {
        timeout: settings.requestTimeoutMs,
        ...(extra.length > 0 ? { ca: [...rootCertificates, ...extra] } : {}),
      },
      headersTimeout: settings.requestTimeoutMs,
      bodyTimeout: settings.requestTimeoutMs,
      maxHeaderSize: MAX_HEADER_BYTES,
    });
    this.dispatcher = this.agent.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));
  }

  /** Fetches `target` into a new private file; throws TransferFailure for transport errors. */
  async fetchToFile(run: TransferRun, target: HttpTarget): Promise<CompletedResponse> {
    const file = await run.createFile();
    try {
      const response = await request(target.url, {
        method: target.method as Dispatcher.HttpMethod,
        headers: target.body ? { ...withAcceptEncoding(target.headers), 'content-length': String(target.body.bytes) } : withAcceptEncoding(target.headers),
        ...(target.body ? { body: target.body.stream as unknown as import('node:stream').Readable } : {}),
        dispatcher: this.dispatcher,
        signal: run.signal,
      });
      const headers = flatHeaders(response.headers);
      if (isRedirect(response.statusCode, headers.location)) {
        // The interceptor hands back a redirect only once it has followed MAX_REDIRECTS.
        await response.body.dump().catch(() => undefined);
        throw tooManyRedirects(target.url);
      }
      const decoders = decodersFor(headers['content-encoding']) ?? [];
      // Content-Length counts encoded bytes; what lands in the file is then of unknown size.
      const length = decoders.length === 0 ? Number(headers['content-length']) : -1;
      const meter = new ProgressMeter(Number.isInteger(length) && length >= 0 ? length : -1, run.progress);
      // Progress counts bytes once they are in the file, as the file stream reports them.
      await pipeline([response.body, ...decoders, file.writable((bytes) => meter.wrote(bytes))], { signal: run.signal });
      meter.finish();
      return { status: response.statusCode, headers, bytes: meter.totalBytesWritten, file };
    } catch (error) {
      if (run.signal.aborted) throw error;
      throw transportFailure(error, target.url, this.settings.requestTimeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy().catch(() => undefined);
  }
}
