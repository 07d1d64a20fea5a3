import { describe, expect, it } from 'vitest';
import {
  ENTERPRISE_PRODUCT_CHECK_ORDER,
  ENTERPRISE_PRODUCT_RULES,
  effectiveSrdiTier,
  effectiveSrdiTierAt,
  eligibilityDates,
  enterpriseProductFailures,
  isEnterpriseProductEligible,
  isProjectInvestorEligible,
  projectInvestorFailures,
} from '../../src/generate/eligibility.js';
import { parseRecord } from '../../src/model/parse.js';
import { addMonths, addYears } from '../../src/util/dates.js';
import { LOAN_RENEWAL_WINDOW_MONTHS } from '../../src/engine/defaults.js';

const dates = eligibilityDates('2026-06-30');
const enterprise = parseRecord('enterprise', {
  id: 'e1',
  name: '苏州精密减速器有限公司',
  sector: 'C3453',
  region: '320500',
  stage: 'growth',
  srdi: { tier: 'littleGiant', certifiedOn: '2024-01-10' },
  foundedYear: 2015,
  employees: 120,
  annualRevenue: 8e7,
  collateral: ['credit', 'guarantee'],
  policyLists: ['techReloanCandidates'],
  existingLoans: [{ amount: 5e6, maturity: '2026-08-15', renewalWithoutRepayment: true }],
  need: { amount: 2e7, termMonths: 36, instruments: ['loan'], purpose: 'rnd' },
});
const product = parseRecord('product', {
  id: 'p1',
  institutionId: 'i1',
  name: '专精特新专项贷',
  type: 'loanRenewal',
  instrument: 'loan',
  targetSectors: ['C34'],
  stages: ['growth'],
  minSrdiTier: 'srdi',
  amount: { min: 1e6, max: 3e7 },
  termMonths: { min: 12, max: 60 },
  regions: ['32'],
  minYearsOperating: 3,
  minAnnualRevenue: 1e7,
  requiredPolicyLists: ['techReloanCandidates'],
  collateral: { required: ['guarantee', 'ipPledge'] },
});

describe('eligibility', () => {
  it('passes a pair that meets every rule', () => {
    expect(enterpriseProductFailures(enterprise, product, dates)).toEqual([]);
    expect(isEnterpriseProductEligible(enterprise, product, dates)).toBe(true);
  });

  it('names each failing rule and agrees with the fast path', () => {
    const cases: [string, object][] = [
      ['amountRange', { need: { ...enterprise.need, amount: 4e7 } }],
      ['termRange', { need: { ...enterprise.need, termMonths: 6 } }],
      ['region', { region: '440300' }],
      ['sector', { sector: 'C3911' }],
      ['stage', { stage: 'mature' }],
      ['srdiTier', { srdi: { tier: 'littleGiant', certifiedOn: '2023-06-30' } }],
      ['yearsOperating', { foundedYear: 2024 }],
      ['revenue', { annualRevenue: 5e6 }],
      ['collateral', { collateral: ['realEstate'] }],
      ['instrument', { need: { ...enterprise.need, instruments: ['equity'] } }],
      ['policyList', { policyLists: [] }],
      [
        'loanRenewal',
        { existingLoans: [{ amount: 5e6, maturity: '2026-10-15', renewalWithoutRepayment: true }] },
      ],
    ];
    for (const [rule, patch] of cases) {
      const e = { ...enterprise, ...patch } as typeof enterprise;
      expect(enterpriseProductFailures(e, product, dates)).toEqual([rule]);
      expect(isEnterpriseProductEligible(e, product, dates)).toBe(false);
    }
  });

  it('counts a product listing credit (unsecured) among its required collateral as asking none', () => {
    const e = { ...enterprise, collateral: [] };
    const unsecured = {
      ...product,
      collateral: { required: ['credit' as const, 'guarantee' as const], accepted: [] },
    };
    expect(enterpriseProductFailures(e, unsecured, dates)).toEqual([]);
    expect(enterpriseProductFailures(e, product, dates)).toEqual(['collateral']);
  });

  it('expires certificates after 3 years, also on 29 February', () => {
    const at = (certifiedOn: string, asOf: string) => {
      const e = { ...enterprise, srdi: { tier: 'srdi' as const, certifiedOn } };
      const fast = effectiveSrdiTierAt(e, eligibilityDates(asOf));
      expect(fast).toBe(effectiveSrdiTier(e, asOf));
      return fast;
    };
    expect(at('2023-06-30', '2026-06-29')).toBe('srdi');
    expect(at('2023-06-30', '2026-06-30')).toBe('none');
    expect(at('2024-02-29', '2027-02-27')).toBe('srdi');
    // The taxonomy's rule (used by the engine): 29 February + 3 years rolls to 1 March.
    expect(at('2024-02-29', '2027-02-28')).toBe('srdi');
    expect(at('2024-02-29', '2027-03-01')).toBe('none');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    // not yet granted on asOf: no tier (the taxonomy's rule)
    expect(at('2026-07-01', '2026-06-30')).toBe('none');
  });

  it('takes the renewal window from the engine and checks every rule on the fast path', () => {
    expect(dates.renewalHorizon).toBe(addMonths(dates.asOf, LOAN_RENEWAL_WINDOW_MONTHS));
    expect([...ENTERPRISE_PRODUCT_CHECK_ORDER].sort()).toEqual(
      [...ENTERPRISE_PRODUCT_RULES].sort(),
    );
  });

  it('project–investor rules', () => {
    const project = parseRecord('project', {
      id: 'j1',
      name: '减速器产业化',
      sector: 'C3453',
      trl: 6,
      round: 'A',
      need: { amount: 3e7, instrument: 'loan' },
      region: '320500',
    });
    const investor = parseRecord('investor', {
      id: 'v1',
      name: 'AIC',
      kind: 'bankInvestmentArm',
      rounds: ['A', 'B'],
      trl: { min: 5, max: 8 },
      ticket: { min: 1e7, max: 1e8 },
      targetSectors: ['C34'],
      regions: ['32'],
      capacity: 3,
    });
    expect(isProjectInvestorEligible(project, investor)).toBe(true);
    expect(projectInvestorFailures(project, { ...investor, kind: 'stateVC' })).toEqual([
      'instrument',
    ]);
    expect(projectInvestorFailures({ ...project, trl: 9, round: 'C' }, investor)).toEqual([
      'round',
      'trl',
    ]);
  });
});
