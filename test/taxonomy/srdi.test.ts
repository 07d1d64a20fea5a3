import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError, ValidationError } from '../../src/errors.js';
import { SRDI_RULE_SETS } from '../../src/model/enums.js';
import {
  SRDI_CERTIFIED_TIERS,
  SRDI_RULES,
  SRDI_SIGNALS,
  checkSrdiCriteria,
  effectiveSrdiTier,
  inferRuleSet,
  meetsTier,
  srdiRuleSetAt,
  type SrdiSignals,
} from '../../src/taxonomy/srdi.js';

/** A firm that clears every numeric line of every tier below champion in both rule sets. */
const strong: SrdiSignals = {
  annualRevenue: 2e8,
  annualRevenuePriorYear: 1.8e8,
  mainBusinessShare: 0.95,
  mainRevenueGrowth: 0.12,
  debtRatio: 0.4,
  rdExpense: 1.2e7,
  rdExpensePriorYear: 1e7,
  rdStaffShare: 0.3,
  nicheYears: 8,
  classOneIpCount: 6,
  marketShare: 0.15,
  platformScore: 72,
  evaluationScore: 80,
  innovationScore: 30,
  growthScore: 25,
  specialisationScore: 25,
};

describe('rule sets', () => {
  it('are versioned and dated', () => {
    expect(SRDI_RULES['2022']).toMatchObject({ ruleVersion: '2022', effectiveFrom: '2022-08-01' });
    expect(SRDI_RULES['2026']).toMatchObject({ ruleVersion: '2026', effectiveFrom: '2026-04-01' });
    expect(SRDI_RULES['2026'].document).toMatch(/工信部企业〔2026〕2号/);
  });

  it('carry a source and tag on every criterion, and only known signals', () => {
    for (const id of SRDI_RULE_SETS)
      for (const tier of SRDI_CERTIFIED_TIERS)
        for (const c of SRDI_RULES[id].tiers[tier].criteria) {
          expect(c.source.length).toBeGreaterThan(0);
          expect(['V', '3P', 'M']).toContain(c.tag);
          for (const alt of c.anyOf)
            for (const th of alt) {
              expect(SRDI_SIGNALS[th.signal]).toBeDefined();
              expect(Number.isFinite(th.value)).toBe(true);
            }
        }
  });

  it('encode the thresholds of srdi.md', () => {
    const floor = (id: '2022' | '2026', tier: 'srdi' | 'littleGiant', criterion: string) =>
      SRDI_RULES[id].tiers[tier].criteria.find((c) => c.id === criterion)!.anyOf;
    expect(floor('2022', 'srdi', 'nicheYears')).toEqual([
      [{ signal: 'nicheYears', op: '>=', value: 2 }],
    ]);
    expect(floor('2026', 'srdi', 'nicheYears')[0]![0]!.value).toBe(3);
    expect(floor('2026', 'srdi', 'revenueOrEquity')[0]![0]!.value).toBe(1.5e7);
    expect(floor('2026', 'srdi', 'debtRatio')[0]![0]).toEqual({
      signal: 'debtRatio',
      op: '<=',
      value: 0.8,
    });
    expect(floor('2026', 'littleGiant', 'mainBusinessShare')[0]![0]!.value).toBe(0.9);
    expect(floor('2026', 'littleGiant', 'rdExpense')[0]![0]!.value).toBe(1.2e7);
    expect(floor('2026', 'littleGiant', 'classOneIp')[0]![0]!.value).toBe(4);
    expect(floor('2026', 'littleGiant', 'platformScore')[0]![0]!.value).toBe(60);
    expect(floor('2022', 'littleGiant', 'debtRatio')[0]![0]!.value).toBe(0.7);
  });

  it('require the tier below, as tiers cannot be skipped', () => {
    expect(SRDI_RULES['2026'].tiers.littleGiant.requiresTier).toBe('srdi');
    expect(SRDI_RULES['2026'].tiers.srdi.requiresTier).toBe('techSme');
    expect(meetsTier('littleGiant', 'srdi')).toBe(true);
    expect(meetsTier('techSme', 'srdi')).toBe(false);
  });
});

describe('srdiRuleSetAt / inferRuleSet', () => {
  it.each([
    ['2022-08-01', '2022'],
    ['2026-03-31', '2022'],
    ['2026-04-01', '2026'],
    ['2030-01-01', '2026'],
    ['2019-05-01', '2022'],
  ])('%s → %s', (date, id) => {
    expect(srdiRuleSetAt(date).ruleVersion).toBe(id);
    expect(inferRuleSet(date)).toBe(id);
  });

  it('accepts Date objects (UTC)', () => {
    expect(srdiRuleSetAt(new Date(Date.UTC(2026, 3, 1))).ruleVersion).toBe('2026');
  });

  it.each(['2026-02-30', '2026-4-1', '', 'soon', 20260401, new Date(Number.NaN)])(
    'rejects %j',
    (d) => {
      expect(() => srdiRuleSetAt(d as never)).toThrow(OptionError);
    },
  );
});

