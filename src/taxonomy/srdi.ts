/**
 * The SRDI (专精特新) ladder's official recognition criteria, versioned by date.
 *
 * Two rule sets are encoded (../shared/domain/srdi.md §0):
 * - `'2022'`: 《优质中小企业梯度培育管理暂行办法》 工信部企业〔2022〕63号, in force 2022-08-01 [M];
 * - `'2026'`: 《优质中小企业梯度培育管理办法》 工信部企业〔2026〕2号, effective 2026-04-01 [3P].
 *
 * Only criteria that srdi.md states as numbers are encoded as data; each carries a source tag
 * (`V` verified, `3P` third party, `M` memory, as in srdi.md). Everything else (awards,
 * R&D institutions, "relatively high" market share, 六基/chain position, legal compliance) is
 * listed in {@link SrdiTierCriteria.manualReview} for an officer to check by hand.
 *
 * The champion tier (制造业单项冠军) is recognised under its own measures
 * (工信部政法〔2023〕138号, srdi.md §5), which both rule sets share.
 *
 * Nothing here loads zod; importing it is cheap.
 *
 * @module
 */
import { OptionError, ValidationError, type ValidationIssue } from '../errors.js';
import { DEFAULT_LOCALE, formatYuan, type Locale, type LocalizedText } from '../i18n/locale.js';
import { SRDI_RULE_SETS, type SrdiRuleSetId } from '../model/enums.js';
import { SRDI_CERTIFICATE_YEARS, SRDI_TIERS, srdiRank, type SrdiTier } from './ladders.js';
import {
  DATE_EXPECTED,
  dateParts,
  daysInMonth,
  formatDate,
  isCalendarDate,
} from '../util/dates.js';

/** A tier that can be certified (every tier but `'none'`). */
export type SrdiCertifiedTier = Exclude<SrdiTier, 'none'>;

/** The certifiable tiers, bottom to top. */
export const SRDI_CERTIFIED_TIERS: readonly SrdiCertifiedTier[] = Object.freeze([
  'techSme',
  'srdi',
  'littleGiant',
  'champion',
]);

/**
 * Raw signals an enterprise may provide for {@link checkSrdiCriteria}. Every field is optional:
 * a criterion whose signal is missing is reported as `'missing'`, never guessed. Amounts are in
 * yuan, shares and ratios are fractions (0.03 = 3%), "last year" is the last full fiscal year.
 */
export interface SrdiSignals {
  /** Last year's operating revenue (上年度营业收入), yuan. */
  annualRevenue?: number;
  /** The year before last's operating revenue, yuan. */
  annualRevenuePriorYear?: number;
  /** Average main-business revenue over the last 3 years, yuan (single-champion line). */
  mainRevenueThreeYearAverage?: number;
  /** Main-business revenue / operating revenue (主营业务收入占比), fraction in [0, 1]. */
  mainBusinessShare?: number;
  /** Average annual growth (CAGR) of main-business revenue over the last 2 years, fraction; may be negative. */
  mainRevenueGrowth?: number;
  /** Debt-to-asset ratio at the end of last year (资产负债率), fraction. */
  debtRatio?: number;
  /** Last year's R&D expense (研发费用), yuan. */
  rdExpense?: number;
  /** The year before last's R&D expense, yuan. */
  rdExpensePriorYear?: number;
  /** R&D expense over the last 2 years; derived as the sum of the two years when absent. */
  rdExpenseTwoYearTotal?: number;
  /** Last year's R&D expense / operating revenue; derived from the amounts when absent. */
  rdIntensity?: number;
  /** The year before last's R&D intensity; derived from the amounts when absent. */
  rdIntensityPriorYear?: number;
  /** R&D staff / all employees, fraction. */
  rdStaffShare?: number;
  /** Years in the specific niche market (从事特定细分市场时间), as of the end of last year. */
  nicheYears?: number;
  /** Class I IP (Ⅰ类知识产权) related to the main product, owned (not transferred in) and applied. */
  classOneIpCount?: number;
  /** New paid-in equity from qualified institutional investors over the last 2 years, yuan. */
  equityFinancingTwoYears?: number;
  /** New paid-in equity from qualified institutional investors over the last 3 years, yuan. */
  equityFinancingThreeYears?: number;
  /** National niche market share of the main product, fraction. */
  marketShare?: number;
  /** Rank of the main product in the domestic niche market (1 = first). */
  domesticMarketRank?: number;
  /** Rank of the main product in the global niche market (1 = first). */
  globalMarketRank?: number;
  /** Last year's score on MIIT's cultivation platform under 工信厅企业〔2024〕75号 (0–100). */
  platformScore?: number;
  /** The previous year's platform score (0–100); counts at review (复核). */
  platformScorePriorYear?: number;
  /** Total score on the tier's 2022 evaluation sheet (0–100), as self-assessed or as assessed. */
  evaluationScore?: number;
  /** Innovation sub-score of the innovative-SME sheet (max 40). */
  innovationScore?: number;
  /** Growth sub-score of the innovative-SME sheet (max 30). */
  growthScore?: number;
  /** Specialisation sub-score of the innovative-SME sheet (max 30). */
  specialisationScore?: number;
}

/** The name of a numeric signal. */
export type SrdiSignalName = keyof SrdiSignals;

/** How a signal is measured, for validation and formatting. */
export type SrdiSignalUnit =
  /** Yuan, ≥ 0. */
  | 'yuan'
  /** A fraction ≥ 0 (share, intensity, debt ratio), shown as a percentage. */
  | 'fraction'
  /** A growth rate, any finite fraction ≥ −1, shown as a percentage. */
  | 'growth'
  /** Whole or fractional years, ≥ 0. */
  | 'years'
  /** A whole count, ≥ 0. */
  | 'count'
  /** A rank, a whole number ≥ 1. */
  | 'rank'
  /** A score in [0, 100]. */
  | 'score';

/** Description of one signal: names and unit. */
export interface SrdiSignalInfo {
  label: LocalizedText;
  unit: SrdiSignalUnit;
}

