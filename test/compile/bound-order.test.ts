/**
 * A pruned scan orders its candidates by score bound in buckets, placing at first only the top
 * buckets that bring the candidates it is likely to read (and its memo keeps), and the others
 * when the scan gets past them. The placed prefix is the whole order's prefix, the order is the
 * counting sort's, and a scan over more candidates than are placed at first ranks as the
 * reference loop does, on its first call and on the calls its memo serves.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { enterpriseProductProfile, extendProfile } from '../../src/index.js';
import {
  boundHead,
  boundOrder,
  compileTarget,
  rankSubjects,
  MEMO_MIN_ROWS,
} from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { Factor } from '../../src/engine/types.js';
import { broadestProducts, expectScanAsReference, smallMarket, smallMarketEnv } from './helpers.js';

describe('bound order', () => {
  test('the first placement is a prefix of the whole order; buckets descend with the bound, indices ascend within one', () => {
    const bound = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(0.5, 0.25, Infinity) },
    );
    fc.assert(
      fc.property(
        fc.array(bound, { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 320 }),
        (bounds, need) => {
          const n = bounds.length;
          const keyed = Float64Array.from(bounds);
          const { first, order, bucketOf } = boundOrder(keyed, n, need);
          expect(first.length).toBeGreaterThanOrEqual(Math.min(n, need));
          expect(Array.from(order.subarray(0, first.length))).toEqual(Array.from(first));
          expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          for (let p = 1; p < n; p++) {
            const a = order[p - 1]!;
            const b = order[p]!;
            expect(bucketOf[a]!).toBeLessThanOrEqual(bucketOf[b]!);
            if (bucketOf[a] === bucketOf[b]) expect(a).toBeLessThan(b);
          }
          // Every bound of a bucket is at least every bound of the later buckets.
          let laterMax = -Infinity;
          for (let p = n - 1; p >= 0;) {
            const q = bucketOf[order[p]!]!;
            let min = Infinity;
            let max = -Infinity;
            for (; p >= 0 && bucketOf[order[p]!] === q; p--) {
              min = Math.min(min, keyed[order[p]!]!);
              max = Math.max(max, keyed[order[p]!]!);
            }
            expect(min).toBeGreaterThanOrEqual(laterMax);
            laterMax = Math.max(laterMax, max);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  // Five copies of the small market's enterprises, and its broadest products: those then have
  // more candidates than a scan places at first (MEMO_MIN_ROWS + 1).
  const m = smallMarket();
  const { env } = smallMarketEnv();
  const enterprises: Enterprise[] = [0, 1, 2, 3, 4].flatMap((c) =>
    m.enterprises.map((e) => ({ ...e, id: `${e.id}-${c}` })),
  );
  /** The six products with the most eligible enterprises in the small market. */
  const broadest = () => broadestProducts().slice(0, 6);

  /**
   * A heavy factor keyed by the enterprise id: its table is filled lazily (one key per
   * enterprise), so its unknown entries enter every bound at its maximum and a scan reads far
   * past the buckets it placed at first before its threshold overtakes the bounds.
   */
  const byId: Factor<Enterprise, FinancialProduct> = {
    name: 'byId',
    side: 'subject',
    label: { zh: '编号散列', en: 'id hash' },
    description: { zh: '测试用', en: 'for tests' },
    key: (e) => e.id,
    score: ({ subject }) => {
      let h = 7;
      for (let i = 0; i < subject.id.length; i++) h = (h * 31 + subject.id.charCodeAt(i)) >>> 0;
      return (h % 101) / 100;
    },
  };

  test.each([
    ['the shipped profile', enterpriseProductProfile()],
    [
      'a profile whose bounds are loose (a lazy table at its maximum)',
      extendProfile(enterpriseProductProfile(), { addFactors: [{ factor: byId, weight: 1.5 }] }),
    ],
  ])(
    '%s, over more candidates than are placed at first, ranks as the reference, memo included',
    (_, profile) => {
      const products = broadest();
      expect(5 * products[products.length - 1]!.n).toBeGreaterThan(MEMO_MIN_ROWS + 1);
      const index = FastSubjectIndex.create(profile, env, enterprises)!;
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: products.length - 1 }),
          fc.integer({ min: 1, max: 150 }),
          (p, k) =>
            expectScanAsReference(profile, index, products[p]!.p, k, {
              subjects: enterprises,
              calls: 2,
            }),
        ),
        { numRuns: 8 },
      );
    },
  );
});

