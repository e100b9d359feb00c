// An interactive widget (iOS 17): a Toggle switches a lamp on and off and a Button counts taps.
// Each tap performs its intent in the widget extension; the intent stores the new state in
// UserDefaults and the system then reloads the timeline, which reads it back. Try it: open the
// preview and click the toggle, or run `widget-timeline run examples/interactive/lamp.widget.ts
// --tap toggleLamp@+5m`.
import { Button, defineIntent, defineWidget, HStack, ReloadPolicy, Text, Timeline, Toggle, UserDefaults, VStack } from 'widgetkit';

const store = UserDefaults.suite('group.example.lamp');

export const toggleLamp = defineIntent<{ on: boolean }>({
  name: 'toggleLamp',
  title: 'Switch the lamp',
  perform({ on }) {
    store.set('on', on);
  },
});

export const countTap = defineIntent({
  name: 'countTap',
  title: 'Count a tap',
  perform() {
    store.set('taps', Number(store.get('taps') ?? 0) + 1);
  },
});

interface LampEntry {
  date: Date;
  on: boolean;
  taps: number;
}

function current(): LampEntry {
  return { date: new Date(), on: store.get('on') === true, taps: Number(store.get('taps') ?? 0) };
}

export default defineWidget({
  kind: 'lamp',
  displayName: 'Lamp',
  supportedFamilies: ['systemSmall', 'systemMedium'],
  provider: {
    placeholder: () => ({ date: new Date(), on: false, taps: 0 }),
    getSnapshot: () => current(),
    getTimeline: () => new Timeline([current()], ReloadPolicy.never),
  },
  view: (entry) =>
    VStack(
      { spacing: 8 },
      Text(entry.on ? 'On' : 'Off').font('largeTitle').foregroundStyle(entry.on ? 'orange' : 'secondary'),
      // The toggle binds the state it switches to: perform stores it, the reload shows it.
      Toggle(entry.on, toggleLamp.with({ on: !entry.on }), 'Lamp'),
      HStack(Button(countTap.with(), Text('Tap')), Text(`${entry.taps}`).font('caption')),
    ).containerBackground('background'),
});
