/**
 * Worker-thread entry of `sweep` (built to `dist/sweep-worker.cjs`). Its `workerData` holds
 * the shared code and number columns and, v8-serialised in shared memory, the rest of the
 * {@link SweepSetup}; then messages come in order: `{ delta }` (new dictionary entries,
 * v8-serialised in shared memory) and `{ rows: [start, end] }` (a chunk to rank, answered with
 * `{ chunk }`, its buffers transferred). A failure is answered with `{ error }`.
 *
 * @module
 */
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { SweepRanker, type DictionaryDelta, type SweepSetup } from './sweep-core.js';

type WorkerInput = { payload: SharedArrayBuffer } & Pick<SweepSetup, 'codes' | 'numbers'>;
type WorkerMessage = { delta?: SharedArrayBuffer; rows?: [number, number] };

const read = <T>(buffer: SharedArrayBuffer): T => deserialize(Buffer.from(buffer)) as T;

const port = parentPort;
if (port) {
  const fail = (error: unknown) =>
    port.postMessage({
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  try {
    const data = workerData as WorkerInput;
    const ranker = new SweepRanker({
      ...read<Omit<SweepSetup, 'codes' | 'numbers'>>(data.payload),
      codes: data.codes,
      numbers: data.numbers,
    });
    port.on('message', (msg: WorkerMessage) => {
      try {
        if (msg.delta) ranker.extend(read<DictionaryDelta>(msg.delta));
        if (msg.rows) {
          const chunk = ranker.rank(msg.rows[0], msg.rows[1]);
          port.postMessage({ chunk }, [
            chunk.counts.buffer as ArrayBuffer,
            chunk.products.buffer as ArrayBuffer,
            chunk.scores.buffer as ArrayBuffer,
            ...(chunk.contributions ? [chunk.contributions.buffer as ArrayBuffer] : []),
          ]);
        }
      } catch (error) {
        fail(error);
      }
    });
  } catch (error) {
    fail(error);
  }
}
