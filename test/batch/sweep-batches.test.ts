/**
 * `sweepBatches`: the same results as `sweep` and `rankProducts`, in columns — on this thread
 * and on workers, in many small chunks (so dictionary deltas reach workers chunk by chunk),
 * ordered or not; through the product matcher for a profile the columns do not cover.
 */
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { createProductMatcher } from '../../src/engine/matchers/index.js';
import { sweep, sweepBatches, SweepBatch, type SweepOptions } from '../../src/batch/sweep.js';
import { MAX_SWEEP_THREADS } from '../../src/batch/sweep-options.js';
import { SweepRanker } from '../../src/batch/sweep-core.js';
import { ValidationError } from '../../src/errors.js';
import { parseAll } from '../../src/model/parse.js';
import { AS_OF, smallMarket } from '../compile/helpers.js';

const m = smallMarket();
const enterprises = m.enterprises.slice(0, 240);
const base = { asOf: AS_OF, k: 4, chains: m.chains, zones: m.zones } satisfies SweepOptions;
const threads = Math.min(2, MAX_SWEEP_THREADS);

async function batchesOf(options: Partial<SweepOptions>, list = enterprises) {
  const out: SweepBatch[] = [];
  for await (const b of sweepBatches(list, m.products, { ...base, ...options })) out.push(b);
  return out;
}

const resultsOf = (batches: SweepBatch[]) => batches.flatMap((b) => b.results());

