/**
 * Rankers kept between sweeps of one setup (src/batch/kept-rankers.ts): a repeat sweep takes
 * them on this thread and on its kept worker and ranks exactly as new rankers do, whatever
 * enterprises it sweeps; another setup starts a new lineage on every thread; a sweep that
 * failed or was abandoned, `workerIdleMs: 0` and `closeSweepWorkers()` keep nothing; concurrent
 * sweeps of one setup never share rankers.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeSweepWorkers,
  sweepBatches,
  sweepFileBatches,
  type SweepOptions,
} from '../../src/batch/sweep.js';
import { splitJsonlFile } from '../../src/batch/sweep-file.js';
import { MAX_SWEEP_THREADS } from '../../src/batch/sweep-options.js';
import { keptRankerStats } from '../../src/batch/kept-rankers.js';
import { smallMarket } from '../compile/helpers.js';
import { smallSweepOptions } from './helpers.js';

const m = smallMarket();
const base = smallSweepOptions();
const first = m.enterprises.slice(0, 160);
const second = m.enterprises.slice(120, 300);

/** Every result of a sweep of `enterprises`. */
async function sweepOf(enterprises: typeof first, options: Partial<SweepOptions>) {
  const results = [];
  for await (const b of sweepBatches(enterprises, m.products, { ...base, ...options }))
    results.push(...b.results());
  return results;
}

/** The results of rankers made for this sweep alone: nothing kept before, nothing kept after. */
async function freshSweep(enterprises: typeof first, options: Partial<SweepOptions> = {}) {
  await closeSweepWorkers();
  return sweepOf(enterprises, { ...options, threads: 0, workerIdleMs: 0 });
}

afterEach(async () => {
  await closeSweepWorkers();
});

const threadCounts = MAX_SWEEP_THREADS >= 2 ? [1, 2] : [1];

