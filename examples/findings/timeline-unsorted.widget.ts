// Shows timeline-unsorted: the entries are not in chronological order.
import { defineWidget, ReloadPolicy, Timeline } from 'widgetkit';
import { getSnapshot, placeholder, view } from './shared';

const hour = 60 * 60 * 1000;

export default defineWidget({
  kind: 'timeline-unsorted',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      const now = Date.now();
      return new Timeline([now, now + 2 * hour, now + hour].map((t, value) => ({ date: new Date(t), value })), ReloadPolicy.never);
    },
  },
  view,
});
