// Relay: the smallest widget that passes a downloaded file on to its timeline. It is the file a
// user writes by hand or clones, alone in a folder (no tsconfig, no node_modules): the editor
// still resolves 'widgetkit' and 'node:fs' through the extension's TypeScript server plugin.
// - getTimeline shows the last relayed message and, every half hour, starts a background
//   download of the next one.
// - didFinishDownloadingTo copies the file into the app group before it is deleted.
// - onBackgroundURLSessionEvents recreates the session by identifier and keeps the completion,
//   which didFinishEvents calls after asking for a reload (when a message arrived).
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import {
  appGroupContainer, defineWidget, ReloadPolicy, sessionCache, Text, Timeline, UserDefaults, VStack,
  WidgetCenter, type URLSessionDelegate,
} from 'widgetkit';

const SESSION_ID = 'com.example.relay.message';
const REFRESH_MS = 30 * 60 * 1000;
const defaults = UserDefaults.suite('group.com.example.relay');
const saved = (): string => `${appGroupContainer()}/message.txt`;
let storedCompletion: (() => void) | undefined;
let relayed = false;

const delegate = (): URLSessionDelegate => ({
  didFinishDownloadingTo(_session, _task, location) {
    copyFileSync(location, saved());
    defaults.set('relayedAt', Date.now());
    relayed = true;
  },
  didFinishEvents() {
    // Reload only for a new message: a failed download must not spend the reload budget.
    if (relayed) WidgetCenter.reloadTimelines('relay');
    relayed = false;
    storedCompletion?.();
    storedCompletion = undefined;
  },
});

interface RelayEntry {
  date: Date;
  message: string;
}

const lastMessage = (): string => (existsSync(saved()) ? readFileSync(saved(), 'utf8').trim() : 'waiting for the first message');

export default defineWidget<RelayEntry>({
  kind: 'relay',
  displayName: 'Relay',
  supportedFamilies: ['systemSmall'],
  provider: {
    placeholder: () => ({ date: new Date(), message: '…' }),
    getSnapshot: () => ({ date: new Date(), message: lastMessage() }),
    getTimeline() {
      const relayedAt = defaults.get('relayedAt');
      if (typeof relayedAt !== 'number' || Date.now() - relayedAt >= REFRESH_MS) {
        sessionCache.session(SESSION_ID, delegate).downloadTask('https://relay.example.com/message.txt').resume();
      }
      return new Timeline([{ date: new Date(), message: lastMessage() }], ReloadPolicy.after(new Date(Date.now() + REFRESH_MS)));
    },
  },
  view: (entry) => VStack(Text('Relay').font('caption'), Text(entry.message).font('headline')),
  onBackgroundURLSessionEvents: {
    matching: SESSION_ID,
    handler(identifier, completion) {
      storedCompletion = completion;
      sessionCache.session(identifier, delegate);
    },
  },
});
