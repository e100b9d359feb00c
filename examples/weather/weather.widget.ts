// Weather: a widget that keeps an hourly forecast fresh with a background download, the way
// Apple's "Making network requests in a widget extension" describes it.
// - getTimeline builds hourly entries from the forecast stored in the app group's UserDefaults
//   and, when that forecast is stale, starts a download in a background URLSession.
// - The download outlives the extension: the system relaunches it, calls
//   onBackgroundURLSessionEvents, and delivers the events once the session is recreated with
//   the same identifier (here through sessionCache).
// - didFinishDownloadingTo moves the file synchronously (it is deleted when the method returns),
//   didFinishEvents reloads the timeline and then calls the stored completion handler.
// The API base URL comes from WEATHER_API_URL; the default is answered by weather.fixtures.json.
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import {
  appGroupContainer, defineWidget, HStack, Image, ReloadPolicy, sessionCache, Spacer, Text, Timeline,
  UserDefaults, VStack, WidgetCenter, type URLSessionDelegate,
} from 'widgetkit';

const SESSION_ID = 'com.example.weather.forecast';
const API = process.env.WEATHER_API_URL ?? 'https://weather.example.com/v1';
const STALE_AFTER_MS = 30 * 60 * 1000;
const RETRY_AFTER_MS = 15 * 60 * 1000;
const defaults = UserDefaults.suite('group.com.example.weather');

interface Forecast {
  city: string;
  fetchedAt: string;
  hours: { temp: number; symbol: string }[];
}

interface WeatherEntry {
  date: Date;
  city: string;
  temp: number | null;
  symbol: string;
}

// Module state is lost when the system terminates the extension, exactly as on a device: the
// completion handler is kept only for the duration of one wake.
let storedCompletion: (() => void) | undefined;

function makeDelegate(): URLSessionDelegate {
  return {
    didFinishDownloadingTo(_session, _task, location) {
      // The system deletes `location` when this method returns: move it now, synchronously.
      const saved = join(appGroupContainer(), 'forecast.json');
      renameSync(location, saved);
      const body = JSON.parse(readFileSync(saved, 'utf8')) as Omit<Forecast, 'fetchedAt'>;
      defaults.set('forecast', { ...body, fetchedAt: new Date().toISOString() });
      defaults.remove('lastFailure');
    },
    didCompleteWithError(_session, _task, error) {
      if (!error) return;
      // Remember the failure so that getTimeline does not retry at once (and spend the budget).
      defaults.set('lastFailure', new Date().toISOString());
      console.error(`forecast download failed: ${error.code} ${error.message}`);
    },
    didFinishEvents() {
      // Every event of this wake was handled: refresh the widget if a forecast arrived, then
      // tell the system we are done.
      if (defaults.get('lastFailure') === undefined) WidgetCenter.reloadTimelines('weather');
      const completion = storedCompletion;
      storedCompletion = undefined;
      if (completion) completion();
    },
  };
}

function storedForecast(): Forecast | undefined {
  return defaults.get('forecast') as Forecast | undefined;
}

async function refreshIfStale(): Promise<void> {
  const forecast = storedForecast();
  if (forecast && Date.now() - Date.parse(forecast.fetchedAt) < STALE_AFTER_MS) return;
  const failure = defaults.get('lastFailure') as string | undefined;
  if (failure && Date.now() - Date.parse(failure) < RETRY_AFTER_MS) return;
  const session = sessionCache.session(SESSION_ID, makeDelegate);
  // A download may already be running in the system (started before a termination).
  if ((await session.getAllTasks()).length > 0) return;
  session.downloadTask(`${API}/forecast?city=cupertino`).resume();
}

function hourlyEntries(forecast: Forecast | undefined): WeatherEntry[] {
  const now = Date.now();
  if (!forecast) return [{ date: new Date(now), city: 'Cupertino', temp: null, symbol: 'cloud' }];
  return forecast.hours.map((hour, i) => ({
    date: new Date(now + i * 60 * 60 * 1000),
    city: forecast.city,
    temp: hour.temp,
    symbol: hour.symbol,
  }));
}

export default defineWidget({
  kind: 'weather',
  displayName: 'Weather',
  description: 'The hourly forecast, refreshed in the background.',
  supportedFamilies: ['systemSmall', 'systemMedium'],
  provider: {
    placeholder() {
      return { date: new Date(), city: 'Cupertino', temp: 21, symbol: 'sun.max' };
    },
    getSnapshot() {
      return hourlyEntries(storedForecast())[0];
    },
    async getTimeline() {
      await refreshIfStale();
      const forecast = storedForecast();
      // Without a forecast yet, ask again in 15 minutes; otherwise when the last hour has passed.
      const policy = forecast ? ReloadPolicy.atEnd : ReloadPolicy.after(new Date(Date.now() + 15 * 60 * 1000));
      return new Timeline(hourlyEntries(forecast), policy);
    },
  },
  view: (entry: WeatherEntry) =>
    VStack(
      Text(entry.city).font('caption'),
      HStack(Image({ systemName: entry.symbol }), Spacer(), Text(entry.temp === null ? '--' : `${entry.temp}°`).font('largeTitle')),
      Text(entry.date, 'time').font('caption2'),
    ).containerBackground('blue'),
  onBackgroundURLSessionEvents: {
    matching: (identifier: string) => identifier.startsWith('com.example.weather'),
    handler(identifier: string, completion: () => void) {
      // Apple: recreate the session with the same identifier; the system then delivers its events.
      storedCompletion = completion;
      sessionCache.session(identifier, makeDelegate);
    },
  },
});

export const previews = [
  { name: 'Sunny', family: 'systemSmall', entries: [{ date: new Date('2025-06-01T09:00:00Z'), city: 'Cupertino', temp: 24, symbol: 'sun.max' }] },
  { name: 'No data yet', family: 'systemMedium', entries: [{ date: new Date('2025-06-01T09:00:00Z'), city: 'Cupertino', temp: null, symbol: 'cloud' }] },
];
