// Prewarmed widget extension processes. iOS prewarms app processes too: the system may launch
// an app's process ahead of need and hold it before main() until the app is really launched
// (Apple, "About the app launch sequence", Prepare your app for prewarming). Here a launch takes
// a spare process that already started Node and loaded the kit (it waits for `start`) and at
// once forks the next spare. A spare is keyed by everything that shapes the process (kit, Node
// executable, execArgv, working directory, the environment it is forked with: see
// extensionEnvironment.ts); a launch with another key forks as before. A spare is nobody's
// launch until taken: no trace record, not in any snapshot, it
// keeps no program alive (unref'd), and it is killed when the last system using the pool has
// been disposed for a grace period, or when this program exits. The kit itself exits when its
// IPC channel closes, so even a SIGKILL of this program leaves no orphan.
import { forkEnvironment } from './extensionEnvironment';
import { ExtensionProcess, type ExtensionProcessOptions } from './extensionProcess';

/** Spares kept warm: two measured no faster than one on a simulated day, at twice the memory. */
const SPARES = 1;

/** How long a spare outlives the last system using the pool: a preview rerun on save comes soon. */
const GRACE_MS = 5000;

/** Everything that makes two forks of the kit the same process. */
function spawnKey(kitPath: string, options: ExtensionProcessOptions): string {
  const env = forkEnvironment(options.env);
  return JSON.stringify([
    kitPath,
    options.runtimeExecutable ?? process.execPath,
    options.execArgv,
    options.cwd,
    options.watched === true,
    Object.keys(env).sort().map((name) => [name, env[name]]),
  ]);
}

export class ExtensionProcessPool {
  /** Spares, oldest first, all forked with `key`. */
  private spares: ExtensionProcess[] = [];
  private key: string | undefined;
  private users = 0;
  private graceTimer: NodeJS.Timeout | undefined;
  private exitHookInstalled = false;
  private replenishing: NodeJS.Immediate | undefined;

  /** A system starts using the pool; call the returned function once when it is disposed. */
  use(): () => void {
    this.users += 1;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users -= 1;
      if (this.users > 0) return;
      this.graceTimer = setTimeout(() => {
        this.graceTimer = undefined;
        if (this.users === 0) this.discard();
      }, GRACE_MS);
      this.graceTimer.unref();
    };
  }

  /** A process for a launch (not adopted yet): a spare when the key matches, else a new fork. */
  take(kitPath: string, options: ExtensionProcessOptions): ExtensionProcess {
    const key = spawnKey(kitPath, options);
    if (key !== this.key) this.discard();
    this.key = key;
    // A spare that died while waiting (killed from outside) cannot serve a launch.
    this.spares = this.spares.filter((spare) => spare.available);
    const taken = this.spares.shift() ?? new ExtensionProcess(kitPath, options);
    if (this.users > 0) this.replenishSoon(key, kitPath, options);
    return taken;
  }

  /**
   * Forks the next spares once the launch at hand had its turn. A fork blocks this program for
   * as long as the kernel takes to copy its page tables (about 10 ms per 100 MB of resident
   * memory): done at once, it would hold back the `start` of the process just taken, whose
   * launch is waiting, for a spare that is only needed at the next launch.
   */
  private replenishSoon(key: string, kitPath: string, options: ExtensionProcessOptions): void {
    if (this.replenishing) return;
    this.replenishing = setImmediate(() => {
      this.replenishing = undefined;
      if (this.users === 0 || key !== this.key) return;
      this.installExitHook();
      this.spares = this.spares.filter((spare) => spare.available);
      while (this.spares.length < SPARES) this.spares.push(new ExtensionProcess(kitPath, options, true));
    });
    // A spare to come keeps nobody's program alive either.
    this.replenishing.unref();
  }

  /** Kills the spares, if any. */
  discard(): void {
    const spares = this.spares;
    this.spares = [];
    for (const spare of spares) void spare.kill();
  }

  /** Spares never outlive this program, even one that exits without disposing its systems. */
  private installExitHook(): void {
    if (this.exitHookInstalled) return;
    this.exitHookInstalled = true;
    process.once('exit', () => {
      for (const spare of this.spares) spare.child.kill('SIGKILL');
    });
  }
}

/** The one pool of this program: systems run one after another (a preview rerun) share spares. */
export const extensionProcessPool = new ExtensionProcessPool();
