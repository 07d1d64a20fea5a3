/**
 * An eager factor table on the same key as an eager rule computes only the keys the rule
 * passes (the reference path scores eligible pairs only); rankings stay the reference's.
 */
import { expect, test } from 'vitest';
import { enterpriseProductProfile, extendProfile } from '../../src/index.js';
import { rankPairs } from '../../src/compile/reference.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { sectorKey } from '../../src/engine/rules/subject-keys.js';
import { sectorPasses } from '../../src/engine/rules/sector-check.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { Factor } from '../../src/engine/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();

test('a factor keyed like the sector rule is called only for sectors the product admits', () => {
  const seen: string[] = [];
  const counting: Factor<Enterprise, FinancialProduct> = {
    name: 'sectorLength',
    description: { zh: '测试用', en: 'for tests' },
    key: sectorKey,
    score: ({ subject }) => {
      seen.push(subject.sector);
      return subject.sector.length / 10;
    },
  };
  const profile = extendProfile(enterpriseProductProfile(), {
    addFactors: [{ factor: counting, weight: 0.4 }],
  });
  const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
  const products = m.products.filter((p) => p.targetSectors.length > 0).slice(0, 12);
  expect(products.length).toBeGreaterThan(0);
  for (const product of products) {
    seen.length = 0;
    const compiled = compileTarget(index.plan, index.columns, product)!;
    expect(seen.length).toBeGreaterThan(0);
    for (const sector of seen)
      expect(sectorPasses(sector, product.targetSectors, product.excludedSectors)).toBe(true);
    const rows = rankSubjects(index.plan, index.columns, compiled, 30)!;
    const pairs = m.enterprises.map((e) => ({
      id: e.id,
      group: e.region.slice(0, 2),
      ctx: { subject: e, target: product, ...env },
    }));
    const want = rankPairs(profile, pairs, 30, false);
    expect(rows.map((r) => index.columns.ids[r.row])).toEqual(want.map((w) => w.id));
    rows.forEach((r, i) => expect(Math.abs(r.score - want[i]!.score)).toBeLessThan(1e-9));
  }
});
