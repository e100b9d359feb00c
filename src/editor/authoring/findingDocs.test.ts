// Every finding code links from the Problems panel to its `### finding-<code>` heading in the
// README's "Finding codes" section: exactly one heading per code, each with its meaning, Apple's
// rule and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FINDING_CODES } from '../../protocol/lifecycle';

const root = process.env.WIDGET_TIMELINES_ROOT ?? process.cwd();

test('the README explains every finding code under its anchor', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const text = readme.slice(readme.indexOf('\n## Finding codes'), readme.indexOf('\n## ', readme.indexOf('\n## Finding codes') + 1));
  const sections = text.split(/^### /m).slice(1);
  assert.deepEqual(sections.map((s) => s.split('\n')[0].trim()), FINDING_CODES.map((code) => `finding-${code}`));
  for (const section of sections) {
    for (const part of ['**What it means.**', "**Apple's rule.**", '**How to fix it.**']) {
      assert.ok(section.includes(part), `${section.split('\n')[0]} lacks ${part}`);
    }
  }
});
