/**
 * Sweep workers kept between sweeps: a clean sweep's workers serve the next one (the same
 * results), concurrent sweeps never share one, a worker that failed or was abandoned with work
 * on it is never kept, idle workers close on their timer or on `closeSweepWorkers`, and they
 * never keep a process alive.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { sweepBatches, type SweepBatch, type SweepOptions } from '../../src/batch/sweep.js';
import { MAX_SWEEP_THREADS } from '../../src/batch/sweep-options.js';
import {
  closeSweepWorkers,
  giveBackWorker,
  idleWorkerCount,
  takeWorkers,
} from '../../src/batch/worker-pool.js';
import { smallMarket } from '../compile/helpers.js';
import { smallSweepOptions } from './helpers.js';

const m = smallMarket();
const enterprises = m.enterprises.slice(0, 200);
const base = smallSweepOptions();
const REAL_WORKER = fileURLToPath(new URL('../../dist/sweep-worker.cjs', import.meta.url));

/** Every batch's results, and the idle workers counted while the sweep ran (after its first batch). */
async function sweepOf(options: Partial<SweepOptions>) {
  const results = [];
  let idleDuring = -1;
  for await (const b of sweepBatches(enterprises, m.products, { ...base, ...options })) {
    if (idleDuring < 0) idleDuring = idleWorkerCount();
    results.push(...(b as SweepBatch).results());
  }
  return { results, idleDuring };
}

let dir: string;
let counting: string;
let starts: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'finmatch-pool-'));
  // The real worker, noting each start of a thread in a file: how many threads a test's sweeps
  // started between them.
  starts = join(dir, 'starts.log');
  counting = join(dir, 'counting.cjs');
  await writeFile(
    counting,
    `require('node:fs').appendFileSync(${JSON.stringify(starts)}, 'S');\nrequire(${JSON.stringify(REAL_WORKER)});\n`,
  );
});
/** A stand-in worker script: `onMessage` is the body of its handler of each message `m`. */
async function fakeWorker(name: string, onMessage: string): Promise<string> {
  const path = join(dir, `${name}.cjs`);
  await writeFile(
    path,
    `const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (m) => {\n${onMessage}\n});\n`,
  );
  return path;
}

/** Threads the counting worker started since the last call. */
async function started(): Promise<number> {
  const noted = await readFile(starts, 'utf8').catch(() => '');
  await writeFile(starts, '');
  return noted.length;
}
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await closeSweepWorkers();
});

