// Shows delivery-abandoned: didFinishDownloadingTo ends the process whenever the download is not
// what it expects (a helper copied from a command-line script), so every relaunch dies inside
// the same event. After the third termination in a row the system stops relaunching for it.
import { readFileSync } from 'node:fs';
import { defineWidget, sessionCache, type URLSessionDelegate } from 'widgetkit';
import { downloadOnce, getSnapshot, oneEntry, placeholder, view } from './shared';

const ID = 'com.example.findings.abandoned';
let completion: (() => void) | undefined;

const delegate: URLSessionDelegate = {
  didFinishDownloadingTo(_session, _task, location) {
    const data = JSON.parse(readFileSync(location, 'utf8')) as { ready?: boolean };
    if (!data.ready) process.exit(1); // the bug: a widget extension must never exit
  },
  didFinishEvents() {
    completion?.();
    completion = undefined;
  },
};

export default defineWidget({
  kind: 'delivery-abandoned',
  provider: {
    placeholder,
    getSnapshot,
    getTimeline() {
      downloadOnce(sessionCache.session(ID, () => delegate));
      return oneEntry();
    },
  },
  view,
  onBackgroundURLSessionEvents(identifier, done) {
    completion = done;
    sessionCache.session(identifier, () => delegate);
  },
});
