import { describe, expect, it } from 'vitest';
import {
  amountRangeRule,
  collateralRule,
  instrumentRule,
  loanRenewalRule,
  policyListRule,
  regionRule,
  revenueRule,
  sectorRule,
  srdiTierRule,
  stageRule,
  termRangeRule,
  yearsOperatingRule,
} from '../../../src/engine/rules/index.js';
import type { ExclusionReason, RuleOutcome } from '../../../src/engine/types.js';
import { AS_OF, enterprise, epContext, product } from '../golden/market.js';

function reason(outcome: RuleOutcome): ExclusionReason {
  if (outcome.passed) throw new Error('expected the rule to fail');
  return outcome.reason;
}

describe('amountRangeRule', () => {
  const rule = amountRangeRule();
  it('passes inside the range, ends inclusive', () => {
    expect(rule.check(epContext(enterprise(), product())).passed).toBe(true);
    const atMax = enterprise({
      need: { amount: 3e7, termMonths: 24, instruments: ['loan'], purpose: 'rnd' },
    });
    expect(rule.check(epContext(atMax, product())).passed).toBe(true);
  });
  it('fails above the maximum with a hint in zh and en', () => {
    const e = enterprise({
      need: { amount: 8e6, termMonths: 24, instruments: ['loan'], purpose: 'rnd' },
    });
    const p = product({ amount: { min: 1e6, max: 5e6 } });
    const zh = reason(rule.check(epContext(e, p, 'zh')));
    expect(zh).toMatchObject({ rule: 'amountRange', actual: 8e6, required: '100万元–500万元' });
    expect(zh.hint).toBe('若融资金额不超过500万元则符合条件');
    const en = reason(rule.check(epContext(e, p, 'en')));
    expect(en.hint).toBe('eligible if the amount is at most 5,000,000 yuan');
    expect(en.message).toContain('above the product’s maximum');
  });
  it('fails below the minimum', () => {
    const p = product({ amount: { min: 1e7, max: 5e7 } });
    expect(reason(rule.check(epContext(enterprise(), p, 'en'))).hint).toBe(
      'eligible if the amount is at least 10,000,000 yuan',
    );
  });
});

describe('termRangeRule', () => {
  const rule = termRangeRule();
  it('passes inside and fails outside with the bound in the hint', () => {
    expect(rule.check(epContext(enterprise(), product())).passed).toBe(true);
    const p = product({ termMonths: { min: 36, max: 60 } });
    const r = reason(rule.check(epContext(enterprise(), p)));
    expect(r).toMatchObject({ actual: 24, required: '36个月–60个月' });
    expect(r.hint).toBe('若期限不少于36个月则符合条件');
    expect(reason(rule.check(epContext(enterprise(), p, 'en'))).hint).toBe(
      'eligible if the term is at least 36 months',
    );
  });
});

describe('regionRule', () => {
  const rule = regionRule();
  it('passes nationwide products and matching prefixes', () => {
    expect(rule.check(epContext(enterprise(), product())).passed).toBe(true);
    expect(rule.check(epContext(enterprise(), product({ regions: ['32'] }))).passed).toBe(true);
    expect(rule.check(epContext(enterprise(), product({ regions: ['3201'] }))).passed).toBe(true);
  });
  it('fails outside and names the regions', () => {
    const r = reason(rule.check(epContext(enterprise(), product({ regions: ['44', '3302'] }))));
    expect(r.actual).toBe('320102');
    expect(r.required).toEqual(['44', '3302']);
    expect(r.hint).toBe('仅服务广东省或浙江省（3302）的企业');
    expect(
      reason(rule.check(epContext(enterprise(), product({ regions: ['44'] }), 'en'))).hint,
    ).toBe('eligible only for enterprises registered in Guangdong');
  });
});

describe('sectorRule', () => {
  const rule = sectorRule();
  it('passes untargeted and prefix-targeted products', () => {
    expect(rule.check(epContext(enterprise(), product())).passed).toBe(true);
    expect(rule.check(epContext(enterprise(), product({ targetSectors: ['C39'] }))).passed).toBe(
      true,
    );
  });
  it('fails an untargeted sector and an excluded one', () => {
    const r = reason(
      rule.check(epContext(enterprise(), product({ targetSectors: ['C34'] }), 'en')),
    );
    expect(r.required).toEqual(['C34']);
    expect(r.hint).toContain('C34');
    const x = reason(rule.check(epContext(enterprise(), product({ excludedSectors: ['C39'] }))));
    expect(x.message).toContain('排除');
    expect(x.actual).toBe('C3911');
  });
});

describe('stageRule', () => {
  const rule = stageRule();
  it('passes listed stages, fails others with the stages named', () => {
    expect(rule.check(epContext(enterprise(), product({ stages: ['growth'] }))).passed).toBe(true);
    const r = reason(
      rule.check(epContext(enterprise(), product({ stages: ['mature', 'preIPO'] }))),
    );
    expect(r.hint).toBe('企业发展到成熟期或上市前时符合条件');
    expect(r.actual).toBe('growth');
  });
});

