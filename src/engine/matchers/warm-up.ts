/**
 * The warm-up of a large index: before an index of many subjects is returned, a few sample
 * targets are ranked over its first rows, so that V8 has compiled the scan's loops, the
 * target compilation, the factors' kernels and the materialisation of the top before the
 * caller's first call, instead of inside it.
 *
 * Why: a cold process runs each of these functions in the interpreter until V8 has seen
 * enough of it, and a loop over 10⁵ candidates met first inside a call runs there until
 * on-stack replacement. Measured at seed scale (345,800 enterprises, this repository's 2-core
 * VM) by `node bench/first-calls.mjs --runs=6 --baseline=…` (fresh processes, the two builds
 * alternated): the first `prospectEnterprises(product, { k: 100 })` after
 * `createEnterpriseIndex` took a median 14.3 ms with the warm-up against 17.7 ms without
 * (faster in 5 of 6 paired runs), and the next 60 products' first calls a p95 of 9.9 against
 * 17.0 ms, their p50 unchanged; the warm-up itself, with the four samples it had then, cost
 * 25–37 ms (≈ 1.5 % of the build). It only moves work that the first calls would otherwise
 * do, so it runs once per process and market (the compiled code is the process's, not the
 * index's), only on the columnar path, and only for an index large enough that its build
 * dwarfs it ({@link WARM_UP_MIN_ROWS}).
 *
 * Each sample is ranked over the first {@link WARM_UP_ROWS} rows, or, for a narrow sample
 * whose lead rule passes fewer rows than that, over the rows of that rule's postings (the
 * scan takes the smaller candidate list); then its coded kernel factors are computed for every
 * distinct value of their columns that its rules let through, as a broad product's first call
 * computes them (thousands of amounts at seed scale): ranked over the first rows alone, the
 * samples called the amount fit's kernel too few times for V8 to optimise it, and its
 * optimised code arrived three calls into the caller's work.
 * `node bench/first-calls.mjs --runs=8 --baseline=…` (fresh processes, alternated): the first
 * call's median 12.3 → 8.5 ms, the next 60 products' first calls p50 3.92 → 3.61 ms and p95
 * 14.8 → 11.8 ms, the build's median 2.10 → 2.14 s (within its noise).
 *
 * The samples are one product of each type ({@link SAMPLE_PRODUCTS}): with four, a first call
 * of another type (an M&A loan, a bond, an equipment-renewal loan naming a candidate list)
 * still ran code V8 was optimising during it (`--trace-opt` showed the top's materialisation,
 * the heap, the postings' candidate loops and the token tables compiled inside the first
 * pass). `node bench/first-calls.mjs --runs=12 --baseline=…` (fresh processes, alternated):
 * the next 60 products' first calls p50 2.57 → 2.25 ms and p95 7.62 → 6.71 ms (lower in 8 of
 * 12 paired runs), the first call 6.9 → 6.8 ms; in two more series (10 and 6 runs) p95
 * 7.14 → 5.73 and 6.07 → 6.08 ms, the first call 8.0 → 4.4 and 7.0 → 6.4 ms. The warm-up
 * itself takes 54–102 ms instead of 20–38 ms (3–5 % of the build), ≈ 45 ms more; the build's
 * median moved by 0.0, +0.31 and +0.22 s in the three series, within the ±0.3 s its
 * validation and encoding (code this change does not touch) swing by from run to run in an
 * instrumented build, where the warm-up added 28–61 ms in 8 paired runs. Five samples'
 * conditions were then brought closer to products.md; a series of 10 runs of that build: p95
 * 7.27 → 6.69 ms (lower in 8 of 10, median paired difference −1.1 ms), p50 2.67 → 1.90 ms,
 * the first call 6.1 → 6.8 ms, the build's median 1.61 → 1.68 s, the warm-up 62–105 ms.
 *
 * It never changes a result: the sample targets are compiled outside the index's
 * compiled-target cache (its contents and counts are unchanged) and ranked over scratch
 * buffers; what they fill on the way is what any first call fills (the columns' postings and
 * token tables, a shipped part's memo of values keyed by their inputs). It runs only when every
 * part of the profile is one finmatch ships ({@link shippedOnly}): a custom part could count
 * or log the calls it sees, and would see targets the caller never gave.
 *
 * @module
 */
