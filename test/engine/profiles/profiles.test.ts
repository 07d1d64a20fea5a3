import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../../src/errors.js';
import { amountFitFactor, sectorFitFactor } from '../../../src/engine/factors/index.js';
import {
  defineProfile,
  enterpriseProductProfile,
  extendProfile,
  projectInvestorProfile,
} from '../../../src/engine/profiles/index.js';
import { amountRangeRule } from '../../../src/engine/rules/index.js';
import { weightedSumStrategy } from '../../../src/engine/strategies/weighted-sum.js';
import { LEARNED_FACTOR_WEIGHT } from '../../../src/engine/defaults.js';

describe('shipped profiles', () => {
  it('are named, versioned and use the documented strategies', () => {
    const ep = enterpriseProductProfile();
    expect([ep.name, ep.version, ep.strategy.name, ep.rules.length, ep.factors.length]).toEqual([
      'enterpriseProduct',
      '1.1.0',
      'weightedSum',
      12,
      13,
    ]);
    // The ten attribute factors sum to 1; the three learned factors share one weight each.
    const learned = ['targetProfile', 'volumePrior', 'repeatPartner'];
    const attribute = ep.factors.filter((f) => !learned.includes(f.factor.name));
    expect(attribute.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(1, 12);
    expect(ep.factors.filter((f) => learned.includes(f.factor.name)).map((f) => f.weight)).toEqual([
      LEARNED_FACTOR_WEIGHT,
      LEARNED_FACTOR_WEIGHT,
      LEARNED_FACTOR_WEIGHT,
    ]);
    const pi = projectInvestorProfile();
    expect([pi.name, pi.strategy.name, pi.rules.map((r) => r.name)]).toEqual([
      'projectInvestor',
      'reciprocal',
      ['ticket', 'round', 'trl', 'sector', 'region', 'instrument'],
    ]);
  });
});

describe('defineProfile', () => {
  const base = {
    name: 't',
    version: '1.0.0',
    market: 'enterpriseProduct' as const,
    rules: [amountRangeRule()],
    factors: [{ factor: amountFitFactor(), weight: 1 }],
    strategy: weightedSumStrategy(),
  };
  it('accepts a valid definition and freezes it', () => {
    expect(Object.isFrozen(defineProfile(base))).toBe(true);
  });
  it('rejects duplicate names and bad weights at construction', () => {
    expect(() => defineProfile({ ...base, rules: [amountRangeRule(), amountRangeRule()] })).toThrow(
      /duplicate rule name "amountRange"/,
    );
    expect(() =>
      defineProfile({
        ...base,
        factors: [...base.factors, { factor: amountFitFactor(), weight: 1 }],
      }),
    ).toThrow(/duplicate factor name "amountFit"/);
    // Results key records by factor name: this one would set their prototype.
    expect(() =>
      defineProfile({
        ...base,
        factors: [{ factor: { ...amountFitFactor(), name: '__proto__' }, weight: 1 }],
      }),
    ).toThrow(/factor cannot be named "__proto__"/);
    const rr = { name: 'mmr', description: { zh: '', en: '' }, rerank: () => [] };
    expect(() => defineProfile({ ...base, rerankers: [rr, rr] })).toThrow(
      /duplicate re-ranker name "mmr"/,
    );
    for (const weight of [NaN, -1, Infinity]) {
      expect(() =>
        defineProfile({ ...base, factors: [{ factor: amountFitFactor(), weight }] }),
      ).toThrow(ProfileError);
    }
    expect(() =>
      defineProfile({ ...base, factors: [{ factor: amountFitFactor(), weight: 0 }] }),
    ).toThrow(/positive weight/);
  });
  it('throws on fast-path hooks of the wrong shape, naming the factor', () => {
    const bad = (hooks: object) => () =>
      defineProfile({
        ...base,
        factors: [{ factor: { ...amountFitFactor(), ...hooks }, weight: 1 }],
      });
    expect(bad({ uniformValue: 0.5 })).toThrow(
      /factor "amountFit" has a uniformValue that is not a function/,
    );
    for (const tokens of [null, 3, {}, { held: () => [] }, { held: () => [], compile: 1 }])
      expect(bad({ tokens })).toThrow(
        /factor "amountFit" has a tokens hook that is not \{ held, compile \}/,
      );
    expect(bad({ tokens: { held: () => [], compile: () => undefined } })).not.toThrow();
    const keyWith = (fields: unknown) => Object.assign(() => '', { fields });
    for (const fields of ['sector', [''], [1], {}])
      expect(bad({ key: keyWith(fields) })).toThrow(
        /factor "amountFit" has a key whose fields are not an array of field names/,
      );
    expect(bad({ key: keyWith(['sector']) })).not.toThrow();
    for (const targetFields of ['amount', [''], [1], {}, null])
      expect(bad({ targetFields })).toThrow(
        /factor "amountFit" has targetFields that are not an array of field names/,
      );
    expect(bad({ targetFields: ['amount'] })).not.toThrow();
  });
  it('throws on rule targetFields of the wrong shape, naming the rule', () => {
    for (const targetFields of ['amount', [''], [2], null])
      expect(() =>
        defineProfile({ ...base, rules: [{ ...amountRangeRule(), targetFields } as never] }),
      ).toThrow(/rule "amountRange" has targetFields that are not an array of field names/);
  });
  it('throws on a rule kernel whose interval is not a function, naming the rule', () => {
    const rule = amountRangeRule();
    const withInterval = (interval: unknown) => () =>
      defineProfile({
        ...base,
        rules: [{ ...rule, kernel: { ...rule.kernel!, interval } as typeof rule.kernel }],
      });
    for (const interval of [null, 3, [0, 1], {}])
      expect(withInterval(interval)).toThrow(
        /rule "amountRange" has a kernel interval that is not a function/,
      );
    expect(withInterval(undefined)).not.toThrow();
    expect(withInterval(() => undefined)).not.toThrow();
  });
});

describe('extendProfile', () => {
  const base = enterpriseProductProfile();
  it('re-weights, drops and adds, keeping the base intact', () => {
    const p = extendProfile(base, {
      name: 'creditFirst',
      version: '1.1.0',
      weights: { collateralFit: 0.3 },
      dropRules: ['region'],
      dropFactors: ['chainZone'],
    });
    expect(p.name).toBe('creditFirst');
    expect(p.factors.find((f) => f.factor.name === 'collateralFit')!.weight).toBe(0.3);
    expect(p.rules.map((r) => r.name)).not.toContain('region');
    expect(p.factors.map((f) => f.factor.name)).not.toContain('chainZone');
    expect(base.factors).toHaveLength(13);
  });
  it('throws on unknown names and on duplicates it would create', () => {
    expect(() => extendProfile(base, { weights: { nope: 1 } })).toThrow(/unknown factor "nope"/);
    expect(() => extendProfile(base, { dropRules: ['nope'] })).toThrow(/unknown rule "nope"/);
    expect(() => extendProfile(base, { dropFactors: ['nope'] })).toThrow(ProfileError);
    expect(() =>
      extendProfile(base, { addFactors: [{ factor: sectorFitFactor(), weight: 1 }] }),
    ).toThrow(/duplicate factor/);
  });
});
