/**
 * `FastSubjectIndex.warmUp` ranks sample targets over the first rows and drops the results:
 * afterwards every ranking is what it was without it, the compiled-target cache has seen
 * nothing, and the sample targets really take the ranking's paths (each is eligible for some
 * enterprise, the broad ones fill a page), or warming up with them would compile nothing worth having.
 */
import { describe, expect, test } from 'vitest';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { OptionError } from '../../src/errors.js';
import { EAGER_KEY_LIMIT, compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { columnInterval } from '../../src/compile/intervals.js';
import type { SharedOutcomes } from '../../src/compile/shared-outcomes.js';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { projectInvestorProfile } from '../../src/engine/profiles/project-investor.js';
import { warmUpTargets } from '../../src/engine/matchers/warm-up.js';
import { PRODUCT_TYPES } from '../../src/model/enums.js';
import type { Enterprise, FinancialProduct, Investor, Project } from '../../src/model/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const products = warmUpTargets<FinancialProduct>('enterpriseProduct', 'zh');
const investors = warmUpTargets<Investor>('projectInvestor', 'zh');
const K = 20;

/** Ids and scores of `index`'s top K for each of a few of the market's products. */
function rankings(index: FastSubjectIndex<Enterprise, FinancialProduct>) {
  return m.products
    .slice(0, 12)
    .map((p) => index.rank(p, K, false)?.map((r) => [r.id, r.score]) ?? null);
}

/**
 * Each of `targets`' coded kernel factors has, in `index`'s shared outcomes, a value for every
 * value of its column inside the interval of the target's kernel rules on it, and none outside.
 */
function expectKernelsFilled(
  index: FastSubjectIndex<Enterprise, FinancialProduct>,
  targets: readonly FinancialProduct[],
): void {
  const shared = (index as unknown as { shared: SharedOutcomes }).shared;
  const { factors, rules } = index.plan;
  let inside = 0;
  let outside = 0;
  for (const p of targets) {
    const compiled = compileTarget(index.plan, index.columns, p, EAGER_KEY_LIMIT, shared)!;
    factors.forEach((f, i) => {
      if (f.kind !== 'kernel' || !index.columns.numberCodes[f.column]) return;
      const interval = columnInterval(rules, compiled.ruleIntervals, f.column) ?? [
        -Infinity,
        Infinity,
      ];
      const memo = compiled.kernelMemo(i)!;
      const values = index.columns.numberValues[f.column]!;
      for (let code = 0; code < values.length; code++) {
        const within = values[code]! >= interval[0] && values[code]! <= interval[1];
        if (within) inside++;
        else outside++;
        expect(memo.get(code) !== undefined, `${p.id} factor ${i} code ${code}`).toBe(within);
      }
    });
  }
  expect(inside).toBeGreaterThan(0);
  expect(outside).toBeGreaterThan(0);
}

describe('FastSubjectIndex.warmUp', () => {
  test('the samples are valid records of their kind, with ids no caller uses', () => {
    expect(products.length).toBe(PRODUCT_TYPES.length);
    expect(investors.length).toBeGreaterThanOrEqual(2);
    for (const t of [...products, ...investors]) expect(t.id).toMatch(/^finmatch-warm-up-/);
  });

  test('each sample product compiles and ranks some of the rows; broad ones fill a page', () => {
    const index = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
    const within = Int32Array.from({ length: index.columns.rowCount }, (_, r) => r);
    let full = 0;
    for (const p of products) {
      const compiled = compileTarget(index.plan, index.columns, p);
      expect(compiled, p.id).not.toBeNull();
      const ranked = rankSubjects(index.plan, index.columns, compiled!, K, undefined, within);
      // A narrow product (supply-chain finance for three sectors) leads from its postings.
      expect(ranked?.length, p.id).toBeGreaterThan(0);
      if (ranked?.length === K) full++;
    }
    expect(full).toBeGreaterThanOrEqual(2);
  });

  test('each sample investor compiles and ranks some projects', () => {
    const index = FastSubjectIndex.create<Project, Investor>(
      projectInvestorProfile(),
      env,
      m.projects,
    )!;
    expect(index).not.toBeNull();
    let ranked = 0;
    for (const i of investors) {
      expect(compileTarget(index.plan, index.columns, i), i.id).not.toBeNull();
      ranked += index.rank(i, K, false)?.length ?? 0;
    }
    expect(ranked).toBeGreaterThan(0);
  });

  test('rankings after a warm-up are those without one; the cache has seen nothing', () => {
    const cold = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
    const warm = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
    warm.warmUp(products, 1000, K);
    expect(warm.cacheStats()).toEqual({ hits: 0, misses: 0, size: 0 });
    expect(rankings(warm)).toEqual(rankings(cold));
    // Warming up between rankings changes nothing either.
    warm.warmUp(products, warm.columns.rowCount, K);
    expect(rankings(warm)).toEqual(rankings(cold));
    expect(warm.cacheStats()).toEqual(cold.cacheStats());
  });

  test('the samples compute their coded kernels for every value their rules let through, shared', () => {
    // As a broad product's first call does (KernelMemo.fillEvery within the interval of the
    // kernel rules on the column: the amount range for the amount fit), so that the kernels'
    // code is optimised before the caller's first call; kept in the index's shared outcomes.
    const index = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
    index.warmUp(products, 1000, K);
    expectKernelsFilled(index, products);
  });

  test('a target a part throws on is skipped, and the targets after it are still warmed up', () => {
    const index = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
    // Not a valid product: the amount fit's kernel reads `amount.min` of it and throws.
    const broken = { ...products[0]!, id: 'finmatch-warm-up-broken', amount: undefined };
    const call = () => compileTarget(index.plan, index.columns, broken as never);
    expect(call).toThrow();
    expect(() => index.warmUp([broken as never, ...products], 1000, K)).not.toThrow();
    expectKernelsFilled(index, products);
    expect(index.cacheStats()).toEqual({ hits: 0, misses: 0, size: 0 });
  });

  test('bad arguments are an OptionError naming the argument', () => {
    const index = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
    const cases: [unknown, unknown, unknown, string][] = [
      [null, 10, K, 'targets'],
      [products, -1, K, 'rows'],
      [products, 1.5, K, 'rows'],
      [products, Number.NaN, K, 'rows'],
      [products, 10, 0, 'k'],
      [products, 10, '5', 'k'],
    ];
    for (const [targets, rows, k, option] of cases) {
      const call = () => index.warmUp(targets as FinancialProduct[], rows as number, k as number);
      expect(call).toThrow(OptionError);
      expect(call).toThrow(expect.objectContaining({ option }));
    }
    expect(index.cacheStats()).toEqual({ hits: 0, misses: 0, size: 0 });
  });

  test('an empty index or no rows warms up nothing and does not throw', () => {
    const empty = FastSubjectIndex.create(enterpriseProductProfile(), env, [])!;
    expect(() => empty.warmUp(products, 1000, K)).not.toThrow();
    const index = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
    expect(() => index.warmUp(products, 0, K)).not.toThrow();
    expect(index.cacheStats()).toEqual({ hits: 0, misses: 0, size: 0 });
  });
});