import type { Locale } from '../../i18n/locale.js';
import { parseRecord } from '../../model/parse.js';
import type { FinancialProductInput, InvestorInput } from '../../model/types.js';
import type { MarketKind, Profile, ProfilePlan } from '../types.js';
import { profileToSpec, type PartRef } from '../profiles/spec.js';
import { SHIPPED_PARTS } from '../profiles/registry.js';

/**
 * Indexes with fewer subjects are not warmed up. The warm-up costs ≈ 50–100 ms whatever the
 * index's size (compiling eighteen targets against its dictionaries, ranking them over
 * {@link WARM_UP_ROWS} rows, most of it cold code); at 65,536 seed-market enterprises (a build
 * of ≈ 0.63 s) it took 60–67 ms, ≈ 10 % of the build (21–44 ms with four samples; four fresh
 * processes of each build alternated, ad hoc `.tmp` script, 2026-12-06), at seed scale 3–5 %.
 */
export const WARM_UP_MIN_ROWS = 65536;

/**
 * Rows each sample target is ranked over: enough loop iterations for V8 to optimise the
 * scan's column loops (the same count `warmScanLoops` uses), few enough to cost a few
 * milliseconds per target.
 */
export const WARM_UP_ROWS = 16384;

/** Results ranked per sample target: a bank's page of prospects (the benchmark's k). */
export const WARM_UP_K = 100;

/**
 * Sample product `n`: `fields` and what every sample shares — an id no caller uses, one
 * institution, and no chain, zone or combined product (the caller's reference data and
 * catalogue may not hold them).
 */
function sample(
  n: number,
  fields: Omit<FinancialProductInput, 'id' | 'institutionId' | 'combinesWith' | 'chains' | 'zones'>,
): FinancialProductInput {
  return {
    id: `finmatch-warm-up-${n}`,
    institutionId: 'finmatch-warm-up',
    ...fields,
    combinesWith: [],
    chains: [],
    zones: [],
  };
}

/**
 * Sample products: one of each product type (`PRODUCT_TYPES`), with conditions modelled on what
 * products.md says of that type (sections A1–A11 and B: sector, stage, SRDI tier, amount, term,
 * collateral, candidate lists; regions, minimum revenue and rates as typical values where it gives
 * none) and Chinese text, so the warm-up takes each rule's and factor's path, and each template's
 * first outcomes, as a catalogue's first calls do. Four samples of four common kinds left the first
 * calls of the other kinds to run code V8 had not optimised for them (see the module comment). They
 * name no chain, zone or combined product, which the caller's reference data and catalogue may not
 * hold. Never returned: they are only ranked and dropped.
 */
