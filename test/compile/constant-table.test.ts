/**
 * An eager key table holding one value (or abstaining) for every key an eligible row can hold
 * enters the scan's bound once, as a constant, instead of per candidate: it is flagged as such
 * exactly when its values over those keys are equal, and rankings stay the reference's.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { enterpriseProductProfile, extendProfile } from '../../src/index.js';
import { compileTarget } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { sectorKey } from '../../src/engine/rules/subject-keys.js';
import { sectorPasses } from '../../src/engine/rules/sector-check.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { Factor } from '../../src/engine/types.js';
import { expectScanAsReference, smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();

/**
 * A factor of the enterprise's sector: `admitted` for a sector the product admits, `other`
 * for the rest (keys only ineligible rows hold, since the sector rule fails them).
 */
function sectorFactor(
  admitted: number | null,
  other: number | null,
): Factor<Enterprise, FinancialProduct> {
  return {
    name: 'sectorConstant',
    side: 'subject',
    label: { zh: '测试', en: 'test' },
    description: { zh: '测试用', en: 'for tests' },
    key: sectorKey,
    score: ({ subject, target }) =>
      sectorPasses(subject.sector, target.targetSectors, target.excludedSectors) ? admitted : other,
  };
}

function profileWith(factor: Factor<Enterprise, FinancialProduct>) {
  return extendProfile(enterpriseProductProfile(), { addFactors: [{ factor, weight: 0.5 }] });
}

const value = fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1, noNaN: true }));
const targeted = m.products.filter((p) => p.targetSectors.length > 0);

describe('constant eager tables', () => {
  test('a table with one value over the keys eligible rows hold is constant; rankings are the reference’s', () => {
    fc.assert(
      fc.property(
        value,
        value,
        fc.integer({ min: 0, max: targeted.length - 1 }),
        fc.integer({ min: 1, max: 60 }),
        (admitted, other, p, k) => {
          const profile = profileWith(sectorFactor(admitted, other));
          const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
          const f = index.plan.factorNames.indexOf('sectorConstant');
          const product = targeted[p]!;
          const compiled = compileTarget(index.plan, index.columns, product)!;
          // The sector rule gates the table: the keys it fails are never read.
          expect(compiled.constant[f]).toBe(1);
          expect(Object.is(compiled.constantValue[f], admitted ?? NaN)).toBe(true);
          expectScanAsReference(profile, index, product, k);
        },
      ),
      { numRuns: 6 },
    );
  });

  test('a table with two values among the admitted sectors is not constant', () => {
    const varying: Factor<Enterprise, FinancialProduct> = {
      ...sectorFactor(0.5, 0.5),
      score: ({ subject }) => (subject.sector.charCodeAt(subject.sector.length - 1) % 2) / 2,
    };
    const profile = profileWith(varying);
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const f = index.plan.factorNames.indexOf('sectorConstant');
    const product = m.products.find((p) => p.targetSectors.length === 0)!;
    const compiled = compileTarget(index.plan, index.columns, product)!;
    expect(compiled.constant[f]).toBe(0);
    expectScanAsReference(profile, index, product, 40);
  });

  test('the default profile’s outcome-learned factors, unprepared, are constant abstentions', () => {
    const profile = enterpriseProductProfile();
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const product = targeted[0]!;
    const compiled = compileTarget(index.plan, index.columns, product)!;
    for (const name of ['targetProfile', 'volumePrior', 'repeatPartner']) {
      const f = index.plan.factorNames.indexOf(name);
      expect(compiled.constant[f]).toBe(1);
      expect(compiled.constantValue[f]).toBeNaN();
    }
    expectScanAsReference(profile, index, product, 50);
  });
});
