// Shows completion-before-finish-events: the wake handler calls the completion handler at once,
// before the system delivered the session's events and urlSessionDidFinishEvents.
import { defineWidget, sessionCache, WidgetCenter } from 'widgetkit';
import { downloadOnce, getSnapshot, oneEntry, placeholder, view } from './shared';

const ID = 'com.example.findings.early';

export default defineWidget({
  kind: 'completion-before-finish-events',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      downloadOnce(sessionCache.session(ID, delegate));
      return oneEntry();
    },
  },
  view,
  onBackgroundURLSessionEvents(identifier, completion) {
    sessionCache.session(identifier, delegate);
    completion(); // too early: the events have not been delivered yet
  },
});

function delegate() {
  return { didFinishEvents: () => WidgetCenter.reloadTimelines('completion-before-finish-events') };
}
