/**
 * Lazily filled key tables hold a slot per key and the distinct values apart: equal values
 * share a slot, the slots widen from 8 to 16 bits past 255 distinct values (mid-scan), and
 * rankings stay those of the reference loop whatever the number of distinct values.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { extendProfile, enterpriseProductProfile } from '../../src/index.js';
import { compileTarget } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { Factor } from '../../src/engine/types.js';
import { expectScanAsReference, smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();

/** The enterprise's id as its key: as many keys as enterprises. */
const idKey = (e: Enterprise): string => e.id;

/**
 * A factor of the enterprise id with `distinct` distinct values (the id's hash modulo it),
 * a −0 among them, abstaining on every seventh hash.
 */
function hashedFactor(distinct: number): Factor<Enterprise, FinancialProduct> {
  return {
    name: 'hashed',
    side: 'subject',
    label: { zh: '散列', en: 'hashed' },
    description: { zh: '测试用', en: 'for tests' },
    key: idKey,
    score({ subject }) {
      let h = 7;
      for (let i = 0; i < subject.id.length; i++) h = (h * 31 + subject.id.charCodeAt(i)) >>> 0;
      const bucket = h % distinct;
      if (bucket % 7 === 3) return null;
      return bucket === 0 ? -0 : bucket / distinct;
    },
  };
}

function profileWith(distinct: number) {
  return extendProfile(enterpriseProductProfile(), {
    addFactors: [{ factor: hashedFactor(distinct), weight: 0.5 }],
  });
}

/**
 * A product compiled with every key table lazy (eager limit 0) under the 2,000-value hashed
 * factor (`f`), nothing computed yet: its 8-bit slots widen past 255 values.
 */
function lazyTarget() {
  const profile = profileWith(2000);
  const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
  const f = index.plan.factorNames.indexOf('hashed');
  const product = m.products.find((p) => p.regions.length === 0 && p.targetSectors.length === 0)!;
  const lazy = compileTarget(index.plan, index.columns, product, 0)!;
  return { index, f, product, lazy, factor: hashedFactor(2000) };
}

describe('lazy slot tables', () => {
  test.each([3, 200, 300, 2000])(
    '%i distinct values: lazy and eager tables rank as the reference',
    (distinct) => {
      const profile = profileWith(distinct);
      const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: m.products.length - 1 }),
          fc.constantFrom(0, Infinity),
          fc.integer({ min: 1, max: 80 }),
          (p, limit, k) => expectScanAsReference(profile, index, m.products[p]!, k, { limit }),
        ),
        { numRuns: 8 },
      );
    },
  );

  test('equal values share a slot; the slots widen past 255 values with the same values', () => {
    const { index, f, product, lazy, factor } = lazyTarget();
    const plan = index.plan.factors[f]!;
    const reps = plan.kind === 'key' ? index.columns.dicts[plan.key]!.reps : [];
    expect(lazy.slots[f]).toBeInstanceOf(Uint8Array);
    lazy.knownValues(Int32Array.from({ length: index.columns.rowCount }, (_, row) => row));
    const slots = lazy.slots[f]!;
    expect(slots).toBeInstanceOf(Uint16Array);
    const used = new Set<number>();
    for (let code = 0; code < slots.length; code++) {
      expect(slots[code]).toBeGreaterThan(0);
      used.add(slots[code]!);
      const want = factor.score({ subject: reps[code]!, target: product, ...env });
      expect(Object.is(lazy.tableValue(f, code), want ?? NaN)).toBe(true);
    }
    // One slot per distinct value (−0 and 0 apart, NaN once): fewer slots than keys.
    expect(used.size).toBeLessThanOrEqual(2001);
    expect(used.size).toBeGreaterThan(255);
    expect(used.size).toBeLessThan(slots.length);
  });

  test('knownValues computes the keys a lazy table lacks, as the slots widen mid-read', () => {
    const { index, f, product, lazy, factor } = lazyTarget();
    expect(lazy.slots[f]).toBeInstanceOf(Uint8Array);
    // Every row, backwards and then again (the second time from the table); none computed before.
    const n = index.columns.rowCount;
    const rows = Int32Array.from({ length: 2 * n }, (_, i) => (i < n ? n - 1 - i : i - n));
    const known = lazy.knownValues(rows);
    expect(lazy.slots[f]).toBeInstanceOf(Uint16Array);
    rows.forEach((row, i) => {
      const want = factor.score({ subject: index.columns.subjects[row]!, target: product, ...env });
      expect(Object.is(known(i, f), want ?? NaN)).toBe(true);
    });
  });
});