describe('srdiTierRule', () => {
  const rule = srdiTierRule();
  it('passes at or above the minimum', () => {
    expect(rule.check(epContext(enterprise(), product({ minSrdiTier: 'srdi' }))).passed).toBe(true);
    expect(rule.check(epContext(enterprise(), product({ minSrdiTier: 'techSme' }))).passed).toBe(
      true,
    );
  });
  it('fails below the minimum with the certification hint', () => {
    const e = enterprise({ srdi: { tier: 'techSme', certifiedOn: '2025-01-01' } });
    const r = reason(rule.check(epContext(e, product({ minSrdiTier: 'srdi' }))));
    expect(r).toMatchObject({ actual: 'techSme', required: 'srdi' });
    expect(r.hint).toBe('需取得专精特新中小企业及以上认定（证书有效期内）');
  });
  it('treats an expired certificate as none and says how to regain eligibility', () => {
    const e = enterprise({ srdi: { tier: 'littleGiant', certifiedOn: '2022-09-01' } });
    const p = product({ minSrdiTier: 'srdi' });
    const en = reason(rule.check(epContext(e, p, 'en')));
    expect(en.actual).toBe('none');
    expect(en.hint).toBe('certificate expired on 2025-09-01; renew (复核) to regain eligibility');
    expect(reason(rule.check(epContext(e, p, 'zh'))).hint).toContain('复核');
  });
});

describe('yearsOperatingRule', () => {
  const rule = yearsOperatingRule();
  it('counts year(asOf) − foundedYear', () => {
    expect(
      rule.check(epContext(enterprise({ foundedYear: 2023 }), product({ minYearsOperating: 3 })))
        .passed,
    ).toBe(true);
    const r = reason(
      rule.check(
        epContext(enterprise({ foundedYear: 2024 }), product({ minYearsOperating: 3 }), 'en'),
      ),
    );
    expect(r).toMatchObject({ actual: 2, required: 3 });
    expect(r.hint).toBe('eligible from 2027, once it has operated 3 years');
  });
});

describe('revenueRule', () => {
  const rule = revenueRule();
  it('compares annual revenue with the minimum', () => {
    expect(rule.check(epContext(enterprise(), product({ minAnnualRevenue: 8e7 }))).passed).toBe(
      true,
    );
    const r = reason(rule.check(epContext(enterprise(), product({ minAnnualRevenue: 1e8 }))));
    expect(r.hint).toBe('若年营业收入不低于1亿元则符合条件');
    expect(
      reason(rule.check(epContext(enterprise(), product({ minAnnualRevenue: 1e8 }), 'en'))).hint,
    ).toBe('eligible if annual revenue is at least 100,000,000 yuan');
  });
});

describe('collateralRule', () => {
  const rule = collateralRule();
  it('passes credit products and offered collateral', () => {
    expect(rule.check(epContext(enterprise(), product())).passed).toBe(true);
    const e = enterprise({ collateral: ['equipment'] });
    expect(
      rule.check(epContext(e, product({ collateral: { required: ['equipment', 'realEstate'] } })))
        .passed,
    ).toBe(true);
  });
  it('fails when the firm offers none of the required kinds', () => {
    const r = reason(
      rule.check(epContext(enterprise(), product({ collateral: { required: ['ipPledge'] } }))),
    );
    expect(r).toMatchObject({ actual: [], required: ['ipPledge'] });
    expect(r.hint).toBe('若能提供知识产权质押则符合条件');
  });
});

describe('instrumentRule', () => {
  const rule = instrumentRule();
  it('requires the product instrument among the need instruments', () => {
    expect(rule.check(epContext(enterprise(), product())).passed).toBe(true);
    const r = reason(rule.check(epContext(enterprise(), product({ instrument: 'equity' }), 'en')));
    expect(r.hint).toBe('eligible if the need accepts equity');
    expect(
      reason(rule.check(epContext(enterprise(), product({ instrument: 'equity' })))).hint,
    ).toBe('若融资需求接受股权融资方式则符合条件');
  });
});

describe('policyListRule', () => {
  const rule = policyListRule();
  it('requires every listed policy list', () => {
    const p = product({ requiredPolicyLists: ['techReloanCandidates'] });
    expect(
      rule.check(epContext(enterprise({ policyLists: ['techReloanCandidates'] }), p)).passed,
    ).toBe(true);
    const r = reason(rule.check(epContext(enterprise(), p)));
    expect(r.hint).toBe('需列入科技创新和技术改造再贷款备选企业名单');
    expect(r.required).toEqual(['techReloanCandidates']);
  });
});

describe('loanRenewalRule', () => {
  const rule = loanRenewalRule();
  const renewal = product({ type: 'loanRenewal' });
  const loan = (maturity: string, renewalWithoutRepayment = true) => ({
    amount: 3e6,
    maturity,
    renewalWithoutRepayment,
  });
  it('ignores other product types', () => {
    expect(rule.check(epContext(enterprise(), product())).passed).toBe(true);
  });
  it('passes a renewable loan maturing within 3 months of asOf (ends inclusive)', () => {
    expect(
      rule.check(epContext(enterprise({ existingLoans: [loan('2026-09-30')] }), renewal)).passed,
    ).toBe(true);
    expect(
      rule.check(epContext(enterprise({ existingLoans: [loan(AS_OF)] }), renewal)).passed,
    ).toBe(true);
  });
  it('fails late, past or non-renewable loans', () => {
    for (const loans of [
      [loan('2026-10-01')],
      [loan('2026-06-29')],
      [loan('2026-08-01', false)],
      [],
    ]) {
      const r = reason(rule.check(epContext(enterprise({ existingLoans: loans }), renewal, 'en')));
      expect(r.required).toBe('2026-06-30..2026-09-30');
      expect(r.hint).toBe('eligible within 3 months before a renewable existing loan matures');
    }
  });
});
