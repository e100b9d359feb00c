// Debugger latency through the real adapter (dist/debugAdapter.js over stdio, a DAP client from
// @vscode/debugadapter-testsupport) against a bare inspector session side by side:
// - launch-to-first-stop: DAP launch request to the first event-breakpoint stop (getTimeline,
//   inside the user's provider) vs spawning `node --inspect-brk` on the runtime bundle and the first
//   Debugger.paused over CDP. Target: ratio <= 2.
// - step latency: a line stepOver (bench/widgets/steps.widget.ts, 20 plain lines of getTimeline)
//   and a stepLifecycle round trip (the weather example) vs a raw CDP stepOver served the way
//   the adapter reaches the inspector (bench/rawInspector.ts connectRelay), in the widget's own
//   process at the same lines: the engine runs the steps widget without the adapter, a bare CDP
//   client breaks at getTimeline's first line and steps over the lines the adapter's figure
//   does, so the ratio is what the adapter adds. A bare script's stepOver (the baseline before)
//   and the WebSocket figure are in the note. Target: median <= 10 ms and ratio <= 2.
// - the floor of a lifecycle step, reported beside it: a bare process whose handler, called five
//   frames deep from an IPC message as the kit calls user handlers, stops at `debugger;`; the
//   parent plays the system and the debugger at once: resume, the process answers over IPC, the
//   parent delivers the next event over IPC, the handler pauses. No adapter, no system, no DAP:
//   the least any debugger of a widget running in its own process can do per lifecycle step.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { relayAddressOnStderr, relayExecArgv } from '../../src/debug/cdp/inspectorRelay';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { connectRelay, spawnInspectBrk, spawnRelayed, type RawInspector } from '../rawInspector';
import type { Figure } from '../statistics';
import { median, round } from '../statistics';

interface Stopped {
  body: { threadId: number; description?: string };
}

/** The next stop, or null when none comes within `ms` (the lifecycle may have run out of events). */
function nextStop(client: DebugClient, ms: number): Promise<Stopped | null> {
  const stopped = (client.waitForEvent('stopped', ms) as Promise<unknown> as Promise<Stopped>).catch(() => null);
  return stopped;
}

/** The widget the launch and stepLifecycle figures debug, and its fixtures. */
const WEATHER = { program: 'examples/weather/weather.widget.ts', fixtures: 'examples/weather/weather.fixtures.json' };
/** The widget the line-step figure debugs: getTimeline is plain statements, one a line. */
const STEPS = { program: 'bench/widgets/steps.widget.ts' };
/** Line steps per session, from getTimeline's first line: all of them stay in the handler. */
const LINE_STEPS = 20;

interface AdapterRun {
  boot: number;
  launch: number;
  stepOver: number[];
  stepLifecycle: number[];
  lifecycleStops: string[];
}

