// Shows push-budget-exhausted: a widget with a pushHandler whose server pushes more often than the
// daily push budget allows (run with --push-budget 1 --push-at +10m --push-at +20m to see it).
import { defineWidget } from 'widgetkit';
import { getSnapshot, oneEntry, placeholder, view } from './shared';

export default defineWidget({
  kind: 'push-budget-exhausted',
  provider: { placeholder, getSnapshot, getTimeline: () => oneEntry() },
  view,
  pushHandler: {
    pushTokenDidChange(pushInfo) {
      // A real widget sends the token to its server here; the server then pushes on every change.
      console.log(`push token ${pushInfo.token}`);
    },
  },
});
