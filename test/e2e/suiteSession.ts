// One code-server per end-to-end test file: the packaged VSIX installed, a folder open in
// headless Chromium, started on first use and shared by the file's scenarios, and torn down
// afterwards with an assertion that no process outlived it (no orphan is part of the product's
// promise). A failing scenario keeps its screen as `failed-<name>.png` and adds what the
// workbench showed to the error.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CodeServer, ensureCodeServer } from './codeServer';
import { processesMentioning } from './processTree';
import type { PackagedVsix } from './vsixPackage';
import { Workbench } from './workbench';

export interface SuiteSession {
  server: CodeServer;
  workbench: Workbench;
  folder: string;
}

export interface SuiteOptions {
  root: string;
  workDir: string;
  artifacts: string;
  /** What the suite is, for the leftover-process message. */
  label: string;
  vsix: () => Promise<PackagedVsix>;
  /** Prepares the folder to open, inside workDir. */
  folder: (workDir: string) => string;
}

export interface CodeServerSuite {
  opened(): Promise<SuiteSession>;
  scenario(name: string, body: (session: SuiteSession) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export function codeServerSuite(options: SuiteOptions): CodeServerSuite {
  const { root, workDir, artifacts } = options;
  let session: Promise<SuiteSession> | undefined;
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;

  const opened = (): Promise<SuiteSession> => {
    session ??= (async () => {
      const [entry, built] = await Promise.all([ensureCodeServer(root), options.vsix()]);
      server = new CodeServer(entry, workDir);
      await server.installExtension(built.path);
      const folder = options.folder(workDir);
      workbench = await Workbench.open(await server.start(folder), join(workDir, 'chromium-profile'), artifacts);
      await workbench.shot('workbench-open');
      return { server, workbench, folder };
    })();
    return session;
  };

  return {
    opened,
    async scenario(name, body) {
      const current = await opened();
      try {
        await body(current);
      } catch (error) {
        await current.workbench.shot(`failed-${name}`);
        const messages = await current.workbench.messages().catch(() => []);
        await current.workbench.page.keyboard.press('Escape').catch(() => undefined);
        await current.workbench.dismissDialogs().catch(() => undefined);
        if (error instanceof Error) {
          if (messages.length > 0) error.message += `\nthe workbench showed: ${messages.join(' | ')}`;
          error.message += `\nscreenshots: ${artifacts}`;
        }
        throw error;
      }
    },
    async close() {
      await workbench?.close();
      await server?.stop();
      const leftovers = processesMentioning(workDir);
      rmSync(workDir, { recursive: true, force: true });
      assert.deepEqual(leftovers, [], `processes outlived the ${options.label}:\n${leftovers.map((p) => `${p.pid} ${p.command}`).join('\n')}`);
    },
  };
}