const SAMPLE_PRODUCTS: readonly FinancialProductInput[] = [
  sample(1, {
    name: '示例银行科创信用贷',
    type: 'creditLoan',
    instrument: 'loan',
    targetSectors: [],
    excludedSectors: ['J', 'K'],
    stages: ['startup', 'growth', 'expansion', 'mature'],
    minSrdiTier: 'srdi',
    amount: { min: 500000, max: 30000000 },
    termMonths: { min: 12, max: 36 },
    regions: [],
    collateral: { required: [], accepted: ['credit'] },
    minYearsOperating: 2,
    policyTags: ['inclusive'],
    requiredPolicyLists: [],
    ratePercent: { min: 3.85, max: 4.95 },
    text: '示例银行科创信用贷，面向处于初创期、成长期、扩张期、成熟期的专精特新中小企业，额度50万元至3000万元，期限12–36个月，纯信用、无需抵押。适用于补充流动资金、研发投入。',
  }),
  sample(2, {
    name: '示例银行产业链供应链融资',
    type: 'supplyChainFinance',
    instrument: 'loan',
    targetSectors: ['C17', 'C34', 'C39'],
    excludedSectors: [],
    stages: ['startup', 'growth', 'expansion', 'mature'],
    minSrdiTier: 'none',
    amount: { min: 500000, max: 50000000 },
    termMonths: { min: 3, max: 12 },
    regions: [],
    collateral: { required: ['receivables', 'inventory'], accepted: ['receivables', 'inventory'] },
    policyTags: ['inclusive'],
    requiredPolicyLists: [],
    ratePercent: { min: 3.55, max: 3.9 },
    text: '示例银行产业链供应链融资，面向纺织业、通用设备制造业、计算机通信和其他电子设备制造业的中小企业，需提供应收账款质押或存货质押。',
  }),
  sample(3, {
    name: '示例创业投资基金股权投资',
    type: 'ventureEquity',
    instrument: 'equity',
    targetSectors: [],
    excludedSectors: [],
    stages: ['seed', 'startup', 'growth', 'expansion', 'preIPO'],
    minSrdiTier: 'none',
    amount: { min: 1000000, max: 20000000 },
    termMonths: { min: 12, max: 120 },
    regions: ['32', '31'],
    collateral: { required: [], accepted: [] },
    policyTags: [],
    requiredPolicyLists: [],
    text: '示例创业投资基金股权投资，面向处于种子期至上市前的中小企业，额度100万元至2000万元，无需抵质押。',
  }),
  sample(4, {
    name: '示例银行科技成果转化贷',
    type: 'techConversionLoan',
    instrument: 'loan',
    targetSectors: ['C34', 'C37', 'I65'],
    excludedSectors: [],
    stages: ['startup', 'growth'],
    minSrdiTier: 'srdi',
    amount: { min: 1000000, max: 20000000 },
    termMonths: { min: 12, max: 60 },
    regions: [],
    collateral: { required: ['ipPledge', 'guarantee'], accepted: ['ipPledge', 'guarantee'] },
    policyTags: ['techConversion'],
    requiredPolicyLists: [],
    ratePercent: { min: 3.45, max: 3.8 },
    text: '示例银行科技成果转化贷，面向通用设备制造业、软件和信息技术服务业处于初创期、成长期的专精特新中小企业，需知识产权质押或担保。',
  }),
  sample(5, {
    name: '示例银行专精特新专项贷',
    type: 'srdiSpecialLoan',
    instrument: 'loan',
    targetSectors: [],
    excludedSectors: [],
    stages: ['growth', 'expansion', 'mature'],
    minSrdiTier: 'littleGiant',
    amount: { min: 10000000, max: 100000000 },
    termMonths: { min: 12, max: 120 },
    regions: [],
    collateral: { required: [], accepted: ['credit', 'guarantee'] },
    policyTags: ['srdiSpecial'],
    requiredPolicyLists: [],
    ratePercent: { min: 3.0, max: 3.8 },
    text: '示例银行专精特新专项贷，面向成长期至成熟期的专精特新“小巨人”企业，额度1000万元至1亿元，期限最长10年，信用或担保方式。',
  }),
  sample(6, {
    name: '示例银行工信数转贷',
    type: 'digitalTransformationLoan',
    instrument: 'loan',
    targetSectors: ['C'],
    excludedSectors: [],
    stages: ['startup', 'growth', 'expansion', 'mature'],
    minSrdiTier: 'none',
    amount: { min: 500000, max: 20000000 },
    termMonths: { min: 12, max: 60 },
    regions: [],
    collateral: { required: [], accepted: ['credit', 'equipment'] },
    policyTags: ['digitalTransformation'],
    requiredPolicyLists: ['digitalTransformationPilot'],
    ratePercent: { min: 3.15, max: 3.8 },
    text: '示例银行工信数转贷，面向数字化转型试点城市的制造业中小企业，支持ERP、MES、工业互联网和智能车间项目，额度50万元至2000万元，期限1至5年。',
  }),
  sample(7, {
    name: '示例银行中试险加研发贷',
    type: 'pilotInsuranceRnDLoan',
    instrument: 'loan',
    targetSectors: ['C'],
    excludedSectors: [],
    stages: ['startup', 'growth'],
    minSrdiTier: 'techSme',
    amount: { min: 5000000, max: 300000000 },
    termMonths: { min: 36, max: 144 },
    regions: [],
    collateral: { required: [], accepted: ['credit', 'guarantee'] },
    policyTags: ['pilotInsurance', 'techConversion'],
    requiredPolicyLists: [],
    ratePercent: { min: 3.4, max: 3.9 },
    text: '示例银行中试险加研发贷，面向处于中试阶段的科技型中小企业，以中试综合保险承保的研发或中试线项目贷款，额度500万元至3亿元，期限3至12年。',
  }),
  sample(8, {
    name: '示例银行科技创新和技术改造再贷款支持贷款',
    type: 'techReloanLoan',
    instrument: 'loan',
    targetSectors: [],
    excludedSectors: [],
    stages: ['startup', 'growth', 'expansion', 'mature'],
    minSrdiTier: 'techSme',
    amount: { min: 5000000, max: 200000000 },
    termMonths: { min: 12, max: 36 },
    regions: [],
    collateral: { required: [], accepted: ['credit', 'guarantee'] },
    policyTags: ['techReloan'],
    requiredPolicyLists: ['techReloanCandidates'],
    ratePercent: { min: 2.95, max: 4 },
    text: '示例银行科技创新和技术改造再贷款支持贷款，面向列入备选企业名单的科技型中小企业首贷和技术改造项目，期限1至3年。',
  }),
  sample(9, {
    name: '示例银行无还本续贷',
    type: 'loanRenewal',
    instrument: 'loan',
    targetSectors: [],
    excludedSectors: ['J', 'K'],
    stages: ['growth', 'expansion', 'mature'],
    minSrdiTier: 'none',
    amount: { min: 1000000, max: 30000000 },
    termMonths: { min: 12, max: 36 },
    regions: [],
    collateral: { required: [], accepted: ['credit', 'realEstate', 'guarantee', 'receivables'] },
    policyTags: ['inclusive'],
    requiredPolicyLists: [],
    ratePercent: { min: 3.6, max: 4.25 },
    text: '示例银行无还本续贷，面向流动资金贷款即将到期、经营正常、信用良好的小微企业，续贷无需先还本金，沿用原贷款的担保方式。',
  }),
  sample(10, {
    name: '示例银行设备更新贷款',
    type: 'equipmentRenewalLoan',
    instrument: 'loan',
    targetSectors: ['C'],
    excludedSectors: ['C25'],
    stages: ['growth', 'expansion', 'mature'],
    minSrdiTier: 'none',
    amount: { min: 5000000, max: 200000000 },
    termMonths: { min: 36, max: 120 },
    regions: ['33'],
    collateral: { required: ['equipment'], accepted: ['equipment', 'guarantee'] },
    policyTags: ['equipmentRenewal', 'techReloan'],
    requiredPolicyLists: ['equipmentRenewalProjects'],
    ratePercent: { min: 2.8, max: 3.8 },
    text: '示例银行设备更新贷款，面向列入设备更新项目清单的制造业企业，设备抵押加担保，额度500万元至2亿元，期限3至10年，可享财政贴息。',
  }),
  sample(11, {
    name: '示例银行知识产权质押贷',
    type: 'ipPledgeLoan',
    instrument: 'loan',
    targetSectors: [],
    excludedSectors: ['J', 'K'],
    stages: ['startup', 'growth', 'expansion'],
    minSrdiTier: 'techSme',
    amount: { min: 1000000, max: 50000000 },
    termMonths: { min: 12, max: 36 },
    regions: [],
    collateral: { required: ['ipPledge'], accepted: ['ipPledge', 'guarantee'] },
    policyTags: ['techConversion'],
    requiredPolicyLists: [],
    ratePercent: { min: 3.3, max: 4.2 },
    text: '示例银行知识产权质押贷，以有效专利权、商标权质押，面向科技型中小企业，额度100万元至5000万元，期限1至3年。',
  }),
  sample(12, {
    name: '示例银行科技企业并购贷款',
    type: 'mnaLoan',
    instrument: 'loan',
    targetSectors: [],
    excludedSectors: ['J', 'K'],
    stages: ['expansion', 'mature', 'preIPO'],
    minSrdiTier: 'littleGiant',
    amount: { min: 50000000, max: 1000000000 },
    termMonths: { min: 36, max: 120 },
    regions: [],
    collateral: {
      required: ['equityPledge'],
      accepted: ['equityPledge', 'realEstate', 'guarantee'],
    },
    minAnnualRevenue: 100000000,
    policyTags: [],
    requiredPolicyLists: [],
    ratePercent: { min: 3.35, max: 4.5 },
    text: '示例银行科技企业并购贷款，支持链主企业控股型并购，贷款不超过交易价款的80%，期限最长10年，以标的股权质押。',
  }),
  sample(13, {
    name: '示例区域性股权市场专精特新专板',
    type: 'regionalEquityBoard',
    instrument: 'listing',
    targetSectors: [],
    excludedSectors: [],
    stages: ['startup', 'growth', 'expansion'],
    minSrdiTier: 'techSme',
    amount: { min: 2000000, max: 50000000 },
    termMonths: { min: 12, max: 120 },
    regions: ['32'],
    collateral: { required: [], accepted: [] },
    policyTags: ['srdiSpecial'],
    requiredPolicyLists: [],
    text: '示例区域性股权市场专精特新专板，为成长期专精特新中小企业提供挂牌展示、股权融资和上市培育服务。',
  }),
  sample(14, {
    name: '示例上市绿色通道',
    type: 'ipoGreenChannel',
    instrument: 'listing',
    targetSectors: [],
    excludedSectors: [],
    stages: ['mature', 'preIPO'],
    minSrdiTier: 'littleGiant',
    amount: { min: 100000000, max: 2000000000 },
    termMonths: { min: 12, max: 120 },
    regions: [],
    collateral: { required: [], accepted: [] },
    minYearsOperating: 3,
    minAnnualRevenue: 100000000,
    policyTags: ['srdiSpecial'],
    requiredPolicyLists: [],
    text: '示例上市绿色通道，面向上市前阶段的专精特新“小巨人”和单项冠军企业，北交所、新三板审核绿色通道。',
  }),
  sample(15, {
    name: '示例科技创新债券',
    type: 'bond',
    instrument: 'bond',
    targetSectors: [],
    excludedSectors: [],
    stages: ['expansion', 'mature', 'preIPO'],
    minSrdiTier: 'littleGiant',
    amount: { min: 100000000, max: 1000000000 },
    termMonths: { min: 24, max: 60 },
    regions: [],
    collateral: { required: [], accepted: ['guarantee'] },
    minAnnualRevenue: 100000000,
    policyTags: ['techConversion'],
    requiredPolicyLists: [],
    ratePercent: { min: 2.5, max: 3.4 },
    text: '示例科技创新债券，面向扩张期至上市前的科技企业，单期1亿元至10亿元，期限2至5年，可附增信。',
  }),
  sample(16, {
    name: '示例融资租赁公司设备直租',
    type: 'financialLeasing',
    instrument: 'leasing',
    targetSectors: ['C'],
    excludedSectors: [],
    stages: ['growth', 'expansion', 'mature'],
    minSrdiTier: 'none',
    amount: { min: 1000000, max: 300000000 },
    termMonths: { min: 24, max: 60 },
    regions: ['44'],
    collateral: { required: ['equipment'], accepted: ['equipment', 'guarantee'] },
    policyTags: ['equipmentRenewal', 'green'],
    requiredPolicyLists: [],
    ratePercent: { min: 3.9, max: 4.35 },
    text: '示例融资租赁公司设备直租与售后回租，面向设备密集的制造业企业新建产线，首付10%至30%，期限2至5年。',
  }),
  sample(17, {
    name: '示例政府性融资担保',
    type: 'guarantee',
    instrument: 'guarantee',
    targetSectors: [],
    excludedSectors: ['J', 'K'],
    stages: ['startup', 'growth'],
    minSrdiTier: 'none',
    amount: { min: 100000, max: 10000000 },
    termMonths: { min: 6, max: 36 },
    regions: ['37', '41'],
    collateral: { required: [], accepted: ['credit', 'guarantee'] },
    policyTags: ['inclusive'],
    requiredPolicyLists: [],
    text: '示例省级政府性融资担保，面向山东、河南的小微企业，单户担保金额1000万元以下，500万元以下业务优先。',
  }),
  sample(18, {
    name: '示例科技保险首台套保险',
    type: 'techInsurance',
    instrument: 'insurance',
    targetSectors: ['C34', 'C35', 'C40'],
    excludedSectors: [],
    stages: ['startup', 'growth', 'expansion'],
    minSrdiTier: 'techSme',
    amount: { min: 1000000, max: 300000000 },
    termMonths: { min: 12, max: 60 },
    regions: [],
    collateral: { required: [], accepted: [] },
    policyTags: [],
    requiredPolicyLists: [],
    text: '示例科技保险，承保首台（套）重大技术装备和首批次新材料，面向通用设备、专用设备和仪器仪表制造业的创新企业，保费可获补贴。',
  }),
];

