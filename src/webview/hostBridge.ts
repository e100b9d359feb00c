// The page's link to its host: VS Code's webview API (postMessage, getState/setState) behind a
// small typed interface. Every message from the host is validated on arrival; a malformed one
// is ignored with a console warning and the page keeps what it shows.
import type { WidgetFamily } from '../protocol/lifecycle';
import { parseToWebview } from '../protocol/webview';
import type { FromWebview, ToWebview } from '../protocol/webview';
import type { Appearance } from './widgetGallery';
import type { ModeId } from './pageModel';
import { isRenderingChoice } from './renderingModes';
import type { RenderingChoice } from './renderingModes';

/** What survives the panel being hidden, moved or restored by the serializer. */
export interface PageState {
  mode?: ModeId;
  /** The entry the user moved to; null follows the entry current at virtual now. */
  selected: number | null;
  focus: WidgetFamily | null;
  appearance: Appearance;
  device?: string;
  loop: boolean;
  /** The widget file previewed: the host's serializer reopens the panel on it. */
  program?: string;
  /** The rendering mode the stage draws in, or the matrix of all (absent: full colour). */
  rendering?: RenderingChoice;
}

export const DEFAULT_STATE: PageState = { selected: null, focus: null, appearance: 'both', loop: true };

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** Outside VS Code (a browser, a test page without the stub) the page still renders. */
function standaloneApi(): VsCodeApi {
  let state: unknown;
  return {
    postMessage: (message) => console.info('[widget-preview] would post', message),
    getState: () => state,
    setState: (next) => {
      state = next;
    },
  };
}

export class HostBridge {
  private readonly api: VsCodeApi = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : standaloneApi();

  post(message: FromWebview): void {
    this.api.postMessage(message);
  }

  loadState(): PageState {
    const saved = this.api.getState();
    if (typeof saved !== 'object' || saved === null) return { ...DEFAULT_STATE };
    const s = saved as Partial<PageState>;
    return {
      mode: typeof s.mode === 'string' ? s.mode : undefined,
      selected: typeof s.selected === 'number' ? s.selected : null,
      focus: typeof s.focus === 'string' ? s.focus : null,
      appearance: s.appearance === 'light' || s.appearance === 'dark' ? s.appearance : 'both',
      device: typeof s.device === 'string' ? s.device : undefined,
      loop: s.loop !== false,
      program: typeof s.program === 'string' ? s.program : undefined,
      rendering: isRenderingChoice(s.rendering) ? s.rendering : undefined,
    };
  }

  saveState(state: PageState): void {
    this.api.setState(state);
  }

  listen(onMessage: (message: ToWebview) => void): void {
    window.addEventListener('message', (event: MessageEvent) => {
      const parsed = parseToWebview(event.data);
      if (!parsed.ok) {
        console.warn(`[widget-preview] ignored a malformed message: ${parsed.reason}`);
        return;
      }
      onMessage(parsed.message);
    });
  }
}