/** Names and units of every signal. */
export const SRDI_SIGNALS: Readonly<Record<SrdiSignalName, SrdiSignalInfo>> = Object.freeze({
  annualRevenue: { label: { zh: '上年度营业收入', en: "last year's revenue" }, unit: 'yuan' },
  annualRevenuePriorYear: {
    label: { zh: '前年营业收入', en: 'revenue of the year before last' },
    unit: 'yuan',
  },
  mainRevenueThreeYearAverage: {
    label: { zh: '近3年主营业务收入平均值', en: '3-year average main-business revenue' },
    unit: 'yuan',
  },
  mainBusinessShare: {
    label: { zh: '主营业务收入占营业收入比重', en: 'main-business share of revenue' },
    unit: 'fraction',
  },
  mainRevenueGrowth: {
    label: { zh: '近2年主营业务收入平均增长率', en: '2-year main-business revenue growth' },
    unit: 'growth',
  },
  debtRatio: { label: { zh: '资产负债率', en: 'debt-to-asset ratio' }, unit: 'fraction' },
  rdExpense: { label: { zh: '上年度研发费用', en: "last year's R&D expense" }, unit: 'yuan' },
  rdExpensePriorYear: {
    label: { zh: '前年研发费用', en: 'R&D expense of the year before last' },
    unit: 'yuan',
  },
  rdExpenseTwoYearTotal: {
    label: { zh: '近2年研发费用总额', en: 'R&D expense over the last 2 years' },
    unit: 'yuan',
  },
  rdIntensity: {
    label: { zh: '上年度研发费用占营业收入比重', en: "last year's R&D intensity" },
    unit: 'fraction',
  },
  rdIntensityPriorYear: {
    label: { zh: '前年研发费用占营业收入比重', en: 'R&D intensity of the year before last' },
    unit: 'fraction',
  },
  rdStaffShare: { label: { zh: '研发人员占比', en: 'R&D staff share' }, unit: 'fraction' },
  nicheYears: { label: { zh: '从事细分市场年限', en: 'years in the niche market' }, unit: 'years' },
  classOneIpCount: {
    label: { zh: '主导产品相关Ⅰ类知识产权', en: 'Class I IP on the main product' },
    unit: 'count',
  },
  equityFinancingTwoYears: {
    label: { zh: '近2年新增股权融资（实缴）', en: 'new paid-in equity, last 2 years' },
    unit: 'yuan',
  },
  equityFinancingThreeYears: {
    label: { zh: '近3年新增股权融资（实缴）', en: 'new paid-in equity, last 3 years' },
    unit: 'yuan',
  },
  marketShare: { label: { zh: '细分市场占有率', en: 'niche market share' }, unit: 'fraction' },
  domesticMarketRank: {
    label: { zh: '国内细分市场排名', en: 'domestic niche market rank' },
    unit: 'rank',
  },
  globalMarketRank: {
    label: { zh: '全球细分市场排名', en: 'global niche market rank' },
    unit: 'rank',
  },
  platformScore: { label: { zh: '培育平台评分', en: 'cultivation platform score' }, unit: 'score' },
  platformScorePriorYear: {
    label: { zh: '上一年培育平台评分', en: "previous year's platform score" },
    unit: 'score',
  },
  evaluationScore: { label: { zh: '评价得分', en: 'evaluation score' }, unit: 'score' },
  innovationScore: { label: { zh: '创新能力得分', en: 'innovation sub-score' }, unit: 'score' },
  growthScore: { label: { zh: '成长性得分', en: 'growth sub-score' }, unit: 'score' },
  specialisationScore: {
    label: { zh: '专业化程度得分', en: 'specialisation sub-score' },
    unit: 'score',
  },
});

/** One numeric comparison of a signal with a threshold. */
export interface SrdiThreshold {
  signal: SrdiSignalName;
  /** `>=` a floor, `<=` a ceiling, `<` a strict ceiling (revenue bands). */
  op: '>=' | '<=' | '<';
  value: number;
}

/** Provenance of a number, as tagged in srdi.md: verified, third-party, memory. */
export type SourceTag = 'V' | '3P' | 'M';

/** Stable ids of criteria, shared across rule sets where the meaning is the same. */
export type SrdiCriterionId =
  | 'evaluationScore'
  | 'nicheYears'
  | 'revenueOrEquity'
  | 'revenue'
  | 'mainBusinessShare'
  | 'mainRevenueGrowth'
  | 'debtRatio'
  | 'rdExpense'
  | 'rdIntensity'
  | 'rdIntensityByRevenueBand'
  | 'classOneIp'
  | 'marketShare'
  | 'platformScore'
  | 'globalMarketRank';

/**
 * One numeric criterion. It passes when any alternative in `anyOf` passes, and an
 * alternative passes when all its thresholds hold (a disjunction of conjunctions).
 */
export interface SrdiCriterion {
  id: SrdiCriterionId;
  /** What the criterion is, in words. */
  label: LocalizedText;
  anyOf: readonly (readonly SrdiThreshold[])[];
  /** At review (复核), replaces `anyOf` (e.g. a platform score in either of the last 2 years). */
  reviewAnyOf?: readonly (readonly SrdiThreshold[])[];
  /** Not checked at review (复核). */
  skipAtReview?: boolean;
  /** Provenance of the numbers. */
  tag: SourceTag;
  /** Document and section the numbers come from. */
  source: string;
}

/** The criteria of one tier under one rule set. */
export interface SrdiTierCriteria {
  /** The tier an applicant must already hold (tiers cannot be skipped), `'none'` when none. */
  requiresTier: SrdiTier;
  /** Numeric criteria, all required. */
  criteria: readonly SrdiCriterion[];
  /** Conditions that are not numeric in srdi.md and need an officer's review. */
  manualReview: readonly LocalizedText[];
}

/** A dated, versioned SRDI rule set. */
export interface SrdiRuleSet {
  ruleVersion: SrdiRuleSetId;
  /** First day (YYYY-MM-DD) on which new applications are judged by this set. */
  effectiveFrom: string;
  /** The measures' document number. */
  document: string;
  tiers: Readonly<Record<SrdiCertifiedTier, SrdiTierCriteria>>;
}

const t = (signal: SrdiSignalName, op: SrdiThreshold['op'], value: number): SrdiThreshold => ({
  signal,
  op,
  value,
});

const WAN = 1e4;
const YI = 1e8;

const DOC_2022 = '工信部企业〔2022〕63号';
const DOC_2026 = '工信部企业〔2026〕2号';
const DOC_CHAMPION = '工信部政法〔2023〕138号';

