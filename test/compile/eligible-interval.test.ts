/**
 * A coded kernel factor on a column that a kernel rule bounds (the amount fit on the amount
 * column, which the amount range rule bounds by the same product's range): a broad scan,
 * whose candidates outnumber the column's values, computes the factor for the values inside
 * the rules' interval only (`CompiledTarget.fillKernel` → `KernelMemo.fill` with
 * `columnInterval`), since every candidate has passed the rule; rankings equal the reference.
 */
import { describe, expect, test } from 'vitest';
import { defineProfile, enterpriseProductProfile } from '../../src/index.js';
import { rankPairs } from '../../src/compile/reference.js';
import { columnInterval } from '../../src/compile/intervals.js';
import { compileTarget, EAGER_KEY_LIMIT, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { SharedOutcomes } from '../../src/compile/shared-outcomes.js';
import {
  defineRule,
  everyValuePasses,
  testThroughKernel,
} from '../../src/engine/rules/define-rule.js';
import type { NumericKernel, Profile } from '../../src/engine/types.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const profile = enterpriseProductProfile();

/** Twelve amounts over four decades: many enterprises per value, so scans are broad. */
const AMOUNTS = [2e5, 5e5, 8e5, 1e6, 2e6, 3e6, 5e6, 8e6, 1e7, 3e7, 5e7, 1e8];
const enterprises: Enterprise[] = m.enterprises.map((e, i) => ({
  ...e,
  need: { ...e.need, amount: AMOUNTS[i % AMOUNTS.length]! },
}));

describe('columnInterval', () => {
  const rules = [
    { kind: 'kernel', column: 0 },
    { kind: 'key' },
    { kind: 'kernel', column: 1 },
    { kind: 'kernel', column: 0 },
  ];
  test('intersects the intervals of the kernel rules on the column', () => {
    expect(columnInterval(rules, [[1, 10], null, [0, 3], [5, 20]], 0)).toEqual([5, 10]);
    expect(columnInterval(rules, [[1, 10], null, [0, 3], null], 0)).toEqual([1, 10]);
    expect(columnInterval(rules, [[1, 10], null, [0, 3], [5, 20]], 1)).toEqual([0, 3]);
  });
  test('is null when no kernel rule on the column has an interval', () => {
    expect(columnInterval(rules, [null, null, [0, 3], null], 0)).toBeNull();
    expect(columnInterval(rules, [[1, 10], null, null, null], 2)).toBeNull();
  });
});

/** `product` with its sector, stage, region and tier conditions lifted, amounts 80万–800万. */
const broad = (product: FinancialProduct): FinancialProduct => ({
  ...product,
  targetSectors: [],
  excludedSectors: [],
  stages: ['seed', 'startup', 'growth', 'expansion', 'mature', 'preIPO'],
  regions: [],
  minSrdiTier: 'none',
  amount: { min: 8e5, max: 8e6 },
});

/** The reference loop's top `k` of `enterprises` for `target` under `p`: [id, score] pairs. */
const reference = (p: Profile<Enterprise, FinancialProduct>, target: FinancialProduct, k: number) =>
  rankPairs(
    p,
    enterprises.map((e) => ({ id: e.id, ctx: { subject: e, target, ...env } })),
    k,
    false,
  ).map((w) => [w.id, w.score]);

describe('a coded kernel factor under a kernel rule on its column', () => {
  const index = FastSubjectIndex.create(profile, env, enterprises)!;
  const { plan, columns } = index;
  const f = plan.factors.findIndex((p) => p.factor.name === 'amountFit');
  const column = (plan.factors[f] as { column: number }).column;
  const values = columns.numberValues[column]!;

  test('the amount fit is a coded kernel factor and the column has few values', () => {
    expect(f).toBeGreaterThanOrEqual(0);
    expect(plan.factors[f]!.kind).toBe('kernel');
    expect(columns.numberCodes[column]).not.toBeNull();
    expect(values.length).toBe(AMOUNTS.length);
  });

  test('a broad scan computes the factor inside the amount range only, and ranks as the reference', () => {
    let broadScans = 0;
    for (const product of m.products.slice(0, 40)) {
      const target = broad(product);
      const compiled = compileTarget(plan, columns, target)!;
      const rows = rankSubjects(plan, columns, compiled, 30)!;
      expect(rows.map((r) => [columns.ids[r.row], r.score])).toEqual(
        reference(profile, target, 30),
      );
      const memo = compiled.kernelMemo(f)!;
      const computed = values.map((_, code) => memo.get(code) !== undefined);
      // Never a value outside the range; every value inside once the scan was broad.
      values.forEach((x, code) => {
        if (x < 8e5 || x > 8e6) expect(computed[code]).toBe(false);
      });
      if (computed.filter(Boolean).length === AMOUNTS.filter((a) => a >= 8e5 && a <= 8e6).length)
        broadScans++;
    }
    // The products' other rules (collateral, instrument, …) leave many of them broad.
    expect(broadScans).toBeGreaterThan(0);
  });

  test('targets sharing the memo — broad ones, then narrow ones it already covers — rank as the reference', () => {
    // One memo for every target with this amount range: after the first broad scan covers the
    // range, later scans (broad, or narrow with fewer candidates than values) answer from it.
    const shared = new SharedOutcomes();
    const targets = m.products.slice(0, 12).flatMap((product) => {
      const wide = broad(product);
      return [wide, { ...wide, targetSectors: product.targetSectors }];
    });
    for (const target of targets)
      for (const k of [10, 100]) {
        const compiled = compileTarget(plan, columns, target, EAGER_KEY_LIMIT, shared)!;
        const rows = rankSubjects(plan, columns, compiled, k)!;
        expect(rows.map((r) => [columns.ids[r.row], r.score])).toEqual(
          reference(profile, target, k),
        );
      }
  });
});

describe('a kernel rule the target does not constrain', () => {
  // A custom rule on the amount column whose kernel passes every value for every target (the
  // scan skips it) while it declares the product's amount range as its interval — against
  // NumericKernel.interval's contract. Its interval must not bound the amount fit's values.
  const kernel: NumericKernel<Enterprise, FinancialProduct> = {
    columnName: 'need.amount',
    column: (e) => e.need.amount,
    compile: () => everyValuePasses,
    interval: (p) => [p.amount.min, p.amount.max],
  };
  const loose = defineRule<Enterprise, FinancialProduct>({
    name: 'amountLoose',
    description: { zh: '融资金额（不限）', en: 'amount (any)' },
    kernel,
    test: testThroughKernel(kernel),
    describe: () => ({
      failure: () => ({ message: { zh: '不适用', en: 'n/a' }, hint: { zh: '不适用', en: 'n/a' } }),
    }),
  });
  const custom = defineProfile({
    ...profile,
    rules: [loose, ...profile.rules.filter((r) => r.name !== 'amountRange')],
  });
  const index = FastSubjectIndex.create(custom, env, enterprises)!;
  const { plan, columns } = index;

  test('is skipped, bounds no factor, and the rankings are the reference’s', () => {
    for (const product of m.products.slice(0, 20)) {
      const target = broad(product);
      const compiled = compileTarget(plan, columns, target)!;
      expect(
        compiled.unconstrained[plan.rules.findIndex((r) => r.rule.name === 'amountLoose')],
      ).toBe(1);
      for (const k of [30, 200]) {
        const rows = rankSubjects(plan, columns, compileTarget(plan, columns, target)!, k)!;
        expect(rows.map((r) => [columns.ids[r.row], r.score])).toEqual(
          reference(custom, target, k),
        );
      }
    }
  });
});
