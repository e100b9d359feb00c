// Where the installed extension explains each finding code: its README, under a heading
// `### finding-<code>`. vsce stores the README in the VSIX as `readme.md` (lower case), so the
// file is looked up case-insensitively; the heading's line lets a link open the README right
// there. No VS Code import: unit-tested in plain Node.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FindingExplanations {
  /** Absolute path of the README inside the installed extension. */
  readme: string;
  /** 1-based line of `### finding-<code>` per code found in it. */
  lines: Map<string, number>;
}

/** The README of the extension at `extensionRoot` and its finding headings; undefined if none. */
export function findingExplanations(extensionRoot: string): FindingExplanations | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(extensionRoot);
  } catch {
    return undefined;
  }
  const name = names.find((n) => n.toLowerCase() === 'readme.md');
  if (!name) return undefined;
  const readme = path.join(extensionRoot, name);
  const lines = new Map<string, number>();
  fs.readFileSync(readme, 'utf8').split(/\r?\n/).forEach((text, index) => {
    const match = /^#{2,4}\s+finding-([a-z-]+)\s*$/.exec(text);
    if (match && !lines.has(match[1])) lines.set(match[1], index + 1);
  });
  return { readme, lines };
}
