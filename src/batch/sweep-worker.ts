/**
 * Worker-thread entry of `sweep` (built to `dist/sweep-worker.cjs`). Its `workerData` holds
 * the {@link SweepSetup}, v8-serialised in shared memory (one copy for every worker); then
 * messages come in order, each answered once:
 *
 * - `{ load: chunk, source }` — read, validate and encode a chunk: `{ loaded }` ({@link LoadedChunk});
 * - `{ rank: chunk }` — rank a chunk loaded here: `{ ranked }` ({@link RankedChunk}, buffers transferred);
 * - `{ full: chunk, source }` — both at once (a chunk taken over from a busier worker): `{ ranked }`;
 * - `{ columns: chunk, encoded, keys }` — rank a chunk the calling thread loaded (its columns
 *   transferred, with the key representatives new to this worker): `{ ranked }`.
 *
 * A failure is answered with `{ error }`.
 *
 * @module
 */
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import {
  SweepRankers,
  errorText,
  runTask,
  type RankedChunk,
  type SweepSetup,
  type SweepTask,
} from './sweep-core.js';

const port = parentPort;
if (port) {
  const fail = (error: unknown) => port.postMessage({ error: errorText(error) });
  const answer = (ranked: RankedChunk) =>
    port.postMessage({ ranked }, [
      ranked.counts.buffer as ArrayBuffer,
      ranked.products.buffer as ArrayBuffer,
      ranked.scores.buffer as ArrayBuffer,
      ...(ranked.contributions ? [ranked.contributions.buffer as ArrayBuffer] : []),
      ...(ranked.jsonl
        ? [ranked.jsonl.buffer as ArrayBuffer, ranked.lineEnds!.buffer as ArrayBuffer]
        : []),
    ]);
  try {
    const payload = (workerData as { payload: SharedArrayBuffer }).payload;
    const rankers = new SweepRankers(deserialize(Buffer.from(payload)) as SweepSetup);
    port.on('message', (task: SweepTask) => {
      try {
        const result = runTask(rankers, task);
        if (result.ranked) answer(result.ranked);
        else port.postMessage(result);
      } catch (error) {
        fail(error);
      }
    });
  } catch (error) {
    fail(error);
  }
}
