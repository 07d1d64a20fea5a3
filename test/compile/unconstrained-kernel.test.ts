/**
 * A rule kernel that compiles to `everyValuePasses` for a target (the revenue rule of a product
 * without a revenue minimum) is skipped by the scan; with a minimum it filters. Either way the
 * ranking is the reference loop's.
 */
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile, everyValuePasses, revenueRule } from '../../src/index.js';
import { rankPairs } from '../../src/compile/reference.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import type { FinancialProduct } from '../../src/model/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const profile = enterpriseProductProfile();

describe('everyValuePasses', () => {
  test('is 1 for every number, NaN and the infinities included', () => {
    for (const x of [0, -0, 1, -1, 1e300, -1e300, Infinity, -Infinity, NaN])
      expect(everyValuePasses(x)).toBe(1);
  });

  test('the revenue kernel compiles to it exactly when the product sets no minimum', () => {
    const kernel = revenueRule().kernel!;
    const product = m.products[0]!;
    expect(product.minAnnualRevenue).toBeUndefined();
    expect(kernel.compile(product, env)).toBe(everyValuePasses);
    const constrained = kernel.compile({ ...product, minAnnualRevenue: 5e7 }, env);
    expect(constrained).not.toBe(everyValuePasses);
    expect([constrained(5e7), constrained(5e7 - 1), constrained(NaN)]).toEqual([1, 0, 0]);
  });
});

describe('a rule that does not constrain the target', () => {
  const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
  const { plan, columns } = index;
  const revenue = plan.rules.findIndex((r) => r.rule.name === 'revenue');
  const revenues = m.enterprises.map((e) => e.annualRevenue).sort((a, b) => a - b);
  const median = revenues[revenues.length >> 1]!;

  const reference = (product: FinancialProduct, k: number) =>
    rankPairs(
      profile,
      m.enterprises.map((e) => ({ id: e.id, ctx: { subject: e, target: product, ...env } })),
      k,
      false,
    ).map((w) => [w.id, w.score]);

  test('is marked unconstrained and passes every row; with a minimum it is not', () => {
    expect(revenue).toBeGreaterThanOrEqual(0);
    const product = m.products[3]!;
    const free = compileTarget(plan, columns, product)!;
    expect(free.unconstrained[revenue]).toBe(1);
    expect(free.passesAll(revenue)).toBe(true);
    const bound = compileTarget(plan, columns, { ...product, minAnnualRevenue: median })!;
    expect(bound.unconstrained[revenue]).toBe(0);
    expect(bound.passesAll(revenue)).toBe(false);
  });

  test('rankings equal the reference loop with and without a revenue minimum', () => {
    for (const product of m.products.slice(0, 24)) {
      for (const target of [product, { ...product, minAnnualRevenue: median }]) {
        for (const k of [5, 40]) {
          const compiled = compileTarget(plan, columns, target)!;
          const rows = rankSubjects(plan, columns, compiled, k)!;
          expect(rows.map((r) => [columns.ids[r.row], r.score])).toEqual(reference(target, k));
        }
      }
    }
  });

  test('a minimum above every revenue leaves nothing eligible', () => {
    const product = { ...m.products[5]!, minAnnualRevenue: revenues.at(-1)! + 1 };
    const compiled = compileTarget(plan, columns, product)!;
    expect(rankSubjects(plan, columns, compiled, 10)).toEqual([]);
  });
});
