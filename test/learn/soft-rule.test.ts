/** Soft eligibility (a rule turned into a learned penalty) and full rankings (includeIneligible). */
import { describe, expect, it } from 'vitest';
import { createProductMatcher, enterpriseProductProfile } from '../../src/index.js';
import { softenRules, softRuleFactor } from '../../src/learn/factors/soft-rule.js';
import { regionRule } from '../../src/engine/rules/index.js';
import {
  DEFAULT_SOFT_RULE_PENALTY_NATS,
  MAX_SOFT_RULE_PENALTY_NATS,
} from '../../src/learn/history/defaults.js';
import { ProfileError } from '../../src/errors.js';
import type { EnterpriseInput, FinancialProductInput } from '../../src/model/types.js';
import { enterprise, product } from '../model/fixtures.js';

const AS_OF = '2026-06-30';
// The fixture enterprise is in Suzhou (32); one product lends only in Guangdong (44).
const jiangsu = { ...product, id: 'p-js', regions: ['32'] } as FinancialProductInput;
const guangdong = { ...product, id: 'p-gd', regions: ['44'] } as FinancialProductInput;
const subject = enterprise as EnterpriseInput;

describe('soft rules', () => {
  it('keep a failing target in the ranking with a penalty, explained with the rule’s hint', () => {
    const profile = softenRules(enterpriseProductProfile(), ['region']);
    expect(profile.rules.map((r) => r.name)).not.toContain('region');
    expect(profile.factors.map((f) => f.factor.name)).toContain('soft:region');
    const matcher = createProductMatcher([jiangsu, guangdong], {
      asOf: AS_OF,
      locale: 'en',
      profile,
    });
    const ranked = matcher.rankProducts(subject, { k: 5 });
    expect(ranked.map((r) => r.productId)).toEqual(['p-js', 'p-gd']);
    expect(ranked[1]!.factors['soft:region']).toBeLessThan(ranked[0]!.factors['soft:region']!);
    const why = matcher.explain(subject, 'p-gd');
    expect(why.eligible).toBe(true);
    expect(why.evidence['soft:region']![0]).toMatch(/penalty 3\.00 nats/);
    // The hard profile excludes it.
    const hard = createProductMatcher([jiangsu, guangdong], { asOf: AS_OF, locale: 'en' });
    expect(hard.rankProducts(subject, { k: 5 }).map((r) => r.productId)).toEqual(['p-js']);
  });

  it('learn the penalty from outcomes, within [0, MAX]', () => {
    const f = softRuleFactor(regionRule());
    expect(f.penaltyNats).toBe(DEFAULT_SOFT_RULE_PENALTY_NATS);
    const subjects = Array.from({ length: 40 }, (_, i) => ({
      ...subject,
      id: `e${i}`,
      region: i % 2 ? '320505' : '440106',
    }));
    const interactions = subjects.map((s, i) => ({
      id: `i${i}`,
      subjectKind: 'enterprise' as const,
      subjectId: s.id,
      itemKind: 'product' as const,
      itemId: s.region.startsWith('32') ? 'p-js' : 'p-gd',
      kind: 'funded' as const,
      date: '2026-01-01',
    }));
    const profile = softenRules(enterpriseProductProfile(), ['region']);
    const matcher = createProductMatcher([jiangsu, guangdong], {
      asOf: AS_OF,
      profile,
      interactions,
      subjects,
    });
    const why = matcher.explain(subject, 'p-gd');
    const penalty = Number(/扣分 ([\d.]+) nats/.exec(why.evidence['soft:region']![0]!)![1]);
    // Every financed pair passed the region rule, half of all pairs fail it: a real penalty.
    expect(penalty).toBeGreaterThan(DEFAULT_SOFT_RULE_PENALTY_NATS / 2);
    expect(penalty).toBeLessThanOrEqual(MAX_SOFT_RULE_PENALTY_NATS);
  });

  it('carry the rule’s fast-path hook and reject unknown rule names and bad penalties', () => {
    const rule = regionRule();
    expect(softRuleFactor(rule).key).toBe(rule.key);
    expect(() => softenRules(enterpriseProductProfile(), ['nope'])).toThrow(ProfileError);
    expect(() => softRuleFactor(rule, { penaltyNats: -1 })).toThrow(ProfileError);
    expect(() => softRuleFactor(rule, { penalty: 2 } as never)).toThrow(/unknown option "penalty"/);
    expect(() =>
      softenRules(enterpriseProductProfile(), ['region'], { wieght: 1 } as never),
    ).toThrow(/unknown option "wieght"/);
    expect(() => softenRules(enterpriseProductProfile(), 'region' as never)).toThrow(ProfileError);
    for (const weight of [Number.NaN, -1, Number.POSITIVE_INFINITY])
      expect(() => softenRules(enterpriseProductProfile(), ['region'], { weight })).toThrow(
        ProfileError,
      );
  });
});

describe('includeIneligible', () => {
  it('appends every ineligible target after the eligible ones, with its failed rules', () => {
    const matcher = createProductMatcher([guangdong, jiangsu], { asOf: AS_OF, locale: 'en' });
    const full = matcher.rankProducts(subject, { k: Infinity, includeIneligible: true });
    expect(full.map((r) => [r.productId, r.rank, r.eligible])).toEqual([
      ['p-js', 1, undefined],
      ['p-gd', 2, false],
    ]);
    expect(full[1]!.exclusions!.map((x) => x.rule)).toEqual(['region']);
    expect(full[1]!.score).toBeGreaterThan(0);
    expect(matcher.rankProducts(subject, { k: 1, includeIneligible: true })).toHaveLength(1);
    expect(() =>
      matcher.rankProducts(subject, { includeIneligible: 'yes' as unknown as boolean }),
    ).toThrow(/includeIneligible must be a boolean/);
  });
});
