// Shared pieces of the findings examples: a one-entry timeline, a placeholder and a view, and
// the URL the findings fixtures answer (override with FINDINGS_URL to use a real server).
import { ReloadPolicy, Text, Timeline, UserDefaults, type URLSession } from 'widgetkit';

export const DATA_URL = process.env.FINDINGS_URL ?? 'https://findings.example.com/data.json';

export const placeholder = () => ({ date: new Date(), value: 0 });
export const getSnapshot = () => ({ date: new Date(), value: 1 });
export const oneEntry = () => new Timeline([{ date: new Date(), value: 1 }], ReloadPolicy.never);
export const view = (entry: { value: number }) => Text(`value ${entry.value}`);

/**
 * Starts the example's one background download, once per run: the flag lives in the app
 * group's UserDefaults, which survive terminations, so reloads do not download again.
 */
export function downloadOnce(session: URLSession): void {
  const suite = UserDefaults.suite('group.com.example.findings');
  const key = `requested:${session.configuration.identifier}`;
  if (suite.get(key)) return;
  suite.set(key, true);
  session.downloadTask(DATA_URL).resume();
}
