// Shows provider-threw: getTimeline throws instead of returning a fallback entry.
import { defineWidget } from 'widgetkit';
import { getSnapshot, placeholder, view } from './shared';

export default defineWidget({
  kind: 'provider-threw',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      const stored: { entries?: unknown[] } | undefined = undefined;
      if (!stored) throw new Error('no stored forecast'); // the bug: no fallback entry
      return stored;
    },
  },
  view,
});
