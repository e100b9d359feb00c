// The Debug Console's lines: the widget's own output (without the inspector's plumbing lines),
// one line per lifecycle event, findings at their source location, logpoint messages.
import { OutputEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Finding, TraceRecord } from '../protocol/lifecycle';
import { messageWithoutPlace } from '../protocol/placedMessage';
import { describeEvent } from './eventBreakpoints';
import type { EngineOutput } from './widgetEngine';

/** Lines the inspector relay and Node's inspector print on the child's stderr: plumbing, not the widget's output. */
const INSPECTOR_NOISE = /^(Widget inspector relay listening on tcp:|Debugger listening on ws:|For help, see: https:\/\/nodejs\.org|Debugger attached\.|Debugger ending on ws:|Waiting for the debugger to disconnect)/;

function at(event: DebugProtocol.OutputEvent, path: string, line: number, column?: number): DebugProtocol.OutputEvent {
  event.body.source = { path };
  event.body.line = line;
  if (column !== undefined) event.body.column = column;
  return event;
}

/** The widget's stdout/stderr, or undefined when only inspector lines remain. */
export function widgetOutput(output: EngineOutput): DebugProtocol.OutputEvent | undefined {
  const text = output.text
    .split(/(?<=\n)/)
    .filter((line) => !INSPECTOR_NOISE.test(line))
    .join('');
  return text ? new OutputEvent(text, output.category) : undefined;
}

/** "▸ <virtual time> transferComplete (com.x, task 1)": the lifecycle as it happens. */
export function traceLine(record: TraceRecord): DebugProtocol.OutputEvent {
  return new OutputEvent(`▸ ${record.time} ${describeEvent(record).replace('Paused on ', '')}\n`, 'console');
}

/** A finding, at the user's source line when it has one; errors are 'important'. */
export function findingOutput(finding: Finding): DebugProtocol.OutputEvent {
  const { location } = finding;
  const message = location ? messageWithoutPlace(finding.message, location) : finding.message;
  const event: DebugProtocol.OutputEvent = new OutputEvent(`[${finding.code}] ${message}\n`, finding.severity === 'error' ? 'important' : 'stderr');
  return location ? at(event, location.file, location.line, location.column) : event;
}

export function logpointOutput(message: string, path: string, line: number): DebugProtocol.OutputEvent {
  return at(new OutputEvent(`${message}\n`, 'console'), path, line);
}

export function notice(text: string, category: 'important' | 'console' = 'important'): DebugProtocol.OutputEvent {
  return new OutputEvent(`${text}\n`, category);
}
