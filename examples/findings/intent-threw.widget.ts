// Shows intent-threw: the intent's perform throws instead of storing what the widget shows
// (run it with --tap refresh).
import { Button, defineIntent, defineWidget, Text } from 'widgetkit';
import { getSnapshot, oneEntry, placeholder } from './shared';

const refresh = defineIntent({
  name: 'refresh',
  perform() {
    throw new Error('the service is unreachable'); // the bug: perform throws
  },
});

export default defineWidget({
  kind: 'intent-threw',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline: oneEntry,
  },
  view: () => Button(refresh.with(), Text('Refresh')),
});
