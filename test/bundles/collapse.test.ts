import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBundles } from '../../src/bundles/build.js';
import type { ProductBundle, ProductMatch } from '../../src/engine/api.js';
import { OptionError } from '../../src/errors.js';
import { parseEnterprise, parseProduct } from '../../src/model/parse.js';
import type { FinancialProduct } from '../../src/model/types.js';

const WAN = 1e4;

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
  instrument: FinancialProduct['instrument'],
  type: FinancialProduct['type'],
  max: number,
  combinesWith: string[] = [],
): FinancialProduct {
  return parseProduct({
    id,
    institutionId: `inst-${id}`,
    name: `产品${id}`,
    type,
    instrument,
    amount: { min: 10 * WAN, max: max * WAN },
    termMonths: { min: 12, max: 60 },
    combinesWith,
  });
}

function match(productId: string, score: number): ProductMatch {
  return { productId, score, rank: 0, contributions: {}, factors: {} };
}

/** Every bundle an entry stands for: each keyed product kept or swapped for an alternative. */
function expand(entry: ProductBundle): string[][] {
  let out: string[][] = [entry.productIds];
  entry.productIds.forEach((id, slot) => {
    const alternatives = entry.alternatives[id] ?? [];
    out = out.flatMap((ids) => [
      ids,
      ...alternatives.map((alt) => ids.map((x, i) => (i === slot ? alt : x))),
    ]);
  });
  return out;
}

const key = (ids: readonly string[]) => ids.slice().sort().join('+');

