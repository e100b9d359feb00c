// The lifecycle contract's findings (DESIGN.md section 6): severity, stable code, the message,
// and the user's file:line, which reveals the line in the editor when clicked.
import type { Finding, SourceLocation } from '../protocol/lifecycle';
import { messageWithoutPlace } from '../protocol/placedMessage';
import { el, replaceChildren } from './elements';
import { clockTime } from './pageModel';
import { symbolNode } from './symbolElement';

const ICONS: Record<Finding['severity'], string> = { error: 'xmark.circle.fill', warning: 'exclamationmark.triangle.fill', info: 'info.circle' };

export const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** A clickable file:line that asks the host to reveal it. */
export function sourceLink(location: SourceLocation, onReveal: (location: SourceLocation) => void): HTMLElement {
  return el('button', {
    class: 'source-link',
    text: `${baseName(location.file)}:${location.line}${location.column > 1 ? `:${location.column}` : ''}`,
    attrs: { title: `Reveal ${location.file}:${location.line}` },
    on: { click: () => onReveal(location) },
  });
}

export function renderFindings(root: HTMLElement, findings: readonly Finding[], onReveal: (location: SourceLocation) => void): void {
  if (findings.length === 0) {
    replaceChildren(root, [el('div', { class: 'all-clear' }, [el('span', { class: 'all-clear-icon' }, [symbolNode('checkmark').node]), el('span', { text: 'No findings: the lifecycle contract holds so far.' })])]);
    return;
  }
  const order: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  replaceChildren(root, [
    el('ul', { class: 'findings' }, sorted.map((finding) =>
      el('li', { class: `finding severity-${finding.severity}` }, [
        el('span', { class: 'finding-icon', attrs: { 'aria-label': finding.severity } }, [symbolNode(ICONS[finding.severity]).node]),
        el('div', { class: 'finding-body' }, [
          el('div', { class: 'finding-head' }, [
            el('code', { class: 'finding-code', text: finding.code }),
            finding.identifier ? el('span', { class: 'muted', text: finding.identifier }) : null,
            el('span', { class: 'finding-time', text: clockTime(finding.time) }),
          ]),
          el('div', { class: 'finding-message', text: finding.location ? messageWithoutPlace(finding.message, finding.location) : finding.message }),
        ]),
        finding.location ? sourceLink(finding.location, onReveal) : null,
      ]))),
  ]);
}
