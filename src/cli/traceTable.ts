// The CLI's readable output: one aligned row per trace record (virtual time, launch and pid,
// event, identifier and task, a summary of the detail) and a findings summary with file:line.
import { basename } from 'node:path';
import type { Finding, JsonValue, TraceRecord } from '../protocol/lifecycle';

type Detail = { [key: string]: JsonValue };

function field(detail: Detail | undefined, name: string): JsonValue | undefined {
  return detail?.[name];
}

function clockTime(iso: string): string {
  return iso.slice(11, 23);
}

function summary(record: TraceRecord): string {
  const d = record.detail;
  const attempt = typeof field(d, 'attempt') === 'number' ? ` (delivery attempt ${field(d, 'attempt')})` : '';
  switch (record.event) {
    case 'extensionLaunch':
    case 'extensionTerminate': {
      const code = field(d, 'exitCode') ?? field(d, 'signal');
      return `reason ${String(field(d, 'reason'))}${code !== undefined ? ` (${String(code)})` : ''}`;
    }
    case 'placeholder':
    case 'getSnapshot':
    case 'getTimeline': {
      const deferredFrom = field(d, 'deferredFrom');
      return `family ${String(field(d, 'family'))}${typeof deferredFrom === 'string' ? ` (deferred: budget spent at ${clockTime(deferredFrom)})` : ''}`;
    }
    case 'timeline': {
      const entries = field(d, 'entries');
      const list = Array.isArray(entries) ? entries : [];
      const dates = list.map((e) => (e && typeof e === 'object' && !Array.isArray(e) ? String(e.date ?? '') : ''));
      const policy = field(d, 'policy') as Detail | undefined;
      const policyText = policy?.kind === 'after' ? `after ${clockTime(String(policy.date))}` : String(policy?.kind ?? '?');
      const span = dates.length ? ` ${clockTime(dates[0])}..${clockTime(dates[dates.length - 1])}` : '';
      const next = field(d, 'nextReload');
      const count = Number(field(d, 'totalEntries') ?? list.length);
      return `${count} ${count === 1 ? 'entry' : 'entries'}${span}, policy ${policyText}${next ? `, reload at ${clockTime(String(next))}` : ''}`;
    }
    case 'taskResume':
      return `${String(field(d, 'method') ?? 'GET')} ${String(field(d, 'url'))}`;
    case 'transferComplete': {
      const error = field(d, 'error') as Detail | undefined;
      if (error) return `failed ${String(error.code)} ${String(error.message)}`;
      return `HTTP ${String(field(d, 'status'))}, ${String(field(d, 'bytes'))} bytes`;
    }
    case 'didWriteData':
      return `${String(field(d, 'totalBytesWritten'))} of ${String(field(d, 'totalBytesExpected'))} bytes`;
    case 'didFinishDownloadingTo':
      return `location ${basename(String(field(d, 'location')))}${attempt}`;
    case 'didCompleteWithError': {
      const error = field(d, 'error') as Detail | null | undefined;
      const reason = error && typeof error.reason === 'number' ? ` (cancelled reason ${error.reason === 0 ? 'user force quit' : String(error.reason)})` : '';
      return `${error ? `error ${String(error.code)} ${String(error.message)}${reason}` : 'error nil'}${attempt}`;
    }
    case 'completionHandler':
    case 'reloadTimelines': {
      const kind = record.event === 'reloadTimelines' ? `kind ${field(d, 'kind') === null ? '(all)' : String(field(d, 'kind'))}` : 'called';
      const file = field(d, 'file');
      const suspends = field(d, 'suspends') === true ? ' (before urlSessionDidFinishEvents: the system suspends the extension)' : '';
      return `${kind}${file ? ` at ${basename(String(file))}:${String(field(d, 'line'))}` : ''}${suspends}`;
    }
    case 'intentPerform':
      return `${String(field(d, 'intent'))} ${JSON.stringify(field(d, 'parameters') ?? {})}`;
    case 'diagnostic':
      return `${String(field(d, 'severity'))} ${String(field(d, 'code'))}`;
    case 'widgetPush': {
      const count = `push ${String(field(d, 'used'))} of ${String(field(d, 'limit'))} today`;
      return field(d, 'outcome') === 'reload' ? `${count}: reloads the timelines` : `${String(field(d, 'outcome'))}: ${String(field(d, 'reason'))}`;
    }
    case 'pushTokenDidChange': {
      const widgets = field(d, 'widgets');
      const list = Array.isArray(widgets) ? widgets.map((w) => (w && typeof w === 'object' && !Array.isArray(w) ? `${String(w.kind)}/${String(w.family)}` : '')) : [];
      return `token ${String(field(d, 'token')).slice(0, 16)}... for ${list.join(', ')}`;
    }
    default:
      return '';
  }
}

const WIDTHS = { time: 12, launch: 14, event: 29, subject: 37 };

export function tableHeader(): string {
  return [
    'TIME'.padEnd(WIDTHS.time),
    'LAUNCH/PID'.padEnd(WIDTHS.launch),
    'EVENT'.padEnd(WIDTHS.event),
    'SESSION/TASK'.padEnd(WIDTHS.subject),
    'DETAIL',
  ].join(' ');
}

export function tableRow(record: TraceRecord): string {
  const launch = record.launch === 0 ? '-' : `#${record.launch} ${record.pid ?? '-'}`;
  const subject = record.identifier !== undefined ? `${record.identifier}${record.task !== undefined ? ` task ${record.task}` : ''}` : '';
  return [
    clockTime(record.time).padEnd(WIDTHS.time),
    launch.padEnd(WIDTHS.launch),
    record.event.padEnd(WIDTHS.event),
    subject.padEnd(WIDTHS.subject),
    summary(record),
  ].join(' ').trimEnd();
}

export function findingsSummary(findings: Finding[]): string {
  if (findings.length === 0) return 'Findings: none.';
  const lines = [`Findings: ${findings.length}`];
  for (const f of findings) {
    const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : '(no source location)';
    lines.push(`  ${f.severity.padEnd(7)} ${f.code.padEnd(32)} ${where}`, `          ${f.message}`);
  }
  return lines.join('\n');
}
