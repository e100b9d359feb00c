// Shows timeline-empty: getTimeline returns a timeline without entries, so nothing shows.
import { defineWidget, ReloadPolicy, Timeline } from 'widgetkit';
import { getSnapshot, placeholder, view } from './shared';

export default defineWidget({
  kind: 'timeline-empty',
  provider: { placeholder, getSnapshot, getTimeline: () => new Timeline([], ReloadPolicy.never) },
  view,
});
