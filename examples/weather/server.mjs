// A tiny forecast server for the weather example: GET /v1/forecast?city=... answers the
// forecast in forecast.json. Listens on 127.0.0.1 only; port from argv (default 0: any free
// port) and prints its base URL (what WEATHER_API_URL should be) on the first line of stdout.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const forecast = readFileSync(new URL('./forecast.json', import.meta.url));
const port = Number(process.argv[2] ?? 0);

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'GET' && url.pathname === '/v1/forecast') {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': forecast.length });
    response.end(forecast);
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found\n');
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`http://127.0.0.1:${address.port}/v1`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
