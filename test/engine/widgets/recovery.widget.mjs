// Test widget for the termination matrix: one background download from DATA_URL. getTimeline
// waits for the first didWriteData (so progress reaches a running extension), the wake
// recreates the session, didFinishDownloadingTo stores the value, didFinishEvents reloads and
// calls the completion. Every handled delivery is logged, so a test can count them.
import { readFileSync } from 'node:fs';
import { defineWidget, ReloadPolicy, sessionCache, Text, Timeline, UserDefaults, WidgetCenter } from 'widgetkit';

const ID = 'com.example.recovery';
const store = UserDefaults.suite('group.com.example.recovery');
let completion;
let firstProgress;

function delegate() {
  return {
    didWriteData() {
      firstProgress?.call(null);
      firstProgress = undefined;
    },
    didFinishDownloadingTo(_session, task, location) {
      const data = JSON.parse(readFileSync(location, 'utf8'));
      store.set('value', data.value);
      console.log(`handled didFinishDownloadingTo task ${task.taskIdentifier}`);
    },
    didCompleteWithError(_session, task, error) {
      console.log(`handled didCompleteWithError task ${task.taskIdentifier} ${error ? error.code : 'nil'}`);
    },
    didFinishEvents() {
      WidgetCenter.reloadTimelines('recovery');
      const done = completion;
      completion = undefined;
      if (done) done();
    },
  };
}

export default defineWidget({
  kind: 'recovery',
  provider: {
    placeholder: () => ({ date: new Date(), value: 0 }),
    getSnapshot: () => ({ date: new Date(), value: 0 }),
    async getTimeline() {
      if (store.get('value') === undefined && !store.get('requested')) {
        const session = sessionCache.session(ID, delegate);
        const progressed = new Promise((resolve) => {
          firstProgress = resolve;
          setTimeout(resolve, 3000);
        });
        store.set('requested', true);
        session.downloadTask(String(process.env.DATA_URL)).resume();
        await progressed;
      }
      const value = store.get('value') ?? null;
      const policy = value === null ? ReloadPolicy.after(new Date(Date.now() + 15 * 60 * 1000)) : ReloadPolicy.never;
      return new Timeline([{ date: new Date(), value }], policy);
    },
  },
  view: (entry) => Text(`value ${entry.value}`),
  onBackgroundURLSessionEvents(identifier, done) {
    completion = done;
    sessionCache.session(identifier, delegate);
  },
});