/**
 * 创新型中小企业 (2022 standard): total ≥ 60 with innovation ≥ 20, growth ≥ 15 and
 * specialisation ≥ 15, or ≥ 500万 new institutional equity in 3 years (srdi.md §2, [V]).
 * srdi.md §2 says provinces keep using it until the 2026 bottom-tier standard is published,
 * so both rule sets share it.
 */
const INNOVATIVE_SME: SrdiTierCriteria = {
  requiresTier: 'none',
  criteria: [
    {
      id: 'evaluationScore',
      label: { zh: '创新型中小企业评价', en: 'innovative-SME evaluation' },
      anyOf: [
        [
          t('evaluationScore', '>=', 60),
          t('innovationScore', '>=', 20),
          t('growthScore', '>=', 15),
          t('specialisationScore', '>=', 15),
        ],
        [t('equityFinancingThreeYears', '>=', 500 * WAN)],
      ],
      tag: 'V',
      source: '创新型中小企业评价标准 (srdi.md §2)',
    },
  ],
  manualReview: [
    {
      zh: '直通条件：近3年国家级或省级科技奖励；高新技术企业等有效称号；省部级以上研发机构',
      en: 'direct paths: national/provincial S&T award in 3 years; a valid high-tech (etc.) title; a provincial or higher R&D institution',
    },
    {
      zh: '2026 年"科技和创新型中小企业"标准尚未公布，暂按 2022 年创新型中小企业标准',
      en: 'the 2026 standard for technology-based and innovative SMEs is unpublished; the 2022 innovative-SME standard applies meanwhile',
    },
  ],
};

/** 制造业单项冠军 under the 2023 measures (srdi.md §5, [3P], two sources). */
const CHAMPION: SrdiTierCriteria = {
  requiresTier: 'none',
  criteria: [
    {
      id: 'nicheYears',
      label: { zh: '从事细分领域年限', en: 'years in the niche' },
      anyOf: [[t('nicheYears', '>=', 10)]],
      tag: '3P',
      source: `${DOC_CHAMPION} (srdi.md §5)`,
    },
    {
      id: 'revenue',
      label: { zh: '近3年主营业务收入平均值', en: '3-year average main-business revenue' },
      anyOf: [[t('mainRevenueThreeYearAverage', '>=', 4 * YI)]],
      tag: '3P',
      source: `${DOC_CHAMPION} (srdi.md §5)`,
    },
    {
      id: 'globalMarketRank',
      label: { zh: '单项产品全球市场占有率排名', en: 'global market rank of the product' },
      anyOf: [[t('globalMarketRank', '<=', 3)]],
      tag: '3P',
      source: `${DOC_CHAMPION} (srdi.md §5)`,
    },
  ],
  manualReview: [
    {
      zh: '新产品可按细分领域 ≥ 5 年；省级以上专精特新企业收入门槛或降至2亿（未证实）',
      en: 'new products need only ≥ 5 years in the niche; the revenue floor may drop to 2亿 for SRDI firms (unverified)',
    },
    {
      zh: '技术或工艺国际领先，利润率高于行业平均',
      en: 'technology or process internationally advanced; profit margin above the industry average',
    },
  ],
};

const SRDI_2022: SrdiTierCriteria = {
  requiresTier: 'techSme',
  criteria: [
    {
      id: 'nicheYears',
      label: { zh: '从事特定细分市场年限', en: 'years in the niche market' },
      anyOf: [[t('nicheYears', '>=', 2)]],
      tag: 'V',
      source: `${DOC_2022} 专精特新中小企业 1 (srdi.md §3)`,
    },
    {
      id: 'rdExpense',
      label: { zh: '上年度研发费用及占比', en: "last year's R&D expense and intensity" },
      anyOf: [[t('rdExpense', '>=', 100 * WAN), t('rdIntensity', '>=', 0.03)]],
      tag: 'V',
      source: `${DOC_2022} 专精特新中小企业 2 (srdi.md §3)`,
    },
    {
      id: 'revenueOrEquity',
      label: { zh: '营业收入或股权融资', en: 'revenue or equity financing' },
      anyOf: [
        [t('annualRevenue', '>=', 1000 * WAN)],
        [t('equityFinancingTwoYears', '>=', 2000 * WAN)],
      ],
      tag: 'V',
      source: `${DOC_2022} 专精特新中小企业 3 (srdi.md §3)`,
    },
    {
      id: 'evaluationScore',
      label: { zh: '评价得分或直通条件', en: 'evaluation score or a direct path' },
      // Average R&D over 2 years ≥ 1000万 is written as a 2-year total ≥ 2000万.
      anyOf: [
        [t('evaluationScore', '>=', 60)],
        [t('rdExpenseTwoYearTotal', '>=', 2000 * WAN)],
        [t('equityFinancingTwoYears', '>=', 6000 * WAN)],
      ],
      tag: 'V',
      source: `${DOC_2022} 专精特新中小企业 4 (srdi.md §3)`,
    },
  ],
  manualReview: [
    {
      zh: '直通条件：近3年省级科技奖励（前三）或国家级奖励（前五）；近3年创客中国全国500强',
      en: 'direct paths: provincial S&T award (top 3) or national award (top 5) in 3 years; 创客中国 national top 500 in 3 years',
    },
  ],
};

