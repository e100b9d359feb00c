// Process groups and trees for the end-to-end suite: code-server and Chromium run in their own
// process groups, and teardown kills every descendant (the extension host, the debug adapter,
// the widget extension process) even when one of them started its own group. Linux only:
// reads /proc.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Children started by this suite; killed on exit even if a test never reaches its teardown. */
const started = new Set<number>();

function killStarted(): void {
  for (const pid of started) killTree(pid, 'SIGKILL');
}
process.on('exit', killStarted);
// The test runner stops a file that hangs with a signal, which skips 'exit' handlers.
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(name, () => {
    killStarted();
    process.exit(128 + (name === 'SIGINT' ? 2 : name === 'SIGTERM' ? 15 : 1));
  });
}

/** Starts a command as the leader of a new process group, remembered for teardown. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) {
    started.add(child.pid);
    child.once('exit', () => started.delete(child.pid as number));
  }
  return child;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) may hold spaces and parentheses: the ppid follows the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function livePids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The pid and all its live descendants, parents first. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of livePids()) {
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Signals the group led by `root` and every descendant, wherever its group is. */
export function killTree(root: number, name: NodeJS.Signals): void {
  const tree = descendants(root);
  signal(-root, name);
  for (const pid of tree) signal(pid, name);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; it holds no resources, so it counts as gone.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

/** SIGTERM the tree, give it `graceMs` to exit, then SIGKILL what is left. */
export async function stopTree(root: number, graceMs = 5_000): Promise<void> {
  const tree = descendants(root);
  signal(-root, 'SIGTERM');
  for (const pid of tree) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (tree.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  signal(-root, 'SIGKILL');
  for (const pid of tree) if (isAlive(pid)) signal(pid, 'SIGKILL');
  started.delete(root);
}

/** Live processes whose command line mentions `fragment` (a temp folder of this run). */
export function processesMentioning(fragment: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const pid of livePids()) {
    if (pid === process.pid || !isAlive(pid)) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue;
    }
    if (command.includes(fragment)) found.push({ pid, command });
  }
  return found;
}
