// Shows load-failed: the module throws while it loads (a configuration read at import time),
// so the widget cannot run at all: the CLI exits with code 2 and prints this file and line.
import { defineWidget } from 'widgetkit';
import { getSnapshot, oneEntry, placeholder, view } from './shared';

const settings = JSON.parse('{ "apiKey": '); // the bug: malformed JSON at load time

export default defineWidget({
  kind: 'load-failed',
  provider: { placeholder, getSnapshot, getTimeline: oneEntry },
  view: (entry: { value: number }) => view({ value: entry.value + Number(Boolean(settings)) }),
});
