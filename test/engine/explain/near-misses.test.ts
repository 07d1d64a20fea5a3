/**
 * Near-miss reports on hand-built records whose answer is known: an enterprise whose SRDI
 * certificate has expired, a catalogue where three products need only its renewal, two only
 * a third-party guarantee, one only a larger amount, one two changes at once, one a region it
 * is not in, and one it is eligible for.
 */
import { describe, expect, it } from 'vitest';
import type { NearMissReport } from '../../../src/engine/api.js';
import { createInvestorMatcher, createProductMatcher } from '../../../src/engine/index.js';
import { OptionError, ValidationError } from '../../../src/errors.js';
import type { FinancialProduct } from '../../../src/model/types.js';
import { AS_OF, enterprise, investor, product, project } from '../golden/market.js';

/** Certified 2022-01-01: expired on 2025-01-01, before {@link AS_OF}. */
const lapsed = enterprise({ id: 'E-LAPSED', srdi: { tier: 'srdi', certifiedOn: '2022-01-01' } });

const catalogue: FinancialProduct[] = [
  product({ id: 'P-OK' }),
  product({ id: 'P-SRDI-1', minSrdiTier: 'srdi' }),
  product({ id: 'P-SRDI-2', minSrdiTier: 'srdi' }),
  product({ id: 'P-SRDI-3', minSrdiTier: 'srdi' }),
  product({ id: 'P-GUAR-1', collateral: { required: ['guarantee'], accepted: [] } }),
  product({ id: 'P-GUAR-2', collateral: { required: ['guarantee'], accepted: [] } }),
  product({ id: 'P-AMT', amount: { min: 1e7, max: 3e7 } }),
  product({
    id: 'P-TWO',
    minSrdiTier: 'srdi',
    collateral: { required: ['guarantee'], accepted: [] },
  }),
  product({ id: 'P-GD', regions: ['44'] }),
];

const report = (locale: 'zh' | 'en', products = catalogue, options = {}): NearMissReport =>
  createProductMatcher(products, { asOf: AS_OF, locale }).nearMisses(lapsed, options);

