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
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { LINE_STEPS, rawSession, STEPS } from './rawDebugging';
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