/** One adapter session: launch to the getTimeline stop, then line steps, then lifecycle steps. */
async function adapterSession(root: string, widget: { program: string; fixtures?: string }, steps: { line: number; lifecycle: number }): Promise<AdapterRun> {
  const client = new DebugClient(process.execPath, join(root, 'dist/debugAdapter.js'), 'widget-timeline');
  client.defaultTimeout = 30_000;
  const spawned = performance.now();
  await client.start();
  try {
    const stopped = nextStop(client, 30_000);
    // Listening before initialize: the adapter sends `initialized` right behind its answer.
    const initialized = client.waitForEvent('initialized');
    await client.initializeRequest({ adapterID: 'widget-timeline', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    // The figure runs from the launch request: starting the adapter's own process is not part of
    // a launch in VS Code, which runs the session inline (src/editor/debugging.ts). Noted apart.
    const started = performance.now();
    const boot = started - spawned;
    await client.launchRequest({ program: join(root, widget.program), ...(widget.fixtures ? { network: { fixtures: join(root, widget.fixtures) } } : {}), clock: 'simulated' } as never);
    await initialized;
    await client.setExceptionBreakpointsRequest({ filters: ['getTimeline'] });
    await client.configurationDoneRequest();
    const first = await stopped;
    if (!first) throw new Error('the adapter never stopped on the getTimeline event breakpoint');
    const launch = performance.now() - started;

    const stepOver: number[] = [];
    for (let i = 0; i < steps.line; i++) {
      const next = nextStop(client, 5_000);
      const t = performance.now();
      await client.nextRequest({ threadId: first.body.threadId });
      const stop = await next;
      if (!stop) break;
      if (stop.body.description !== 'Paused after step') throw new Error(`a line step stopped elsewhere: ${stop.body.description}`);
      stepOver.push(performance.now() - t);
    }
    const stepLifecycle: number[] = [];
    const lifecycleStops: string[] = [];
    for (let i = 0; i < steps.lifecycle; i++) {
      const next = nextStop(client, 5_000);
      const t = performance.now();
      await client.customRequest('stepLifecycle');
      const stop = await next;
      if (!stop) break;
      stepLifecycle.push(performance.now() - t);
      lifecycleStops.push((stop.body.description ?? '?').replace(/^Paused on /, '').replace(/ \(.*$/, ''));
    }
    return { boot, launch, stepOver, stepLifecycle, lifecycleStops };
  } finally {
    await client.stop();
  }
}

/** Raw CDP stepOver round trips: send Debugger.stepOver, wait for Debugger.paused. */
async function rawSteps(inspector: RawInspector, runs: number): Promise<number[]> {
  const stepOver: number[] = [];
  for (let i = 0; i < runs; i++) {
    const next = inspector.nextEvent('Debugger.paused');
    const t = performance.now();
    await inspector.send('Debugger.stepOver');
    await next;
    stepOver.push(performance.now() - t);
  }
  return stepOver;
}

/** A bare stand-in for the widget extension: each `deliver` calls a handler five frames deep that stops. */
const LIFECYCLE_FLOOR_SCRIPT = `function handler(event) {
  debugger;
  return event;
}
const call = (depth, event) => (depth === 0 ? handler(event) : call(depth - 1, event));
process.on('message', (message) => {
  call(4, message);
  process.send('delivered');
});
`;

/** Lifecycle-step floors: Debugger.resume to the next Debugger.paused, across two IPC messages. */
async function lifecycleFloor(folder: string, runs: number): Promise<number[]> {
  const script = join(folder, 'lifecycle.js');
  writeFileSync(script, LIFECYCLE_FLOOR_SCRIPT);
  const relayed = await spawnRelayed(script, { ipc: true });
  try {
    // The parent delivers the next event when the handler answered; not after the process is gone.
    relayed.child.on('message', () => {
      if (relayed.child.connected) relayed.child.send('deliver', () => undefined);
    });
    await relayed.send('Runtime.enable');
    await relayed.send('Debugger.enable');
    const first = relayed.nextEvent('Debugger.paused');
    relayed.child.send('deliver');
    await first;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const next = relayed.nextEvent('Debugger.paused');
      const t = performance.now();
      await relayed.send('Debugger.resume');
      await next;
      times.push(performance.now() - t);
    }
    return times;
  } finally {
    relayed.close();
  }
}

/**
 * Raw CDP stepOvers in the widget's own process from the stop the adapter's figure starts at: the
 * engine runs the widget (debug mode, the relay in the process) and a bare CDP client, not the
 * adapter, breaks at getTimeline's first statement and steps.
 */
async function rawStepsInWidget(root: string): Promise<number[]> {
  const program = join(root, STEPS.program);
  const lineNumber = readFileSync(program, 'utf8').split('\n').findIndex((line) => /^\s*getTimeline\(\)/.test(line)) + 1;
  if (lineNumber === 0) throw new Error(`no getTimeline in ${program}`);
  let inspector: RawInspector | undefined;
  let firstPause: Promise<unknown> | undefined;
  const system = new WidgetSystem({
    program,
    mode: 'debug',
    clock: 'simulated',
    debug: {
      execArgv: () => relayExecArgv(),
      async onExtensionSpawn({ child }) {
        if (inspector) return;
        inspector = await connectRelay(child, await relayAddressOnStderr(child));
        firstPause = inspector.nextEvent('Debugger.paused');
        await inspector.send('Runtime.enable');
        await inspector.send('Debugger.enable');
        await inspector.send('Debugger.setBreakpointByUrl', { urlRegex: 'steps\\.widget\\.ts$', lineNumber });
      },
    },
  });
  const running = system.runUntil(Date.now() + 60 * 60 * 1000).catch(() => undefined);
  try {
    const deadline = Date.now() + 30_000;
    while (!firstPause && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    if (!firstPause || !inspector) throw new Error('the widget extension never started');
    await firstPause;
    return await rawSteps(inspector, LINE_STEPS);
  } finally {
    inspector?.close();
    await system.dispose();
    await running;
  }
}

async function rawSession(root: string, runs: number): Promise<{ launch: number; stepOver: number[]; scriptStepOver: number[]; webSocketStepOver: number[]; lifecycleFloor: number[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'wt-bench-cdp-'));
  const statements = Array.from({ length: runs + 5 }, (_, i) => `  globalThis.v${i} = ${i};`).join('\n');
  const script = join(folder, 'loop.js');
  writeFileSync(script, statements.replace(/^  /gm, '') + '\n');
  // Through the relay there is no --inspect-brk: the script waits for the client, then breaks.
  const relayedScript = join(folder, 'relayed.js');
  writeFileSync(relayedScript, `function steps() {\n  debugger;\n${statements}\n}\nconst wait = setInterval(() => {\n  if (globalThis.attached) {\n    clearInterval(wait);\n    steps();\n  }\n}, 1);\n`);
  const started = performance.now();
  const inspector = await spawnInspectBrk(join(root, 'dist/kit/widgetkit.js'));
  try {
    const paused = inspector.nextEvent('Debugger.paused');
    await inspector.send('Runtime.enable');
    await inspector.send('Debugger.enable');
    await inspector.send('Runtime.runIfWaitingForDebugger');
    await paused;
    const launch = performance.now() - started;
    inspector.close();

    const stepper = await spawnInspectBrk(script);
    const firstPause = stepper.nextEvent('Debugger.paused');
    await stepper.send('Runtime.enable');
    await stepper.send('Debugger.enable');
    await stepper.send('Runtime.runIfWaitingForDebugger');
    await firstPause;
    const webSocketStepOver = await rawSteps(stepper, runs);
    stepper.close();

    const relayed = await spawnRelayed(relayedScript);
    let scriptStepOver: number[];
    try {
      const atDebugger = relayed.nextEvent('Debugger.paused');
      await relayed.send('Runtime.enable');
      await relayed.send('Debugger.enable');
      await relayed.send('Runtime.evaluate', { expression: 'globalThis.attached = true' });
      await atDebugger;
      scriptStepOver = await rawSteps(relayed, runs);
    } finally {
      relayed.close();
    }
    return { launch, stepOver: await rawStepsInWidget(root), scriptStepOver, webSocketStepOver, lifecycleFloor: await lifecycleFloor(folder, runs) };
  } finally {
    inspector.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A step latency figure against the raw CDP stepOver round trip. Target: median <= 10 ms and ratio <= 2. */
function stepFigure(kind: string, ours: number[], baseline: number[], note: string): Figure {
  const ratio = median(ours) / median(baseline);
  return {
    name: `step latency: ${kind}`,
    unit: 'ms',
    median: round(median(ours)),
    baseline: round(median(baseline)),
    ratio: round(ratio),
    target: 'median <= 10 ms and ratio <= 2',
    met: median(ours) <= 10 && ratio <= 2,
    runs: ours.length,
    note,
  };
}

export async function measureDebugLatency(root: string, runs: number): Promise<Figure[]> {
  const launches: number[] = [];
  const boots: number[] = [];
  const baseLaunches: number[] = [];
  let ours = { stepOver: [] as number[], stepLifecycle: [] as number[] };
  /** stepLifecycle round trips by the event they stopped at. */
  const byStop = new Map<string, number[]>();
  let base = { stepOver: [] as number[], scriptStepOver: [] as number[], webSocketStepOver: [] as number[], lifecycleFloor: [] as number[] };
  const sessions = Math.max(3, Math.min(runs, 5));
  for (let i = 0; i < sessions; i++) {
    const raw = await rawSession(root, runs);
    const lines = await adapterSession(root, STEPS, { line: LINE_STEPS, lifecycle: 0 });
    const adapter = await adapterSession(root, WEATHER, { line: 0, lifecycle: runs });
    baseLaunches.push(raw.launch);
    launches.push(adapter.launch);
    boots.push(adapter.boot);
    ours = { stepOver: [...ours.stepOver, ...lines.stepOver], stepLifecycle: [...ours.stepLifecycle, ...adapter.stepLifecycle] };
    adapter.lifecycleStops.forEach((stop, j) => byStop.set(stop, [...(byStop.get(stop) ?? []), adapter.stepLifecycle[j]]));
    base = { stepOver: [...base.stepOver, ...raw.stepOver], scriptStepOver: [...base.scriptStepOver, ...raw.scriptStepOver], webSocketStepOver: [...base.webSocketStepOver, ...raw.webSocketStepOver], lifecycleFloor: [...base.lifecycleFloor, ...raw.lifecycleFloor] };
  }
  const launchRatio = median(launches) / median(baseLaunches);
  return [
    { name: 'launch-to-first-stop', unit: 'ms', median: round(median(launches), 1), baseline: round(median(baseLaunches), 1), ratio: round(launchRatio), target: 'ratio <= 2', met: launchRatio <= 2, runs: sessions, note: `from the launch request; the adapter process started ${round(median(boots), 0)} ms before (inline in VS Code)` },
    stepFigure(
      'line stepOver',
      ours.stepOver,
      base.stepOver,
      `baseline: raw CDP in the widget at the same lines; in a bare two-line script ${round(median(base.scriptStepOver))} ms (ratio ${round(median(ours.stepOver) / median(base.scriptStepOver))}), over node's WebSocket ${round(median(base.webSocketStepOver))} ms (Nagle + delayed ACK)`,
    ),
    // The median falls between kinds of stop that cost very different work: say which.
    stepFigure('stepLifecycle', ours.stepLifecycle, base.stepOver, `by the event stopped at: ${[...byStop].map(([stop, times]) => `${stop} ${round(median(times))} ms (${times.length})`).join(', ')}`),
    {
      name: 'step latency: lifecycle floor (bare process)',
      unit: 'ms',
      median: round(median(base.lifecycleFloor)),
      baseline: round(median(base.scriptStepOver)),
      ratio: round(median(base.lifecycleFloor) / median(base.scriptStepOver)),
      target: 'report',
      met: true,
      runs: base.lifecycleFloor.length,
      note: 'resume, IPC to the parent and back, a pause five frames deep; no adapter, system or DAP; baseline: the bare script stepOver',
    },
  ];
}
