// The Problems panel links a finding code to its heading in the installed README. vsce renames
// README.md to readme.md inside the VSIX, so the lookup must not depend on the name's case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findingExplanations } from './findingExplanations';

test('finds readme.md whatever its case and the line of each finding heading', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'widget-readme-'));
  fs.writeFileSync(path.join(root, 'readme.md'), '# Widget Timelines\n\n## Finding codes\n\n### finding-timeline-empty\n\ntext\n\n### finding-load-failed\n');
  const found = findingExplanations(root);
  assert.ok(found);
  assert.equal(found.readme, path.join(root, 'readme.md'));
  assert.equal(found.lines.get('timeline-empty'), 5);
  assert.equal(found.lines.get('load-failed'), 9);
  assert.equal(found.lines.get('memory-limit'), undefined);
});

test('no README, no links (the caller falls back)', () => {
  assert.equal(findingExplanations(fs.mkdtempSync(path.join(os.tmpdir(), 'widget-readme-'))), undefined);
  assert.equal(findingExplanations('/does/not/exist'), undefined);
});
