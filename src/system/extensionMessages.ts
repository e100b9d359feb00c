// What the extension process tells the system on its own: it is ready or failed to load,
// answers to calls, sessions created and invalidated, tasks resumed and cancelled, refused
// APIs, completion handlers called, WidgetCenter reloads, temp-file misuse and
// requests (getAllTasks, getCurrentConfigurations). Messages are handled one at a time, in
// arrival order, by the WidgetSystem; each goes to the part it concerns.
import type { ToSystem } from '../protocol/ipc';
import type { JsonValue } from '../protocol/lifecycle';
import type { SystemParts } from './systemParts';

async function reloadRequested(parts: SystemParts, message: Extract<ToSystem, { type: 'reloadTimelines' }>): Promise<void> {
  const { kind, location } = message;
  const detail: { [key: string]: JsonValue } = { kind };
  if (location) Object.assign(detail, { file: location.file, line: location.line });
  const outcome = await parts.recorder.event({ event: 'reloadTimelines', detail });
  parts.sessions.reloadRequested();
  const ours = parts.host.widget?.kind;
  if (kind === null || ours === undefined || kind === ours) parts.timelines.request('widgetCenter');
  if (outcome.terminate) await parts.processes.terminateAs(outcome.terminate);
}

function answerRequest(parts: SystemParts, message: Extract<ToSystem, { type: 'request' }>): void {
  let value: JsonValue;
  if (message.op === 'getAllTasks') {
    value = parts.transfers.running(message.identifier).map((t) => ({ ...t }));
  } else if (message.op === 'currentPushInfo') {
    value = parts.pushes.currentPushInfo();
  } else {
    const kind = parts.host.widget?.kind ?? '';
    value = [{ kind, family: parts.timelines.family }];
  }
  parts.host.send({ type: 'response', call: message.call, ok: true, value });
}

export async function handleExtensionMessage(parts: SystemParts, message: ToSystem): Promise<void> {
  const { host, recorder } = parts;
  switch (message.type) {
    case 'ready':
      parts.processes.ready(message);
      break;
    case 'loadFailed':
      await parts.processes.loadFailed(message.error);
      break;
    case 'providerResult':
    case 'wakeHandled':
    case 'performed':
    case 'pushTokenHandled':
      host.answer(message.call, message);
      break;
    case 'delivered':
      host.answer(message.delivery, message);
      break;
    case 'sessionCreated':
      if (!message.background) break;
      host.sessionCreated(message.identifier);
      parts.transfers.sessionCreated(message);
      parts.sessions.sessionCreated(message.identifier);
      parts.sessions.deliverWhenPossible(message.identifier);
      break;
    case 'duplicateSession':
      await recorder.raise({ code: 'duplicate-session-identifier', subject: `"${message.identifier}"`, identifier: message.identifier, location: message.location });
      break;
    case 'sessionInvalidated':
      host.sessionInvalidated(message.identifier);
      if (message.cancelTasks) parts.transfers.cancelSession(message.identifier);
      break;
    case 'taskResume':
      await parts.transfers.taskResumed(message);
      break;
    case 'taskCancel':
      parts.transfers.cancel(message.task);
      break;
    case 'unsupportedTask':
      await recorder.raise({ code: 'unsupported-task', subject: message.api, identifier: message.identifier, location: message.location });
      break;
    case 'completionCalled':
      await parts.sessions.completionCalled(message.identifier, message.location);
      break;
    case 'reloadTimelines':
      await reloadRequested(parts, message);
      break;
    case 'tempFileAccess':
      await recorder.raise({ code: 'temp-file-after-return', subject: message.path, location: message.location });
      break;
    case 'request':
      answerRequest(parts, message);
      break;
  }
}
