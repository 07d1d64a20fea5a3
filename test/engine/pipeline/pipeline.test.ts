import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FinmatchError } from '../../../src/errors.js';
import { amountFitFactor } from '../../../src/engine/factors/index.js';
import { explainPair, prepareProfile, scorePair } from '../../../src/engine/pipeline.js';
import { enterpriseProductProfile, extendProfile } from '../../../src/engine/profiles/index.js';
import type { Factor } from '../../../src/engine/types.js';
import type { Enterprise, FinancialProduct } from '../../../src/model/types.js';
import { enterprise, epContext, product } from '../golden/market.js';

const constant = (name: string, value: unknown): Factor<Enterprise, FinancialProduct> => ({
  name,
  description: { zh: name, en: name },
  score: () => value as number,
});

describe('scorePair', () => {
  const profile = enterpriseProductProfile();
  it('scores eligible pairs with contributions that add up to the score', () => {
    const r = scorePair(profile, epContext(enterprise(), product()));
    expect(r.eligible).toBe(true);
    const sum = Object.values(r.contributions).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - r.score)).toBeLessThan(1e-9);
    expect(Object.keys(r.factors)).toEqual(profile.factors.map((f) => f.factor.name));
  });
  it('gives ineligible pairs score 0, every exclusion when exhaustive, the first otherwise', () => {
    const p = product({ amount: { min: 1e8, max: 2e8 }, termMonths: { min: 60, max: 120 } });
    expect(scorePair(profile, epContext(enterprise(), p)).exclusions.map((x) => x.rule)).toEqual([
      'amountRange',
      'termRange',
    ]);
    const quick = scorePair(profile, epContext(enterprise(), p), { exhaustive: false });
    expect(quick).toMatchObject({ eligible: false, score: 0 });
    expect(quick.exclusions).toHaveLength(1);
  });
  it('throws a FinmatchError naming a factor that returns NaN or out-of-range values', () => {
    for (const bad of [NaN, 1.5, -0.1, Infinity, '0.5']) {
      const broken = extendProfile(profile, {
        addFactors: [{ factor: constant('broken', bad), weight: 1 }],
      });
      expect(() => scorePair(broken, epContext(enterprise(), product()))).toThrow(FinmatchError);
      expect(() => scorePair(broken, epContext(enterprise(), product()))).toThrow(
        /factor "broken"/,
      );
    }
  });
  it('redistributes the weight of an abstaining factor', () => {
    const p = extendProfile(profile, {
      addFactors: [{ factor: constant('collab', null), weight: 5 }],
    });
    const withNull = scorePair(p, epContext(enterprise(), product()));
    const without = scorePair(profile, epContext(enterprise(), product()));
    expect(withNull.score).toBeCloseTo(without.score, 12);
    const x = explainPair(p, epContext(enterprise(), product(), 'en'));
    // The shipped learned factors abstain too: this pair has no outcome history.
    expect(x.abstained).toEqual(['targetProfile', 'volumePrior', 'repeatPartner', 'collab']);
    expect(x.weights.collab).toBe(0);
    expect(x.summary.some((l) => l.includes('collab abstained'))).toBe(true);
  });
  it('raising a factor value never lowers the weighted score (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const at = (v: number) =>
            scorePair(
              extendProfile(profile, { addFactors: [{ factor: constant('x', v), weight: 0.3 }] }),
              epContext(enterprise(), product()),
            ).score;
          expect(at(hi)).toBeGreaterThanOrEqual(at(lo) - 1e-12);
        },
      ),
    );
  });
});

describe('explainPair', () => {
  const profile = enterpriseProductProfile();
  it('matches scorePair and writes summary lines in the locale', () => {
    const ctx = epContext(enterprise(), product());
    const x = explainPair(profile, ctx);
    expect(x.score).toBe(scorePair(profile, ctx).score);
    expect(x.rules).toHaveLength(profile.rules.length);
    expect(x.rules.every((r) => r.passed)).toBe(true);
    expect(x.summary[0]).toMatch(/^符合条件，综合得分 0\.\d\d/);
    expect(x.summary).toContain(
      `金额契合度 贡献 ${x.contributions.amountFit!.toFixed(2)}（权重 0.15）`,
    );
    const en = explainPair(profile, epContext(enterprise(), product(), 'en'));
    expect(en.summary).toContain(
      `amount fit contributed ${en.contributions.amountFit!.toFixed(2)} (weight 0.15)`,
    );
  });
  it('an ineligible pair carries every failure with its hint', () => {
    const p = product({
      amount: { min: 1e6, max: 4e6 },
      requiredPolicyLists: ['techReloanCandidates'],
    });
    const x = explainPair(profile, epContext(enterprise(), p));
    expect(x.eligible).toBe(false);
    expect(x.score).toBe(0);
    expect(x.exclusions.map((r) => r.hint)).toEqual([
      '若融资金额不超过400万元则符合条件',
      '需列入科技创新和技术改造再贷款备选企业名单',
    ]);
    expect(x.rules.filter((r) => !r.passed)).toHaveLength(2);
    expect(x.summary[0]).toBe('不符合条件：2 项规则未通过');
  });
});

describe('prepareProfile', () => {
  it('binds factors once and keeps names and weights', () => {
    let calls = 0;
    const base = amountFitFactor();
    const preparing: Factor<Enterprise, FinancialProduct> = {
      ...base,
      prepare(ctx) {
        calls++;
        const n = ctx.targets.length;
        return { ...base, score: () => (n > 0 ? 1 : 0) };
      },
    };
    const profile = extendProfile(enterpriseProductProfile(), {
      dropFactors: ['amountFit'],
      addFactors: [{ factor: preparing, weight: 0.15 }],
    });
    const prepared = prepareProfile(profile, { targets: [product()], reference: {} });
    expect(calls).toBe(1);
    expect(scorePair(prepared, epContext(enterprise(), product())).factors.amountFit).toBe(1);
    expect(prepared.factors.map((f) => f.weight)).toEqual(profile.factors.map((f) => f.weight));
  });
});
