// Shows duplicate-session-identifier: getTimeline creates a new URLSession with an identifier
// that is already live in the process instead of reusing it through sessionCache.
import { defineWidget, URLSession, URLSessionConfiguration } from 'widgetkit';
import { getSnapshot, oneEntry, placeholder, view } from './shared';

const ID = 'com.example.findings.duplicate';

export default defineWidget({
  kind: 'duplicate-session',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      const first = new URLSession(URLSessionConfiguration.background(ID), {});
      const second = new URLSession(URLSessionConfiguration.background(ID), {}); // the bug
      void first;
      void second;
      return oneEntry();
    },
  },
  view,
});
