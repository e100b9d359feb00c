// Shows reload-date-in-past: the reload policy asks for a reload at a date already past.
import { defineWidget, ReloadPolicy, Timeline } from 'widgetkit';
import { getSnapshot, placeholder, view } from './shared';

export default defineWidget({
  kind: 'reload-date-in-past',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline: () => new Timeline([{ date: new Date(), value: 1 }], ReloadPolicy.after(new Date(Date.now() - 60_000))),
  },
  view,
});
