// The widget the DAP suites debug: one background download with progress, every delegate
// method, a wake with a stored completion, a reload and entries close together (a finding), so
// that one run produces every lifecycle event. Markers (`// @name`) name the lines tests use.
// With DATA_URL set (a real local server), getTimeline waits for the first didWriteData: the
// system reports progress only to a running extension (as Apple does).
export const SESSION_ID = 'com.test.lifecycle';
export const DATA_URL = 'https://lifecycle.test/data.json';

/** Inline fixtures: a slow body so that didWriteData reports progress. */
export const FIXTURES = {
  [DATA_URL]: { status: 200, body: 'x'.repeat(6000), delayMs: 500, bytesPerSecond: 2000 },
};

export const LIFECYCLE_WIDGET = `import { defineWidget, sessionCache, Text, Timeline, ReloadPolicy, UserDefaults, WidgetCenter } from 'widgetkit';

let storedCompletion: (() => void) | undefined;
let firstProgress: (() => void) | undefined;
const url = process.env.DATA_URL ?? '${DATA_URL}';

function sum(values: number[]): number {
  let total = 0; // @sumFirst
  for (let i = 0; i < values.length; i++) {
    total += values[i]; // @sumLoop
  }
  return total;
}

function delegate() {
  return {
    didWriteData(_s: unknown, _t: unknown, written: number) {
      const resolve = firstProgress; // @didWriteData
      firstProgress = undefined;
      if (resolve) resolve();
      return written;
    },
    didFinishDownloadingTo(_s: unknown, task: { taskIdentifier?: number }, location: string) {
      const size = location.length; // @didFinish
      const total = sum([1, 2, 3]); // @callSum
      UserDefaults.suite('group.test').set('size', size + total); // @afterSum
    },
    didCompleteWithError(_s: unknown, _t: unknown, error: unknown) {
      const failed = error !== null; // @didComplete
      return failed;
    },
    didFinishEvents() {
      WidgetCenter.reloadTimelines('lifecycle'); // @didFinishEvents
      const completion = storedCompletion;
      storedCompletion = undefined;
      if (completion) completion(); // @complete
    },
  };
}

export default defineWidget({
  kind: 'lifecycle',
  displayName: 'Lifecycle',
  supportedFamilies: ['systemSmall'],
  provider: {
    placeholder() {
      return { date: new Date(), value: 0 }; // @placeholder
    },
    getSnapshot() {
      return { date: new Date(), value: 1 }; // @getSnapshot
    },
    async getTimeline() {
      const suite = UserDefaults.suite('group.test'); // @getTimeline
      if (!suite.get('requested')) {
        suite.set('requested', true);
        const progressed = new Promise<void>((resolve) => {
          firstProgress = resolve;
          if (!process.env.DATA_URL) resolve();
          setTimeout(resolve, 5000);
        });
        sessionCache.session('${SESSION_ID}', delegate).downloadTask(url).resume();
        await progressed;
      }
      const now = Date.now();
      // Two entries one minute apart: the entries-too-close finding (a diagnostic event).
      return new Timeline([{ date: new Date(now), value: 2 }, { date: new Date(now + 60000), value: 3 }], ReloadPolicy.never);
    },
  },
  view: (entry: { value: number }) => Text('value ' + entry.value),
  onBackgroundURLSessionEvents: {
    matching: '${SESSION_ID}',
    handler(identifier: string, completion: () => void) {
      storedCompletion = completion; // @wake
      sessionCache.session(identifier, delegate);
    },
  },
});
`;
