// Clicks on a rendered widget's Buttons and Toggles become taps (DESIGN.md section 10): the page
// sends the intent and the parameters bound to the clicked control, and the host performs it in
// the preview's own run or sends `tap` to the debug session it follows. Enter and Space tap too.
import type { FromWebview, TapMessageParameters } from '../protocol/webview';

function tapOf(target: EventTarget | null): Extract<FromWebview, { type: 'tap' }> | undefined {
  const control = target instanceof Element ? target.closest<HTMLElement>('[data-intent]') : null;
  const intent = control?.dataset.intent;
  if (!control || !intent) return undefined;
  let parameters: TapMessageParameters = {};
  try {
    parameters = JSON.parse(control.dataset.parameters ?? '{}') as TapMessageParameters;
  } catch {
    // Written by the renderer from JSON: unreadable only if tampered with; tap with none.
  }
  return { type: 'tap', intent, parameters };
}

/** Listens on the stage (capturing, so a tile's own click does not also focus it). */
export function listenForTaps(stage: HTMLElement, post: (message: FromWebview) => void): void {
  const tapFrom = (event: Event): void => {
    if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
    const tap = tapOf(event.target);
    if (!tap) return;
    event.stopPropagation();
    event.preventDefault();
    post(tap);
  };
  stage.addEventListener('click', tapFrom, true);
  stage.addEventListener('keydown', tapFrom, true);
}
