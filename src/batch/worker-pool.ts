/**
 * The sweep's worker threads, kept between sweeps. A worker's start — its thread, loading the
 * worker script, and V8 compiling the validating and ranking code again on that thread — cost
 * ≈ 0.5 s of CPU in every two-thread seed-scale sweep (per-thread CPU), a quarter of what the
 * second thread added. A worker with nothing outstanding that never failed is given back
 * here: unreferenced, so it never keeps the process alive, told to drop the sweep's data, and
 * closed after {@link SweepOptions.workerIdleMs} without a sweep. The next sweep with the
 * same worker script takes it instead of starting one. The sweep decides worker by worker,
 * whatever became of the sweep as a whole: a worker that failed a task or its setup, errored
 * or exited, or still had its setup or a task outstanding (a sweep that failed elsewhere, or
 * was abandoned by its consumer), is terminated, never kept. Concurrent sweeps never share a
 * worker: one taken is out of the pool until it is given back.
 *
 * @module
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { dropKeptRankers } from './kept-rankers.js';

/** A worker kept idle for the next sweep, and the timer that closes it. */
interface Idle {
  worker: Worker;
  timer: ReturnType<typeof setTimeout>;
}

/** Idle workers by worker script ({@link poolKey}), the most recently given back last. */
const idle = new Map<string, Idle[]>();

/**
 * `count` workers running the script at `path`: idle ones first, the most recently used
 * first, then new ones. Each is referenced (it keeps the process alive) until given back.
 */
export function takeWorkers(path: string | URL, count: number): Worker[] {
  const key = poolKey(path);
  const kept = idle.get(key) ?? [];
  const workers: Worker[] = [];
  while (workers.length < count && kept.length > 0) {
    const { worker, timer } = kept.pop()!;
    clearTimeout(timer);
    worker.ref();
    workers.push(worker);
  }
  if (kept.length === 0) idle.delete(key);
  while (workers.length < count) workers.push(startWorker(key, path));
  return workers;
}

/**
 * Gives back a worker with nothing outstanding that never failed: told to drop the sweep's
 * data (all of it, or with `keepRankers` all but its rankers: see `kept-rankers.ts`), then
 * kept for `idleMs` (0: terminated now, the promise of its end returned).
 */
export function giveBackWorker(
  path: string | URL,
  worker: Worker,
  idleMs: number,
  keepRankers = false,
): Promise<number> | undefined {
  if (idleMs === 0) return worker.terminate();
  worker.postMessage({ release: true, keepRankers });
  worker.unref();
  const key = poolKey(path);
  const timer = setTimeout(() => {
    forget(key, worker);
    void worker.terminate();
  }, idleMs);
  timer.unref();
  const kept = idle.get(key);
  if (kept) kept.push({ worker, timer });
  else idle.set(key, [{ worker, timer }]);
}

/** Workers idle now, over every worker script (for tests). */
export function idleWorkerCount(): number {
  let n = 0;
  for (const kept of idle.values()) n += kept.length;
  return n;
}

/**
 * Terminates the sweep workers kept idle in this process and drops the rankers kept for the
 * next sweep (see {@link SweepOptions.workerIdleMs}); workers in a running sweep are not
 * touched (each is kept again when its sweep ends if it has nothing outstanding and never
 * failed, unless the sweep set {@link SweepOptions.workerIdleMs} to 0). Idle workers never
 * keep a process alive, so this is only for releasing their memory now (≈ the heap of one
 * ranking thread each, and the kept rankers') or for a test that counts threads.
 */
export async function closeSweepWorkers(): Promise<void> {
  dropKeptRankers();
  const all = [...idle.values()].flat();
  idle.clear();
  for (const { timer } of all) clearTimeout(timer);
  await Promise.all(all.map(({ worker }) => worker.terminate()));
}

/** One pool per worker script: a `file:` URL and a path to the same file are one key. */
function poolKey(path: string | URL): string {
  if (path instanceof URL) return path.protocol === 'file:' ? fileURLToPath(path) : path.href;
  return resolve(path);
}

function startWorker(key: string, path: string | URL): Worker {
  const worker = new Worker(path);
  // A worker that dies while idle (terminated from outside, out of memory) leaves the pool; an
  // 'error' event with no listener would be thrown in this thread, so one is always there.
  // While a sweep has the worker, the sweep's own listeners report both.
  worker.on('exit', () => forget(key, worker));
  worker.on('error', () => forget(key, worker));
  return worker;
}

function forget(key: string, worker: Worker): void {
  const kept = idle.get(key);
  if (!kept) return;
  const at = kept.findIndex((e) => e.worker === worker);
  if (at < 0) return;
  clearTimeout(kept.splice(at, 1)[0]!.timer);
  if (kept.length === 0) idle.delete(key);
}
