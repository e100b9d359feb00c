// What the extension process tells the system on its own: it is ready or failed to load,
// answers to calls, sessions created and invalidated, tasks resumed and cancelled, refused
// APIs, completion handlers called, WidgetCenter reloads, temp-file misuse, memory reports and
// requests (getAllTasks, getCurrentConfigurations). Messages are handled one at a time, in
// arrival order, by the WidgetSystem.
import type { ToSystem } from '../protocol/ipc';
import type { JsonValue } from '../protocol/lifecycle';
import { completionCalled, startDirectDelivery } from './backgroundWake';
import type { SystemCore } from './systemCore';
import { requestReload } from './timelineRequests';

async function taskResumed(core: SystemCore, message: Extract<ToSystem, { type: 'taskResume' }>): Promise<void> {
  const { identifier, task, request } = message;
  const outcome = await core.event({ event: 'taskResume', identifier, task, detail: { url: request.url, method: request.method } });
  // Apple: resume() hands the task to the system's transfer daemon; it continues even if the
  // extension dies right after.
  core.ledger.add(identifier, task, request.url);
  const config = core.sessionConfigs.get(identifier);
  core.daemon.start({
    task,
    identifier,
    url: request.url,
    method: request.method,
    headers: request.headers,
    discretionary: config?.discretionary ?? false,
    ...(config?.earliestBeginDate !== undefined ? { earliestBeginDate: config.earliestBeginDate } : {}),
  });
  core.emitter.emit('stateChanged');
  if (outcome.terminate) await core.terminateAs(outcome.terminate);
}

async function reloadRequested(core: SystemCore, kind: string | null, location: Extract<ToSystem, { type: 'reloadTimelines' }>['location']): Promise<void> {
  const detail: { [key: string]: JsonValue } = { kind };
  if (location) Object.assign(detail, { file: location.file, line: location.line });
  const outcome = await core.event({ event: 'reloadTimelines', detail });
  for (const wake of core.wakes.values()) wake.reloadRequested = true;
  const ours = core.host.widget?.kind;
  if (kind === null || ours === undefined || kind === ours) requestReload(core, 'widgetCenter');
  if (outcome.terminate) await core.terminateAs(outcome.terminate);
}

function answerRequest(core: SystemCore, message: Extract<ToSystem, { type: 'request' }>): void {
  let value: JsonValue;
  if (message.op === 'getAllTasks') {
    value = core.ledger.running(message.identifier).map((t) => ({ ...t }));
  } else {
    const kind = core.host.widget?.kind ?? '';
    value = [{ kind, family: core.family }];
  }
  core.host.send({ type: 'response', call: message.call, ok: true, value });
}

export async function handleExtensionMessage(core: SystemCore, message: ToSystem): Promise<void> {
  switch (message.type) {
    case 'ready':
      core.host.widget = message.widget;
      core.previews = message.previews;
      core.host.state = 'running';
      core.loadError = null;
      core.startWaiter?.('ready');
      break;
    case 'loadFailed':
      core.loadError = { message: message.error.message, ...(message.error.location ? { location: message.error.location } : {}) };
      await core.raise({ code: 'load-failed', subject: message.error.message, location: message.error.location });
      core.startWaiter?.('loadFailed');
      // Relaunching would fail the same way: no timeline retry until the code changes.
      core.timelineOutstanding = false;
      await core.terminate('crash');
      break;
    case 'providerResult':
    case 'wakeHandled':
      core.host.answer(message.call, message);
      break;
    case 'delivered':
      core.host.answer(message.delivery, message);
      break;
    case 'sessionCreated':
      if (!message.background) break;
      core.host.liveSessions.add(message.identifier);
      core.sessionConfigs.set(message.identifier, {
        discretionary: message.discretionary,
        ...(message.earliestBeginDate !== undefined ? { earliestBeginDate: message.earliestBeginDate } : {}),
      });
      startDirectDelivery(core, message.identifier);
      break;
    case 'duplicateSession':
      await core.raise({ code: 'duplicate-session-identifier', subject: `"${message.identifier}"`, identifier: message.identifier, location: message.location });
      break;
    case 'sessionInvalidated':
      core.host.liveSessions.delete(message.identifier);
      if (message.cancelTasks) for (const task of core.ledger.running(message.identifier)) core.daemon.cancel(task.task);
      break;
    case 'taskResume':
      await taskResumed(core, message);
      break;
    case 'taskCancel':
      core.daemon.cancel(message.task);
      break;
    case 'unsupportedTask':
      await core.raise({ code: 'unsupported-task', subject: message.api, identifier: message.identifier, location: message.location });
      break;
    case 'completionCalled':
      await completionCalled(core, message.identifier, message.location);
      break;
    case 'reloadTimelines':
      await reloadRequested(core, message.kind, message.location);
      break;
    case 'tempFileAccess':
      await core.raise({ code: 'temp-file-after-return', subject: message.path, location: message.location });
      break;
    case 'memory':
      core.host.checkMemory(message);
      break;
    case 'request':
      answerRequest(core, message);
      break;
  }
  core.emitter.emit('stateChanged');
}