/**
 * Sample investors (stages-and-investors.md: a government guidance fund investing through
 * sub-funds, a private VC/PE fund with sector and TRL preferences). As {@link SAMPLE_PRODUCTS}.
 */
const SAMPLE_INVESTORS: readonly InvestorInput[] = [
  {
    id: 'finmatch-warm-up-1',
    name: '示例产业投资基金',
    kind: 'governmentGuidanceFund',
    targetSectors: [],
    excludedSectors: ['K'],
    rounds: ['seed', 'angel', 'preA', 'A'],
    ticket: { min: 5000000, max: 80000000 },
    regions: ['41'],
    capacity: 5,
    investsVia: 'subfund',
    thesis:
      '政府引导基金，通过子基金投早投小投硬科技；行业不限，偏好种子轮、天使轮、Pre-A轮、A轮项目。',
  },
  {
    id: 'finmatch-warm-up-2',
    name: '示例创业投资基金',
    kind: 'privateVCPE',
    targetSectors: ['C39', 'I65'],
    excludedSectors: [],
    rounds: ['A', 'B', 'C'],
    trl: { min: 5, max: 9 },
    ticket: { min: 10000000, max: 100000000 },
    regions: [],
    capacity: 8,
    thesis: '创业投资基金，偏好电子信息与软件领域，技术成熟度TRL5–9的A轮至C轮项目。',
  },
];

