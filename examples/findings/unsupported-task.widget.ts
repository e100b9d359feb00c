// Shows unsupported-task: a data task on a background session. Background sessions support
// download (and upload-from-file) tasks only; the call is refused.
import { defineWidget, sessionCache } from 'widgetkit';
import { DATA_URL, getSnapshot, oneEntry, placeholder, view } from './shared';

export default defineWidget({
  kind: 'unsupported-task',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      try {
        sessionCache.session('com.example.findings.datatask', () => ({})).dataTask(DATA_URL); // the bug
      } catch {
        // refused: fall back to the stored entry
      }
      return oneEntry();
    },
  },
  view,
});
