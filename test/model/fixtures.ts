/**
 * One valid input record per kind, written as a bank system would send it (sector codes in
 * various spellings, defaults omitted), plus helpers shared by the model tests.
 */
import type { RecordKind } from '../../src/model/enums.js';

/** A valid enterprise: a Suzhou precision-parts maker (C3911 computer manufacturing). */
export const enterprise = {
  id: 'ENT-0001',
  name: '苏州某精密制造有限公司',
  sector: '3911',
  region: '320505',
  stage: 'growth',
  srdi: { tier: 'srdi', certifiedOn: '2024-06-15' },
  foundedYear: 2015,
  employees: 120,
  annualRevenue: 5e7,
  rdIntensity: 0.05,
  debtRatio: 0.45,
  collateral: ['equipment', 'ipPledge'],
  chains: [{ chainId: 'CHAIN-IC', role: 'supplier' }],
  zones: ['ZONE-SRDI'],
  policyLists: ['highTechEnterprise'],
  existingLoans: [{ amount: 2e6, maturity: '2026-09-30' }],
  need: { amount: 5e6, termMonths: 12, instruments: ['loan'], purpose: 'workingCapital' },
  text: '主营高精度连接器，拥有发明专利6项。',
};

export const institution = {
  id: 'INST-ICBC-SZ',
  name: '工商银行苏州分行',
  kind: 'bank',
  region: '320500',
};

export const product = {
  id: 'PRD-SRDI-LOAN',
  institutionId: 'INST-ICBC-SZ',
  name: '专精特新贷',
  type: 'srdiSpecialLoan',
  instrument: 'loan',
  targetSectors: ['C', 'I65'],
  excludedSectors: ['C-2511'],
  stages: ['startup', 'growth'],
  minSrdiTier: 'srdi',
  amount: { min: 1e6, max: 3e7 },
  termMonths: { min: 6, max: 36 },
  regions: ['32'],
  collateral: { required: [], accepted: ['credit', 'ipPledge'] },
  policyTags: ['srdiSpecial'],
  ratePercent: { min: 2.8, max: 4.5 },
};

export const project = {
  id: 'PRJ-001',
  name: '碳化硅功率器件中试',
  sector: 'c3972',
  trl: 6,
  round: 'preA',
  need: { amount: 3e7, instrument: 'equity' },
  valuation: 2e8,
  region: '310115',
};

export const investor = {
  id: 'INV-001',
  name: '国家中小企业发展基金某子基金',
  kind: 'governmentGuidanceFund',
  targetSectors: ['C39', 'M'],
  rounds: ['angel', 'preA', 'A'],
  trl: { min: 4, max: 8 },
  ticket: { min: 5e6, max: 5e7 },
  regions: ['31', '32', '33'],
  capacity: 20,
};

export const interaction = {
  id: 'INT-1',
  subjectKind: 'enterprise',
  subjectId: 'ENT-0001',
  itemKind: 'product',
  itemId: 'PRD-SRDI-LOAN',
  kind: 'funded',
  date: '2025-03-01',
  amount: 5e6,
};

export const chain = {
  id: 'CHAIN-IC',
  name: '集成电路产业链',
  nameEn: 'Integrated circuits',
  sectors: ['C397', '6520'],
  leaderIds: ['ENT-0001'],
};

export const zone = {
  id: 'ZONE-SRDI',
  name: '专精特新专区',
  kind: 'srdi',
  sectors: ['C'],
  regions: ['32', '3205'],
};

/** The valid fixture of every kind. */
export const FIXTURES: Readonly<Record<RecordKind, Record<string, unknown>>> = {
  enterprise,
  institution,
  product,
  project,
  investor,
  interaction,
  chain,
  zone,
};

/** A deep copy with `value` set at `path` (dot/bracket path), for mutation tests. */
export function withValue<T>(record: T, path: string, value: unknown): T {
  const copy = structuredClone(record) as Record<string, unknown>;
  const keys = path.split(/\.|\[|\]/).filter((k) => k !== '');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy as T;
}
