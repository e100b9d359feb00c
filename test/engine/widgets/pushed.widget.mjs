// Test widget for pushes (DESIGN.md section 10): its pushHandler logs the token and widgets it is
// given; each getTimeline counts itself in UserDefaults, so a reload after a push shows as a
// higher count in the timeline's entry, which also carries WidgetCenter.currentPushInfo's token.
// `plain` is the same widget without a pushHandler.
import { defineWidget, ReloadPolicy, Text, Timeline, UserDefaults, WidgetCenter } from 'widgetkit';

const store = UserDefaults.suite('group.com.example.pushed');

function provider() {
  return {
    placeholder: () => ({ date: new Date(), count: 0 }),
    getSnapshot: () => ({ date: new Date(), count: 0 }),
    async getTimeline() {
      const count = (store.get('count') ?? 0) + 1;
      store.set('count', count);
      const pushInfo = await WidgetCenter.currentPushInfo;
      return new Timeline([{ date: new Date(), count, token: pushInfo?.token ?? null }], ReloadPolicy.never);
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
