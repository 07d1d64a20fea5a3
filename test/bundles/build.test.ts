import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBundles } from '../../src/bundles/build.js';
import { COMBINES_WITH_BONUS, FUNDING_INSTRUMENTS } from '../../src/bundles/defaults.js';
import type { ProductMatch } from '../../src/engine/api.js';
import { UnknownIdError } from '../../src/errors.js';
import { parseEnterprise, parseProduct } from '../../src/model/parse.js';
import type { FinancialProduct } from '../../src/model/types.js';

const WAN = 1e4;

/** A Foshan pilot-line maker needing 800万 for R&D (products.md A4 setting). */
const enterprise = parseEnterprise({
  id: 'ent-1',
  name: '佛山某中试线企业',
  sector: 'C35',
  region: '440604',
  stage: 'growth',
  foundedYear: 2018,
  employees: 120,
  annualRevenue: 6000 * WAN,
  need: { amount: 800 * WAN, termMonths: 36, instruments: ['loan', 'insurance'], purpose: 'rnd' },
});

function product(
  id: string,
  name: string,
  instrument: FinancialProduct['instrument'],
  type: FinancialProduct['type'],
  min: number,
  max: number,
  combinesWith: string[] = [],
): FinancialProduct {
  return parseProduct({
    id,
    institutionId: `inst-${id}`,
    name,
    type,
    instrument,
    amount: { min: min * WAN, max: max * WAN },
    termMonths: { min: 12, max: 60 },
    combinesWith,
  });
}

const catalogue = [
  product('rd-loan', '研发贷', 'loan', 'pilotInsuranceRnDLoan', 100, 500, ['pilot-ins']),
  product('pilot-ins', '中试险', 'insurance', 'techInsurance', 10, 1000, ['rd-loan']),
  product('credit-loan', '科创信用贷', 'loan', 'creditLoan', 100, 1000),
  product('guarantee', '政府性融资担保', 'guarantee', 'guarantee', 10, 1000),
  product('vc', '创投股权', 'equity', 'ventureEquity', 300, 3000),
];
const products = new Map(catalogue.map((p) => [p.id, p]));

function match(productId: string, score: number): ProductMatch {
  return { productId, score, rank: 0, contributions: {}, factors: {} };
}
const matches = [
  match('credit-loan', 0.85),
  match('rd-loan', 0.8),
  match('guarantee', 0.72),
  match('pilot-ins', 0.6),
  match('vc', 0.5),
];

