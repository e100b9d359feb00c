// Shows reload-not-requested: the downloaded data is stored and the completion handler called,
// but the widget never asks WidgetCenter to reload, so it keeps showing the old timeline.
import { readFileSync } from 'node:fs';
import { defineWidget, sessionCache, UserDefaults } from 'widgetkit';
import { DATA_URL, getSnapshot, oneEntry, placeholder, view } from './shared';

const ID = 'com.example.findings.noreload';
let completion: (() => void) | undefined;

function delegate() {
  return {
    didFinishDownloadingTo(_session: unknown, _task: unknown, location: string) {
      UserDefaults.suite('group.com.example.findings').set('data', JSON.parse(readFileSync(location, 'utf8')));
    },
    didFinishEvents() {
      const done = completion;
      completion = undefined;
      if (done) done(); // the bug: no WidgetCenter.reloadTimelines before this
    },
  };
}

export default defineWidget({
  kind: 'reload-not-requested',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      if (!UserDefaults.suite('group.com.example.findings').get('data')) {
        sessionCache.session(ID, delegate).downloadTask(DATA_URL).resume();
      }
      return oneEntry();
    },
  },
  view,
  onBackgroundURLSessionEvents(identifier, done) {
    completion = done;
    sessionCache.session(identifier, delegate);
  },
});
