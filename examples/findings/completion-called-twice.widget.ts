// Shows completion-called-twice: didFinishEvents calls the stored completion handler twice
// because the stored reference is not cleared after the first call.
import { defineWidget, sessionCache, WidgetCenter } from 'widgetkit';
import { downloadOnce, getSnapshot, oneEntry, placeholder, view } from './shared';

const ID = 'com.example.findings.twice';
let completion: (() => void) | undefined;

export default defineWidget({
  kind: 'completion-called-twice',
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

function delegate() {
  return {
    didFinishEvents() {
      WidgetCenter.reloadTimelines('completion-called-twice');
      if (completion) completion();
      if (completion) completion(); // the bug: the reference is not cleared after the first call
    },
  };
}
