/**
 * Worker-thread entry of {@link sweep} (built to `dist/sweep-worker.cjs`): runs one shard and
 * posts its batches, then `{ done: true }`.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runSweepShard, type SweepShardInput } from './sweep-core.js';

const port = parentPort;
if (port) {
  try {
    runSweepShard(workerData as SweepShardInput, (batch) =>
      port.postMessage({ batch }, [
        batch.counts.buffer as ArrayBuffer,
        batch.products.buffer as ArrayBuffer,
        batch.scores.buffer as ArrayBuffer,
        ...(batch.contributions ? [batch.contributions.buffer as ArrayBuffer] : []),
      ]),
    );
    port.postMessage({ done: true });
  } catch (error) {
    port.postMessage({
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}
