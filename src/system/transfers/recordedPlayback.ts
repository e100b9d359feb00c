// Serves a recorded answer of the real network again (DESIGN.md section 11): the same status,
// headers and bytes, in the same chunks, each handed on once the run has reached the place it
// arrived at in the recorded run. Meanwhile the transfer counts as busy, as it did while the
// real network was sending, so virtual time stands still as it did then.
import { readFile } from 'node:fs/promises';
import type { RecordedAnswer, RunPlace } from './recordedNetwork';
import { TransferFailure, type NSURLErrorCode } from './nsurlErrors';
import type { CompletedResponse, TransferRun } from './transferRun';

export async function playRecorded(run: TransferRun, answer: RecordedAnswer, place: RunPlace): Promise<CompletedResponse> {
  if ('error' in answer) {
    await place.reached(answer);
    throw new TransferFailure(answer.error.code as NSURLErrorCode, answer.error.message);
  }
  const body = answer.file === undefined ? Buffer.alloc(0) : await readFile(answer.file);
  const file = await run.createFile();
  let written = 0;
  for (const chunk of answer.chunks) {
    await place.reached(chunk);
    await file.append(body.subarray(written, written + chunk.bytes));
    written += chunk.bytes;
    run.progress(chunk.bytes, written, answer.expected);
  }
  await file.close();
  return { status: answer.status, headers: answer.headers, bytes: written, file };
}
