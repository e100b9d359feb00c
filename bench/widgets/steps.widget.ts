// The line-step benchmark's widget (bench/figures/debugLatency.ts): a getTimeline of plain
// statements, one a line, that the adapter and a bare CDP client both step over from its first.
import { defineWidget, ReloadPolicy, Text, Timeline } from 'widgetkit';

export default defineWidget({
  kind: 'steps',
  displayName: 'Line steps',
  supportedFamilies: ['systemSmall'],
  provider: {
    placeholder: () => ({ date: new Date(), n: 0 }),
    getSnapshot: () => ({ date: new Date(), n: 0 }),
    getTimeline() {
      let n = 0;
      n += 1;
      n += 2;
      n += 3;
      n += 4;
      n += 5;
      n += 6;
      n += 7;
      n += 8;
      n += 9;
      n += 10;
      n += 11;
      n += 12;
      n += 13;
      n += 14;
      n += 15;
      n += 16;
      n += 17;
      n += 18;
      n += 19;
      n += 20;
      n += 21;
      n += 22;
      n += 23;
      n += 24;
      return new Timeline([{ date: new Date(), n }], ReloadPolicy.never);
    },
  },
  view: (entry: { n: number }) => Text(String(entry.n)),
});
