// The off-heap memory guard against a real process: a loop that allocates array buffers and
// never returns is seen from outside once it passes its ceiling, and a process that stays under
// it is left alone.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { watchResident } from '../../src/system/residentWatch';

const MB = 1024 * 1024;

function resident(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
}

/** A Node process that says "ready", then runs `body` on its main thread. */
async function node(body: string): Promise<{ pid: number; kill(): void }> {
  const child = spawn(process.execPath, ['-e', `process.stdout.write('ready\\n'); ${body}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return { pid: child.pid as number, kill: () => child.kill('SIGKILL') };
}

test('a loop that hoards array buffers without returning is caught past its ceiling', { timeout: 30_000 }, async () => {
  const hog = await node('const hoard = []; for (;;) hoard.push(new Uint8Array(4 * 1024 * 1024).fill(1));');
  try {
    const ceiling = resident(hog.pid) + 200 * MB;
    const seen = await new Promise<number>((resolve) => watchResident(hog.pid, ceiling, resolve));
    assert.ok(seen > ceiling, `reported ${Math.round(seen / MB)} MB, over the ${Math.round(ceiling / MB)} MB ceiling`);
  } finally {
    hog.kill();
  }
});

test('a process that stays under its ceiling is left alone, and a stopped watch says nothing', { timeout: 30_000 }, async () => {
  const idle = await node('setInterval(() => {}, 1000);');
  try {
    let over = false;
    const stop = watchResident(idle.pid, resident(idle.pid) + 200 * MB, () => (over = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(over, false);
    stop();
    const stopped = watchResident(idle.pid, 1, () => (over = true));
    stopped();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(over, false, 'a watch stopped before its first look still reported');
  } finally {
    idle.kill();
  }
});
