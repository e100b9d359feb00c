// The debugger figures' baselines, with none of the adapter's code: raw CDP over the inspector
// relay or Node's WebSocket (bench/rawInspector.ts). A launch to the first Debugger.paused of
// `node --inspect-brk` on the kit; stepOvers in a bare two-line script, over the relay and over
// the WebSocket; stepOvers in the widget's own process at the lines the adapter's figure steps
// over (the engine runs the widget, a bare CDP client steps); and the floor of a lifecycle step
// in a bare process (resume, IPC to the parent and back, a pause five frames deep).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relayAddressOnStderr, relayExecArgv } from '../../src/debug/cdp/inspectorRelay';
import { WidgetSystem } from '../../src/system/widgetSystem';
import { connectRelay, spawnInspectBrk, spawnRelayed, type RawInspector } from '../rawInspector';

/** The widget the line-step figure debugs: getTimeline is plain statements, one a line. */
export const STEPS = { program: 'bench/widgets/steps.widget.ts' };
/** Line steps per session, from getTimeline's first line: all of them stay in the handler. */
export const LINE_STEPS = 20;

/** Raw CDP round trips from a pause to the next: send `method` (a step or a resume), wait for Debugger.paused. */
async function pauseToPause(inspector: RawInspector, method: 'Debugger.stepOver' | 'Debugger.resume', runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const next = inspector.nextEvent('Debugger.paused');
    const t = performance.now();
    await inspector.send(method);
    await next;
    times.push(performance.now() - t);
  }
  return times;
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
    return await pauseToPause(relayed, 'Debugger.resume', runs);
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
    return await pauseToPause(inspector, 'Debugger.stepOver', LINE_STEPS);
  } finally {
    inspector?.close();
    await system.dispose();
    await running;
  }
}

export async function rawSession(root: string, runs: number): Promise<{ launch: number; stepOver: number[]; scriptStepOver: number[]; webSocketStepOver: number[]; lifecycleFloor: number[] }> {
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
    const webSocketStepOver = await pauseToPause(stepper, 'Debugger.stepOver', runs);
    stepper.close();

    const relayed = await spawnRelayed(relayedScript);
    let scriptStepOver: number[];
    try {
      const atDebugger = relayed.nextEvent('Debugger.paused');
      await relayed.send('Runtime.enable');
      await relayed.send('Debugger.enable');
      await relayed.send('Runtime.evaluate', { expression: 'globalThis.attached = true' });
      await atDebugger;
      scriptStepOver = await pauseToPause(relayed, 'Debugger.stepOver', runs);
    } finally {
      relayed.close();
    }
    return { launch, stepOver: await rawStepsInWidget(root), scriptStepOver, webSocketStepOver, lifecycleFloor: await lifecycleFloor(folder, runs) };
  } finally {
    inspector.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
