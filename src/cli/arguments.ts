// The command line of the headless runner (DESIGN.md section 5), parsed into raw launch
// arguments that validateSystemOptions checks like the debug adapter's, plus the CLI's own
// choices (horizon, output). Bad usage is a UsageError: exit code 2 and a message naming the flag.
import { isLifecycleEventName, LIFECYCLE_EVENTS } from '../protocol/lifecycle';


export class UsageError extends Error {
  readonly code = 'bad-usage';
}

export const USAGE = `Usage: widget-timeline run <widget-file> [options]
       widget-timeline replay <recording.jsonl> [--json] [--until-seq <n>]

run: runs a widget in the simulated system and prints its lifecycle trace.
replay: runs a recording again with its recorded inputs only (no network) and checks that the
  trace is the recorded one: exit 0 when it is, 1 naming the first record that differs,
  2 when the file is not a recording.

Options:
  --kind <kind>             widget kind to run when the file defines several
  --family <family>         systemSmall (default), systemMedium, systemLarge, ...
  --device <name>           device whose widget sizes to use (default "iPhone 15 Pro")
  --now <ISO>               virtual start time (default: now)
  --until <ISO|+90s|+15m|+24h>  virtual horizon (default +1h)
  --clock simulated|live    discrete-event (default) or wall-clock speed
  --fixtures <file.json>    answer transfers from a fixtures file
  --offline                 every transfer fails as offline (-1009)
  --terminate-at <event>[#n]    the system terminates the extension at the n-th event
  --force-quit-at <event>[#n]   the user force-quits at the n-th event (transfers cancelled)
  --tap <intent>[@<ISO|+duration>]  tap the first button or toggle of the intent on
                            screen at that moment (default: the start); repeatable
  --memory-limit <MB>       memory limit of the extension (default 30)
  --budget <n>              daily reload budget (default 70)
  --push-at <ISO|+15m>      a WidgetKit push for the widget at that moment (repeatable)
  --push-budget <n>         daily push budget (default 50): pushes over it reload nothing
  --trace <file.jsonl>      also write the trace as JSON Lines
  --record <file.jsonl>     write a recording of the run (replay it with \`replay\`); a run
                            with findings leaves one anyway, in the temporary folder
  --seed <n>                seed of the widget's Math.random and crypto randomness
  --env KEY=VALUE           environment variable for the widget process (repeatable)
  --json                    print the trace records as JSON Lines instead of a table
  --help                    show this help

Exit codes: 0 no error-level findings, 1 error-level findings, 2 bad usage or the widget failed to load.`;

export interface CliArguments {
  command: 'run' | 'replay';
  help: boolean;
  json: boolean;
  /** run: where to write the recording. */
  record?: string;
  /** replay: the recording to replay. */
  recording?: string;
  /** replay: stop after the trace record with this seq. */
  untilSeq?: number;
  /** Raw launch arguments for validateSystemOptions. */
  launch: Record<string, unknown>;
  /** The horizon as written: ISO or +<n><s|m|h|d>. */
  until: string;
  /** run: --tap, in the order given (src/cli/tapPlan.ts). */
  taps?: PlannedTap[];
  /** run: the pushes planned with --push-at, as written (ISO or +<n><s|m|h|d>). */
  pushAt: string[];
}

const VALUE_FLAGS = new Set(['--record', '--seed', '--kind', '--family', '--device', '--now', '--until', '--clock', '--fixtures', '--terminate-at', '--force-quit-at', '--memory-limit', '--budget', '--trace', '--env', '--push-at', '--push-budget', '--tap']);
const BOOLEAN_FLAGS = new Set(['--offline', '--json', '--help', '-h']);

function terminateRule(flag: string, value: string, mode: 'system' | 'forceQuit'): { at: string; occurrence: number; mode: string } {
  const match = /^([A-Za-z]+)(?:#(\d+))?$/.exec(value);
  if (!match || !isLifecycleEventName(match[1])) {
    throw new UsageError(`${flag} ${value}: expected <event>[#n] with an event among ${LIFECYCLE_EVENTS.join(', ')}.`);
  }
  const occurrence = match[2] === undefined ? 1 : Number(match[2]);
  if (occurrence < 1) throw new UsageError(`${flag} ${value}: the occurrence counts from 1.`);
  return { at: match[1], occurrence, mode };
}

/** A --tap (run by src/cli/tapPlan.ts). */
export interface PlannedTap {
  intent: string;
  /** As written after `@`: ISO or +<n><ms|s|m|h|d>; absent: at the start. */
  at?: string;
}

function parseTap(value: string): PlannedTap {
  const match = /^([^@\s]+)(?:@(.+))?$/.exec(value);
  if (!match) throw new UsageError(`--tap ${value}: expected <intent>[@<ISO | +duration>], e.g. --tap toggleLight@+10m.`);
  return match[2] === undefined ? { intent: match[1] } : { intent: match[1], at: match[2] };
}

function positiveNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} ${value}: expected a positive number.`);
  return n;
}

/** A daily count (--budget, --push-budget): a whole number, 0 or more. */
function dailyCount(flag: string, value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} ${value}: expected a whole number of ${what} per day.`);
  return n;
}

