import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createProductMatcher } from '../../src/engine/matchers/index.js';
import { rankPairs } from '../../src/compile/reference.js';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { sweep } from '../../src/batch/sweep.js';
import { AS_OF, smallMarket, smallMarketEnv } from './helpers.js';
import { canonicalise } from '../../src/util/canonical.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const profile = enterpriseProductProfile();

/** The reference ranking of the enterprises for `product` (object per pair). */
function referenceProspect(product: (typeof m.products)[number], k: number) {
  const pairs = m.enterprises.map((e) => ({
    id: e.id,
    group: e.region.slice(0, 2),
    ctx: { subject: e, target: product, ...env },
  }));
  return rankPairs(profile, pairs, k, false);
}

describe('lazy key tables', () => {
  const index = FastSubjectIndex.create(profile, env, m.enterprises)!;

  test('all-lazy, all-eager and default tables rank exactly as the reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: m.products.length - 1 }),
        fc.constantFrom(0, 64, Infinity),
        fc.integer({ min: 1, max: 60 }),
        (p, limit, k) => {
          const product = m.products[p]!;
          const compiled = compileTarget(index.plan, index.columns, product, limit)!;
          const rows = rankSubjects(index.plan, index.columns, compiled, k)!;
          const want = referenceProspect(product, k);
          expect(rows.map((r) => index.columns.ids[r.row])).toEqual(want.map((w) => w.id));
          rows.forEach((r, i) => expect(Math.abs(r.score - want[i]!.score)).toBeLessThan(1e-9));
        },
      ),
      { numRuns: 25 },
    );
  });

  test('a lazy table computes only keys the scan reached, with the eager values', () => {
    // A product aimed at some sectors: the scan never reaches the keys of firms outside them.
    const product = m.products.find((p) => p.targetSectors.length > 0)!;
    const lazy = compileTarget(index.plan, index.columns, product, 0)!;
    const eager = compileTarget(index.plan, index.columns, product, Infinity)!;
    rankSubjects(index.plan, index.columns, lazy, 10);
    let lazyKeys = 0;
    let computedKeys = 0;
    const failsEagerRule = (f: number, code: number) => {
      const p = index.plan.factors[f]!;
      return index.plan.rules.some(
        (r, j) =>
          r.kind === 'key' &&
          p.kind === 'key' &&
          r.key === p.key &&
          eager.passTables[j]![code] === 1,
      );
    };
    let tokenKeys = 0;
    lazy.slots.forEach((slots, f) => {
      if (!slots) return;
      for (let code = 0; code < slots.length; code++) {
        const value = lazy.tableValue(f, code);
        // A table filled from a tokens hook holds every key from compilation (no calls).
        if (lazy.tokenValues[f]) {
          tokenKeys++;
          expect(value).toBeDefined();
          expect(Object.is(value, eager.tableValue(f, code))).toBe(true);
          continue;
        }
        lazyKeys++;
        if (value === undefined) continue;
        computedKeys++;
        // The eager table skips keys an eager rule on the same key fails (no eligible row).
        if (failsEagerRule(f, code)) continue;
        expect(Object.is(value, eager.tableValue(f, code))).toBe(true);
      }
    });
    expect(lazyKeys).toBeGreaterThan(0);
    expect(computedKeys).toBeLessThan(lazyKeys);
    expect(tokenKeys).toBeGreaterThan(0);
  });
});

describe('compiled-target cache', () => {
  test('repeated prospecting hits the cache; an updated product is recompiled', () => {
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const product = m.products[10]!;
    const first = index.rank(product, 20, false);
    const again = index.rank(product, 20, false);
    expect(again).toEqual(first);
    expect(index.cacheStats()).toMatchObject({ hits: 1, misses: 1, size: 1 });

    const updated = {
      ...product,
      amount: { ...product.amount, max: product.amount.min },
      regions: [],
    };
    const ranked = index.rank(updated, 20, false)!;
    expect(index.cacheStats()).toMatchObject({ hits: 1, misses: 2, size: 1 });
    expect(ranked.map((r) => r.id)).toEqual(referenceProspect(updated, 20).map((r) => r.id));

    index.invalidate(product.id);
    expect(index.cacheStats().size).toBe(0);
  });

  test('the same product in another key order hits the cache (another client serialiser)', () => {
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const product = m.products[10]!;
    const first = index.rank(product, 20, false);
    // Keys sorted at every depth, as fastjson writes them; then back in the first order.
    const sorted = canonicalise(product) as typeof product;
    expect(JSON.stringify(sorted)).not.toBe(JSON.stringify(product));
    expect(index.rank(sorted, 20, false)).toEqual(first);
    expect(index.rank(product, 20, false)).toEqual(first);
    expect(index.cacheStats()).toMatchObject({ hits: 2, misses: 1, size: 1 });
    // A changed record in another key order is still recompiled.
    const changed = { ...sorted, regions: [] as string[] };
    index.rank(changed, 20, false);
    expect(index.cacheStats()).toMatchObject({ hits: 2, misses: 2, size: 1 });
  });

  test('a cached target stays exact after enterprises are added and removed', () => {
    const index = FastSubjectIndex.create(profile, env, m.enterprises.slice(0, 1500))!;
    const product = m.products[42]!;
    index.rank(product, 30, false);
    for (const e of m.enterprises.slice(1500)) index.columns.upsert(e);
    index.columns.remove(m.enterprises[0]!.id);
    const rebuilt = FastSubjectIndex.create(profile, env, m.enterprises.slice(1))!;
    expect(index.rank(product, 30, false)).toEqual(rebuilt.rank(product, 30, false));
    expect(index.cacheStats().hits).toBe(1);
  });
});

describe('sweep on worker threads', () => {
  test('2 threads, ordered, with contributions: equal to rankProducts', async () => {
    const enterprises = m.enterprises.slice(0, 400);
    const matcher = createProductMatcher(m.products, {
      asOf: AS_OF,
      chains: m.chains,
      zones: m.zones,
    });
    const got = [];
    for await (const r of sweep(enterprises, m.products, {
      asOf: AS_OF,
      threads: 2,
      k: 5,
      chains: m.chains,
      zones: m.zones,
      batchSize: 50,
      ordered: true,
      contributions: true,
    }))
      got.push(r);
    expect(got.map((r) => r.enterpriseId)).toEqual(enterprises.map((e) => e.id).sort());
    for (const r of got) {
      const e = enterprises.find((x) => x.id === r.enterpriseId)!;
      expect(r.matches).toEqual(
        matcher.rankProducts(e, { k: 5 }).map(({ productId, score, rank, contributions }) => ({
          productId,
          score,
          rank,
          contributions,
        })),
      );
    }
  }, 60_000);
});