describe('sweepBatches', () => {
  const matcher = createProductMatcher(m.products, {
    asOf: AS_OF,
    chains: m.chains,
    zones: m.zones,
  });
  const byId = new Map(enterprises.map((e) => [e.id, e]));
  const expected = (id: string, contributions: boolean) =>
    matcher.rankProducts(byId.get(id)!, { k: 4 }).map(({ productId, score, rank, ...r }) => ({
      productId,
      score,
      rank,
      ...(contributions ? { contributions: r.contributions } : {}),
    }));

  test('on workers, ordered, in chunks of 7: every enterprise once, in id order, equal to rankProducts', async () => {
    const batches = await batchesOf({ threads, batchSize: 7, ordered: true, contributions: true });
    const ids = enterprises.map((e) => e.id).sort();
    let start = 0;
    for (const b of batches) {
      // Consecutive, with offsets that add up to the matches held.
      expect(b.start).toBe(start);
      start += b.size;
      expect(b.offsets[0]).toBe(0);
      expect(b.matchCount).toBe(b.products.length);
      expect(b.scores.length).toBe(b.products.length);
      expect(b.contributions!.length).toBe(b.products.length * b.factorNames.length);
      for (let i = 0; i < b.size; i++)
        expect(b.offsets[i + 1]!).toBeGreaterThanOrEqual(b.offsets[i]!);
    }
    const results = resultsOf(batches);
    expect(results.map((r) => r.enterpriseId)).toEqual(ids);
    for (const r of results) expect(r.matches).toEqual(expected(r.enterpriseId, true));
  }, 60_000);

  test('equals sweep on this thread and on workers, whatever the chunk size and order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom(0, threads),
        fc.boolean(),
        async (batchSize, t, ordered) => {
          const batches = await batchesOf({ threads: t, batchSize, ordered });
          const got = resultsOf(batches);
          if (ordered || t === 0)
            expect(got.map((r) => r.enterpriseId)).toEqual(enterprises.map((e) => e.id).sort());
          const want = new Map<string, unknown>();
          for await (const r of sweep(enterprises, m.products, { ...base, threads: 0 }))
            want.set(r.enterpriseId, r.matches);
          expect(got).toHaveLength(want.size);
          for (const r of got) expect(r.matches).toEqual(want.get(r.enterpriseId));
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);

  test('threads: n is this thread and n − 1 workers, each sweeping part of the chunks', async () => {
    // A worker script that notes its start and every task it is handed (not the messages that
    // begin and end a sweep), then runs the real one.
    const dir = await mkdtemp(join(tmpdir(), 'finmatch-sweep-threads-'));
    try {
      const log = join(dir, 'tasks.log');
      const real = fileURLToPath(new URL('../../dist/sweep-worker.cjs', import.meta.url));
      const workerPath = join(dir, 'counting-worker.cjs');
      await writeFile(
        workerPath,
        [
          `const { appendFileSync } = require('node:fs');`,
          `const { parentPort } = require('node:worker_threads');`,
          `appendFileSync(${JSON.stringify(log)}, 'S');`,
          `parentPort.on('message', (m) => 'setup' in m || 'release' in m || appendFileSync(${JSON.stringify(log)}, 'T'));`,
          `require(${JSON.stringify(real)});`,
        ].join('\n'),
      );
      const batchSize = 8;
      const chunks = Math.ceil(enterprises.length / batchSize);
      const got = await batchesOf({ threads, batchSize, ordered: true, workerPath });
      expect(resultsOf(got)).toEqual(resultsOf(await batchesOf({ threads: 0, batchSize })));
      const noted = await readFile(log, 'utf8').catch(() => '');
      expect(noted.replace(/T/g, '')).toHaveLength(threads - 1);
      // Every chunk is loaded once and ranked once; the workers were handed fewer than all of
      // those tasks, so this thread swept some chunks itself.
      const workerTasks = noted.replace(/S/g, '').length;
      if (threads > 1) expect(workerTasks).toBeGreaterThan(0);
      expect(workerTasks).toBeLessThan(2 * chunks);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test.skipIf(MAX_SWEEP_THREADS < 2)(
    'a task that throws on this thread fails the sweep as a worker failure does, the error kept as the cause',
    async () => {
      // Only this thread's rankers are replaced (a worker loads its own copy of the module).
      const boom = new Error('boom');
      const spy = vi.spyOn(SweepRanker.prototype, 'rank').mockImplementation(() => {
        throw boom;
      });
      try {
        const error = await batchesOf({ threads: 2, batchSize: 8 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(
          /^sweep failed on the calling thread: Error: boom/,
        );
        expect((error as Error).cause).toBe(boom);
      } finally {
        spy.mockRestore();
      }
    },
    60_000,
  );

  test('through the product matcher (history given): the same columns as its rankings', async () => {
    const list = enterprises.slice(0, 30);
    const options = { interactions: m.interactions, subjects: m.enterprises, contributions: true };
    const batches = await batchesOf({ ...options, batchSize: 8 }, list);
    const want = [];
    for await (const r of sweep(list, m.products, { ...base, ...options })) want.push(r);
    expect(batches.map((b) => b.size)).toEqual([8, 8, 8, 6]);
    expect(resultsOf(batches)).toEqual(want);
  }, 60_000);

  test('no enterprises: no batch', async () => {
    expect(await batchesOf({ threads }, [])).toEqual([]);
  });
  test('records as parsed JSON, out of id order, on workers: the batches of the sorted records', async () => {
    const raw = JSON.parse(JSON.stringify(enterprises)) as unknown[];
    const shuffled = raw.map((e, i) => [e, (i * 53) % raw.length] as const);
    shuffled.sort((a, b) => a[1] - b[1]);
    const got = await batchesOf(
      { threads, batchSize: 16, ordered: true },
      shuffled.map(([e]) => e) as typeof enterprises,
    );
    let start = 0;
    for (const b of got) {
      expect(b.start).toBe(start);
      start += b.size;
    }
    expect(resultsOf(got)).toEqual(resultsOf(await batchesOf({ threads: 0, batchSize: 16 })));
  }, 60_000);

  test("bad records and a repeated id: parseAll's ValidationError, every record named, before any batch", async () => {
    const raw = JSON.parse(JSON.stringify(enterprises)) as Record<string, unknown>[];
    raw[3]!.employees = -5;
    raw[150]!.sector = 42;
    raw[200] = { ...raw[100]! };
    const want = (() => {
      try {
        parseAll('enterprise', raw, { locale: 'en' });
      } catch (error) {
        return error as ValidationError;
      }
      throw new Error('parseAll accepted bad records');
    })();
    expect(want.issues.map((i) => i.path.slice(0, 5))).toEqual(
      expect.arrayContaining(['[3].e', '[150]', '[200]']),
    );
    for (const t of [0, threads]) {
      let yielded = 0;
      const error = await (async () => {
        for await (const b of sweepBatches(raw as never, m.products, {
          ...base,
          threads: t,
          batchSize: 40,
          locale: 'en',
        }))
          yielded += b.size;
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual(want.issues);
      expect((error as ValidationError).message).toBe(want.message);
      expect(yielded).toBe(0);
    }
  }, 60_000);
  test("records a worker cannot be sent (a Proxy): validated here, the same results; a throwing getter: parseAll's error", async () => {
    const raw = JSON.parse(JSON.stringify(enterprises.slice(0, 50))) as object[];
    const proxied = raw.map((e, i) => (i === 7 ? new Proxy(e, {}) : e));
    const got = await batchesOf({ threads, batchSize: 20, ordered: true }, proxied as never);
    const want = await batchesOf({ threads: 0, batchSize: 20 }, raw as never);
    expect(resultsOf(got)).toEqual(resultsOf(want));
    const hostile = raw.map((e, i) =>
      i === 9
        ? Object.defineProperty({ ...e }, 'name', {
            enumerable: true,
            get() {
              throw new Error('no name');
            },
          })
        : e,
    );
    const wantError = (() => {
      try {
        parseAll('enterprise', hostile);
      } catch (error) {
        return error as ValidationError;
      }
      throw new Error('parseAll accepted a throwing getter');
    })();
    const error = await batchesOf({ threads, batchSize: 20 }, hostile as never).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(wantError.issues);
  }, 60_000);
});
