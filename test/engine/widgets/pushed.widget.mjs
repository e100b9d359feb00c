// Test widget for pushes (DESIGN.md section 10): its pushHandler logs the token and widgets it is
// given; each getTimeline counts itself in UserDefaults, so a reload after a push shows as a
// higher count in the timeline's entry. `plain` is the same widget without a pushHandler.
import { defineWidget, ReloadPolicy, Text, Timeline, UserDefaults } from 'widgetkit';

const store = UserDefaults.suite('group.com.example.pushed');

function provider() {
  return {
    placeholder: () => ({ date: new Date(), count: 0 }),
    getSnapshot: () => ({ date: new Date(), count: 0 }),
    getTimeline() {
      const count = (store.get('count') ?? 0) + 1;
      store.set('count', count);
      return new Timeline([{ date: new Date(), count }], ReloadPolicy.never);
    },
  };
}

export default defineWidget({
  kind: 'pushed',
  provider: provider(),
  view: (entry) => Text(`reload ${entry.count}`),
  pushHandler: {
    pushTokenDidChange(pushInfo, widgets) {
      console.log(`token ${pushInfo.token} for ${widgets.map((w) => `${w.kind}/${w.family}`).join(',')}`);
    },
  },
});

export const plain = defineWidget({
  kind: 'plain',
  provider: provider(),
  view: (entry) => Text(`reload ${entry.count}`),
});
