// Shows entries-too-close: entries one minute apart; WidgetKit wants them about 5 minutes apart.
import { defineWidget, ReloadPolicy, Timeline } from 'widgetkit';
import { getSnapshot, placeholder, view } from './shared';

export default defineWidget({
  kind: 'entries-too-close',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      const now = Date.now();
      return new Timeline([0, 1, 2].map((i) => ({ date: new Date(now + i * 60_000), value: i })), ReloadPolicy.never);
    },
  },
  view,
});
