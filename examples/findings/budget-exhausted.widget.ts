// Shows budget-exhausted: every getTimeline asks WidgetCenter for another reload, which spends
// the daily budget until the system refuses (run with --budget 3 to see it quickly).
import { defineWidget, WidgetCenter } from 'widgetkit';
import { getSnapshot, oneEntry, placeholder, view } from './shared';

export default defineWidget({
  kind: 'budget-exhausted',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      WidgetCenter.reloadTimelines('budget-exhausted'); // the bug: reloading from the provider itself
      return oneEntry();
    },
  },
  view,
});