const SAMPLES: Readonly<Record<MarketKind, readonly unknown[]>> = {
  enterpriseProduct: SAMPLE_PRODUCTS,
  projectInvestor: SAMPLE_INVESTORS,
};

/** Markets warmed up in this process (the compiled code is the process's). */
const warmed = new Set<MarketKind>();

/**
 * The sample targets of `market`, validated as a call validates its target (the same
 * validator, which the warm-up then runs warm too).
 */
export function warmUpTargets<T>(market: MarketKind, locale: Locale): T[] {
  return SAMPLES[market].map((input) =>
    parseRecord(market === 'enterpriseProduct' ? 'product' : 'investor', input, { locale }),
  ) as T[];
}

/**
 * Whether an index of `rows` subjects under `profile`, ranked on `path`, is warmed up: the
 * first of its market in this process with at least {@link WARM_UP_MIN_ROWS} subjects, on the
 * columnar path (the reference loop has nothing to warm up), every part of whose profile is
 * one finmatch ships ({@link shippedOnly}). Marks the market warmed when it answers yes.
 */
export function claimWarmUp<S, T>(
  market: MarketKind,
  profile: Profile<S, T>,
  rows: number,
  path: ProfilePlan['path'],
): boolean {
  if (warmed.has(market) || rows < WARM_UP_MIN_ROWS || path !== 'columnar') return false;
  if (!shippedOnly(profile)) return false;
  warmed.add(market);
  return true;
}

