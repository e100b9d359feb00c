// Where the widget's code was when the system stopped a process that kept the CPU busy
// (DESIGN.md section 9: the time-limit finding names the file:line that was running). The
// system opens this process's inspector from outside, pauses the main thread wherever it is and
// evaluates the function registered here on the paused frame (src/system/busyCodeProbe.ts): it
// names the user's frame through the source maps, as every other finding's location does.
import { callerLocation } from './callerLocation';

/** The key on the global object the system's probe evaluates (BUSY_LOCATOR in busyCodeProbe.ts). */
const LOCATION_KEY = Symbol.for('widgetkit.busyLocation');

export function registerBusyLocator(): void {
  (globalThis as Record<symbol, unknown>)[LOCATION_KEY] = () => callerLocation() ?? {};
}
