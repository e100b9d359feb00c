// The environment of a widget extension process, in two parts. What shapes the Node process
// itself (NODE_OPTIONS, NODE_PATH and the other NODE_* and UV_* variables, the locale and time
// zone read at startup) is given at the fork; everything else of the user's `env` reaches the
// process in its `start` message and is in process.env before the widget module loads. So a
// prewarmed spare forked for one run serves a launch of another whose `env` differs only in
// variables of the second kind (a chaos campaign gives each run its own ledger path), and what
// the widget code reads in process.env is the same either way.

/** Variables Node reads while it starts (or keeps from then): they must be there at the fork. */
const AT_FORK = /^(NODE_|UV_|LC_|LANG$|LANGUAGE$|TZ$|PATH$|HOME$|TMPDIR$|SYSTEMROOT$)/;

/** What the extension gets of this program's own environment: only what Node needs. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SYSTEMROOT'];

/** The environment to fork the kit with: what Node needs, plus the user's variables that shape Node. */
export function forkEnvironment(userEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(userEnv)) if (AT_FORK.test(name)) env[name] = value;
  return env;
}

/** The user's variables that the kit sets in process.env when it starts a launch. */
export function launchEnvironment(userEnv: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(userEnv).filter(([name]) => !AT_FORK.test(name)));
}