const LITTLE_GIANT_2022: SrdiTierCriteria = {
  requiresTier: 'srdi',
  criteria: [
    {
      id: 'nicheYears',
      label: { zh: '从事特定细分市场年限', en: 'years in the niche market' },
      anyOf: [[t('nicheYears', '>=', 3)]],
      tag: 'V',
      source: `${DOC_2022} 小巨人 专 (srdi.md §4)`,
    },
    {
      id: 'mainBusinessShare',
      label: { zh: '主营业务收入占比', en: 'main-business share' },
      anyOf: [[t('mainBusinessShare', '>=', 0.7)]],
      tag: 'V',
      source: `${DOC_2022} 小巨人 专 (srdi.md §4)`,
    },
    {
      id: 'mainRevenueGrowth',
      label: { zh: '近2年主营业务收入平均增长率', en: '2-year main-business growth' },
      anyOf: [[t('mainRevenueGrowth', '>=', 0.05)]],
      tag: 'V',
      source: `${DOC_2022} 小巨人 专 (srdi.md §4)`,
    },
    {
      id: 'debtRatio',
      label: { zh: '资产负债率', en: 'debt-to-asset ratio' },
      anyOf: [[t('debtRatio', '<=', 0.7)]],
      tag: 'V',
      source: `${DOC_2022} 小巨人 精 (srdi.md §4)`,
    },
    {
      id: 'marketShare',
      label: { zh: '全国细分市场占有率', en: 'national niche market share' },
      anyOf: [[t('marketShare', '>=', 0.1)]],
      tag: 'V',
      source: `${DOC_2022} 小巨人 特 (srdi.md §4)`,
    },
    {
      id: 'rdIntensityByRevenueBand',
      label: { zh: '按营收分档的研发投入', en: 'R&D by revenue band' },
      anyOf: [
        [
          t('annualRevenue', '>=', 1 * YI),
          t('rdIntensity', '>=', 0.03),
          t('rdIntensityPriorYear', '>=', 0.03),
        ],
        [
          t('annualRevenue', '>=', 5000 * WAN),
          t('annualRevenue', '<', 1 * YI),
          t('rdIntensity', '>=', 0.06),
          t('rdIntensityPriorYear', '>=', 0.06),
        ],
        [
          t('annualRevenue', '<', 5000 * WAN),
          t('equityFinancingTwoYears', '>=', 8000 * WAN),
          t('rdExpenseTwoYearTotal', '>=', 3000 * WAN),
          t('rdStaffShare', '>=', 0.5),
        ],
      ],
      // The ≥1亿 → 3% band is verified; the 6% band and the <5000万 path are from memory.
      tag: 'M',
      source: `${DOC_2022} 小巨人 新 (srdi.md §4)`,
    },
    {
      id: 'classOneIp',
      label: { zh: '主导产品相关Ⅰ类知识产权', en: 'Class I IP on the main product' },
      anyOf: [[t('classOneIpCount', '>=', 2)]],
      tag: 'M',
      source: `${DOC_2022} 小巨人 新 (srdi.md §4)`,
    },
  ],
  manualReview: [
    {
      zh: '精：核心业务采用信息系统；管理体系或发达国家产品认证',
      en: 'core business supported by an information system; management-system or developed-market product certification',
    },
    { zh: '特：自有品牌', en: 'an own brand' },
    {
      zh: '新：自建或合建研发机构；或直通：近3年国家级科技奖励（前三）、创客中国全国50强（可免研发与知识产权条件）',
      en: 'an own or joint R&D institution; or the direct path (national S&T award top 3, 创客中国 top 50), which waives the R&D and IP criteria',
    },
    {
      zh: '链：位于重点产业链关键环节，补短板、锻长板、填空白',
      en: 'at a key link of a key industrial chain (filling gaps, strengthening the chain)',
    },
    {
      zh: '品：主导产品属于工业"六基"、制造强国十大领域或网络强国重点领域',
      en: 'main product in 工业"六基", the ten 制造强国 sectors or 网络强国 key fields',
    },
  ],
};

const SRDI_2026: SrdiTierCriteria = {
  requiresTier: 'techSme',
  criteria: [
    {
      id: 'nicheYears',
      label: { zh: '从事特定细分市场年限', en: 'years in the niche market' },
      anyOf: [[t('nicheYears', '>=', 3)]],
      tag: '3P',
      source: `${DOC_2026} 附件1 (srdi.md §3)`,
    },
    {
      id: 'revenueOrEquity',
      label: { zh: '营业收入或股权融资', en: 'revenue or equity financing' },
      anyOf: [
        [t('annualRevenue', '>=', 1500 * WAN)],
        [t('equityFinancingTwoYears', '>=', 2000 * WAN)],
      ],
      tag: '3P',
      source: `${DOC_2026} 附件1 (srdi.md §3)`,
    },
    {
      id: 'mainBusinessShare',
      label: { zh: '主营业务收入占比', en: 'main-business share' },
      anyOf: [[t('mainBusinessShare', '>=', 0.8)]],
      tag: '3P',
      source: `${DOC_2026} 附件1 (srdi.md §3)`,
    },
    {
      id: 'debtRatio',
      label: { zh: '资产负债率', en: 'debt-to-asset ratio' },
      anyOf: [[t('debtRatio', '<=', 0.8)]],
      tag: '3P',
      source: `${DOC_2026} 附件1 (srdi.md §3)`,
    },
    {
      id: 'rdExpense',
      label: { zh: '近2年每年研发费用', en: 'R&D expense in each of the last 2 years' },
      anyOf: [[t('rdExpense', '>=', 100 * WAN), t('rdExpensePriorYear', '>=', 100 * WAN)]],
      tag: '3P',
      source: `${DOC_2026} 附件1 (srdi.md §3)`,
    },
    {
      id: 'rdIntensity',
      label: { zh: '近2年每年研发费用占比', en: 'R&D intensity in each of the last 2 years' },
      anyOf: [[t('rdIntensity', '>=', 0.03), t('rdIntensityPriorYear', '>=', 0.03)]],
      tag: '3P',
      source: `${DOC_2026} 附件1 (srdi.md §3)`,
    },
    {
      id: 'classOneIp',
      label: { zh: '主导产品相关Ⅰ类知识产权', en: 'Class I IP on the main product' },
      anyOf: [[t('classOneIpCount', '>=', 1)]],
      tag: '3P',
      source: `${DOC_2026} 附件1 (srdi.md §3)`,
    },
    {
      id: 'platformScore',
      label: { zh: '培育平台评分（75号文）', en: 'platform score (75号文)' },
      anyOf: [[t('platformScore', '>=', 50)]],
      reviewAnyOf: [[t('platformScore', '>=', 50)], [t('platformScorePriorYear', '>=', 50)]],
      tag: '3P',
      source: `${DOC_2026} 附件1; 工信厅企业〔2024〕75号 (srdi.md §3)`,
    },
  ],
  manualReview: [
    {
      zh: '持有有效的科技和创新型中小企业称号；符合中小企业划型标准；无失信、重大事故',
      en: 'holds a valid technology-based/innovative SME title; meets the SME size standard; no dishonesty or major incident',
    },
    {
      zh: 'Ⅰ类知识产权可由近3年省部级科技奖励（前三）或省部级研发机构替代',
      en: 'the Class I IP criterion is waived for a provincial/ministerial S&T award (top 3) or R&D institution',
    },
    {
      zh: '主导产品在细分市场占有率"较高"（无数值标准）',
      en: 'main-product market share "relatively high" in its niche (no numeric line)',
    },
  ],
};