describe('effectiveSrdiTier', () => {
  it('keeps a certificate valid for 3 years, then counts it as none', () => {
    const cert = { tier: 'littleGiant' as const, certifiedOn: '2023-07-15' };
    expect(effectiveSrdiTier(cert, '2026-07-14')).toEqual({
      tier: 'littleGiant',
      certifiedTier: 'littleGiant',
      status: 'valid',
      expiresOn: '2026-07-15',
      ruleSet: '2022',
    });
    expect(effectiveSrdiTier(cert, '2026-07-15')).toMatchObject({
      tier: 'none',
      status: 'expired',
    });
  });

  it('does not count a certificate before it was granted', () => {
    expect(
      effectiveSrdiTier({ tier: 'srdi', certifiedOn: '2026-05-01' }, '2026-04-30'),
    ).toMatchObject({
      tier: 'none',
      status: 'notYetGranted',
      ruleSet: '2026',
    });
  });

  it('prefers an explicit rule set and rolls 29 February forward', () => {
    const r = effectiveSrdiTier(
      { tier: 'srdi', certifiedOn: '2024-02-29', ruleSet: '2022' },
      '2025-01-01',
    );
    expect(r).toMatchObject({ ruleSet: '2022', expiresOn: '2027-03-01', status: 'valid' });
  });

  it('takes undated certificates at face value and none as none', () => {
    expect(effectiveSrdiTier({ tier: 'champion' }, '2026-01-01')).toEqual({
      tier: 'champion',
      certifiedTier: 'champion',
      status: 'undated',
    });
    expect(effectiveSrdiTier({ tier: 'none' }, '2026-01-01').status).toBe('none');
  });

  it('never grants a tier outside the validity window (property)', () => {
    const day = fc
      .date({ min: new Date('2015-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom(...SRDI_CERTIFIED_TIERS), day, day, (tier, granted, asOf) => {
        const r = effectiveSrdiTier({ tier, certifiedOn: granted }, asOf);
        const inWindow = asOf >= granted && asOf < r.expiresOn!;
        expect(r.tier).toBe(inWindow ? tier : 'none');
      }),
    );
  });

  it('rejects malformed certificates and dates', () => {
    expect(() => effectiveSrdiTier({ tier: 'gold' as never }, '2026-01-01')).toThrow(OptionError);
    expect(() =>
      effectiveSrdiTier({ tier: 'srdi', certifiedOn: '2026-13-01' }, '2026-01-01'),
    ).toThrow(OptionError);
    expect(() => effectiveSrdiTier({ tier: 'srdi' }, 'today')).toThrow(OptionError);
  });
});

