/**
 * Worker-thread entry of `sweep` (built to `dist/sweep-worker.cjs`). A worker serves one
 * sweep at a time, and may serve several in turn (kept idle between them: `worker-pool.ts`).
 * Each sweep starts with `{ setup, lineage }`: the {@link SweepSetup}, v8-serialised in shared
 * memory (one copy for every worker), and the lineage of the calling thread's rankers
 * (`kept-rankers.ts`), answered `{ ready: true, reused }` (whether the rankers kept from the
 * last sweep serve this one). Then tasks come in order, each answered once:
 *
 * - `{ load: chunk, source }` — read, validate and encode a chunk: `{ loaded }` ({@link LoadedChunk});
 * - `{ rank: chunk }` — rank a chunk loaded here: `{ ranked }` ({@link RankedChunk}, buffers transferred);
 * - `{ full: chunk, source }` — both at once (a chunk taken over from a busier worker): `{ ranked }`;
 * - `{ columns: chunk, encoded, keys }` — rank a chunk the calling thread loaded (its columns
 *   transferred, with the key representatives new to this worker): `{ ranked }`.
 *
 * A failure is answered with `{ error }`. `{ release: true, keepRankers }` ends the sweep: the
 * worker drops its data — all of it, or with `keepRankers` all but its rankers, which the next
 * setup of the same `lineage` reuses (`kept-rankers.ts`) — and waits, idle, for the next
 * `{ setup, lineage }`.
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
  /** The current sweep's lineage (see `kept-rankers.ts`). */
  let lineage: number | undefined;
  /** Rankers kept from the last sweep, between sweeps, with their lineage. */
  let kept: { rankers: SweepRankers; lineage: number } | undefined;
  type Release = { release: true; keepRankers: boolean };
  type Setup = { setup: SharedArrayBuffer; lineage: number };
  port.on('message', (message: SweepTask | Setup | Release) => {
    try {
      if ('setup' in message) {
        // The rankers kept from a sweep of the same lineage serve this one (the calling
        // thread's dictionaries went on from where this worker's follow); any others go.
        rankers = undefined;
        lineage = message.lineage;
        const reused = kept?.lineage === lineage ? kept.rankers : undefined;
        kept = undefined;
        rankers = reused ?? new SweepRankers(deserialize(Buffer.from(message.setup)) as SweepSetup);
        port.postMessage({ ready: true, reused: reused !== undefined });
        return;
      }
      if ('release' in message) {
        if (message.keepRankers && rankers && lineage !== undefined) {
          rankers.reset();
          kept = { rankers, lineage };
        }
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
