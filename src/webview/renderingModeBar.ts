// The rendering-mode selector of the mode bar: one mode for every widget on the stage, or the
// matrix of every mode side by side. Its choice is part of the page state, so a reopened panel
// shows the same mode.
import { replaceChildren, el } from './elements';
import { PREVIEW_RENDERING_MODES, RENDERING_LABELS } from './renderingModes';
import type { RenderingChoice } from './renderingModes';

export function renderingModeBar(): HTMLElement {
  return el('div', { class: 'segmented rendering-modes', attrs: { role: 'group', 'aria-label': 'Rendering mode' } });
}

export function renderRenderingModes(bar: HTMLElement, active: RenderingChoice, onChoice: (choice: RenderingChoice) => void): void {
  const choices: { id: RenderingChoice; label: string; title: string }[] = [
    ...PREVIEW_RENDERING_MODES.map((mode) => ({ id: mode, label: RENDERING_LABELS[mode].title, title: `${RENDERING_LABELS[mode].title}: ${RENDERING_LABELS[mode].where}` })),
    { id: 'matrix', label: 'All modes', title: 'Every rendering mode side by side' },
  ];
  replaceChildren(bar, choices.map((choice) =>
    el('button', {
      class: `segment${choice.id === active ? ' active' : ''}`,
      text: choice.label,
      attrs: { 'aria-pressed': String(choice.id === active), 'data-rendering': choice.id, title: choice.title },
      on: { click: () => onChoice(choice.id) },
    })));
}