describe.each(threadCounts)('on %i thread(s)', (threads) => {
  test('a repeat sweep takes the kept rankers, on every enterprise set ranking as new ones do', async () => {
    const expected = [await freshSweep(first), await freshSweep(second)];
    const reusesBefore = keptRankerStats().workerReuses;
    const got = [];
    const lineages = [];
    for (const enterprises of [first, second, first, second]) {
      got.push(await sweepOf(enterprises, { threads }));
      lineages.push(keptRankerStats().lineage);
    }
    expect(got).toEqual([...expected, ...expected]);
    // This thread's rankers were taken and given back each time: one lineage throughout.
    expect(lineages[0]).toBeDefined();
    expect(new Set(lineages).size).toBe(1);
    const { workerReuses } = keptRankerStats();
    // The first sweep's worker started afresh; the three after it kept their rankers.
    expect(workerReuses - reusesBefore).toBe(threads === 2 ? 3 : 0);
  }, 60_000);

  test('another setup starts a new lineage; going back to the first starts another', async () => {
    await sweepOf(first, { threads });
    const a = keptRankerStats();
    const other = await sweepOf(first, { threads, k: 5 });
    const b = keptRankerStats();
    expect(b.lineage).toBeGreaterThan(a.lineage!);
    expect(b.workerReuses).toBe(a.workerReuses);
    expect(other).toEqual(await freshSweep(first, { k: 5 }));
    // The fresh sweep above kept nothing: the next one is a lineage of its own again.
    const again = await sweepOf(second, { threads });
    expect(keptRankerStats().lineage).toBeGreaterThan(b.lineage!);
    expect(again).toEqual(await freshSweep(second));
  }, 60_000);

  test('a sweep that fails keeps nothing, and the next is exact', async () => {
    await sweepOf(first, { threads });
    const before = keptRankerStats();
    // The bad record in the last chunk: the sweep's threads have ranked chunks before it fails.
    const bad: unknown[] = [...second.slice(0, -1), { ...second.at(-1)!, foundedYear: 'soon' }];
    const error = await (async () => {
      for await (const b of sweepBatches(bad as typeof first, m.products, { ...base, threads }))
        void b;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(keptRankerStats().lineage).toBeUndefined();
    const afterFailure = keptRankerStats().workerReuses;
    const next = await sweepOf(first, { threads });
    // The next sweep starts a new lineage, so no thread may use rankers from before the
    // failure (a worker kept from the failed sweep holds the old lineage's, and answers so).
    expect(keptRankerStats().lineage).toBeGreaterThan(before.lineage!);
    expect(keptRankerStats().workerReuses).toBe(afterFailure);
    expect(next).toEqual(await freshSweep(first));
  }, 60_000);

  test('a sweep abandoned by its consumer keeps nothing', async () => {
    await sweepOf(first, { threads });
    for await (const b of sweepBatches(second, m.products, { ...base, threads })) {
      void b;
      break;
    }
    expect(keptRankerStats().lineage).toBeUndefined();
    expect(await sweepOf(second, { threads })).toEqual(await freshSweep(second));
  }, 60_000);

  test('workerIdleMs: 0 keeps nothing; closeSweepWorkers() drops what was kept', async () => {
    await sweepOf(first, { threads, workerIdleMs: 0 });
    expect(keptRankerStats().lineage).toBeUndefined();
    await sweepOf(first, { threads });
    expect(keptRankerStats().lineage).toBeDefined();
    await closeSweepWorkers();
    expect(keptRankerStats().lineage).toBeUndefined();
  }, 60_000);

  test('concurrent sweeps of one setup never share rankers, and both are exact', async () => {
    await sweepOf(first, { threads });
    const kept = keptRankerStats();
    const [a, b] = await Promise.all([sweepOf(first, { threads }), sweepOf(second, { threads })]);
    const after = keptRankerStats();
    // One of the two took the kept rankers (and the worker kept with them); the other had
    // new ones, of a new lineage: the one given back last is kept.
    expect(after.workerReuses - kept.workerReuses).toBeLessThanOrEqual(threads === 2 ? 1 : 0);
    expect(after.lineage).toBeGreaterThanOrEqual(kept.lineage!);
    expect(a).toEqual(await freshSweep(first));
    expect(b).toEqual(await freshSweep(second));
  }, 60_000);

  test('enterprises in another order take the kept rankers and rank as new ones do', async () => {
    const reversed = [...first].reverse();
    const unordered = { threads, ordered: false };
    await sweepOf(second, { threads });
    const lineage = keptRankerStats().lineage;
    const got = await sweepOf(reversed, unordered);
    expect(keptRankerStats().lineage).toBe(lineage);
    const byId = (rs: Awaited<ReturnType<typeof sweepOf>>) =>
      [...rs].sort((x, y) => (x.enterpriseId < y.enterpriseId ? -1 : 1));
    expect(byId(got)).toEqual(byId(await freshSweep(reversed, { ordered: false })));
    expect(await sweepOf(reversed, { threads })).toEqual(await freshSweep(first));
  }, 60_000);

  test('file ranges, a shard, contributions and rendered JSON lines: kept and exact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'finmatch-kept-'));
    try {
      const files = [first, second].map((list, i) => {
        const path = join(dir, `enterprises-${i}.jsonl`);
        writeFileSync(path, list.map((e) => JSON.stringify(e)).join('\n') + '\n');
        return { path, ...splitJsonlFile(path, 4096) };
      });
      expect(files[0]!.ranges.length).toBeGreaterThan(2);
      const options = { ...base, threads, contributions: true };
      const shard = { index: 1, count: 2 };
      const fileSweep = async (file: (typeof files)[number], extra: Partial<SweepOptions>) => {
        const results = [];
        const lines = [];
        for await (const b of sweepFileBatches(
          file,
          m.products,
          { ...options, ...extra },
          shard,
          true,
        )) {
          results.push(...b.results());
          lines.push(Buffer.from(b.jsonl!).toString('utf8'));
        }
        return { results, lines: lines.join('') };
      };
      await fileSweep(files[0]!, {});
      const lineage = keptRankerStats().lineage;
      const reuses = keptRankerStats().workerReuses;
      const got = [await fileSweep(files[1]!, {}), await fileSweep(files[0]!, {})];
      expect(keptRankerStats().lineage).toBe(lineage);
      expect(keptRankerStats().workerReuses - reuses).toBe(threads === 2 ? 2 : 0);
      await closeSweepWorkers();
      const fresh = [];
      for (const file of [files[1]!, files[0]!]) {
        fresh.push(await fileSweep(file, { workerIdleMs: 0 }));
        await closeSweepWorkers();
      }
      expect(got).toEqual(fresh);
      expect(got[0]!.results.length).toBeGreaterThan(0);
      expect(got[0]!.results[0]!.matches[0]!.contributions).toBeDefined();
      expect(got[0]!.lines.split('\n').length - 1).toBe(got[0]!.results.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

test('what is kept is dropped after workerIdleMs', async () => {
  await sweepOf(first, { threads: 1, workerIdleMs: 30 });
  expect(keptRankerStats().lineage).toBeDefined();
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(keptRankerStats().lineage).toBeUndefined();
});
