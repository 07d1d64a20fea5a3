/**
 * A key dictionary outlives the call that interned a key: a product matcher's lives as long
 * as the matcher, and a sweep's rankers are kept for the next sweep of the same setup. Its
 * representatives are read whenever a table is filled later, so they must not be the caller's
 * objects: a caller that reuses its record objects (rewriting their nested lists in place)
 * after a call must get, on the next call, what a new matcher or a fresh sweep gives.
 */
import { afterEach, expect, test } from 'vitest';
import { createProductMatcher } from '../../src/engine/matchers/product-matcher.js';
import { closeSweepWorkers, sweepBatches, type SweepOptions } from '../../src/batch/sweep.js';
import type { Enterprise } from '../../src/model/types.js';
import { smallSweepOptions } from '../batch/helpers.js';
import { AS_OF, smallMarket } from './helpers.js';

const m = smallMarket();
type Raw = Record<string, unknown>;

/** The caller's own plain objects, as parsed from JSON. */
const raw = (list: readonly Enterprise[]): Enterprise[] =>
  list.map((e) => JSON.parse(JSON.stringify(e)) as Enterprise);

/**
 * Rewrites each of `records` in place to describe another enterprise (keeping its id): nested
 * lists and objects are changed, not replaced, so anything still holding them sees the change.
 */
function reuse(records: Enterprise[]): void {
  const donors = raw(m.enterprises.slice(0, records.length));
  records.forEach((enterprise, i) => {
    const record = enterprise as unknown as Raw;
    const donor = donors[(i * 7 + 3) % donors.length]!;
    for (const [field, value] of Object.entries(donor)) {
      if (field === 'id') continue;
      const mine = record[field];
      if (Array.isArray(value) && Array.isArray(mine)) mine.splice(0, mine.length, ...value);
      else if (value && typeof value === 'object' && mine && typeof mine === 'object') {
        for (const key of Object.keys(mine)) delete (mine as Raw)[key];
        Object.assign(mine, value);
      } else record[field] = value;
    }
  });
}

const matcherOptions = { asOf: AS_OF, chains: m.chains, zones: m.zones };

test('a product matcher ranks as a new one does after the caller rewrites records it was given', () => {
  const first = raw(m.enterprises.slice(0, 600));
  const second = raw(m.enterprises.slice(600, 1200));
  const matcher = createProductMatcher(m.products, matcherOptions);
  for (const e of first) matcher.rankProducts(e, { k: 5 });
  reuse(first);
  const fresh = createProductMatcher(m.products, matcherOptions);
  for (const e of second)
    expect(matcher.rankProducts(e, { k: 5 })).toEqual(fresh.rankProducts(e, { k: 5 }));
});

afterEach(async () => {
  await closeSweepWorkers();
});

const sweepOptions = { ...smallSweepOptions(), k: 5, batchSize: 200 } satisfies SweepOptions;

async function sweepOf(enterprises: Enterprise[], options: Partial<SweepOptions>) {
  const results = [];
  for await (const b of sweepBatches(enterprises, m.products, { ...sweepOptions, ...options }))
    results.push(...b.results());
  return results;
}

test.each([1, 2])(
  'a repeat sweep on %i thread(s) ranks as a fresh one after the caller rewrites the records of the sweep before',
  async (threads) => {
    const first = raw(m.enterprises.slice(0, 1500));
    await sweepOf(first, { threads });
    reuse(first);
    const kept = await sweepOf(raw(m.enterprises.slice(1500, 3000)), { threads });
    await closeSweepWorkers();
    const fresh = await sweepOf(raw(m.enterprises.slice(1500, 3000)), {
      threads,
      workerIdleMs: 0,
    });
    expect(kept).toEqual(fresh);
  },
  60_000,
);
