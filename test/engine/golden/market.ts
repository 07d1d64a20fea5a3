/**
 * A small hand-made market for the engine's tests: builders that fill every required field
 * with plausible values (overridable), and the golden market of the ranking tests.
 */
import { parseRecord } from '../../../src/model/parse.js';
import type {
  Enterprise,
  EnterpriseInput,
  FinancialProduct,
  FinancialProductInput,
  Investor,
  InvestorInput,
  Project,
  ProjectInput,
} from '../../../src/model/types.js';
import type {
  EnterpriseProductContext,
  ProjectInvestorContext,
} from '../../../src/engine/types.js';
import type { Locale } from '../../../src/i18n/locale.js';

/** Evaluation date of every test. */
export const AS_OF = '2026-06-30';

/** An enterprise: a Nanjing SRDI computer maker needing a 500万, 24-month loan, unless overridden. */
export function enterprise(over: Partial<EnterpriseInput> = {}): Enterprise {
  return parseRecord('enterprise', {
    id: 'E1',
    name: '南京某电子科技有限公司',
    sector: 'C3911',
    region: '320102',
    stage: 'growth',
    srdi: { tier: 'srdi', certifiedOn: '2025-03-01' },
    foundedYear: 2016,
    employees: 120,
    annualRevenue: 8e7,
    need: { amount: 5e6, termMonths: 24, instruments: ['loan'], purpose: 'rnd' },
    ...over,
  });
}

/** A product: a nationwide 100万–3000万, 12–36-month unsecured loan, unless overridden. */
export function product(over: Partial<FinancialProductInput> = {}): FinancialProduct {
  return parseRecord('product', {
    id: 'P1',
    institutionId: 'B1',
    name: '科创信用贷',
    type: 'creditLoan',
    instrument: 'loan',
    amount: { min: 1e6, max: 3e7 },
    termMonths: { min: 12, max: 36 },
    ...over,
  });
}

/** A project: a series-A robotics project in Shenzhen seeking 3000万 equity. */
export function project(over: Partial<ProjectInput> = {}): Project {
  return parseRecord('project', {
    id: 'J1',
    name: '协作机器人关节模组',
    sector: 'C3491',
    trl: 7,
    round: 'A',
    need: { amount: 3e7, instrument: 'equity' },
    region: '440305',
    ownerSrdiTier: 'srdi',
    ...over,
  });
}

/** An investor: a nationwide private VC writing 1000万–1亿 tickets in rounds pre-A to B. */
export function investor(over: Partial<InvestorInput> = {}): Investor {
  return parseRecord('investor', {
    id: 'I1',
    name: '某创投',
    kind: 'privateVCPE',
    rounds: ['preA', 'A', 'B'],
    ticket: { min: 1e7, max: 1e8 },
    capacity: 20,
    ...over,
  });
}

/** A pair context with the test date and no reference data. */
export function epContext(
  subject: Enterprise,
  target: FinancialProduct,
  locale: Locale = 'zh',
): EnterpriseProductContext {
  return { subject, target, asOf: AS_OF, locale, reference: {} };
}

/** A project–investor pair context. */
export function piContext(
  subject: Project,
  target: Investor,
  locale: Locale = 'zh',
): ProjectInvestorContext {
  return { subject, target, asOf: AS_OF, locale, reference: {} };
}

/**
 * The golden market: three enterprises and seven products, each product built to test one
 * reason for ranking (see golden/ranking.test.ts).
 */
export function goldenMarket(): { enterprises: Enterprise[]; products: FinancialProduct[] } {
  const enterprises = [
    // Asset-light provincial SRDI computer maker in Nanjing, on the re-loan candidate list, 500万/24 months for R&D.
    enterprise({ id: 'E-NJ-SRDI', policyLists: ['techReloanCandidates'] }),
    // Foshan machine-tool maker buying equipment: 3000万 over 60 months, has equipment and real estate, no SRDI title.
    enterprise({
      id: 'E-FS-EQUIP',
      sector: 'C3421',
      region: '440604',
      stage: 'expansion',
      srdi: { tier: 'none' },
      foundedYear: 2008,
      employees: 650,
      annualRevenue: 3e8,
      collateral: ['equipment', 'realEstate'],
      need: { amount: 3e7, termMonths: 60, instruments: ['loan', 'leasing'], purpose: 'equipment' },
    }),
    // A little giant whose certificate expired on 2025-09-01: counts as no tier on 2026-06-30.
    enterprise({ id: 'E-NJ-EXPIRED', srdi: { tier: 'littleGiant', certifiedOn: '2022-09-01' } }),
  ];
  const products = [
    product({
      id: 'P-SRDI',
      name: '专精特新专项贷',
      type: 'srdiSpecialLoan',
      minSrdiTier: 'srdi',
      stages: ['growth', 'expansion'],
      policyTags: ['srdiSpecial'],
      amount: { min: 1e6, max: 3e7 },
      termMonths: { min: 12, max: 36 },
    }),
    product({
      id: 'P-RELOAN',
      name: '科技创新再贷款支持贷款',
      type: 'techReloanLoan',
      requiredPolicyLists: ['techReloanCandidates'],
      policyTags: ['techReloan'],
      amount: { min: 1e6, max: 1e8 },
      termMonths: { min: 12, max: 60 },
    }),
    product({
      id: 'P-CREDIT',
      name: '全国通用信用贷',
      amount: { min: 1e5, max: 1e7 },
      termMonths: { min: 6, max: 36 },
      minYearsOperating: 2,
    }),
    product({
      id: 'P-NJ-LOCAL',
      institutionId: 'B-NJ',
      name: '南京科技贷',
      regions: ['3201'],
      targetSectors: ['C39'],
      amount: { min: 1e6, max: 2.5e7 },
      termMonths: { min: 12, max: 48 },
    }),
    product({
      id: 'P-IP',
      name: '知识产权质押贷',
      type: 'ipPledgeLoan',
      collateral: { required: ['ipPledge'] },
      amount: { min: 1e6, max: 5e7 },
    }),
    product({
      id: 'P-EQUIP',
      name: '设备更新贷款',
      type: 'equipmentRenewalLoan',
      policyTags: ['equipmentRenewal'],
      collateral: { required: ['equipment'] },
      stages: ['growth', 'expansion', 'mature'],
      amount: { min: 1e6, max: 1e9 },
      termMonths: { min: 36, max: 120 },
    }),
    product({
      id: 'P-LEASE',
      name: '直租',
      type: 'financialLeasing',
      instrument: 'leasing',
      collateral: { required: ['equipment'] },
      amount: { min: 1e6, max: 3e8 },
      termMonths: { min: 24, max: 60 },
    }),
  ];
  return { enterprises, products };
}