describe('the head of a broad scan', () => {
  test('keeps exactly the candidates at or above its threshold, in candidate order, and knows the largest bound left out', () => {
    const bound = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(0.5, 0.25, 0.75, Infinity) },
    );
    fc.assert(
      fc.property(
        fc.array(bound, { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 1, max: 400 }),
        (bounds, need) => {
          const n = bounds.length;
          const keyed = Float64Array.from(bounds);
          const head = boundHead(keyed, n, need);
          // Few candidates for their need: every one is sorted.
          if (n <= 8 * need) expect(head).toBeNull();
          if (head === null) return;
          const kept = new Set(head.rows);
          expect(Array.from(head.rows)).toEqual([...kept].sort((a, b) => a - b));
          for (let i = 0; i < n; i++) expect(keyed[i]! >= head.threshold).toBe(kept.has(i));
          // The largest bound left out, below the threshold (−∞ when every one is kept).
          const left = bounds.filter((_, i) => !kept.has(i));
          expect(head.restMax).toBe(left.length > 0 ? Math.max(...left) : -Infinity);
          expect(head.restMax).toBeLessThan(head.threshold);
          // Never nearly all of them (then sorting all costs no more).
          expect(head.rows.length * 2).toBeLessThanOrEqual(n);
        },
      ),
      { numRuns: 300 },
    );
  });

  // Twelve copies of the small market's 3,458 enterprises and a product nearly all of them are
  // eligible for (≈ 39,000 candidates): more than 8 × the 4,097 a scan places at first, so the
  // scan sorts only a sampled head of them.
  const m = smallMarket();
  const { env } = smallMarketEnv();
  const enterprises: Enterprise[] = Array.from({ length: 12 }, (_, c) =>
    m.enterprises.map((e) => ({ ...e, id: `${e.id}-${c}` })),
  ).flat();
  const wide: FinancialProduct = {
    ...m.products[0]!,
    id: 'wide',
    targetSectors: [],
    excludedSectors: [],
    stages: ['startup', 'growth', 'expansion', 'mature'],
    minSrdiTier: 'none',
    amount: { min: 1, max: 1e11 },
    termMonths: { min: 1, max: 360 },
    regions: [],
    collateral: { required: [], accepted: ['credit'] },
    minYearsOperating: 0,
    requiredPolicyLists: [],
    chains: [],
    zones: [],
  };
  /**
   * A factor keyed by the enterprise id, 0 for every one: its table is lazy (a key per
   * enterprise), so its unknown entries enter every bound at 1, far above every score.
   */
  const zeroById: Factor<Enterprise, FinancialProduct> = {
    name: 'zeroById',
    side: 'subject',
    label: { zh: '编号', en: 'id' },
    description: { zh: '测试用', en: 'for tests' },
    key: (e) => e.id,
    score: () => 0,
  };

  test.each([
    ['the shipped profile (tight bounds: the head holds the top k)', enterpriseProductProfile()],
    [
      'a profile whose bounds are far above every score (the heap ends below the rest: the scan starts again over every candidate)',
      extendProfile(enterpriseProductProfile(), { addFactors: [{ factor: zeroById, weight: 3 }] }),
    ],
  ])(
    '%s ranks as the reference, on its first call and the calls its memo serves',
    (_, profile) => {
      const index = FastSubjectIndex.create(profile, env, enterprises)!;
      const eligible = rankSubjects(
        index.plan,
        index.columns,
        compileTarget(index.plan, index.columns, wide)!,
        Infinity,
      )!.length;
      expect(eligible).toBeGreaterThan(8 * (MEMO_MIN_ROWS + 1));
      // k = 3000 places 6,001 at first: too many for a head of 39,000 (every one is sorted).
      for (const k of [1, 100, 3000])
        expectScanAsReference(profile, index, wide, k, { subjects: enterprises, calls: 2 });
      // The scan remembers its bound order for the next call, whether or not it started again.
      const compiled = compileTarget(index.plan, index.columns, wide)!;
      rankSubjects(index.plan, index.columns, compiled, 100);
      expect(compiled.memos.size).toBe(1);
    },
    60_000,
  );
});
