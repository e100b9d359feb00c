// What the transfer daemon tells the system: bytes written, a transfer finished or failed. Progress
// goes straight to the process that has the session; a finished or failed transfer is recorded
// (transferComplete) and queued for delivery, straight to a running extension or through a
// background wake. The WidgetSystem handles 'finished' and 'failed' in arrival order, with the
// extension's messages (see extensionMessages.ts).
import { startDirectDelivery } from './backgroundWake';
import type { SystemCore } from './systemCore';
import type { TransferError, TransferResult } from './transfers/api';

export function transferProgress(core: SystemCore, task: number, bytesWritten: number, totalBytesWritten: number, totalBytesExpected: number): void {
  core.ledger.progress(task, totalBytesWritten, totalBytesExpected);
  const entry = core.ledger.get(task);
  if (!entry) return;
  // Progress goes only to the process that has the session; it is never queued for a relaunch.
  if (core.host.alive && core.host.liveSessions.has(entry.identifier)) {
    core.delivery.setProgress(entry.identifier, task, { name: 'didWriteData', bytesWritten, totalBytesWritten, totalBytesExpected });
    startDirectDelivery(core, entry.identifier);
  }
  core.emitter.emit('stateChanged');
}

export async function transferFinished(core: SystemCore, result: TransferResult): Promise<void> {
  const entry = core.ledger.get(result.task);
  core.ledger.settle(result.task, 'completed', result.bytes);
  core.delivery.clearProgress(result.task);
  const identifier = entry?.identifier ?? '';
  // Queued before the record: a force quit at this very event must find it and cancel it.
  core.delivery.enqueueFinished(identifier, result);
  await core.systemEvent({ event: 'transferComplete', identifier, task: result.task, detail: { status: result.status, bytes: result.bytes } });
  startDirectDelivery(core, identifier);
  core.pump();
}

export async function transferFailed(core: SystemCore, task: number, error: TransferError): Promise<void> {
  const entry = core.ledger.get(task);
  core.ledger.settle(task, error.code === -999 ? 'cancelled' : 'failed');
  core.delivery.clearProgress(task);
  const identifier = entry?.identifier ?? '';
  await core.systemEvent({ event: 'transferComplete', identifier, task, detail: { error: { code: error.code, domain: error.domain, message: error.message } } });
  if (core.forceQuitTasks.has(task)) return;
  core.delivery.enqueueFailed(identifier, task, error);
  startDirectDelivery(core, identifier);
  core.pump();
}
