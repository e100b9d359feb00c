// A real HTTP server on 127.0.0.1 that sends its body in slow chunks, so that a background
// download reports progress (didWriteData) while the widget extension is still running.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowServer {
  url: string;
  close(): Promise<void>;
}

export async function startSlowServer(chunks = 4, chunkBytes = 2048, gapMs = 150): Promise<SlowServer> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(chunks * chunkBytes) });
    let sent = 0;
    const send = (): void => {
      if (response.destroyed) return;
      response.write(Buffer.alloc(chunkBytes, 120));
      if (++sent === chunks) response.end();
      else setTimeout(send, gapMs);
    };
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/data.bin`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