const LITTLE_GIANT_2026: SrdiTierCriteria = {
  requiresTier: 'srdi',
  criteria: [
    {
      id: 'nicheYears',
      label: { zh: '从事特定细分市场年限', en: 'years in the niche market' },
      anyOf: [[t('nicheYears', '>=', 3)]],
      tag: '3P',
      source: `${DOC_2026} 附件2 (srdi.md §4)`,
    },
    {
      id: 'revenue',
      label: { zh: '上年度营业收入', en: "last year's revenue" },
      anyOf: [[t('annualRevenue', '>=', 5000 * WAN)]],
      tag: '3P',
      source: `${DOC_2026} 附件2 (srdi.md §4)`,
    },
    {
      id: 'mainBusinessShare',
      label: { zh: '主营业务收入占比', en: 'main-business share' },
      anyOf: [[t('mainBusinessShare', '>=', 0.9)]],
      tag: '3P',
      source: `${DOC_2026} 附件2 (srdi.md §4)`,
    },
    {
      id: 'mainRevenueGrowth',
      label: { zh: '近2年营业收入复合增长率', en: '2-year revenue CAGR' },
      anyOf: [[t('mainRevenueGrowth', '>=', 0.05)]],
      skipAtReview: true,
      tag: '3P',
      source: `${DOC_2026} 附件2 (srdi.md §4)`,
    },
    {
      id: 'debtRatio',
      label: { zh: '资产负债率', en: 'debt-to-asset ratio' },
      anyOf: [[t('debtRatio', '<=', 0.75)]],
      tag: '3P',
      source: `${DOC_2026} 附件2 (srdi.md §4)`,
    },
    {
      id: 'rdExpense',
      label: { zh: '近2年研发费用总额', en: 'R&D expense over 2 years' },
      anyOf: [[t('rdExpenseTwoYearTotal', '>=', 1200 * WAN)]],
      tag: '3P',
      source: `${DOC_2026} 附件2 (srdi.md §4)`,
    },
    {
      id: 'rdIntensity',
      label: { zh: '近2年每年研发费用占比', en: 'R&D intensity in each of the last 2 years' },
      anyOf: [[t('rdIntensity', '>=', 0.03), t('rdIntensityPriorYear', '>=', 0.03)]],
      tag: '3P',
      source: `${DOC_2026} 附件2 (srdi.md §4)`,
    },
    {
      id: 'classOneIp',
      label: { zh: '主导产品相关Ⅰ类知识产权', en: 'Class I IP on the main product' },
      anyOf: [[t('classOneIpCount', '>=', 4)]],
      tag: '3P',
      source: `${DOC_2026} 附件2 (srdi.md §4)`,
    },
    {
      id: 'marketShare',
      label: { zh: '细分市场占有率或国内排名', en: 'niche market share or domestic rank' },
      anyOf: [[t('marketShare', '>=', 0.1)], [t('domesticMarketRank', '<=', 3)]],
      tag: '3P',
      source: `${DOC_2026} 附件2 (srdi.md §4)`,
    },
    {
      id: 'platformScore',
      label: { zh: '培育平台评分（75号文）', en: 'platform score (75号文)' },
      anyOf: [[t('platformScore', '>=', 60)]],
      reviewAnyOf: [[t('platformScore', '>=', 60)], [t('platformScorePriorYear', '>=', 60)]],
      tag: '3P',
      source: `${DOC_2026} 附件2; 工信厅企业〔2024〕75号 (srdi.md §4)`,
    },
  ],
  manualReview: [
    {
      zh: 'Ⅰ类知识产权不得受让取得、须排名前三；近3年国家级科技奖励（前三）可免',
      en: 'Class I IP must not be transferred in and the firm must rank top 3 among holders; waived for a national S&T award (top 3)',
    },
    {
      zh: '主导产品属于"六基"或产业链关键环节，或服务传统产业升级、新兴或未来产业',
      en: 'main product in 六基 or a key chain link, or serving traditional-upgrade, emerging or future industries',
    },
    {
      zh: '排除：已认定单项冠军、与现有小巨人存在控股关系或同集团同类产品（117号）',
      en: 'excluded: recognised single champions, firms controlling or controlled by a little giant, same-group similar products (117号)',
    },
  ],
};

/** The encoded rule sets, oldest first. */
export const SRDI_RULES: Readonly<Record<SrdiRuleSetId, SrdiRuleSet>> = Object.freeze({
  '2022': {
    ruleVersion: '2022',
    // Issued 2022-06; in force 2022-08-01 [M] (srdi.md §0).
    effectiveFrom: '2022-08-01',
    document: `《优质中小企业梯度培育管理暂行办法》 ${DOC_2022}`,
    tiers: {
      techSme: INNOVATIVE_SME,
      srdi: SRDI_2022,
      littleGiant: LITTLE_GIANT_2022,
      champion: CHAMPION,
    },
  },
  '2026': {
    ruleVersion: '2026',
    // Effective 2026-04-01 [3P] (srdi.md §0).
    effectiveFrom: '2026-04-01',
    document: `《优质中小企业梯度培育管理办法》 ${DOC_2026}`,
    tiers: {
      techSme: INNOVATIVE_SME,
      srdi: SRDI_2026,
      littleGiant: LITTLE_GIANT_2026,
      champion: CHAMPION,
    },
  },
});

/**
 * The rule set in force on `date` (a `YYYY-MM-DD` string or a `Date`, read in UTC): the
 * latest set whose `effectiveFrom` is on or before it. Dates before the 2022 set took effect
 * return the 2022 set, the earliest encoded one (certificates granted before it, from
 * 2019–2021, have all expired under the 3-year validity).
 *
 * @throws {@link OptionError} when `date` is not a real calendar date in 1800–2200 (a string or a `Date`).
 * @example srdiRuleSetAt('2026-04-01').ruleVersion // '2026'
 */
export function srdiRuleSetAt(date: string | Date): SrdiRuleSet {
  const day = toIsoDay(date, 'date');
  let found: SrdiRuleSet = SRDI_RULES[SRDI_RULE_SETS[0]];
  for (const id of SRDI_RULE_SETS) if (SRDI_RULES[id].effectiveFrom <= day) found = SRDI_RULES[id];
  return found;
}

