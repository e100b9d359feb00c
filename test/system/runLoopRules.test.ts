// The run loop's rules one by one, without child processes: parties that say whether they are
// idle and what moment they wait for, a real VirtualClock and real naps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../src/system/clock';
import { Naps } from '../../src/system/naps';
import { RunLoop, type RunLoopParties } from '../../src/system/runLoop';

const T0 = 1_000_000;

/** Parties whose idleness and extension timer the test sets; every clock sent is logged. */
function world() {
  const clock = new VirtualClock('simulated', T0);
  const naps = new Naps();
  const state = { systemIdle: true, daemonIdle: true, extensionIdle: true, extensionTimer: undefined as number | undefined, stopped: false };
  const sent: number[] = [];
  const log: string[] = [];
  const api: RunLoopParties = {
    systemIdle: () => state.systemIdle,
    daemonIdle: () => state.daemonIdle,
    extensionIdle: () => state.extensionIdle,
    extensionNextTimer: () => state.extensionTimer,
    sendClock: (now) => {
      sent.push(now);
      // The extension fires its timers due by then and reports again after a moment of work.
      if (state.extensionTimer !== undefined && state.extensionTimer <= now) {
        log.push(`extension timer at ${now - T0}`);
        state.extensionTimer = undefined;
        state.extensionIdle = false;
        setTimeout(() => {
          state.extensionIdle = true;
          naps.wakeAll();
        }, 5);
      }
    },
    stopped: () => state.stopped,
  };
  return { clock, naps, state, sent, log, api };
}

test('jumps to the earliest moment any party waits for: the extension\'s timer before a later system timer', async () => {
  const p = world();
  const { clock, naps } = p;
  clock.schedule(T0 + 5000, () => void p.log.push(`system timer at ${clock.now() - T0}`), 'reload');
  p.state.extensionTimer = T0 + 1200;
  await new RunLoop(clock, p.api, naps).runTo(T0 + 10_000);
  assert.deepEqual(p.log, ['extension timer at 1200', 'system timer at 5000']);
  assert.equal(clock.now(), T0 + 10_000);
});

test('at a tie the extension\'s timer fires as the clock arrives, then the system\'s timer of that moment', async () => {
  const p = world();
  const { clock, naps } = p;
  clock.schedule(T0 + 1000, () => void p.log.push(`system timer at ${clock.now() - T0}`), 'reload');
  p.state.extensionTimer = T0 + 1000;
  await new RunLoop(clock, p.api, naps).runTo(T0 + 2000);
  assert.deepEqual(p.log, ['extension timer at 1000', 'system timer at 1000']);
});

test('time stands still while any party is busy, however long that takes, and moves once all are idle', async () => {
  for (const busy of ['systemIdle', 'daemonIdle', 'extensionIdle'] as const) {
    const p = world();
    const { clock, naps } = p;
    clock.schedule(T0 + 60_000, () => undefined, 'later');
    p.state[busy] = false;
    const running = new RunLoop(clock, p.api, naps).runTo(T0 + 120_000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(clock.now(), T0, `no jump while ${busy} is false`);
    p.state[busy] = true;
    naps.wakeAll();
    await running;
    assert.equal(clock.now(), T0 + 120_000, `moved once ${busy} is true again`);
  }
});

test('a timer callback\'s own work holds the clock: a busy system party is waited for', async () => {
  const p = world();
  const { clock, naps } = p;
  clock.schedule(T0 + 1000, () => {
    p.state.systemIdle = false;
    setTimeout(() => {
      p.log.push(`work of the 1 s timer done at ${clock.now() - T0}`);
      p.state.systemIdle = true;
      naps.wakeAll();
    }, 20);
  }, 'limit');
  clock.schedule(T0 + 2000, () => void p.log.push(`next timer at ${clock.now() - T0}`), 'next');
  await new RunLoop(clock, p.api, naps).runTo(T0 + 3000);
  assert.deepEqual(p.log, ['work of the 1 s timer done at 1000', 'next timer at 2000']);
});

test('until() moves time with no horizon while the work asked for waits, and stops once it is done', async () => {
  const p = world();
  const { clock, naps } = p;
  let done = false;
  clock.schedule(T0 + 1000, () => void (done = true), 'transfer finished');
  clock.schedule(T0 + 9000, () => void p.log.push('too far'), 'much later');
  await new RunLoop(clock, p.api, naps).until(() => done);
  assert.equal(clock.now(), T0 + 1000);
  assert.deepEqual(p.log, []);
});
