// Answers "which fixture response, if any, serves this request?". A key with a method beats a
// key without one; an array answers successive requests in order and its last response
// repeats once the array is used up (so a retry loop never falls through to the network).
import type { FixtureMap, FixtureResponse } from '../api';
import { parseFixtureKey } from './fixtures';

interface BookEntry {
  method?: string;
  url: string;
  responses: FixtureResponse[];
  served: number;
}

export class FixtureBook {
  private readonly entries: BookEntry[] = [];

  /** `map` must have passed loadFixtures (keys are valid, `file` paths absolute). */
  constructor(map: FixtureMap) {
    for (const [key, value] of Object.entries(map)) {
      const parsed = parseFixtureKey(key);
      if (!parsed) continue;
      this.entries.push({ ...parsed, responses: Array.isArray(value) ? value : [value], served: 0 });
    }
  }

  /** The response for the next `method url` request, or undefined (it goes to the network). */
  take(method: string, url: string): FixtureResponse | undefined {
    const upper = method.toUpperCase();
    const entry =
      this.entries.find((e) => e.url === url && e.method === upper) ??
      this.entries.find((e) => e.url === url && e.method === undefined);
    if (!entry) return undefined;
    const response = entry.responses[Math.min(entry.served, entry.responses.length - 1)];
    entry.served++;
    return response;
  }
}
