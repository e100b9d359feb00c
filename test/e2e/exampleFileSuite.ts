// A code-server suite on a folder holding a copy of one example widget file and nothing else (no
// tsconfig, no node_modules, no launch.json): what a user who clones or writes one widget opens.
// The repository's own copy is never touched.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { authoringArtifacts } from './authoringSteps';
import { codeServerSuite, type CodeServerSuite } from './suiteSession';
import { packageVsix } from './vsixPackage';

export const MINUTES = 60_000;

/** `examples/<folder>/<file>` copied into `<workDir>/<folder>`; screenshots under test-artifacts/e2e/<name>-<time>-<pid>/. */
export function exampleFileSuite(name: string, folder: string, file: string): CodeServerSuite {
  const root = resolve(process.env.WIDGET_TIMELINES_ROOT ?? process.cwd());
  const tree = resolve(process.env.WIDGET_TIMELINES_E2E_TREE ?? root);
  const workDir = mkdtempSync(join(tmpdir(), `widget-timelines-${name}-`));
  const suite = codeServerSuite({
    root,
    workDir,
    artifacts: authoringArtifacts(join(root, 'test-artifacts', 'e2e'), name),
    label: `${name} run`,
    vsix: () => packageVsix(tree, join(workDir, 'package')),
    folder: (dir) => {
      const copy = join(dir, folder);
      mkdirSync(copy, { recursive: true });
      copyFileSync(join(root, 'examples', folder, file), join(copy, file));
      return copy;
    },
  });
  after(() => suite.close());
  return suite;
}