describe('ProductMatcher.nearMisses', () => {
  it('counts the single changes that unlock products, most first, ties by key', () => {
    const r = report('en', catalogue, { nearest: Infinity, changes: Infinity });
    expect(r.subjectId).toBe('E-LAPSED');
    expect(r.eligible).toBe(1);
    expect(r.ineligible).toBe(8);
    expect(r.changes).toEqual([
      {
        key: 'srdiTier:renew',
        label: 'renew (复核) the SRDI certificate',
        rule: 'srdiTier',
        count: 3,
        targetIds: ['P-SRDI-1', 'P-SRDI-2', 'P-SRDI-3'],
      },
      {
        key: 'collateral:guarantee',
        label: 'offer third-party guarantee',
        rule: 'collateral',
        count: 2,
        targetIds: ['P-GUAR-1', 'P-GUAR-2'],
      },
      {
        key: 'amountRange:raise',
        label: 'raise the requested amount into the product’s range',
        rule: 'amountRange',
        count: 1,
        targetIds: ['P-AMT'],
      },
    ]);
  });

  it('lists the nearest misses: fewest failed rules, then changeable ones, then by id', () => {
    const r = report('en', catalogue, { nearest: Infinity });
    expect(r.nearest.map((m) => m.targetId)).toEqual([
      // One failed rule, each naming a change the enterprise can make.
      'P-AMT',
      'P-GUAR-1',
      'P-GUAR-2',
      'P-SRDI-1',
      'P-SRDI-2',
      'P-SRDI-3',
      // One failed rule it cannot change (the product serves Guangdong only).
      'P-GD',
      // Two failed rules.
      'P-TWO',
    ]);
    const two = r.nearest.at(-1)!;
    expect(two.failed.map((f) => f.rule)).toEqual(['srdiTier', 'collateral']);
    expect(r.nearest.find((m) => m.targetId === 'P-GD')!.failed[0]).toMatchObject({
      rule: 'region',
    });
    expect(r.nearest.find((m) => m.targetId === 'P-GD')!.failed[0]!.change).toBeUndefined();
  });

  it('uses the same change the failing rule names in its explanation', () => {
    const matcher = createProductMatcher(catalogue, { asOf: AS_OF, locale: 'zh' });
    const r = matcher.nearMisses(lapsed, { nearest: Infinity });
    for (const miss of r.nearest)
      expect(miss.failed).toEqual(matcher.explain(lapsed, miss.targetId).exclusions);
    expect(r.changes[0]).toMatchObject({
      key: 'srdiTier:renew',
      label: '专精特新证书通过复核（续期）',
    });
    expect(r.changes.map((c) => c.label)).toEqual([
      '专精特新证书通过复核（续期）',
      '提供第三方保证',
      '调高融资金额至产品额度范围内',
    ]);
  });

  it('limits both lists and does not depend on the catalogue order', () => {
    const r = report('en', catalogue, { nearest: 2, changes: 1 });
    expect(r.nearest.map((m) => m.targetId)).toEqual(['P-AMT', 'P-GUAR-1']);
    expect(r.changes.map((c) => c.key)).toEqual(['srdiTier:renew']);
    expect(report('en', [...catalogue].reverse())).toEqual(report('en'));
    // Defaults: 5 nearest, 5 changes.
    expect(report('en').nearest).toHaveLength(5);
  });

  it('reports nothing to change for an enterprise eligible for everything', () => {
    const r = report('en', [product({ id: 'P-A' }), product({ id: 'P-B' })]);
    expect(r).toEqual({
      subjectId: 'E-LAPSED',
      eligible: 2,
      ineligible: 0,
      nearest: [],
      changes: [],
    });
  });

  it('counts for a stronger change the products of the weaker ones it covers', () => {
    // No certificate, founded 2024 (2 years operating at AS_OF).
    const young = enterprise({ id: 'E-YOUNG', srdi: { tier: 'none' }, foundedYear: 2024 });
    const products = [
      product({ id: 'P-TECH-1', minSrdiTier: 'techSme' }),
      product({ id: 'P-TECH-2', minSrdiTier: 'techSme' }),
      product({ id: 'P-SRDI', minSrdiTier: 'srdi' }),
      product({ id: 'P-GIANT', minSrdiTier: 'littleGiant' }),
      product({ id: 'P-Y3', minYearsOperating: 3 }),
      product({ id: 'P-Y5', minYearsOperating: 5 }),
      // Needs a certificate and more years: no single change unlocks it.
      product({ id: 'P-BOTH', minSrdiTier: 'techSme', minYearsOperating: 3 }),
    ];
    const r = createProductMatcher(products, { asOf: AS_OF, locale: 'en' }).nearMisses(young, {
      changes: Infinity,
    });
    expect(r.changes.map((c) => [c.key, c.count, c.targetIds])).toEqual([
      // A little-giant certificate meets every lower minimum too.
      ['srdiTier:littleGiant', 4, ['P-GIANT', 'P-SRDI', 'P-TECH-1', 'P-TECH-2']],
      ['srdiTier:srdi', 3, ['P-SRDI', 'P-TECH-1', 'P-TECH-2']],
      ['srdiTier:techSme', 2, ['P-TECH-1', 'P-TECH-2']],
      ['yearsOperating:5', 2, ['P-Y3', 'P-Y5']],
      ['yearsOperating:3', 1, ['P-Y3']],
    ]);
  });

  it('rejects bad options and records with typed errors', () => {
    const matcher = createProductMatcher(catalogue, { asOf: AS_OF, locale: 'en' });
    expect(() => matcher.nearMisses(lapsed, { nearest: 0 })).toThrow(OptionError);
    expect(() => matcher.nearMisses(lapsed, { nearest: 1.5 })).toThrow(/nearest/);
    expect(() => matcher.nearMisses(lapsed, { changes: -1 })).toThrow(/changes/);
    expect(() => matcher.nearMisses(lapsed, { nearst: 3 } as never)).toThrow(OptionError);
    expect(() => matcher.nearMisses({ ...lapsed, sector: 42 } as never)).toThrow(ValidationError);
  });
});

describe('InvestorMatcher.nearMisses', () => {
  it('names the TRL to reach and the ticket to fit', () => {
    const investors = [
      investor({ id: 'I-LATE-1', trl: { min: 8, max: 9 } }),
      investor({ id: 'I-LATE-2', trl: { min: 8, max: 9 } }),
      investor({ id: 'I-SMALL', ticket: { min: 1e6, max: 1e7 } }),
      investor({ id: 'I-EARLY', trl: { min: 1, max: 4 } }),
    ];
    const r = createInvestorMatcher(investors, { asOf: AS_OF, locale: 'en' }).nearMisses(
      project(),
      { nearest: Infinity },
    );
    expect(r.eligible).toBe(0);
    expect(r.changes.map((c) => [c.key, c.label, c.count])).toEqual([
      ['trl:8', 'reach TRL 8', 2],
      ['ticket:lower', 'lower the amount sought into the investor’s ticket range', 1],
    ]);
    // An investor wanting earlier technology names no change: it is a near miss only.
    expect(r.nearest.at(-1)).toMatchObject({ targetId: 'I-EARLY' });
    expect(r.nearest.at(-1)!.failed[0]!.change).toBeUndefined();
  });
});
