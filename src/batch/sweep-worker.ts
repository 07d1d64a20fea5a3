/**
 * Worker-thread entry of {@link sweep} (built to `dist/sweep-worker.cjs`): deserialises the shard
 * input (shared by every worker, see `sweep`), runs one shard and posts its batches, then
 * `{ done: true }`.
 *
 * @module
 */
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { runSweepShard, type SweepShardInput } from './sweep-core.js';

/** Fields sent as they are; the rest of the shard input comes v8-serialised in `payload`. */
type WorkerFields = 'codes' | 'codeBytes' | 'numbers' | 'start' | 'end';
type WorkerInput = Pick<SweepShardInput, WorkerFields> & { payload: SharedArrayBuffer };

const port = parentPort;
if (port) {
  try {
    const data = workerData as WorkerInput;
    const input = {
      ...(deserialize(Buffer.from(data.payload)) as Omit<SweepShardInput, WorkerFields>),
      codes: data.codes,
      codeBytes: data.codeBytes,
      numbers: data.numbers,
      start: data.start,
      end: data.end,
    };
    runSweepShard(input, (batch) =>
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
