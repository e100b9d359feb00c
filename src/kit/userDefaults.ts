// UserDefaults suites and the app-group container: the storage a widget keeps across process
// terminations (Apple: UserDefaults(suiteName:) and FileManager.containerURL(
// forSecurityApplicationGroupIdentifier:) shared by the app and its extensions). Each suite is a
// JSON file under the directory the system owns; writes go to a temporary file that is renamed
// over the suite, so a process killed mid-write never leaves a torn file behind.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '../protocol/lifecycle';
import { WidgetKitError } from './errors';
import { toJsonValue } from './jsonData';
import { launchSettings } from './launchSettings';

type Stored = { [key: string]: JsonValue };

function storageDir(kind: 'defaultsDir' | 'containerDir', api: string): string {
  const start = launchSettings.current;
  if (!start) {
    throw new WidgetKitError('not-in-extension', `${api} persists through the simulated system: run the widget with the Widget Timelines debugger, preview or CLI.`);
  }
  mkdirSync(start[kind], { recursive: true, mode: 0o700 });
  return start[kind];
}

/** Apple: UserDefaults(suiteName:). Written to disk at once; survives terminations (module globals do not). */
export class UserDefaultsSuite {
  constructor(readonly name: string) {}

  private get file(): string {
    return join(storageDir('defaultsDir', `UserDefaults.suite("${this.name}")`), `${encodeURIComponent(this.name)}.json`);
  }

  private read(): Stored {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Writes are atomic (rename), so only a hand-edited file gets here; Apple returns nil for
      // unreadable defaults rather than failing, and so does this.
      process.stderr.write(`widgetkit: ${this.file} is not valid JSON; UserDefaults.suite("${this.name}") starts empty\n`);
      return {};
    }
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Stored) : {};
  }

  private write(values: Stored): void {
    const file = this.file;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(values), { mode: 0o600 });
    renameSync(temporary, file);
  }

  get(key: string): JsonValue | undefined {
    return this.read()[key];
  }

  /** Stores a JSON value (Dates as ISO strings); `undefined` removes the key. */
  set(key: string, value: unknown): void {
    if (value === undefined) return this.remove(key);
    const values = this.read();
    values[key] = toJsonValue(value, `UserDefaults.suite("${this.name}").set("${key}")`);
    this.write(values);
  }

  remove(key: string): void {
    const values = this.read();
    if (!(key in values)) return;
    delete values[key];
    this.write(values);
  }

  /** Every stored key and value. */
  dictionaryRepresentation(): Stored {
    return this.read();
  }
}

export const UserDefaults = {
  suite(name: string): UserDefaultsSuite {
    if (typeof name !== 'string' || name === '') {
      throw new WidgetKitError('invalid-argument', 'UserDefaults.suite needs a suite name, e.g. your app group "group.com.example.weather".');
    }
    return new UserDefaultsSuite(name);
  },
};

/**
 * Apple: FileManager.containerURL(forSecurityApplicationGroupIdentifier:): a directory shared
 * with the app that survives terminations.
 */
export function appGroupContainer(_groupIdentifier?: string): string {
  return storageDir('containerDir', 'appGroupContainer()');
}
