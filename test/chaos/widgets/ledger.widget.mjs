// Chaos widget: starts CHAOS_DOWNLOADS background downloads (1 to 4) spread over two session
// identifiers, once per run (the flag lives in UserDefaults, which survive terminations). Every
// delegate handler that returns appends one line to the ledger file CHAOS_LEDGER, written by the
// widget itself, so the harness can count deliveries from inside user code: the task, the pid,
// whether the session that got the event is the live one in the session cache and whether the
// file at `location` existed. A wake keeps its completion and calls it in didFinishEvents.
// With CHAOS_IRREGULAR the widget also behaves irregularly in wall-clock terms (DESIGN.md
// section 9): busy loops of 1-50 ms of random length, chains of awaited promises, awaits of
// virtual timers. None of it may change the trace: virtual time, not the machine, decides.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { defineWidget, ReloadPolicy, sessionCache, Text, Timeline, UserDefaults, WidgetCenter } from 'widgetkit';

const IDS = ['com.chaos.ledger.a', 'com.chaos.ledger.b'];
const BASE = 'https://chaos.example.com/item';
const store = UserDefaults.suite('group.com.chaos.ledger');
const ledger = String(process.env.CHAOS_LEDGER);
const completions = new Map();

function note(line) {
  appendFileSync(ledger, `${JSON.stringify({ ...line, pid: process.pid })}\n`);
}

const irregular = process.env.CHAOS_IRREGULAR === '1';
/** Holds the CPU for 1-50 ms of wall time, a different length every time (real randomness). */
function busy() {
  if (!irregular) return;
  const until = performance.now() + 1 + Math.floor(Math.random() * 50);
  while (performance.now() < until);
}
/** A chain of awaited promises and a virtual timer of `ms`. */
async function pause(ms) {
  if (!irregular) return;
  for (let i = 0; i < 20; i++) await Promise.resolve(i);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function delegate() {
  return {
    didFinishDownloadingTo(session, task, location) {
      busy();
      const fileExisted = existsSync(location);
      const bytes = fileExisted ? readFileSync(location).length : -1;
      const live = sessionCache.get(session.configuration.identifier) === session;
      note({ event: 'didFinishDownloadingTo', identifier: session.configuration.identifier, task: task.taskIdentifier, live, fileExisted, bytes });
    },
    didCompleteWithError(session, task, error) {
      note({ event: 'didCompleteWithError', identifier: session.configuration.identifier, task: task.taskIdentifier, code: error ? error.code : null });
    },
    async didFinishEvents(session) {
      const identifier = session.configuration.identifier;
      busy();
      await pause(200);
      WidgetCenter.reloadTimelines('chaos-ledger');
      const done = completions.get(identifier);
      completions.delete(identifier);
      if (done) done();
    },
  };
}

export default defineWidget({
  kind: 'chaos-ledger',
  provider: {
    placeholder: () => ({ date: new Date(), done: 0 }),
    getSnapshot: () => ({ date: new Date(), done: 0 }),
    async getTimeline() {
      busy();
      await pause(10);
      if (!store.get('requested')) {
        store.set('requested', true);
        const count = Number(process.env.CHAOS_DOWNLOADS ?? '1');
        for (let i = 0; i < count; i++) {
          sessionCache.session(IDS[i % IDS.length], delegate).downloadTask(`${BASE}/${i}`).resume();
        }
      }
      return new Timeline([{ date: new Date(), done: Number(store.get('done') ?? 0) }], ReloadPolicy.never);
    },
  },
  view: (entry) => Text(`done ${entry.done}`),
  onBackgroundURLSessionEvents: {
    matching: (identifier) => identifier.startsWith('com.chaos.ledger'),
    handler(identifier, completion) {
      completions.set(identifier, completion);
      sessionCache.session(identifier, delegate);
    },
  },
});
