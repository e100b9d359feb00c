// Shows temp-file-after-return: didFinishDownloadingTo is async and reads the file after an
// await, when the system has already deleted it (the method "returned" at its first await).
import { readFile } from 'node:fs/promises';
import { defineWidget, sessionCache, UserDefaults, WidgetCenter } from 'widgetkit';
import { downloadOnce, getSnapshot, oneEntry, placeholder, view } from './shared';

const ID = 'com.example.findings.tempfile';
let completion: (() => void) | undefined;

function delegate() {
  return {
    async didFinishDownloadingTo(_session: unknown, _task: unknown, location: string) {
      await Promise.resolve();
      const text = await readFile(location, 'utf8').catch(() => '{}'); // the bug: too late
      UserDefaults.suite('group.com.example.findings').set('data', JSON.parse(text));
    },
    didFinishEvents() {
      WidgetCenter.reloadTimelines('temp-file-after-return');
      if (completion) completion();
    },
  };
}

export default defineWidget({
  kind: 'temp-file-after-return',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      downloadOnce(sessionCache.session(ID, delegate));
      return oneEntry();
    },
  },
  view,
  onBackgroundURLSessionEvents(identifier, done) {
    completion = done;
    sessionCache.session(identifier, delegate);
  },
});