/**
 * Whether every rule, factor, strategy and re-ranker of `profile` is a part finmatch ships: its
 * spec names a kind of the shipped registry, which a spec round trip ({@link profileToSpec},
 * `profileFromSpec`) would rebuild it from. A part declaring a shipped kind is taken at its
 * word, as that round trip takes it; a part without a spec, or with a kind the registry does
 * not hold, is custom code.
 */
export function shippedOnly<S, T>(profile: Profile<S, T>): boolean {
  const spec = profileToSpec(profile);
  const parts = SHIPPED_PARTS.markets[spec.market];
  const known = (ref: PartRef, kinds: Readonly<Record<string, unknown>>) =>
    ref.kind !== undefined && Object.hasOwn(kinds, ref.kind);
  return (
    spec.rules.every((r) => known(r, parts.rules)) &&
    spec.factors.every((f) => known(f, parts.factors)) &&
    known(spec.strategy, SHIPPED_PARTS.strategies) &&
    spec.rerankers.every((r) => known(r, SHIPPED_PARTS.rerankers))
  );
}

/**
 * Warms `ranker` up with the sample targets of `market` when {@link claimWarmUp} says so. The
 * warm-up is an optimisation: were a shipped part to throw on a sample target, the index is
 * still whole and is returned as it is (the same part would report the error on a real call).
 */
export function warmUpIndex<S, T>(
  market: MarketKind,
  profile: Profile<S, T>,
  locale: Locale,
  ranker: {
    readonly plan: ProfilePlan;
    readonly subjects: readonly S[];
    warmUp?(targets: readonly T[], rows: number, k: number): void;
  },
): void {
  if (!ranker.warmUp || !claimWarmUp(market, profile, ranker.subjects.length, ranker.plan.path))
    return;
  try {
    ranker.warmUp(warmUpTargets<T>(market, locale), WARM_UP_ROWS, WARM_UP_K);
  } catch {
    // Nothing to undo: the warm-up ranks outside every cache a call reads.
  }
}
