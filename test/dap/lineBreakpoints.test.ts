// Hit counts and logpoints of line breakpoints: a hit condition decides on which hit the
// breakpoint stops; a logpoint never stops and fills {expressions} from the paused frame.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LineBreakpoints } from '../../src/debug/lineBreakpoints';

test('hit conditions stop on the right hits; logpoints log instead of stopping', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'line-bp-'));
  const file = join(dir, 'w.ts');
  writeFileSync(file, 'a\nb\nc\n');
  try {
    const store = new LineBreakpoints();
    const [atLeast, every, exactly, logpoint, bad] = store.set(file, [
      { line: 1, hitCondition: '>= 3' },
      { line: 2, hitCondition: '% 2' },
      { line: 3, hitCondition: '2' },
      { line: 3, logMessage: 'value is {x} and {y}' },
      { line: 1, hitCondition: 'often' },
    ]);
    const never = async (): Promise<string> => assert.fail('no interpolation expected');
    const actions = async (bp: typeof atLeast, hits: number): Promise<string[]> => {
      const seen: string[] = [];
      for (let i = 0; i < hits; i++) seen.push((await store.hit(bp, never)).action);
      return seen;
    };
    assert.deepEqual(await actions(atLeast, 4), ['continue', 'continue', 'pause', 'pause']);
    assert.deepEqual(await actions(every, 4), ['continue', 'pause', 'continue', 'pause']);
    assert.deepEqual(await actions(exactly, 3), ['continue', 'pause', 'continue']);
    const logged = await store.hit(logpoint, async (expression) => (expression === 'x' ? '42' : '"sunny"'));
    assert.deepEqual(logged, { action: 'log', message: 'value is 42 and "sunny"' });
    assert.equal(bad.verified, false);
    assert.match(bad.message ?? '', /Hit count "often"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