/**
 * The rule set a certificate granted on `certifiedOn` was most likely judged by. An explicit
 * `ruleSet` on the certificate should win: srdi.md §0 notes the 2026 little-giant review
 * (复核) still used the 2022 standard.
 *
 * @throws {@link OptionError} when `certifiedOn` is not a real calendar date in 1800–2200.
 */
export function inferRuleSet(certifiedOn: string | Date): SrdiRuleSetId {
  return srdiRuleSetAt(certifiedOn).ruleVersion;
}

/** A certificate as stored on an enterprise (`Enterprise['srdi']`). */
export interface SrdiCertificate {
  tier: SrdiTier;
  /** Date granted, `YYYY-MM-DD`. */
  certifiedOn?: string;
  ruleSet?: SrdiRuleSetId;
}

/** Why a certificate does or does not count on a given day. */
export type SrdiCertificateStatus =
  /** No certificate (`tier: 'none'`). */
  | 'none'
  /** Granted on or before the day and not yet expired. */
  | 'valid'
  /** Past its expiry date: counts as `'none'` until reviewed. */
  | 'expired'
  /** Granted after the day asked about: counts as `'none'` on that day. */
  | 'notYetGranted'
  /** No `certifiedOn`: taken at face value, expiry unknown. */
  | 'undated';

/** Result of {@link effectiveSrdiTier}. */
export interface EffectiveSrdiTier {
  /** The tier that counts on the day asked about. */
  tier: SrdiTier;
  /** The tier written on the certificate. */
  certifiedTier: SrdiTier;
  status: SrdiCertificateStatus;
  /** First day on which the certificate no longer counts (`YYYY-MM-DD`), when dated. */
  expiresOn?: string;
  /** Rule set of the certificate: the explicit one, else inferred from `certifiedOn`. */
  ruleSet?: SrdiRuleSetId;
}

/**
 * The tier a certificate confers on `asOf`. A certificate is valid for
 * {@link SRDI_CERTIFICATE_YEARS} years (srdi.md §0): from `certifiedOn` up to, not including,
 * the same calendar day three years later (`expiresOn`; a 29 February grant expires on
 * 1 March). Expired or not-yet-granted certificates count as `'none'`; undated ones are taken
 * at face value with status `'undated'`.
 *
 * @throws {@link OptionError} when `asOf` or `cert` is malformed.
 * @example effectiveSrdiTier({ tier: 'srdi', certifiedOn: '2022-09-01' }, '2025-09-01').tier // 'none'
 */
export function effectiveSrdiTier(cert: SrdiCertificate, asOf: string | Date): EffectiveSrdiTier {
  if (cert === null || typeof cert !== 'object')
    throw new OptionError('cert', `cert must be an object, received ${String(cert)}`);
  if (!(SRDI_TIERS as readonly unknown[]).includes(cert.tier))
    throw new OptionError(
      'cert.tier',
      `cert.tier must be one of ${SRDI_TIERS.join(', ')}, received ${JSON.stringify(cert.tier)}`,
    );
  if (cert.ruleSet !== undefined && !(SRDI_RULE_SETS as readonly unknown[]).includes(cert.ruleSet))
    throw new OptionError(
      'cert.ruleSet',
      `cert.ruleSet must be one of ${SRDI_RULE_SETS.join(', ')}, received ${JSON.stringify(cert.ruleSet)}`,
    );
  const day = toIsoDay(asOf, 'asOf');
  const certifiedTier = cert.tier;
  if (certifiedTier === 'none') return { tier: 'none', certifiedTier, status: 'none' };
  if (cert.certifiedOn === undefined)
    return {
      tier: certifiedTier,
      certifiedTier,
      status: 'undated',
      ...(cert.ruleSet !== undefined ? { ruleSet: cert.ruleSet } : {}),
    };
  const granted = toIsoDay(cert.certifiedOn, 'cert.certifiedOn');
  const ruleSet = cert.ruleSet ?? inferRuleSet(granted);
  const expiresOn = anniversary(granted, SRDI_CERTIFICATE_YEARS);
  const status: SrdiCertificateStatus =
    day < granted ? 'notYetGranted' : day >= expiresOn ? 'expired' : 'valid';
  return {
    tier: status === 'valid' ? certifiedTier : 'none',
    certifiedTier,
    status,
    expiresOn,
    ruleSet,
  };
}

/** Outcome of one criterion: met, not met, or not decidable for lack of a signal. */
export type SrdiCriterionStatus = 'passed' | 'failed' | 'missing';

/** Result of one criterion in {@link checkSrdiCriteria}. */
export interface SrdiCriterionResult {
  /** The criterion's stable id. */
  criterion: SrdiCriterionId;
  status: SrdiCriterionStatus;
  /** `status === 'passed'`. */
  passed: boolean;
  /** The values of the signals the criterion reads (derived ones included); missing ones absent. */
  actual: Readonly<Partial<Record<SrdiSignalName, number>>>;
  /** The thresholds: any alternative passes when all of its thresholds hold. */
  required: readonly (readonly SrdiThreshold[])[];
  /** Explanation for an officer, in both locales. */
  message: LocalizedText;
  tag: SourceTag;
  source: string;
}

/** Result of {@link checkSrdiCriteria}. */
export interface SrdiCriteriaCheck {
  ruleSet: SrdiRuleSetId;
  tier: SrdiCertifiedTier;
  /** The tier the applicant must already hold. */
  requiresTier: SrdiTier;
  /** One result per numeric criterion, in the rule set's order. */
  criteria: SrdiCriterionResult[];
  /**
   * `'meets'` when every numeric criterion passed, `'fails'` when one failed, `'incomplete'`
   * when none failed but a signal was missing. Manual-review items are never decided here.
   */
  outcome: 'meets' | 'fails' | 'incomplete';
  /** Conditions an officer must check by hand. */
  manualReview: readonly LocalizedText[];
}

/** Options of {@link checkSrdiCriteria}. */
export interface SrdiCheckOptions {
  /**
   * Judge as a review (复核) of an existing certificate rather than a new application:
   * platform scores count from either of the last two years and the 2026 little-giant
   * growth line is not checked. Default `false`.
   */
  review?: boolean;
  /** Language of validation messages. Default `zh`. */
  locale?: Locale;
}