describe.skipIf(MAX_SWEEP_THREADS < 2)('sweep workers kept between sweeps', () => {
  test("a clean sweep's worker serves the next sweep, with the same results as this thread alone", async () => {
    await started();
    const workerPath = counting;
    const alone = await sweepOf({ threads: 0 });
    expect(idleWorkerCount()).toBe(0);
    const first = await sweepOf({ threads: 2, workerPath });
    expect(first.results).toEqual(alone.results);
    expect(idleWorkerCount()).toBe(1);
    // The next sweep takes it: none idle while it runs, one again after.
    const second = await sweepOf({ threads: 2, contributions: true, workerPath });
    expect(second.idleDuring).toBe(0);
    expect(idleWorkerCount()).toBe(1);
    const withContributions = await sweepOf({ threads: 0, contributions: true });
    expect(second.results).toEqual(withContributions.results);
    // A third, with another k: the setup of each sweep replaces the last one's.
    const third = await sweepOf({ threads: 2, k: 2, workerPath });
    expect(third.results).toEqual((await sweepOf({ threads: 0, k: 2 })).results);
    // One thread served all three.
    expect(await started()).toBe(1);
  }, 60_000);

  test('concurrent sweeps never share a worker, and both are exact', async () => {
    await started();
    const workerPath = counting;
    const alone = await sweepOf({ threads: 0 });
    await sweepOf({ threads: 2, workerPath });
    expect(idleWorkerCount()).toBe(1);
    const [a, b] = await Promise.all([
      sweepOf({ threads: 2, workerPath }),
      sweepOf({ threads: 2, workerPath }),
    ]);
    expect(a.results).toEqual(alone.results);
    expect(b.results).toEqual(alone.results);
    // One was kept, one started; both are kept afterwards.
    expect(await started()).toBe(2);
    expect(idleWorkerCount()).toBe(2);
  }, 60_000);

  test('workerIdleMs: 0 closes the workers, awaited, when the sweep ends; a short one closes them on time', async () => {
    // Each terminate() noted, and whether its thread had ended when the sweep returned.
    const ended: boolean[] = [];
    const terminate = Worker.prototype.terminate;
    const spy = vi.spyOn(Worker.prototype, 'terminate').mockImplementation(function (this: Worker) {
      const at = ended.push(false) - 1;
      return terminate.call(this).then((code) => {
        ended[at] = true;
        return code;
      });
    });
    try {
      await sweepOf({ threads: 2, workerIdleMs: 0 });
    } finally {
      spy.mockRestore();
    }
    expect(ended).toEqual([true]);
    expect(idleWorkerCount()).toBe(0);
    await sweepOf({ threads: 2, workerIdleMs: 50 });
    expect(idleWorkerCount()).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(idleWorkerCount()).toBe(0);
  }, 60_000);

  test('closeSweepWorkers closes the idle ones; the next sweep starts its own', async () => {
    const alone = await sweepOf({ threads: 0 });
    await sweepOf({ threads: 2 });
    await closeSweepWorkers();
    expect(idleWorkerCount()).toBe(0);
    expect((await sweepOf({ threads: 2 })).results).toEqual(alone.results);
  }, 60_000);

  test.each([
    {
      what: 'answers a task with an error',
      // It takes its setup (never answering it) and fails every task.
      onMessage: `'setup' in m || 'release' in m || parentPort.postMessage({ error: 'boom' });`,
      message: /sweep failed on a worker thread: boom/,
    },
    {
      what: 'throws (an error event)',
      onMessage: `if ('setup' in m) parentPort.postMessage({ ready: true });\nelse if (!('release' in m)) throw new Error('uncaught');`,
      message: /uncaught/,
    },
  ])(
    'a worker that $what is not kept, and the next sweep is exact',
    async ({ what, onMessage, message }) => {
      const workerPath = await fakeWorker(what.replace(/\W+/g, '-'), onMessage);
      const error = await sweepOf({ threads: 2, workerPath }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(message);
      expect(idleWorkerCount()).toBe(0);
      expect((await sweepOf({ threads: 2 })).results).toEqual(
        (await sweepOf({ threads: 0 })).results,
      );
    },
    60_000,
  );

  test('a sweep that fails on bad input leaves nothing behind for the next one', async () => {
    await started();
    const workerPath = counting;
    const bad: unknown[] = [{ ...enterprises[0]!, foundedYear: 'soon' }, ...enterprises.slice(1)];
    const error = await (async () => {
      for await (const b of sweepBatches(bad as typeof enterprises, m.products, {
        ...base,
        threads: 2,
        workerPath,
      }))
        void b;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    // Its worker, kept or not (it may still have had its setup on the way), gives the next
    // sweep exactly this thread's results.
    const next = await sweepOf({ threads: 2, workerPath });
    expect(next.results).toEqual((await sweepOf({ threads: 0 })).results);
    expect(await started()).toBeLessThanOrEqual(2);
  }, 60_000);

  test('a sweep abandoned with nothing left on its worker keeps it; the next sweep is exact', async () => {
    await started();
    const workerPath = counting;
    // One chunk: the worker has answered everything by the time its batch is out.
    for await (const b of sweepBatches(enterprises, m.products, {
      ...base,
      threads: 2,
      batchSize: enterprises.length,
      workerPath,
    })) {
      void b;
      break;
    }
    expect(idleWorkerCount()).toBe(1);
    const next = await sweepOf({ threads: 2, workerPath });
    expect(next.results).toEqual((await sweepOf({ threads: 0 })).results);
    expect(await started()).toBe(1);
  }, 60_000);

  test('a sweep abandoned with tasks still on its worker does not keep it', async () => {
    // A worker that takes its setup and never answers a task: it holds two chunks when this
    // thread's first batch comes out (results as they come, not in order) and the loop stops.
    const silent = await fakeWorker(
      'silent',
      `'setup' in m && parentPort.postMessage({ ready: true });`,
    );
    for await (const b of sweepBatches(enterprises, m.products, {
      ...base,
      ordered: false,
      threads: 2,
      batchSize: 4,
      workerPath: silent,
    })) {
      void b;
      break;
    }
    expect(idleWorkerCount()).toBe(0);
    expect((await sweepOf({ threads: 2 })).results).toEqual(
      (await sweepOf({ threads: 0 })).results,
    );
  }, 60_000);
});

describe('the pool itself', () => {
  test('an idle worker that dies leaves the pool; one of another script is never taken, one named by its URL is', async () => {
    const idle = join(dir, 'idle.cjs');
    await writeFile(idle, `require('node:worker_threads').parentPort.on('message', () => {});\n`);
    const [worker] = takeWorkers(idle, 1);
    giveBackWorker(idle, worker!, 60_000);
    expect(idleWorkerCount()).toBe(1);
    // Another script's sweep starts its own worker.
    const [other] = takeWorkers(REAL_WORKER, 1);
    expect(other).not.toBe(worker);
    expect(idleWorkerCount()).toBe(1);
    await other!.terminate();
    // The same script named by a file URL is the same pool.
    const [again] = takeWorkers(pathToFileURL(idle), 1);
    expect(again).toBe(worker);
    giveBackWorker(idle, again!, 60_000);
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    await worker!.terminate();
    await exited;
    expect(idleWorkerCount()).toBe(0);
  });

  test('idle workers never keep a process alive', async () => {
    // A process that sweeps twice on 2 threads (one worker, kept for 60 s) and then has
    // nothing to do.
    await started();
    const script = [
      `const { sweepBatches } = require(${JSON.stringify(fileURLToPath(new URL('../../dist/fast.cjs', import.meta.url)))});`,
      `const { generateMarket } = require(${JSON.stringify(fileURLToPath(new URL('../../dist/index.cjs', import.meta.url)))});`,
      `const m = generateMarket({ seed: 3, scale: 'small' });`,
      `(async () => {`,
      `  let n = 0;`,
      `  for (let r = 0; r < 2; r++)`,
      `    for await (const b of sweepBatches(m.enterprises.slice(0, 100), m.products, { asOf: m.manifest.asOf, threads: 2, workerIdleMs: 60000, workerPath: ${JSON.stringify(counting)} })) n += b.size;`,
      `  console.log(n);`,
      `})();`,
    ].join('\n');
    const began = Date.now();
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += String(d)));
        child.on('error', reject);
        child.on('close', (c) => resolve({ code: c, stdout: out }));
      },
    );
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('200');
    // The second sweep took the first one's worker: it was kept, and did not keep the process.
    expect(await started()).toBe(1);
    // Far less than the 60 s the worker would have been kept.
    expect(Date.now() - began).toBeLessThan(30_000);
  }, 60_000);
});
