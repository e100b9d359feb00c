// Shows completion-not-called and time-limit: the wake handler recreates the session but never
// keeps (or calls) the completion handler, so the extension stays awake until the background
// time limit ends the wake and the system terminates it.
import { defineWidget, sessionCache } from 'widgetkit';
import { downloadOnce, getSnapshot, oneEntry, placeholder, view } from './shared';

const ID = 'com.example.findings.no-completion';

export default defineWidget({
  kind: 'completion-not-called',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      downloadOnce(sessionCache.session(ID, () => ({})));
      return oneEntry();
    },
  },
  view,
  onBackgroundURLSessionEvents(identifier, _completion) {
    // The bug: the completion handler is not kept, so nothing can call it after the events.
    sessionCache.session(identifier, () => ({}));
  },
});
