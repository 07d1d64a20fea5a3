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
 * 17.0 ms, their p50 unchanged; the warm-up itself cost 25–37 ms (≈ 1.5 % of the
 * build). It only moves work that the first calls would otherwise do, so it runs once per
 * process and market (the compiled code is the process's, not the index's), only on the
 * columnar path, and only for an index large enough that its build dwarfs it
 * ({@link WARM_UP_MIN_ROWS}).
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
 * Indexes with fewer subjects are not warmed up. The warm-up costs ≈ 25–40 ms whatever the
 * index's size (compiling four targets against its dictionaries, ranking them over
 * {@link WARM_UP_ROWS} rows, all of it cold code); from 65,536 enterprises (a build of
 * ≈ 0.4 s) that is under 10 % of the build, at seed scale ≈ 1.5 %.
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
 * Sample products: four common kinds (products.md: a credit loan, supply-chain finance, a
 * venture equity fund, an S&T-achievement conversion loan) with sector, stage, SRDI, amount,
 * term, region and collateral conditions and Chinese text, so the warm-up takes each rule's
 * and factor's path. They name no chain or zone, which the caller's reference data may not
 * hold. Never returned: they are only ranked and dropped.
 */
const SAMPLE_PRODUCTS: readonly FinancialProductInput[] = [
  {
    id: 'finmatch-warm-up-1',
    institutionId: 'finmatch-warm-up',
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
    combinesWith: [],
    chains: [],
    zones: [],
    text: '示例银行科创信用贷，面向处于初创期、成长期、扩张期、成熟期的专精特新中小企业，额度50万元至3000万元，期限12–36个月，纯信用、无需抵押。适用于补充流动资金、研发投入。',
  },
  {
    id: 'finmatch-warm-up-2',
    institutionId: 'finmatch-warm-up',
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
    combinesWith: [],
    chains: [],
    zones: [],
    text: '示例银行产业链供应链融资，面向纺织业、通用设备制造业、计算机通信和其他电子设备制造业的中小企业，需提供应收账款质押或存货质押。',
  },
  {
    id: 'finmatch-warm-up-3',
    institutionId: 'finmatch-warm-up',
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
    combinesWith: [],
    chains: [],
    zones: [],
    text: '示例创业投资基金股权投资，面向处于种子期至上市前的中小企业，额度100万元至2000万元，无需抵质押。',
  },
  {
    id: 'finmatch-warm-up-4',
    institutionId: 'finmatch-warm-up',
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
    combinesWith: [],
    chains: [],
    zones: [],
    text: '示例银行科技成果转化贷，面向通用设备制造业、软件和信息技术服务业处于初创期、成长期的专精特新中小企业，需知识产权质押或担保。',
  },
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