/**
 * Checks an enterprise's raw signals against the numeric criteria of `tier` in rule set
 * `ruleSetId`. Derives `rdExpenseTwoYearTotal`, `rdIntensity` and `rdIntensityPriorYear`
 * from the amounts when they are not given. Criteria that srdi.md does not state as numbers
 * (awards, R&D institutions, brand, chain position, "relatively high" share, legal standing,
 * the prerequisite title) are returned in `manualReview`, not decided.
 *
 * @throws {@link ValidationError} (kind `srdiSignals`) listing every malformed signal.
 * @throws {@link OptionError} for an unknown tier or rule set.
 */
export function checkSrdiCriteria(
  signals: SrdiSignals,
  tier: SrdiCertifiedTier,
  ruleSetId: SrdiRuleSetId,
  options: SrdiCheckOptions = {},
): SrdiCriteriaCheck {
  if (!(SRDI_CERTIFIED_TIERS as readonly unknown[]).includes(tier))
    throw new OptionError(
      'tier',
      `tier must be one of ${SRDI_CERTIFIED_TIERS.join(', ')}, received ${JSON.stringify(tier)}`,
    );
  if (!(SRDI_RULE_SETS as readonly unknown[]).includes(ruleSetId))
    throw new OptionError(
      'ruleSetId',
      `ruleSetId must be one of ${SRDI_RULE_SETS.join(', ')}, received ${JSON.stringify(ruleSetId)}`,
    );
  const review = options.review ?? false;
  if (typeof review !== 'boolean')
    throw new OptionError('review', `review must be a boolean, received ${JSON.stringify(review)}`);
  const locale = resolveLocaleOption(options.locale);
  const values = deriveSignals(validateSignals(signals, locale));
  const tierCriteria = SRDI_RULES[ruleSetId].tiers[tier];
  const criteria: SrdiCriterionResult[] = [];
  for (const c of tierCriteria.criteria) {
    if (review && c.skipAtReview) continue;
    const anyOf = review && c.reviewAnyOf ? c.reviewAnyOf : c.anyOf;
    criteria.push(evaluateCriterion(c, anyOf, values));
  }
  const outcome = criteria.some((r) => r.status === 'failed')
    ? 'fails'
    : criteria.some((r) => r.status === 'missing')
      ? 'incomplete'
      : 'meets';
  return {
    ruleSet: ruleSetId,
    tier,
    requiresTier: tierCriteria.requiresTier,
    criteria,
    outcome,
    manualReview: tierCriteria.manualReview,
  };
}

function evaluateCriterion(
  c: SrdiCriterion,
  anyOf: readonly (readonly SrdiThreshold[])[],
  values: SrdiSignals,
): SrdiCriterionResult {
  const actual: Partial<Record<SrdiSignalName, number>> = {};
  // Kleene logic: an alternative fails as soon as one threshold fails, passes when all hold.
  const altStatus = anyOf.map((alt): SrdiCriterionStatus => {
    let missing = false;
    for (const th of alt) {
      const v = values[th.signal];
      if (v === undefined) {
        missing = true;
        continue;
      }
      actual[th.signal] = v;
      if (!holds(v, th)) return 'failed';
    }
    return missing ? 'missing' : 'passed';
  });
  // Record every signal read, even in alternatives cut short, so the officer sees them all.
  for (const alt of anyOf)
    for (const th of alt) {
      const v = values[th.signal];
      if (v !== undefined) actual[th.signal] = v;
    }
  const status: SrdiCriterionStatus = altStatus.includes('passed')
    ? 'passed'
    : altStatus.includes('missing')
      ? 'missing'
      : 'failed';
  return {
    criterion: c.id,
    status,
    passed: status === 'passed',
    actual,
    required: anyOf,
    message: {
      zh: describeCriterion(c, anyOf, values, status, 'zh'),
      en: describeCriterion(c, anyOf, values, status, 'en'),
    },
    tag: c.tag,
    source: c.source,
  };
}

function holds(v: number, th: SrdiThreshold): boolean {
  switch (th.op) {
    case '>=':
      return v >= th.value;
    case '<=':
      return v <= th.value;
    case '<':
      return v < th.value;
  }
}

const STATUS_TEXT: Record<SrdiCriterionStatus, LocalizedText> = {
  passed: { zh: '满足', en: 'met' },
  failed: { zh: '不满足', en: 'not met' },
  missing: { zh: '缺少数据', en: 'data missing' },
};

function describeCriterion(
  c: SrdiCriterion,
  anyOf: readonly (readonly SrdiThreshold[])[],
  values: SrdiSignals,
  status: SrdiCriterionStatus,
  locale: Locale,
): string {
  const alts = anyOf.map((alt) =>
    alt
      .map(
        (th) =>
          `${SRDI_SIGNALS[th.signal].label[locale]} ${th.op === '>=' ? '≥' : th.op === '<=' ? '≤' : '<'} ${formatSignal(th.signal, th.value, locale)}`,
      )
      .join(locale === 'zh' ? '且' : ' and '),
  );
  const rule =
    alts.length === 1
      ? alts[0]!
      : alts.map((a) => `(${a})`).join(locale === 'zh' ? ' 或 ' : ' or ');
  const seen = new Set<SrdiSignalName>();
  const facts: string[] = [];
  for (const alt of anyOf)
    for (const th of alt) {
      if (seen.has(th.signal)) continue;
      seen.add(th.signal);
      const v = values[th.signal];
      const shown =
        v === undefined
          ? locale === 'zh'
            ? '未提供'
            : 'not provided'
          : formatSignal(th.signal, v, locale);
      facts.push(`${SRDI_SIGNALS[th.signal].label[locale]} ${shown}`);
    }
  const verdict = STATUS_TEXT[status][locale];
  return locale === 'zh'
    ? `${c.label.zh}：${verdict}。要求 ${rule}；实际 ${facts.join('，')}。`
    : `${c.label.en}: ${verdict}. Required ${rule}; actual ${facts.join(', ')}.`;
}