describe('checkSrdiCriteria', () => {
  it.each(SRDI_RULE_SETS)('a strong firm meets provincial SRDI and little giant under %s', (id) => {
    for (const tier of ['srdi', 'littleGiant'] as const) {
      const r = checkSrdiCriteria(strong, tier, id);
      expect(r.criteria.filter((c) => !c.passed)).toEqual([]);
      expect(r.outcome).toBe('meets');
      expect(r.manualReview.length).toBeGreaterThan(0);
    }
  });

  it('judges the same firm differently under the two rule sets', () => {
    // 2 years in the niche and 1,200万 revenue: enough in 2022 (≥ 2 years, ≥ 1,000万),
    // not in 2026 (≥ 3 years, ≥ 1,500万).
    const firm: SrdiSignals = {
      ...strong,
      nicheYears: 2,
      annualRevenue: 1.2e7,
      annualRevenuePriorYear: 1e7,
      rdExpense: 1e6,
      rdExpensePriorYear: 1e6,
    };
    const old = checkSrdiCriteria(firm, 'srdi', '2022');
    const now = checkSrdiCriteria(firm, 'srdi', '2026');
    expect(old.outcome).toBe('meets');
    expect(now.outcome).toBe('fails');
    expect(now.criteria.filter((c) => !c.passed).map((c) => c.criterion)).toEqual([
      'nicheYears',
      'revenueOrEquity',
    ]);
  });

  it('reports actual and required values and explains in both locales', () => {
    const r = checkSrdiCriteria({ ...strong, debtRatio: 0.85 }, 'srdi', '2026');
    const debt = r.criteria.find((c) => c.criterion === 'debtRatio')!;
    expect(debt).toMatchObject({ status: 'failed', passed: false, actual: { debtRatio: 0.85 } });
    expect(debt.required).toEqual([[{ signal: 'debtRatio', op: '<=', value: 0.8 }]]);
    expect(debt.message.zh).toBe(
      '资产负债率：不满足。要求 资产负债率 ≤ 80%；实际 资产负债率 85%。',
    );
    expect(debt.message.en).toBe(
      'debt-to-asset ratio: not met. Required debt-to-asset ratio ≤ 80%; actual debt-to-asset ratio 85%.',
    );
  });

  it('passes an either-or criterion through its second branch', () => {
    const r = checkSrdiCriteria(
      { ...strong, annualRevenue: 8e6, equityFinancingTwoYears: 2.5e7 },
      'srdi',
      '2022',
    );
    const c = r.criteria.find((x) => x.criterion === 'revenueOrEquity')!;
    expect(c.status).toBe('passed');
    expect(c.message.zh).toMatch(/800万元/);
    expect(c.message.zh).toMatch(/ 或 /);
  });

  it('derives R&D intensity and two-year totals from amounts', () => {
    const r = checkSrdiCriteria(
      {
        annualRevenue: 6e7,
        annualRevenuePriorYear: 5e7,
        rdExpense: 2.4e6,
        rdExpensePriorYear: 1.2e6,
      },
      'littleGiant',
      '2026',
    );
    const intensity = r.criteria.find((c) => c.criterion === 'rdIntensity')!;
    expect(intensity.actual).toEqual({ rdIntensity: 0.04, rdIntensityPriorYear: 0.024 });
    expect(intensity.status).toBe('failed');
    expect(r.criteria.find((c) => c.criterion === 'rdExpense')!.actual).toEqual({
      rdExpenseTwoYearTotal: 3.6e6,
    });
  });

  it('selects the 2022 little-giant R&D band by revenue', () => {
    const band = (signals: SrdiSignals) =>
      checkSrdiCriteria(signals, 'littleGiant', '2022').criteria.find(
        (c) => c.criterion === 'rdIntensityByRevenueBand',
      )!.status;
    // 8,000万 revenue at 5% R&D: the 5,000万–1亿 band asks 6% → fails; at 7% → passes.
    expect(band({ annualRevenue: 8e7, rdIntensity: 0.05, rdIntensityPriorYear: 0.05 })).toBe(
      'failed',
    );
    expect(band({ annualRevenue: 8e7, rdIntensity: 0.07, rdIntensityPriorYear: 0.07 })).toBe(
      'passed',
    );
    // 2亿 revenue at 3.5% passes the ≥ 1亿 band.
    expect(band({ annualRevenue: 2e8, rdIntensity: 0.035, rdIntensityPriorYear: 0.031 })).toBe(
      'passed',
    );
  });

  it('reports missing signals as missing, never as passed', () => {
    const r = checkSrdiCriteria({ nicheYears: 5 }, 'srdi', '2026');
    expect(r.outcome).toBe('incomplete');
    expect(r.criteria.find((c) => c.criterion === 'nicheYears')!.status).toBe('passed');
    expect(r.criteria.find((c) => c.criterion === 'platformScore')!).toMatchObject({
      status: 'missing',
      passed: false,
    });
    expect(r.criteria.find((c) => c.criterion === 'platformScore')!.message.zh).toMatch(/未提供/);
  });

  it('uses either year of the platform score and skips growth at review', () => {
    const firm = {
      ...strong,
      platformScore: 55,
      platformScorePriorYear: 62,
      mainRevenueGrowth: 0.01,
    };
    expect(checkSrdiCriteria(firm, 'littleGiant', '2026').outcome).toBe('fails');
    const review = checkSrdiCriteria(firm, 'littleGiant', '2026', { review: true });
    expect(review.outcome).toBe('meets');
    expect(review.criteria.map((c) => c.criterion)).not.toContain('mainRevenueGrowth');
  });

  it('checks champions against the 2023 measures', () => {
    const r = checkSrdiCriteria(
      { nicheYears: 12, mainRevenueThreeYearAverage: 5e8, globalMarketRank: 4 },
      'champion',
      '2026',
    );
    expect(r.criteria.map((c) => [c.criterion, c.status])).toEqual([
      ['nicheYears', 'passed'],
      ['revenue', 'passed'],
      ['globalMarketRank', 'failed'],
    ]);
  });

  it('is monotone: raising a floor signal never turns a pass into a fail', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SRDI_RULE_SETS),
        fc.constantFrom('srdi', 'littleGiant', 'techSme'),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (id, tier, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const pass = (v: number) =>
            checkSrdiCriteria(
              { ...strong, equityFinancingTwoYears: v, equityFinancingThreeYears: v },
              tier,
              id,
            ).criteria.every((c) => c.passed);
          if (pass(lo)) expect(pass(hi)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('validates signals, reporting every bad one', () => {
    try {
      checkSrdiCriteria(
        {
          annualRevenue: Number.NaN,
          debtRatio: -1,
          classOneIpCount: 1.5,
          platformScore: 120,
          foo: 1,
        } as never,
        'srdi',
        '2026',
        { locale: 'en' },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => `${i.path}:${i.code}`)).toEqual([
        'annualRevenue:invalid_type',
        'debtRatio:too_small',
        'classOneIpCount:invalid_type',
        'platformScore:too_big',
        'foo:unknown_field',
      ]);
    }
    expect(() => checkSrdiCriteria(null as never, 'srdi', '2026')).toThrow(ValidationError);
  });

  it('rejects unknown tiers, rule sets and options', () => {
    expect(() => checkSrdiCriteria({}, 'none' as never, '2026')).toThrow(OptionError);
    expect(() => checkSrdiCriteria({}, 'srdi', '2024' as never)).toThrow(OptionError);
    expect(() => checkSrdiCriteria({}, 'srdi', '2026', { locale: 'fr' as never })).toThrow(
      OptionError,
    );
  });
});
