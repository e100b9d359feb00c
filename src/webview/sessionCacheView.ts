// The widget extension's in-process session cache as the system sees it: every background
// URLSession identifier, whether a session with it lives in the current process (after a
// termination it does not until user code recreates it, Apple's "recreate the session" rule),
// each task's download progress, the events waiting for delivery, the stored completion
// handlers and the reload budget.
import type { SessionSnapshot, TaskSnapshot, WidgetStateSnapshot } from '../protocol/lifecycle';
import { el, replaceChildren } from './elements';
import { clockTime } from './pageModel';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}

function task(t: TaskSnapshot): HTMLElement {
  const known = t.bytesExpected > 0;
  const share = known ? Math.min(1, t.bytesWritten / t.bytesExpected) : t.state === 'completed' ? 1 : 0;
  return el('li', { class: `task state-${t.state}` }, [
    el('div', { class: 'task-line' }, [
      el('span', { class: 'task-id', text: `#${t.task}` }),
      el('span', { class: 'task-url', text: shortUrl(t.url), attrs: { title: t.url } }),
      el('span', { class: `chip chip-${t.state}`, text: t.state }),
    ]),
    el('div', { class: `bar${!known && t.state === 'running' ? ' indeterminate' : ''}`, attrs: { role: 'progressbar', 'aria-valuenow': Math.round(share * 100), 'aria-valuemin': 0, 'aria-valuemax': 100 } }, [
      el('div', { class: 'bar-fill', style: { width: `${share * 100}%` } }),
    ]),
    el('div', { class: 'task-bytes', text: known ? `${bytes(t.bytesWritten)} of ${bytes(t.bytesExpected)}` : bytes(t.bytesWritten) }),
  ]);
}

function session(s: SessionSnapshot, snapshot: WidgetStateSnapshot): HTMLElement {
  const pending = snapshot.pendingEvents.filter((p) => p.identifier === s.identifier);
  const completion = snapshot.storedCompletions.includes(s.identifier);
  return el('div', { class: 'session' }, [
    el('div', { class: 'session-head' }, [
      el('span', { class: 'session-id', text: s.identifier }),
      el('span', { class: `chip ${s.live ? 'chip-live' : 'chip-gone'}`, text: s.live ? 'live in process' : 'not in process', attrs: { title: s.live ? 'A URLSession with this identifier exists in the extension process' : 'No URLSession with this identifier in the current process: events wait until code recreates it' } }),
      completion ? el('span', { class: 'chip chip-completion', text: 'completion stored', attrs: { title: 'onBackgroundURLSessionEvents handed over a completion that has not been called yet' } }) : null,
    ]),
    s.tasks.length ? el('ul', { class: 'tasks' }, s.tasks.map(task)) : el('div', { class: 'muted', text: 'No tasks' }),
    pending.length ? el('div', { class: 'pending', text: `Waiting for delivery: ${pending.map((p) => `${p.event}${p.task !== undefined ? ` #${p.task}` : ''}`).join(', ')}` }) : null,
  ]);
}

/** A daily budget as a bar: the reload budget, and the push budget of a widget with a pushHandler. */
function budgetRow(label: string, budget: WidgetStateSnapshot['budget'], what: string) {
  const { used, limit, resetsAt } = budget;
  const share = limit > 0 ? Math.min(1, used / limit) : 1;
  return el('div', { class: 'budget', attrs: { title: `${what} this virtual day; the budget resets at ${clockTime(resetsAt)}` } }, [
    el('span', { class: 'budget-label', text: label }),
    el('div', { class: `bar${share >= 0.9 ? ' warn' : ''}` }, [el('div', { class: 'bar-fill', style: { width: `${share * 100}%` } })]),
    el('span', { class: 'budget-count', text: `${used} / ${limit}` }),
  ]);
}

export function renderSessionCache(root: HTMLElement, snapshot: WidgetStateSnapshot): void {
  const pushes = snapshot.widget?.handlesPushes && snapshot.pushBudget;
  replaceChildren(root, [
    budgetRow('Reload budget', snapshot.budget, 'Timeline reloads'),
    pushes ? budgetRow('Push budget', pushes, 'WidgetKit pushes acted on') : null,
    snapshot.sessions.length
      ? el('div', { class: 'sessions' }, snapshot.sessions.map((s) => session(s, snapshot)))
      : el('div', { class: 'muted', text: 'No background sessions yet.' }),
  ]);
}
