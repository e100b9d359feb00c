// Test harness: a real tsserver (the repository's typescript) spoken to over stdio as VS Code
// speaks to it: requests as JSON lines, responses framed by Content-Length. With `plugin` it
// loads widget-timelines-tsserver-plugin as VS Code loads an extension's contributed plugin
// (--globalPlugins with the extension folder as probe location).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface Diagnostic {
  code: number;
  text: string;
  start: { line: number; offset: number };
}

/** The options VS Code gives a folder with no tsconfig (an inferred project). */
const INFERRED_PROJECT_OPTIONS = {
  module: 'ESNext',
  moduleResolution: 'Bundler',
  target: 'ES2020',
  jsx: 'react',
  allowJs: true,
  allowSyntheticDefaultImports: true,
  allowNonTsExtensions: true,
  resolveJsonModule: true,
  strictNullChecks: true,
  strictFunctionTypes: true,
};

export class TsServer {
  private seq = 0;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { resolve: (body: unknown) => void; reject: (error: Error) => void }>();
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('exit', (code) => {
      for (const { reject } of this.pending.values()) reject(new Error(`tsserver exited (${code}): ${this.stderr.slice(-2_000)}`));
      this.pending.clear();
    });
  }

  /** `pluginProbeLocation`: the extension folder holding node_modules/widget-timelines-tsserver-plugin. */
  static async start(root: string, plugin: { probeLocation: string } | undefined): Promise<TsServer> {
    const args = [join(root, 'node_modules', 'typescript', 'lib', 'tsserver.js'), '--disableAutomaticTypingAcquisition', '--locale', 'en'];
    if (plugin) args.push('--globalPlugins', 'widget-timelines-tsserver-plugin', '--pluginProbeLocations', plugin.probeLocation);
    const server = new TsServer(spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] }));
    await server.request('compilerOptionsForInferredProjects', { options: INFERRED_PROJECT_OPTIONS });
    return server;
  }

  request<T = unknown>(command: string, args: unknown): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (body: unknown) => void, reject });
      this.child.stdin!.write(`${JSON.stringify({ seq, type: 'request', command, arguments: args })}\n`);
    });
  }

  async open(file: string, projectRootPath: string): Promise<void> {
    await this.request('updateOpen', { openFiles: [{ file, projectRootPath }] });
  }

  /** Syntactic and semantic diagnostics of an open file, as the Problems panel lists them. */
  async diagnostics(file: string): Promise<Diagnostic[]> {
    const syntactic = await this.request<Diagnostic[]>('syntacticDiagnosticsSync', { file });
    const semantic = await this.request<Diagnostic[]>('semanticDiagnosticsSync', { file });
    return [...syntactic, ...semantic];
  }

  close(): void {
    this.child.kill();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      const bodyStart = headerEnd + 4;
      if (this.buffer.length < bodyStart + length) return;
      const message = JSON.parse(this.buffer.subarray(bodyStart, bodyStart + length).toString()) as {
        type: string; request_seq?: number; success?: boolean; body?: unknown; message?: string;
      };
      this.buffer = this.buffer.subarray(bodyStart + length);
      if (message.type !== 'response' || message.request_seq === undefined) continue;
      const waiting = this.pending.get(message.request_seq);
      this.pending.delete(message.request_seq);
      if (message.success) waiting?.resolve(message.body);
      else waiting?.reject(new Error(`tsserver refused the request: ${message.message}`));
    }
  }
}
