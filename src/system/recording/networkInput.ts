// What the real network served, as a recording's input (DESIGN.md section 11), and back as the
// answer a replay serves again, chunk by chunk at the recorded places.
import type { RecordedAnswer, ServedByNetwork } from '../transfers/recordedNetwork';
import type { RecordedInput } from './recordingFormat';

export type NetworkInput = Extract<RecordedInput, { input: 'response' | 'networkFailure' }>;

export function networkInput(served: ServedByNetwork): NetworkInput {
  const { method, url } = served;
  if ('error' in served) return { input: 'networkFailure', method, url, error: { ...served.error }, afterSeq: served.afterSeq, settled: served.settled };
  const { status, headers, expected, chunks } = served;
  return { input: 'response', method, url, status, headers, expected, chunks, bodyBase64: served.body.toString('base64') };
}

/** The answer that serves the request again as the network did; `file` holds the body's bytes. */
export function recordedAnswer(input: NetworkInput, file: string | undefined): RecordedAnswer {
  if (input.input === 'networkFailure') return { error: input.error, afterSeq: input.afterSeq, settled: input.settled };
  const { status, headers, expected, chunks } = input;
  return { status, headers, expected, chunks, ...(file !== undefined ? { file } : {}) };
}
