// The simulated-day benchmark's widget: a timeline that asks to be reloaded every 20 minutes
// (72 a day, so the 70-reload budget is spent) and, for its first 50 reloads, downloads a
// forecast in the background through the session cache, as a busy real widget would.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { appGroupContainer, defineWidget, ReloadPolicy, sessionCache, Text, Timeline, UserDefaults, WidgetCenter } from 'widgetkit';

const SESSION_ID = 'bench.day.downloads';
const defaults = UserDefaults.suite('group.bench.day');
let completion: (() => void) | undefined;

const delegate = () => ({
  didFinishDownloadingTo(_session: unknown, _task: unknown, location: string) {
    renameSync(location, join(appGroupContainer(), 'latest.json'));
  },
  didFinishEvents() {
    WidgetCenter.reloadTimelines('day');
    completion?.();
    completion = undefined;
  },
});

export default defineWidget({
  kind: 'day',
  displayName: 'Simulated day',
  supportedFamilies: ['systemSmall'],
  provider: {
    placeholder: () => ({ date: new Date(), n: 0 }),
    getSnapshot: () => ({ date: new Date(), n: 0 }),
    getTimeline() {
      const downloads = (defaults.get('downloads') as number | undefined) ?? 0;
      if (downloads < 50) {
        defaults.set('downloads', downloads + 1);
        sessionCache.session(SESSION_ID, delegate).downloadTask('https://bench.example/data').resume();
      }
      const now = Date.now();
      const entries = [0, 1, 2, 3].map((i) => ({ date: new Date(now + i * 5 * 60 * 1000), n: downloads + i }));
      return new Timeline(entries, ReloadPolicy.after(new Date(now + 20 * 60 * 1000)));
    },
  },
  view: (entry: { n: number }) => Text(String(entry.n)),
  onBackgroundURLSessionEvents: {
    matching: SESSION_ID,
    handler(identifier, done) {
      completion = done;
      sessionCache.session(identifier, delegate);
    },
  },
});