/** Parses `run <file> [options]` (argv without node and script). */
export function parseArguments(argv: string[]): CliArguments {
  const args: CliArguments = { command: 'run', help: false, json: false, launch: {}, until: '+1h', pushAt: [] };
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { ...args, help: true };
  const [command, ...rest] = argv;
  if (command === 'replay') return parseReplay(rest);
  if (command !== 'run') throw new UsageError(`unknown command "${command}": the commands are "run <widget-file>" and "replay <recording>".`);
  const launch = args.launch;
  const terminate: unknown[] = [];
  const env: Record<string, string> = {};
  const network: Record<string, unknown> = {};
  for (let i = 0; i < rest.length; i++) {
    let flag = rest[i];
    let value: string | undefined;
    const eq = flag.startsWith('--') ? flag.indexOf('=') : -1;
    if (eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    if (!flag.startsWith('-')) {
      if (launch.program !== undefined) throw new UsageError(`unexpected argument "${flag}": give one widget file.`);
      launch.program = flag;
      continue;
    }
    if (BOOLEAN_FLAGS.has(flag)) {
      if (value !== undefined) throw new UsageError(`${flag} takes no value.`);
      if (flag === '--offline') network.offline = true;
      if (flag === '--json') args.json = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) throw new UsageError(`unknown option ${flag} (see --help).`);
    if (value === undefined) {
      value = rest[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value.`);
    }
    switch (flag) {
      case '--kind':
      case '--family':
      case '--device':
      case '--now':
      case '--clock':
      case '--trace':
        launch[flag.slice(2)] = value;
        break;
      case '--until':
        args.until = value;
        break;
      case '--record':
        args.record = value;
        break;
      case '--tap':
        (args.taps ??= []).push(parseTap(value));
        break;
      case '--seed': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new UsageError(`--seed ${value}: expected a whole number from 0 to 4294967295.`);
        launch.seed = n;
        break;
      }
      case '--fixtures':
        network.fixtures = value;
        break;
      case '--terminate-at':
        terminate.push(terminateRule(flag, value, 'system'));
        break;
      case '--force-quit-at':
        terminate.push(terminateRule(flag, value, 'forceQuit'));
        break;
      case '--memory-limit':
        launch.memoryLimitMb = positiveNumber(flag, value);
        break;
      case '--budget':
        launch.budget = dailyCount(flag, value, 'reloads');
        break;
      case '--push-at':
        if (Number.isNaN(momentAfter(value, 0))) throw new UsageError(`--push-at ${value}: expected an ISO date or a time after the start such as +90s, +15m, +24h.`);
        args.pushAt.push(value);
        break;
      case '--push-budget':
        launch.pushBudget = dailyCount(flag, value, 'pushes');
        break;
      case '--env': {
        const at = value.indexOf('=');
        if (at <= 0) throw new UsageError(`--env ${value}: expected KEY=VALUE.`);
        env[value.slice(0, at)] = value.slice(at + 1);
        break;
      }
    }
  }
  if (launch.program === undefined) throw new UsageError('missing the widget file: widget-timeline run <widget-file>.');
  if (terminate.length > 0) launch.terminate = terminate;
  if (Object.keys(env).length > 0) launch.env = env;
  if (Object.keys(network).length > 0) launch.network = network;
  return args;
}

/** Parses `replay <recording> [--json] [--until-seq n]`. */
function parseReplay(rest: string[]): CliArguments {
  const args: CliArguments = { command: 'replay', help: false, json: false, launch: {}, until: '', pushAt: [] };
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].startsWith('--') && rest[i].includes('=') ? [rest[i].slice(0, rest[i].indexOf('=')), rest[i].slice(rest[i].indexOf('=') + 1)] : [rest[i], undefined];
    if (flag === '--json') args.json = true;
    else if (flag === '--until-seq') {
      const value = inline ?? rest[++i];
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < 1) throw new UsageError(`--until-seq ${value ?? ''}: expected a trace record's seq (1 or more).`);
      args.untilSeq = n;
    } else if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag} for replay (it takes --json and --until-seq <n>).`);
    else if (args.recording !== undefined) throw new UsageError(`unexpected argument "${flag}": give one recording.`);
    else args.recording = flag;
  }
  if (args.recording === undefined) throw new UsageError('missing the recording: widget-timeline replay <recording.jsonl>.');
  return args;
}

/** A moment in ms since the epoch: an ISO date, or +<n>ms|s|m|h|d after `start`; NaN when neither. */
export function momentAfter(text: string, start: number): number {
  const relative = /^\+(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text);
  if (relative) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    return start + Number(relative[1]) * unit;
  }
  return Date.parse(text);
}

/**
 * A moment planned inside the run (`--push-at`, `--tap <intent>@`): an ISO date or +duration
 * after the start, neither before the start nor after the horizon (it would never come: bad
 * usage, not a silent no-op). `label` names the argument in the message.
 */
export function momentInRun(label: string, text: string, start: number, horizon: number): number {
  const at = momentAfter(text, start);
  const iso = (ms: number) => new Date(ms).toISOString();
  if (Number.isNaN(at)) throw new UsageError(`${label}: expected an ISO date or +90s, +15m, +24h.`);
  if (at < start) throw new UsageError(`${label}: ${iso(at)} is before the start of the run (${iso(start)}).`);
  if (at > horizon) throw new UsageError(`${label}: ${iso(at)} is after the run ends (--until, ${iso(horizon)}); move it earlier or the horizon later.`);
  return at;
}

/** The horizon in ms since the epoch: an ISO date, or +<n>s|m|h|d after the virtual start. */
export function parseHorizon(until: string, start: number): number {
  const absolute = momentAfter(until, start);
  if (Number.isNaN(absolute)) throw new UsageError(`--until ${until}: expected an ISO date or +90s, +15m, +24h.`);
  if (absolute < start) throw new UsageError(`--until ${until}: the horizon is before the start time.`);
  return absolute;
}
