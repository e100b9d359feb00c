// Shared by the engine tests: the repository root, a real HTTP server on 127.0.0.1, running the
// built CLI (dist/cli.js) as a child process, and reading its JSON Lines trace.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TraceRecord } from '../../src/protocol/lifecycle';

export const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const START = '2025-06-01T08:00:00.000Z';

export interface LocalServer {
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}

/** A JSON body `{ value, pad }` sent in two parts, 300 ms apart, so progress is observable. */
export async function startDataServer(value = 42): Promise<LocalServer> {
  const body = JSON.stringify({ value, pad: 'x'.repeat(4000) });
  let count = 0;
  const server = createServer((_request: IncomingMessage, response: ServerResponse) => {
    count += 1;
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.write(body.slice(0, 2000));
    setTimeout(() => response.end(body.slice(2000)), 300);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/data`,
    requests: () => count,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js <args>`; kills it after `timeoutMs` so a test never hangs. */
export function runCli(args: string[], timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function parseRecords(jsonl: string): TraceRecord[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TraceRecord);
}

/** DESIGN.md section 6: seq strictly increasing, launch never decreasing, virtual ISO times. */
export function traceProblems(records: TraceRecord[]): string[] {
  const problems: string[] = [];
  records.forEach((record, i) => {
    if (Number.isNaN(Date.parse(record.time))) problems.push(`record ${record.seq}: time ${record.time} is not ISO`);
    if (i === 0) return;
    const previous = records[i - 1];
    if (record.seq <= previous.seq) problems.push(`seq ${record.seq} after ${previous.seq}`);
    if (record.launch < previous.launch) problems.push(`launch ${record.launch} after ${previous.launch}`);
    if (Date.parse(record.time) < Date.parse(previous.time)) problems.push(`time ${record.time} before ${previous.time}`);
  });
  return problems;
}

export function widget(...parts: string[]): string {
  return join(ROOT, ...parts);
}
