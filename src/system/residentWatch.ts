// A widget extension process's resident memory, watched from outside as the system's memory
// guard (jetsam) does on a device. Array buffers live outside the V8 heap cap, and a loop that
// allocates them without ever returning sends no report and reaches no checkpoint: past its
// ceiling (src/protocol/memory.ts's OFF_HEAP_HEADROOM over its size when it was ready) the
// process is stopped as out of memory instead of taking the machine's memory.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** How often the resident size is looked at: /proc is cheap to read; `ps` is a process of its own. */
const WATCH_MS = process.platform === 'linux' ? 50 : 1000;

/** The resident size of `pid` in bytes; undefined once it is gone. */
function residentBytes(pid: number): Promise<number | undefined> {
  if (process.platform === 'linux') {
    return readFile(`/proc/${pid}/status`, 'utf8').then(
      (status) => {
        const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
        return kb === undefined ? undefined : Number(kb) * 1024;
      },
      () => undefined,
    );
  }
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'rss=', '-p', String(pid)], (error, stdout) => {
      const kb = Number(stdout.trim());
      resolve(error || !Number.isFinite(kb) || kb <= 0 ? undefined : kb * 1024);
    });
  });
}

/** Calls `onOver` once should `pid` grow past `ceilingBytes`; returns the function that stops watching. */
export function watchResident(pid: number, ceilingBytes: number, onOver: (bytes: number) => void): () => void {
  let stopped = false;
  let looking = false;
  const timer = setInterval(() => {
    if (looking) return;
    looking = true;
    void residentBytes(pid).then((bytes) => {
      looking = false;
      if (stopped || bytes === undefined || bytes <= ceilingBytes) return;
      stop();
      onOver(bytes);
    });
  }, WATCH_MS);
  // A guard keeps nobody's program running.
  timer.unref();
  const stop = (): void => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}