describe('collapsing equivalent bundles', () => {
  // Two identical 1,000万 loans, two identical insurers and a weaker third, one guarantee; the
  // declared link 研发贷 B + 中试险 2 makes that one pair (and only it) not interchangeable.
  const catalogue = [
    product('loan-a', 'loan', 'creditLoan', 1000),
    product('loan-b', 'loan', 'pilotInsuranceRnDLoan', 1000, ['ins-2']),
    product('guarantee', 'guarantee', 'guarantee', 1000),
    product('ins-1', 'insurance', 'techInsurance', 1000),
    product('ins-2', 'insurance', 'techInsurance', 1000, ['loan-b']),
    product('ins-3', 'insurance', 'techInsurance', 1000),
  ];
  const products = new Map(catalogue.map((p) => [p.id, p]));
  const matches = [
    match('loan-a', 0.8),
    match('loan-b', 0.8),
    match('guarantee', 0.7),
    match('ins-1', 0.5),
    match('ins-2', 0.5),
    match('ins-3', 0.4),
  ];

  it('golden case: one entry per group of interchangeable bundles, alternatives by id', () => {
    const raw = buildBundles({ enterprise, matches, products, k: Infinity, collapse: false });
    expect(raw).toHaveLength(14);
    const bundles = buildBundles({ enterprise, matches, products, k: Infinity });
    expect(bundles.map((b) => [b.productIds, Number(b.score.toFixed(4)), b.alternatives])).toEqual([
      // 1. The declared pair plus the guarantee: 0.9 × mean(0.8, 0.7, 0.5) + 0.1 = 0.7. Nothing
      //    swaps: loan-a or ins-1 would lose the declared link (and its 0.1).
      [['loan-b', 'guarantee', 'ins-2'], 0.7, {}],
      // 2. The declared pair alone: 0.9 × mean(0.8, 0.5) + 0.1 = 0.685.
      [['loan-b', 'ins-2'], 0.685, {}],
      // 3. Loan + guarantee, 0.9 × mean(0.8, 0.7) = 0.675; loan-b is the same loan at the same
      //    score, so "loan-b + guarantee" is this entry's alternative, not rank 4.
      [['loan-a', 'guarantee'], 0.675, { 'loan-a': ['loan-b'] }],
      // 4. Loan + guarantee + insurer, 0.6. Its loan swaps for loan-b and its insurer for ins-2,
      //    but not both at once (loan-b + ins-2 is the declared pair, rank 1), so only the
      //    first product in productIds with the most candidates (the loan) gets alternatives…
      [['loan-a', 'guarantee', 'ins-1'], 0.6, { 'loan-a': ['loan-b'] }],
      // 5. …and loan-a + guarantee + ins-2 is an entry of its own, at the same score.
      [['loan-a', 'guarantee', 'ins-2'], 0.6, {}],
      // 6–7. The same split without the guarantee: 0.9 × mean(0.8, 0.5) = 0.585.
      [['loan-a', 'ins-1'], 0.585, { 'loan-a': ['loan-b'] }],
      [['loan-a', 'ins-2'], 0.585, {}],
      // 8–9. The weaker insurer (0.4): 0.57 with the guarantee, 0.54 without; either loan.
      [['loan-a', 'guarantee', 'ins-3'], 0.57, { 'loan-a': ['loan-b'] }],
      [['loan-a', 'ins-3'], 0.54, { 'loan-a': ['loan-b'] }],
    ]);
    expect(bundles.map((b) => b.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The 9 entries stand for the 14 bundles, each once.
    expect(bundles.flatMap(expand).map(key).sort()).toEqual(
      raw.map((b) => key(b.productIds)).sort(),
    );
  });

  it('swaps two members at once when every combination is equivalent', () => {
    const unlinked = new Map([...products].map(([id, p]) => [id, { ...p, combinesWith: [] }]));
    const [top] = buildBundles({ enterprise, matches, products: unlinked, k: 1 });
    expect(top!.productIds).toEqual(['loan-a', 'guarantee']);
    const two = buildBundles({ enterprise, matches, products: unlinked, k: Infinity }).find(
      (b) => key(b.productIds) === key(['loan-a', 'guarantee', 'ins-1']),
    )!;
    expect(two.alternatives).toEqual({ 'loan-a': ['loan-b'], 'ins-1': ['ins-2'] });
    expect(expand(two).map(key).sort()).toEqual(
      [
        ['loan-a', 'guarantee', 'ins-1'],
        ['loan-b', 'guarantee', 'ins-1'],
        ['loan-a', 'guarantee', 'ins-2'],
        ['loan-b', 'guarantee', 'ins-2'],
      ]
        .map(key)
        .sort(),
    );
  });

  it('gives each bundle a reason naming what differs from a better-placed one, zh and en', () => {
    const zh = buildBundles({ enterprise, matches, products, k: 4 });
    expect(zh.map((b) => b.reason)).toEqual([
      // Rank 1 says why it leads; the others, against the closest better-placed bundle.
      '得分最高，覆盖需求的100%；机构声明可组合',
      '与第1名相比：去掉guarantee（担保）；得分低0.015',
      '与第1名相比：以loan-a（贷款）替代loan-b（贷款）、ins-2（保险）；无机构声明的组合；得分低0.025',
      // Compared with the better-placed bundle it shares most products with (rank 3: two).
      '与第3名相比：增加ins-1（保险）；得分低0.075',
    ]);
    const en = buildBundles({ enterprise, matches, products, k: 2, locale: 'en' });
    expect(en.map((b) => b.reason)).toEqual([
      'Highest score; covers 100% of the need; a combination the institutions declared',
      'Compared with #1: drops guarantee (guarantee); scores 0.015 lower',
    ]);
    const loanA = buildBundles({ enterprise, matches, products, k: 3 })[2]!;
    expect(loanA.summary.at(-1)).toBe('可互换、得分相同：产品loan-a，或：产品loan-b');
  });

  it('rejects a collapse option that is not a boolean', () => {
    expect(() =>
      buildBundles({ enterprise, matches, products, collapse: 'yes' as unknown as boolean }),
    ).toThrow(OptionError);
  });

  it('loses no distinct bundle: each is represented by exactly one entry (property)', () => {
    const scoreArb = fc.constantFrom(0.4, 0.5, 0.6);
    const maxArb = fc.constantFrom(300, 1000);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(scoreArb, maxArb), { minLength: 1, maxLength: 4 }),
        fc.array(scoreArb, { minLength: 1, maxLength: 3 }),
        fc.array(scoreArb, { minLength: 0, maxLength: 2 }),
        fc.option(scoreArb, { nil: undefined }),
        fc.array(fc.tuple(fc.nat(3), fc.nat(2)), { maxLength: 2 }),
        fc.boolean(),
        (loans, insurers, guarantees, equity, links, reverse) => {
          const catalogue: FinancialProduct[] = [];
          const ms: ProductMatch[] = [];
          const add = (p: FinancialProduct, score: number) => {
            catalogue.push(p);
            ms.push(match(p.id, score));
          };
          // Declared links loan-l ↔ ins-s, for the pairs that exist.
          const pairs = links.filter(([l, s]) => l < loans.length && s < insurers.length);
          const linkOf = (i: number, kind: 'loan' | 'ins') =>
            pairs
              .filter(([l, s]) => (kind === 'loan' ? l : s) === i)
              .map(([l, s]) => (kind === 'loan' ? `ins-${s}` : `loan-${l}`));
          loans.forEach(([score, max], i) =>
            add(product(`loan-${i}`, 'loan', 'creditLoan', max, linkOf(i, 'loan')), score),
          );
          insurers.forEach((score, i) =>
            add(product(`ins-${i}`, 'insurance', 'techInsurance', 1000, linkOf(i, 'ins')), score),
          );
          guarantees.forEach((score, i) =>
            add(product(`guar-${i}`, 'guarantee', 'guarantee', 1000), score),
          );
          if (equity !== undefined) add(product('vc', 'equity', 'ventureEquity', 500), equity);
          const products = new Map(catalogue.map((p) => [p.id, p]));
          const input = reverse ? ms.slice().reverse() : ms;
          const raw = buildBundles({
            enterprise,
            matches: input,
            products,
            k: Infinity,
            collapse: false,
          });
          const collapsed = buildBundles({ enterprise, matches: input, products, k: Infinity });
          expect(buildBundles({ enterprise, matches: ms, products, k: Infinity })).toEqual(
            collapsed,
          );

          const rawByKey = new Map(raw.map((b) => [key(b.productIds), b]));
          const represented = collapsed.flatMap((entry) =>
            expand(entry).map((ids) => {
              const original = rawByKey.get(key(ids));
              // Every swap is a real bundle with the entry's score and covered share.
              expect(original).toBeDefined();
              expect(original!.score).toBe(entry.score);
              expect(original!.covered).toBe(entry.covered);
              return key(ids);
            }),
          );
          // Exactly once each: no bundle lost, none represented twice.
          expect(represented.slice().sort()).toEqual([...rawByKey.keys()].sort());
          expect(collapsed.length).toBeLessThanOrEqual(raw.length);
          collapsed.forEach((b, i) => {
            expect(b.rank).toBe(i + 1);
            expect(b.reason.length).toBeGreaterThan(0);
            for (const [id, alternatives] of Object.entries(b.alternatives)) {
              expect(b.productIds).toContain(id);
              expect(alternatives).toEqual(alternatives.slice().sort());
              for (const alt of alternatives) {
                expect(products.get(alt)!.instrument).toBe(products.get(id)!.instrument);
                expect(b.productIds).not.toContain(alt);
              }
            }
          });
          for (let i = 1; i < collapsed.length; i++)
            expect(collapsed[i - 1]!.score).toBeGreaterThanOrEqual(collapsed[i]!.score);
        },
      ),
      { numRuns: 150 },
    );
  });
});
