// Chaos widget: starts CHAOS_DOWNLOADS background downloads (1 to 4) spread over two session
// identifiers, once per run (the flag lives in UserDefaults, which survive terminations). Every
// delegate handler that returns appends one line to the ledger file CHAOS_LEDGER, written by the
// widget itself, so the harness can count deliveries from inside user code: the task, the pid,
// whether the session that got the event is the live one in the session cache and whether the
// file at `location` existed. A wake keeps its completion and calls it in didFinishEvents.
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

function delegate() {
  return {
    didFinishDownloadingTo(session, task, location) {
      const fileExisted = existsSync(location);
      const bytes = fileExisted ? readFileSync(location).length : -1;
      const live = sessionCache.get(session.configuration.identifier) === session;
      note({ event: 'didFinishDownloadingTo', identifier: session.configuration.identifier, task: task.taskIdentifier, live, fileExisted, bytes });
    },
    didCompleteWithError(session, task, error) {
      note({ event: 'didCompleteWithError', identifier: session.configuration.identifier, task: task.taskIdentifier, code: error ? error.code : null });
    },
    didFinishEvents(session) {
      const identifier = session.configuration.identifier;
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
    getTimeline() {
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
