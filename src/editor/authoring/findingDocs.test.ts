// Every finding code links from the Problems panel to `README.md#finding-<code>`: the explanation
// file the README takes them from must have exactly one such heading per code, each with its
// meaning, Apple's rule and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FINDING_CODES } from '../../protocol/lifecycle';

const root = process.env.WIDGET_TIMELINES_ROOT ?? process.cwd();

test('docs-findings.md explains every finding code under its anchor', () => {
  const text = fs.readFileSync(path.join(root, 'docs-findings.md'), 'utf8');
  const sections = text.split(/^### /m).slice(1);
  assert.deepEqual(sections.map((s) => s.split('\n')[0].trim()), FINDING_CODES.map((code) => `finding-${code}`));
  for (const section of sections) {
    for (const part of ['**What it means.**', "**Apple's rule.**", '**How to fix it.**']) {
      assert.ok(section.includes(part), `${section.split('\n')[0]} lacks ${part}`);
    }
  }
});
