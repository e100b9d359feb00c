// Shows background-events-unhandled: the widget downloads in a background session but has no
// onBackgroundURLSessionEvents, so when the extension is woken for the finished download no
// handler runs (run it with --terminate-at taskResume so the system must wake it).
import { defineWidget, sessionCache } from 'widgetkit';
import { downloadOnce, getSnapshot, oneEntry, placeholder, view } from './shared';

const ID = 'com.example.findings.unhandled';

export default defineWidget({
  kind: 'background-events-unhandled',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      downloadOnce(sessionCache.session(ID, () => ({})));
      return oneEntry();
    },
  },
  view,
  // the bug: no onBackgroundURLSessionEvents for ID
});
