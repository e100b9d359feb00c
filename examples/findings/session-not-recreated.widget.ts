// Shows session-not-recreated: woken for background events, the widget keeps the completion
// handler but never creates a URLSession with the identifier, so the system cannot deliver the
// finished download (run it with --terminate-at taskResume so the session is gone).
import { defineWidget, sessionCache } from 'widgetkit';
import { downloadOnce, getSnapshot, oneEntry, placeholder, view } from './shared';

const ID = 'com.example.findings.forgotten';
let completion: (() => void) | undefined;

export default defineWidget({
  kind: 'session-not-recreated',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      downloadOnce(sessionCache.session(ID, () => ({})));
      return oneEntry();
    },
  },
  view,
  onBackgroundURLSessionEvents(_identifier, done) {
    completion = done; // the bug: no sessionCache.session(identifier, ...) here
    void completion;
  },
});
