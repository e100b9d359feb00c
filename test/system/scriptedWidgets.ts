// Scripted widgets shared by the in-memory tests of the system's parts.
import type { ScriptedProcess, ScriptedWidget } from './inMemoryExtension';
import { DATA_URL } from './systemHarness';

export const IDENTIFIER = 'com.example.scripted';

/** A promise the widget awaits that a widget timer resolves after `ms` of virtual time. */
export function sleep(process: ScriptedProcess, ms: number): Promise<void> {
  return new Promise((resolve) => process.setTimeout(ms, resolve));
}

/**
 * The first launch's getTimeline starts a background download (DATA_URL, one virtual second);
 * with `terminate: [{ at: 'taskResume' }]` the system kills that launch, so the transfer ends
 * while the extension is not running and the system wakes a new one. The wake handler recreates
 * the session; `handlers` add what the case is about.
 */
export function downloadsThenWakes(handlers: Partial<ScriptedWidget> = {}): ScriptedWidget {
  return {
    getTimeline(process) {
      if (process.launch !== 1) return;
      process.createSession(IDENTIFIER);
      process.download(IDENTIFIER, DATA_URL);
    },
    onBackgroundURLSessionEvents: (process, identifier) => process.createSession(identifier),
    ...handlers,
  };
}