describe('buildBundles', () => {
  it('golden case: ranks complementary bundles by coverage, member scores and declared links', () => {
    const bundles = buildBundles({ enterprise, matches, products, k: 6 });
    expect(bundles.map((b) => [b.productIds, Number(b.score.toFixed(4))])).toEqual([
      // 1. The best loan (1,000万 ceiling) covers the whole 800万; the guarantee backs it.
      //    0.9 × mean(0.85, 0.72) = 0.7065.
      [['credit-loan', 'guarantee'], 0.7065],
      // 2. 研发贷 (500万 ceiling) + equity (300万 minimum) cover 100%, and 中试险 + 研发贷 is a
      //    declared combination: 0.9 × mean(0.8, 0.6, 0.5) + 0.1 = 0.67.
      [['rd-loan', 'vc', 'pilot-ins'], 0.67],
      // 3. Full coverage, no declared link: 0.9 × mean(0.85, 0.6) = 0.6525.
      [['credit-loan', 'pilot-ins'], 0.6525],
      // 4. Adding the weaker insurance lowers the mean: 0.9 × mean(0.85, 0.72, 0.6) = 0.651.
      [['credit-loan', 'guarantee', 'pilot-ins'], 0.651],
      // 5. Loan + equity + guarantee, full coverage: 0.9 × mean(0.8, 0.72, 0.5) = 0.606.
      [['rd-loan', 'vc', 'guarantee'], 0.606],
      // 6. Loan + equity (投贷联动): 0.9 × mean(0.8, 0.5) = 0.585.
      [['rd-loan', 'vc'], 0.585],
    ]);
    // Never offered: credit-loan + vc (the loan already covers the need, equity is redundant),
    // guarantee + insurance (nothing funds), equity + guarantee (not complementary).
    expect(bundles[1]!.coverage).toEqual({ 'rd-loan': 0.625, vc: 0.375, 'pilot-ins': 0 });
    expect(bundles.map((b) => b.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('explains itself in Chinese by default and in English on request', () => {
    const [zh] = buildBundles({ enterprise, matches, products, k: 2 }).slice(1);
    expect(zh!.summary).toEqual([
      '组合：研发贷（贷款，覆盖需求的63%） + 创投股权（股权，覆盖需求的38%） + 中试险（保险，增信/风险保障）',
      '合计覆盖融资需求800万元的100%',
      '机构声明可组合：研发贷 + 中试险',
      '投贷联动：股权融资补充资本金，贷款补足资金缺口',
      '保险分担研发/中试失败风险，银行据此放贷（如“中试险 + 研发贷”）',
    ]);
    const [, en] = buildBundles({ enterprise, matches, products, k: 2, locale: 'en' });
    expect(en!.summary[0]).toBe(
      'Combination: 研发贷 (loan, covers 63% of the need) + 创投股权 (equity, covers 38% of the need) + 中试险 (insurance, credit enhancement / risk cover)',
    );
    expect(en!.summary[1]).toBe('Together they cover 100% of the 8,000,000 yuan need');
  });

  it('adds the combinesWith bonus exactly to a declared combination', () => {
    const unlinked = new Map(products);
    unlinked.set('rd-loan', { ...products.get('rd-loan')!, combinesWith: [] });
    unlinked.set('pilot-ins', { ...products.get('pilot-ins')!, combinesWith: [] });
    const find = (bs: ReturnType<typeof buildBundles>) =>
      bs.find((b) => b.productIds.join() === 'rd-loan,pilot-ins')!;
    const withLink = find(buildBundles({ enterprise, matches, products, k: Infinity }));
    const without = find(buildBundles({ enterprise, matches, products: unlinked, k: Infinity }));
    // covered = 0.625 (the 500万 ceiling), so the bonus is 0.625 × β.
    expect(withLink.score - without.score).toBeCloseTo(0.625 * COMBINES_WITH_BONUS, 12);
    expect(withLink.summary.some((l) => l.startsWith('机构声明可组合'))).toBe(true);
    expect(without.summary.some((l) => l.startsWith('机构声明可组合'))).toBe(false);
  });

  it('keeps a declared partner even when pruning drops it', () => {
    // One member per instrument: the insurance kept is 中试险 anyway, but with two loans only
    // credit-loan survives the cut… and rd-loan is kept because 中试险 names it.
    const bundles = buildBundles({
      enterprise,
      matches,
      products,
      k: Infinity,
      membersPerInstrument: 1,
    });
    expect(bundles.some((b) => b.productIds.includes('rd-loan'))).toBe(true);
    const noLinks = new Map([...products].map(([id, p]) => [id, { ...p, combinesWith: [] }]));
    const pruned = buildBundles({
      enterprise,
      matches,
      products: noLinks,
      k: Infinity,
      membersPerInstrument: 1,
    });
    expect(pruned.some((b) => b.productIds.includes('rd-loan'))).toBe(false);
  });

  it('rejects a match whose product is unknown', () => {
    expect(() => buildBundles({ enterprise, matches: [match('nope', 1)], products })).toThrow(
      UnknownIdError,
    );
  });

  it('holds its invariants for any member scores and any input order (property)', () => {
    const scoreArb = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);
    fc.assert(
      fc.property(
        fc.array(scoreArb, { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        (scores, reverse) => {
          const ms = catalogue.map((p, i) => match(p.id, scores[i]!));
          const bundles = buildBundles({
            enterprise,
            matches: reverse ? ms.slice().reverse() : ms,
            products,
            k: Infinity,
          });
          expect(buildBundles({ enterprise, matches: ms, products, k: Infinity })).toEqual(bundles);
          for (const b of bundles) {
            expect(b.productIds.length === 2 || b.productIds.length === 3).toBe(true);
            const instruments = b.productIds.map((id) => products.get(id)!.instrument);
            expect(new Set(instruments).size).toBe(instruments.length);
            expect(instruments.some((i) => FUNDING_INSTRUMENTS.includes(i))).toBe(true);
            const sumCoverage = Object.values(b.coverage).reduce((x, y) => x + y, 0);
            expect(b.covered).toBeCloseTo(sumCoverage, 12);
            expect(b.covered).toBeLessThanOrEqual(1 + 1e-12);
            const sumContrib = Object.values(b.contributions).reduce((x, y) => x + y, 0);
            expect(Math.abs(sumContrib - b.score)).toBeLessThan(1e-9);
            expect(b.score).toBeGreaterThanOrEqual(0);
            expect(b.score).toBeLessThanOrEqual(1);
          }
          for (let i = 1; i < bundles.length; i++)
            expect(bundles[i - 1]!.score).toBeGreaterThanOrEqual(bundles[i]!.score);
        },
      ),
      { numRuns: 100 },
    );
  });
});
