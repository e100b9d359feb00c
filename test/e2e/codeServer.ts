// A real VS Code for the end-to-end suite: code-server 4.100.3 (VS Code 1.100.3), installed by
// scripts/setup-code-server.sh into a cache outside the repository, with a fresh extensions
// folder and user-data folder per run, bound to 127.0.0.1 on a free port.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { spawnGroup, stopTree } from './processTree';
import { runTool, tail } from './tool';

export const CODE_SERVER_VERSION = '4.100.3';

export function defaultInstallDir(): string {
  const cache = process.env.WIDGET_TIMELINES_CACHE ?? join(homedir(), '.cache', 'widget-timelines');
  return join(cache, `code-server-${CODE_SERVER_VERSION}`);
}

/** Runs the setup script; it returns at once when the cached install is complete. */
export async function ensureCodeServer(repoRoot: string, installDir = defaultInstallDir()): Promise<string> {
  const setup = await runTool('bash', [join(repoRoot, 'scripts', 'setup-code-server.sh'), installDir], {
    timeoutMs: 15 * 60_000,
  });
  const entry = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (setup.code !== 0 || !existsSync(entry)) {
    throw new Error(`scripts/setup-code-server.sh ${installDir} failed (exit ${setup.code}):\n${tail(setup.output)}`);
  }
  return entry;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** User settings that keep the workbench quiet and predictable for a script. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
  'editor.minimap.enabled': false,
  // No npm runs behind the test's back (type acquisition, script detection): 2 shared cores.
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.autoDetect': 'off',
};

export class CodeServer {
  private process: ChildProcess | undefined;
  private log = '';
  readonly extensionsDir: string;
  readonly userDataDir: string;
  port = 0;

  constructor(
    private readonly entry: string,
    workDir: string,
  ) {
    this.extensionsDir = join(workDir, 'extensions');
    this.userDataDir = join(workDir, 'user-data');
    mkdirSync(this.extensionsDir, { recursive: true });
    mkdirSync(join(this.userDataDir, 'User'), { recursive: true });
    writeFileSync(join(this.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  }

  private baseArgs(): string[] {
    return [this.entry, '--extensions-dir', this.extensionsDir, '--user-data-dir', this.userDataDir];
  }

  /** `--install-extension`, exactly as a user installs a downloaded VSIX. */
  async installExtension(vsix: string): Promise<string> {
    const result = await runTool(process.execPath, [...this.baseArgs(), '--install-extension', vsix], {
      timeoutMs: 120_000,
      env: { ...process.env, XDG_CONFIG_HOME: join(this.userDataDir, 'config') },
    });
    if (result.code !== 0 || !/successfully installed/i.test(result.output)) {
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.code}):\n${tail(result.output)}`);
    }
    return result.output;
  }

  /** Starts the server on a free port and resolves once it says `HTTP server listening`. */
  async start(folder: string): Promise<string> {
    this.port = await freePort();
    const args = [
      ...this.baseArgs(),
      '--bind-addr', `127.0.0.1:${this.port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      folder,
    ];
    const child = spawnGroup(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its config.yaml goes to the run's own folder, not the user's ~/.config.
      env: { ...process.env, XDG_CONFIG_HOME: join(this.userDataDir, 'config') },
    });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${tail(this.log)}`)), 60_000);
      const onData = (chunk: Buffer): void => {
        this.log += chunk.toString();
        if (this.log.includes('HTTP server listening')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (code ${code}) before listening:\n${tail(this.log)}`));
      });
    });
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(folder)}`;
  }

  /** Everything code-server printed so far (its own log, not the extension host's). */
  output(): string {
    return this.log;
  }

  /** Text of every extension-host log under the user-data folder (remoteexthost.log, exthost.log). */
  extensionHostLog(): string {
    const logs = join(this.userDataDir, 'logs');
    if (!existsSync(logs)) return '';
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/exthost.*\.log$/i.test(name)) found.push(readFileSync(path, 'utf8'));
      }
    };
    walk(logs);
    return found.join('\n');
  }

  async stop(): Promise<void> {
    const pid = this.process?.pid;
    this.process = undefined;
    if (pid !== undefined) await stopTree(pid);
  }
}
