// Shows memory-limit: getTimeline keeps 48 MB of buffers alive, over the 30 MB a widget
// extension may use, and the system terminates it (reason memory).
import { defineWidget } from 'widgetkit';
import { getSnapshot, oneEntry, placeholder, view } from './shared';

const hoard: Uint8Array[] = [];

export default defineWidget({
  kind: 'memory-limit',
  provider: {
    placeholder,
    getSnapshot,
    async getTimeline() {
      for (let i = 0; i < 6; i++) hoard.push(new Uint8Array(8 * 1024 * 1024).fill(i + 1)); // the bug
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return oneEntry();
    },
  },
  view,
});
