/**
 * Worker-thread entry of `sweep` (built to `dist/sweep-worker.cjs`). A worker serves one
 * sweep at a time, and may serve several in turn (kept idle between them: `worker-pool.ts`).
 * Each sweep starts with `{ setup }`: the {@link SweepSetup}, v8-serialised in shared memory
 * (one copy for every worker), answered `{ ready: true }`. Then tasks come in order, each
 * answered once:
 *
 * - `{ load: chunk, source }` — read, validate and encode a chunk: `{ loaded }` ({@link LoadedChunk});
 * - `{ rank: chunk }` — rank a chunk loaded here: `{ ranked }` ({@link RankedChunk}, buffers transferred);
 * - `{ full: chunk, source }` — both at once (a chunk taken over from a busier worker): `{ ranked }`;
 * - `{ columns: chunk, encoded, keys }` — rank a chunk the calling thread loaded (its columns
 *   transferred, with the key representatives new to this worker): `{ ranked }`.
 *
 * A failure is answered with `{ error }`. `{ release: true }` ends the sweep: the worker drops
 * its data and waits, idle, for the next `{ setup }`.
 *
 * @module
 */
import { deserialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
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
  // A message that cannot be deserialised here would be a task never answered.
  port.on('messageerror', fail);
  /** The current sweep's rankers; undefined between sweeps (or when its setup failed). */
  let rankers: SweepRankers | undefined;
  port.on('message', (message: SweepTask | { setup: SharedArrayBuffer } | { release: true }) => {
    try {
      if ('setup' in message) {
        rankers = undefined;
        rankers = new SweepRankers(deserialize(Buffer.from(message.setup)) as SweepSetup);
        port.postMessage({ ready: true });
        return;
      }
      if ('release' in message) {
        rankers = undefined;
        return;
      }
      if (!rankers) throw new Error('a sweep task came before its setup');
      const result = runTask(rankers, message);
      if (result.ranked) answer(result.ranked);
      else port.postMessage(result);
    } catch (error) {
      fail(error);
    }
  });
}