/** Formats a signal value for a message: yuan with 万/亿, fractions as percentages. */
export function formatSignal(signal: SrdiSignalName, value: number, locale: Locale): string {
  switch (SRDI_SIGNALS[signal].unit) {
    case 'yuan':
      return formatYuan(value, locale);
    case 'fraction':
    case 'growth':
      return `${Number((value * 100).toFixed(2))}%`;
    case 'years':
      return locale === 'zh' ? `${value}年` : `${value} year${value === 1 ? '' : 's'}`;
    case 'rank':
      return locale === 'zh' ? `第${value}名` : `#${value}`;
    case 'count':
      return locale === 'zh' ? `${value}项` : String(value);
    case 'score':
      return locale === 'zh' ? `${value}分` : `${value} points`;
  }
}

function validateSignals(signals: unknown, locale: Locale): SrdiSignals {
  const issues: ValidationIssue[] = [];
  if (signals === null || typeof signals !== 'object' || Array.isArray(signals)) {
    throw new ValidationError('srdiSignals', [
      {
        path: '',
        code: 'invalid_type',
        message: locale === 'zh' ? '信号应为对象' : 'signals must be an object',
        received: signals === null ? 'null' : Array.isArray(signals) ? 'array' : typeof signals,
        expected: 'object',
      },
    ]);
  }
  const out: SrdiSignals = {};
  for (const key of Object.keys(signals)) {
    const value = (signals as Record<string, unknown>)[key];
    if (!Object.prototype.hasOwnProperty.call(SRDI_SIGNALS, key)) {
      issues.push({
        path: key,
        code: 'unknown_field',
        message:
          locale === 'zh'
            ? `未知信号 ${JSON.stringify(key)}`
            : `unknown signal ${JSON.stringify(key)}`,
        expected: Object.keys(SRDI_SIGNALS).join(', '),
      });
      continue;
    }
    if (value === undefined) continue;
    const name = key as SrdiSignalName;
    const problem = checkSignalValue(SRDI_SIGNALS[name].unit, value);
    if (problem) {
      issues.push({
        path: key,
        code: problem.code,
        message: `${SRDI_SIGNALS[name].label[locale]}: ${locale === 'zh' ? problem.expectedZh : problem.expected}`,
        received:
          typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value),
        expected: problem.expected,
      });
      continue;
    }
    out[name] = value as number;
  }
  if (issues.length > 0) throw new ValidationError('srdiSignals', issues);
  return out;
}

function checkSignalValue(
  unit: SrdiSignalUnit,
  value: unknown,
): { code: string; expected: string; expectedZh: string } | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return { code: 'invalid_type', expected: 'a finite number', expectedZh: '应为有限数字' };
  switch (unit) {
    case 'yuan':
    case 'fraction':
    case 'years':
      return value < 0 ? { code: 'too_small', expected: '≥ 0', expectedZh: '应 ≥ 0' } : undefined;
    case 'growth':
      return value < -1
        ? {
            code: 'too_small',
            expected: '≥ -1 (a fraction; -1 = -100%)',
            expectedZh: '应 ≥ -1（小数，-1 即 -100%）',
          }
        : undefined;
    case 'count':
      return Number.isInteger(value) && value >= 0
        ? undefined
        : { code: 'invalid_type', expected: 'a whole number ≥ 0', expectedZh: '应为 ≥ 0 的整数' };
    case 'rank':
      return Number.isInteger(value) && value >= 1
        ? undefined
        : { code: 'invalid_type', expected: 'a whole number ≥ 1', expectedZh: '应为 ≥ 1 的整数' };
    case 'score':
      return value < 0 || value > 100
        ? {
            code: value < 0 ? 'too_small' : 'too_big',
            expected: 'a score in [0, 100]',
            expectedZh: '应为 0–100 的分数',
          }
        : undefined;
  }
}

function deriveSignals(s: SrdiSignals): SrdiSignals {
  const out: SrdiSignals = { ...s };
  if (
    out.rdExpenseTwoYearTotal === undefined &&
    s.rdExpense !== undefined &&
    s.rdExpensePriorYear !== undefined
  )
    out.rdExpenseTwoYearTotal = s.rdExpense + s.rdExpensePriorYear;
  // Intensity is undefined for zero revenue, so it stays missing rather than becoming NaN/∞.
  if (
    out.rdIntensity === undefined &&
    s.rdExpense !== undefined &&
    s.annualRevenue !== undefined &&
    s.annualRevenue > 0
  )
    out.rdIntensity = s.rdExpense / s.annualRevenue;
  if (
    out.rdIntensityPriorYear === undefined &&
    s.rdExpensePriorYear !== undefined &&
    s.annualRevenuePriorYear !== undefined &&
    s.annualRevenuePriorYear > 0
  )
    out.rdIntensityPriorYear = s.rdExpensePriorYear / s.annualRevenuePriorYear;
  return out;
}

/** A `YYYY-MM-DD` string or a valid `Date` (read in UTC) as a `YYYY-MM-DD` string. */
function toIsoDay(date: unknown, option: string): string {
  if (date instanceof Date && Number.isNaN(date.getTime()))
    throw new OptionError(option, `${option} is an invalid Date`);
  const day = date instanceof Date ? date.toISOString().slice(0, 10) : date;
  if (typeof day === 'string' && isCalendarDate(day)) return day;
  throw new OptionError(
    option,
    `${option} must be ${DATE_EXPECTED.en}, or a valid Date in those years, received ${date instanceof Date ? date.toISOString() : JSON.stringify(date)}`,
  );
}

/**
 * The anniversary `years` after `isoDay`: the same month and day, or 1 March for 29 February
 * in a common year — so a certificate granted on 29 February stays valid through 28 February.
 */
function anniversary(isoDay: string, years: number): string {
  const [y, m, d] = dateParts(isoDay)!;
  const ty = y + years;
  return d > daysInMonth(ty, m) ? formatDate(ty, m + 1, 1) : formatDate(ty, m, d);
}

function resolveLocaleOption(locale: unknown): Locale {
  if (locale === undefined) return DEFAULT_LOCALE;
  if (locale === 'zh' || locale === 'en') return locale;
  throw new OptionError(
    'locale',
    `locale must be 'zh' or 'en', received ${JSON.stringify(locale)}`,
  );
}

/** True when `tier` is at least `required` on the SRDI ladder. */
export function meetsTier(tier: SrdiTier, required: SrdiTier): boolean {
  return srdiRank(tier) >= srdiRank(required);
}
