/**
 * Every tunable number of the synthetic market, in one place, with its source.
 *
 * Sources (../shared/domain/): platform.md (platform counts, mean financing ≈ 3,400万),
 * products.md (A1–A11 and table B: amounts, terms, tiers, stages, collateral, rates),
 * srdi.md §6 (national SRDI counts), stages-and-investors.md §1–§4 (stage cut-offs, round
 * tickets, TRL, investor kinds), sectors-gbt4754-2017.json (GB/T 4754-2017 codes).
 * Legend as in those files: [V] verified, [3P] third party, [M] memory/design choice.
 *
 * Amounts are yuan: 万 = 1e4, 亿 = 1e8.
 *
 * @module
 */
import type {
  CollateralKind,
  Instrument,
  InstitutionKind,
  InvestorKind,
  PolicyList,
  PolicyTag,
  ProductType,
  Purpose,
  ZoneKind,
} from '../model/enums.js';
import type { Round, SrdiTier, Stage } from '../taxonomy/ladders.js';

/** 1万 yuan. */
export const WAN = 1e4;
/** 1亿 yuan. */
export const YI = 1e8;

/** Version of the generator written to the manifest; bump when output for a seed changes. */
export const GENERATOR_VERSION = '2.1.0';

/** Default evaluation date. */
export const DEFAULT_AS_OF = '2026-06-30';

/**
 * Record counts at `scale: 'seed'` — the SCIO transcript of 2025-01-03 (platform.md §2 [V]):
 * 345,800 quality enterprises, 2,965 institutions, 741 products, 24 special zones, 17
 * regional-equity SRDI boards (2024-12 [V]), 260 S&T projects and "> 150 leading financial
 * institutions" of the 科技产业金融一体化 project (we generate 160 investors, ≥ 150).
 * 30 key industrial chains is a design choice ("一链一策一批", platform.md §5, gives no count).
 */
export const SEED_COUNTS = Object.freeze({
  enterprises: 345_800,
  institutions: 2_965,
  products: 741,
  zones: 24,
  srdiBoards: 17,
  projects: 260,
  investors: 160,
  chains: 30,
});

/** `small` keeps 1% of the enterprises (3,458) and every other count. */
export const SMALL_ENTERPRISE_FRACTION = 0.01;

/** Minimum eligible enterprises per product and projects per investor (guaranteed by repair). */
export const MIN_ELIGIBLE_CANDIDATES = 3;

/**
 * How many enterprises each product's coverage check scans (all of them at small scale; a
 * seeded sample at seed scale, so the check stays linear: 741 × 6,000 pair checks).
 */
export const COVERAGE_SAMPLE = 6_000;

// ---------------------------------------------------------------------------------------------
// Sectors

/**
 * Section weights of enterprises (GB/T 4754-2017 sections). The platform serves "quality
 * enterprises" of MIIT's remit (platform.md §2) and 88% of little giants are manufacturers
 * (srdi.md §6 [V]), so section C dominates; software/IT (I) and tech services (M) follow.
 * [M] design shares.
 */
export const SECTION_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  C: 0.72,
  I: 0.08,
  M: 0.06,
  F: 0.03,
  D: 0.02,
  E: 0.02,
  N: 0.015,
  G: 0.015,
  A: 0.015,
  L: 0.015,
  B: 0.01,
});

/**
 * Relative weights of manufacturing divisions (all other C divisions weigh 1): equipment,
 * electronics, electrical, chemicals and pharma carry most SRDI firms (srdi.md §4 "六基",
 * key chains) [M].
 */
export const MANUFACTURING_DIVISION_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  C34: 8,
  C35: 8,
  C39: 8,
  C38: 6,
  C26: 5,
  C33: 4,
  C29: 4,
  C36: 4,
  C40: 4,
  C27: 4,
  C30: 3,
  C37: 2.5,
  C32: 2,
  C31: 1.5,
  C13: 1.5,
  C14: 1.5,
  C17: 1.5,
  C28: 1.2,
});

/** Share of little giants and champions forced into section C (srdi.md §6: 88% are manufacturers [V]). */
export const TOP_TIER_MANUFACTURING_SHARE = 0.88;

// ---------------------------------------------------------------------------------------------
// Regions

/**
 * Province weights (2-digit GB/T 2260 codes). Skewed to Guangdong, Jiangsu, Zhejiang and
 * Shandong, which hold the most SRDI firms and little giants [M]; Taiwan, Hong Kong and Macao
 * are not platform regions.
 */
export const PROVINCE_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  '44': 12,
  '32': 12,
  '33': 11,
  '37': 8,
  '31': 5,
  '11': 5,
  '34': 4.5,
  '42': 4,
  '35': 3.5,
  '43': 3.5,
  '51': 3.5,
  '41': 3.5,
  '13': 3,
  '50': 2.5,
  '21': 2,
  '61': 2,
  '36': 2,
  '12': 1.5,
  '14': 1,
  '45': 1,
  '22': 0.8,
  '23': 0.8,
  '15': 0.8,
  '52': 0.8,
  '53': 0.8,
  '62': 0.5,
  '65': 0.5,
  '46': 0.3,
  '64': 0.3,
  '63': 0.2,
  '54': 0.1,
});

/**
 * Real prefecture-level (or, for municipalities, district-level) division codes used as
 * enterprise regions, first entry = provincial capital. [V] GB/T 2260 codes.
 */
export const PROVINCE_CITIES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  '11': ['110108', '110105', '110115', '110113'],
  '12': ['120116', '120104'],
  '13': ['130100', '130200', '130600'],
  '14': ['140100'],
  '15': ['150100', '150200'],
  '21': ['210100', '210200'],
  '22': ['220100'],
  '23': ['230100'],
  '31': ['310115', '310104', '310112', '310114'],
  '32': ['320100', '320500', '320200', '320400', '320600', '320300', '321000'],
  '33': ['330100', '330200', '330400', '330300', '330600', '330700'],
  '34': ['340100', '340200'],
  '35': ['350100', '350200', '350500'],
  '36': ['360100'],
  '37': ['370100', '370200', '370600', '370700'],
  '41': ['410100', '410300'],
  '42': ['420100', '420500', '420600'],
  '43': ['430100', '430200'],
  '44': ['440300', '440100', '440600', '441900', '440400', '441300'],
  '45': ['450100', '450200'],
  '46': ['460100'],
  '50': ['500112', '500106'],
  '51': ['510100', '510700'],
  '52': ['520100'],
  '53': ['530100'],
  '54': ['540100'],
  '61': ['610100'],
  '62': ['620100'],
  '63': ['630100'],
  '64': ['640100'],
  '65': ['650100'],
});

/**
 * Short names of the provinces above (GB/T 2260 first two digits) [V: GB/T 2260], for
 * institution names ("江苏银行南京分行", an insurer's "江苏分公司"). The four municipalities
 * (11 北京, 12 天津, 31 上海, 50 重庆) are also their own city: their `CITY_NAMES` are
 * "municipality + district" (北京海淀).
 */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
});

/** Province codes of the four municipalities directly under the central government. */
export const MUNICIPALITIES: readonly string[] = Object.freeze(['11', '12', '31', '50']);

/**
 * Area words of bank sub-branches (支行), used when a city already has a branch of the same
 * bank: "中信银行苏州高新区支行" [M: the usual naming of sub-branches after a development zone
 * or a part of town]. Past these, a sub-branch is named after a road ("恒瑞路支行").
 */
export const SUB_BRANCH_AREAS: readonly string[] = Object.freeze([
  '高新区',
  '经济开发区',
  '城东',
  '城西',
  '城南',
  '城北',
  '科技城',
  '新区',
  '自贸区',
  '营业部',
]);

/** City names for the codes above (names of enterprises and institutions). */
export const CITY_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '110108': '北京海淀',
  '110105': '北京朝阳',
  '110115': '北京大兴',
  '110113': '北京顺义',
  '120116': '天津滨海',
  '120104': '天津南开',
  '130100': '石家庄',
  '130200': '唐山',
  '130600': '保定',
  '140100': '太原',
  '150100': '呼和浩特',
  '150200': '包头',
  '210100': '沈阳',
  '210200': '大连',
  '220100': '长春',
  '230100': '哈尔滨',
  '310115': '上海浦东',
  '310104': '上海徐汇',
  '310112': '上海闵行',
  '310114': '上海嘉定',
  '320100': '南京',
  '320500': '苏州',
  '320200': '无锡',
  '320400': '常州',
  '320600': '南通',
  '320300': '徐州',
  '321000': '扬州',
  '330100': '杭州',
  '330200': '宁波',
  '330400': '嘉兴',
  '330300': '温州',
  '330600': '绍兴',
  '330700': '金华',
  '340100': '合肥',
  '340200': '芜湖',
  '350100': '福州',
  '350200': '厦门',
  '350500': '泉州',
  '360100': '南昌',
  '370100': '济南',
  '370200': '青岛',
  '370600': '烟台',
  '370700': '潍坊',
  '410100': '郑州',
  '410300': '洛阳',
  '420100': '武汉',
  '420500': '宜昌',
  '420600': '襄阳',
  '430100': '长沙',
  '430200': '株洲',
  '440300': '深圳',
  '440100': '广州',
  '440600': '佛山',
  '441900': '东莞',
  '440400': '珠海',
  '441300': '惠州',
  '450100': '南宁',
  '450200': '柳州',
  '460100': '海口',
  '500112': '重庆渝北',
  '500106': '重庆沙坪坝',
  '510100': '成都',
  '510700': '绵阳',
  '520100': '贵阳',
  '530100': '昆明',
  '540100': '拉萨',
  '610100': '西安',
  '620100': '兰州',
  '630100': '西宁',
  '640100': '银川',
  '650100': '乌鲁木齐',
});

// ---------------------------------------------------------------------------------------------
// SRDI tiers

/**
 * Share of platform enterprises per SRDI tier, derived from national counts (srdi.md §6 [V])
 * and assumed platform registration rates [M]:
 * - champion: ≈ 1,000 national (999 by 2024, incl. products) × 60% registered ≈ 600 → 0.17%;
 * - littleGiant: 14,600 (end 2024) × 60% ≈ 8,760 → 2.5%;
 * - srdi (provincial, excl. little giants): (140,000 − 14,600) × 50% ≈ 62,700 → 18.1%;
 * - techSme (科技和创新型, excl. above): (600,000 − 140,000) × 25% ≈ 115,000 → 33.3%;
 * - none: the rest of the 345,800 ≈ 46%.
 */
export const SRDI_TIER_SHARES: Readonly<Record<SrdiTier, number>> = Object.freeze({
  none: 0.4593,
  techSme: 0.333,
  srdi: 0.181,
  littleGiant: 0.025,
  champion: 0.0017,
});

/** Share of certified enterprises whose certificate has expired (certified > 3 years ago) [M]. */
export const EXPIRED_CERTIFICATE_SHARE = 0.08;

/** Revenue floors by tier, yuan (srdi.md: provincial ≥ 1,000万 [V 2022]; little giant ≥ 5,000万 [3P 2026]; champion ≥ 4亿 [3P]). */
export const TIER_REVENUE_FLOOR: Readonly<Record<SrdiTier, number>> = Object.freeze({
  none: 0,
  techSme: 0,
  srdi: 1_000 * WAN,
  littleGiant: 5_000 * WAN,
  champion: 4 * YI,
});

/** Stage weights by tier (champions are mature; little giants mostly expansion) [M]. */
export const STAGE_WEIGHTS_BY_TIER: Readonly<Record<SrdiTier, Readonly<Record<Stage, number>>>> =
  Object.freeze({
    none: { seed: 0.04, startup: 0.3, growth: 0.38, expansion: 0.18, mature: 0.09, preIPO: 0.01 },
    techSme: {
      seed: 0.06,
      startup: 0.34,
      growth: 0.4,
      expansion: 0.14,
      mature: 0.05,
      preIPO: 0.01,
    },
    srdi: { seed: 0, startup: 0, growth: 0.55, expansion: 0.33, mature: 0.1, preIPO: 0.02 },
    littleGiant: { seed: 0, startup: 0, growth: 0.15, expansion: 0.55, mature: 0.22, preIPO: 0.08 },
    champion: { seed: 0, startup: 0, growth: 0, expansion: 0, mature: 0.85, preIPO: 0.15 },
  });

/**
 * Revenue band per stage, yuan, from the machine-readable cut-offs of
 * stages-and-investors.md §1 (seed 0; start-up < 1,000万; growth 1,000万–1亿; expansion
 * 1亿–4亿; mature ≥ 4亿; pre-IPO ≥ 2亿, BSE revenue test, products.md A8 [M]). Revenue is
 * log-uniform inside the band (mature capped at 40亿).
 */
export const STAGE_REVENUE_BAND: Readonly<Record<Stage, { min: number; max: number }>> =
  Object.freeze({
    seed: { min: 0, max: 0 },
    startup: { min: 50 * WAN, max: 1_000 * WAN },
    growth: { min: 1_000 * WAN, max: 1 * YI },
    expansion: { min: 1 * YI, max: 4 * YI },
    mature: { min: 4 * YI, max: 40 * YI },
    preIPO: { min: 2 * YI, max: 20 * YI },
  });

/** Age in years (min, max) per stage (stages-and-investors.md §1: start-up ≤ 3–5 years) [M]. */
export const STAGE_AGE_YEARS: Readonly<Record<Stage, { min: number; max: number }>> = Object.freeze(
  {
    seed: { min: 0, max: 3 },
    startup: { min: 1, max: 6 },
    growth: { min: 3, max: 15 },
    expansion: { min: 5, max: 25 },
    mature: { min: 8, max: 40 },
    preIPO: { min: 5, max: 25 },
  },
);

/** Revenue per employee, yuan (log-uniform) [M]: SME manufacturing ≈ 50万–150万. */
export const REVENUE_PER_EMPLOYEE = Object.freeze({ min: 50 * WAN, max: 150 * WAN });

/** R&D intensity mean by tier (little giants ≈ 7%, srdi.md §6 [V]; others [M]); sd 0.02. */
export const RD_INTENSITY_MEAN: Readonly<Record<SrdiTier, number>> = Object.freeze({
  none: 0.02,
  techSme: 0.05,
  srdi: 0.055,
  littleGiant: 0.07,
  champion: 0.06,
});

// ---------------------------------------------------------------------------------------------
// Financing need

/**
 * Target mean of `need.amount`: the average enterprise financed through the platform
 * received ≈ 3,400万 (platform.md §2, SCIO H1-2025 [V]). Stage medians below are scaled by one
 * analytic factor so the mixture mean of the log-normals equals this.
 */
export const TARGET_MEAN_NEED = 3_400 * WAN;
/** Tolerance the tests allow on the sample mean need amount (relative). */
export const MEAN_NEED_TOLERANCE = 0.2;

/** Relative median need and log-sd per stage, before scaling to {@link TARGET_MEAN_NEED} [M]. */
export const NEED_BY_STAGE: Readonly<Record<Stage, { median: number; sigma: number }>> =
  Object.freeze({
    seed: { median: 300 * WAN, sigma: 0.8 },
    startup: { median: 500 * WAN, sigma: 0.9 },
    growth: { median: 1_200 * WAN, sigma: 0.9 },
    expansion: { median: 3_000 * WAN, sigma: 0.9 },
    mature: { median: 6_000 * WAN, sigma: 1.0 },
    preIPO: { median: 1 * YI, sigma: 0.9 },
  });
/** Need amounts are clamped to this range and rounded to 1万. */
export const NEED_AMOUNT_BOUNDS = Object.freeze({ min: 10 * WAN, max: 50 * YI });

/** Purpose weights by stage [M] (stages-and-investors.md §1 "typical financing"). */
export const PURPOSE_WEIGHTS_BY_STAGE: Readonly<
  Record<Stage, Readonly<Partial<Record<Purpose, number>>>>
> = Object.freeze({
  seed: { rnd: 5, techConversion: 3, workingCapital: 2 },
  startup: { rnd: 4, techConversion: 3, workingCapital: 4, equipment: 2, digitalTransformation: 1 },
  growth: {
    workingCapital: 4,
    equipment: 3,
    rnd: 3,
    digitalTransformation: 2,
    expansion: 2,
    refinancing: 1,
    green: 1,
  },
  expansion: {
    equipment: 4,
    expansion: 3,
    workingCapital: 3,
    digitalTransformation: 2,
    refinancing: 1,
    green: 1,
    mna: 0.5,
  },
  mature: {
    equipment: 3,
    expansion: 2,
    mna: 1.5,
    workingCapital: 2,
    green: 1.5,
    refinancing: 1,
    digitalTransformation: 1,
  },
  preIPO: { listing: 5, expansion: 2, mna: 1, rnd: 1 },
});

/** Term in months (min, max) by purpose [M] (products.md: working capital 1–3 years, equipment 3–10). */
export const TERM_BY_PURPOSE: Readonly<Record<Purpose, { min: number; max: number }>> =
  Object.freeze({
    workingCapital: { min: 6, max: 36 },
    equipment: { min: 24, max: 96 },
    rnd: { min: 12, max: 60 },
    digitalTransformation: { min: 12, max: 60 },
    techConversion: { min: 12, max: 60 },
    expansion: { min: 24, max: 84 },
    mna: { min: 60, max: 120 },
    listing: { min: 12, max: 60 },
    refinancing: { min: 12, max: 36 },
    green: { min: 24, max: 96 },
  });

/**
 * Instruments an enterprise considers, by purpose: the first is always included, each other
 * with the given probability [M] ("股贷债保", products.md).
 */
export const INSTRUMENTS_BY_PURPOSE: Readonly<
  Record<Purpose, readonly [Instrument, ...[Instrument, number][]]>
> = Object.freeze({
  workingCapital: ['loan', ['guarantee', 0.25]],
  equipment: ['loan', ['leasing', 0.4]],
  rnd: ['loan', ['insurance', 0.35], ['equity', 0.3]],
  digitalTransformation: ['loan', ['leasing', 0.15]],
  techConversion: ['loan', ['equity', 0.3], ['guarantee', 0.2], ['insurance', 0.15]],
  expansion: ['loan', ['equity', 0.3], ['listing', 0.15], ['bond', 0.1]],
  mna: ['loan', ['bond', 0.3], ['equity', 0.2]],
  listing: ['listing', ['equity', 0.5], ['loan', 0.3]],
  refinancing: ['loan', ['guarantee', 0.3]],
  green: ['loan', ['bond', 0.15], ['leasing', 0.25]],
});

/** Seed and start-up firms seek equity first (stages-and-investors.md §1): probability to add equity. */
export const EARLY_STAGE_EQUITY_SHARE = 0.5;
/** Growth firms of tier ≥ techSme that consider a regional SRDI board listing (products.md A7) [M]. */
export const BOARD_LISTING_SHARE = 0.12;

/** Reference 1-year LPR, percent (products.md A1: 3.0% from May 2025 [M]). */
export const LPR_PERCENT = 3.0;
/** Share of needs that state a maximum acceptable rate, and its spread above LPR (pp). */
export const MAX_RATE = Object.freeze({ share: 0.6, minSpread: 0.2, maxSpread: 2.5 });

/** Collateral an enterprise offers: probability per kind, with multipliers noted in `enterprises.ts` [M]. */
export const COLLATERAL_OFFER_PROBABILITY: Readonly<Record<CollateralKind, number>> = Object.freeze(
  {
    credit: 0.75,
    realEstate: 0.35,
    equipment: 0.45,
    ipPledge: 0.3,
    receivables: 0.45,
    inventory: 0.25,
    equityPledge: 0.1,
    guarantee: 0.3,
  },
);

/** Probability of being on each official list, by tier (srdi.md §6: 504,000 valid high-tech firms; re-loan lists favour SRDI firms, products.md A5) [M]. */
export const POLICY_LIST_PROBABILITY: Readonly<
  Record<Exclude<PolicyList, 'keyChainEnterprise'>, Readonly<Record<SrdiTier, number>>>
> = Object.freeze({
  highTechEnterprise: { none: 0.05, techSme: 0.4, srdi: 0.6, littleGiant: 0.9, champion: 0.9 },
  techReloanCandidates: { none: 0.02, techSme: 0.12, srdi: 0.3, littleGiant: 0.5, champion: 0.5 },
  equipmentRenewalProjects: {
    none: 0.04,
    techSme: 0.05,
    srdi: 0.1,
    littleGiant: 0.15,
    champion: 0.2,
  },
  digitalTransformationPilot: {
    none: 0.05,
    techSme: 0.06,
    srdi: 0.1,
    littleGiant: 0.12,
    champion: 0.1,
  },
  greenFactory: { none: 0.01, techSme: 0.02, srdi: 0.04, littleGiant: 0.1, champion: 0.2 },
});

/** Existing loans: share of growth+ firms with any (1–2 loans), and share renewable without repayment (products.md A6) [M]. */
export const EXISTING_LOANS = Object.freeze({
  share: 0.5,
  renewableShare: 0.45,
  maxMonthsAhead: 36,
});

/** Share of enterprises in a chain's sectors that are listed on the chain ("一链一策一批" lists SMEs, platform.md §5) [M]. */
export const CHAIN_MEMBERSHIP_SHARE = 0.35;
/** Leaders per chain (chain-leader firms, 链主) [M]. */
export const CHAIN_LEADERS = Object.freeze({ min: 2, max: 5 });
/** Products per chain package (one targeted policy per chain) [M]. */
export const CHAIN_PACKAGE = Object.freeze({ min: 4, max: 10 });
/** Share of enterprises fitting a zone's sectors/regions that joined it [M]. */
export const ZONE_MEMBERSHIP_SHARE = 0.3;
/** Products attached to each zone [M]. */
export const ZONE_PACKAGE = Object.freeze({ min: 5, max: 15 });

/** Share of enterprise texts in English (Chinese is first-class, some callers write English) [M]. */
export const ENGLISH_TEXT_SHARE = 0.1;

// ---------------------------------------------------------------------------------------------
// Institutions and products

/**
 * Institutions by kind (total 2,965, platform.md §2 [V]); the 17 regional equity markets are
 * the SRDI-board operators (platform.md §2, products.md A7 [V]); the split of the rest [M].
 */
export const INSTITUTION_COUNTS: Readonly<Record<InstitutionKind, number>> = Object.freeze({
  bank: 1_700,
  insurer: 230,
  fund: 480,
  securities: 150,
  leasing: 160,
  guarantee: 228,
  regionalEquityMarket: 17,
});

/** Share of non-market institutions that are local (have a region) [M]. */
export const LOCAL_INSTITUTION_SHARE = 0.8;

/**
 * The 17 regional equity markets with SRDI boards and the region prefix each serves. Second
 * batch (2023-12) [V, products.md A7]: Tianjin, Hebei, Shanghai, Jiangsu, Anhui, Haixia
 * (Fujian), Hunan, Xinjiang. First batch (2023-06, 9 markets): only Beijing is verified; the
 * other eight are [M].
 */
export const SRDI_BOARD_MARKETS: readonly { region: string; name: string }[] = Object.freeze([
  { region: '11', name: '北京股权交易中心' },
  { region: '33', name: '浙江股权交易中心' },
  { region: '44', name: '广东股权交易中心' },
  { region: '4403', name: '深圳前海股权交易中心' },
  { region: '37', name: '齐鲁股权交易中心' },
  { region: '42', name: '武汉股权托管交易中心' },
  { region: '51', name: '天府（四川）联合股权交易中心' },
  { region: '50', name: '重庆股份转让中心' },
  { region: '61', name: '陕西股权交易中心' },
  { region: '12', name: '天津OTC' },
  { region: '13', name: '石家庄股权交易所' },
  { region: '31', name: '上海股权托管交易中心' },
  { region: '32', name: '江苏股权交易中心' },
  { region: '34', name: '安徽省股权托管交易中心' },
  { region: '35', name: '海峡股权交易中心' },
  { region: '43', name: '湖南股权交易所' },
  { region: '65', name: '新疆股权交易中心' },
]);

/** One product type's generation spec (products.md section in `source`). */
export interface ProductTypeSpec {
  /** Products of this type at seed scale (sum 741). */
  count: number;
  instrument: Instrument;
  issuer: InstitutionKind;
  /** Where the numbers come from. */
  source: string;
  /** Alternatives for the amount range, yuan; one is drawn per product. */
  amounts: readonly { min: number; max: number }[];
  /** Alternatives for the term range, months. */
  terms: readonly { min: number; max: number }[];
  /** Stages served (empty = any). */
  stages: readonly Stage[];
  /** Minimum tier alternatives with weights. */
  minTiers: readonly [SrdiTier, number][];
  /** Collateral variants with weights; `required: []` is credit-based. */
  collateral: readonly [{ required: CollateralKind[]; accepted: CollateralKind[] }, number][];
  policyTags: readonly PolicyTag[];
  /** Required lists, with the probability that a product carries them. */
  requiredPolicyLists?: readonly [PolicyList, number][];
  /** Sector targeting: fixed prefixes, or `random` (1–3 divisions with probability). */
  targetSectors?: readonly string[];
  /** Probability of targeting 1–3 random divisions when `targetSectors` is not fixed. */
  randomTargetShare?: number;
  /** Rate range around LPR in pp (min spread, max spread); absent for non-credit products. */
  rateSpread?: { min: number; max: number };
  minYearsOperating?: number;
  minAnnualRevenue?: number;
  /** Purposes this type primarily serves (true-fit purpose affinity). */
  purposes: readonly Purpose[];
  /** Chinese product-name stem. */
  nameZh: string;
  /** English gloss. */
  nameEn: string;
}

const credit = (
  w: number,
): [{ required: CollateralKind[]; accepted: CollateralKind[] }, number] => [
  { required: [], accepted: ['credit', 'guarantee'] },
  w,
];

/**
 * Product types (products.md A1–A11, table B). Counts sum to 741 (platform.md §2). Special
 * loans (A1–A4) are ≥ 50% credit-based, consistent with "credit loans > 42%" [V].
 */
export const PRODUCT_SPECS: Readonly<Record<ProductType, ProductTypeSpec>> = Object.freeze({
  srdiSpecialLoan: {
    count: 110,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md A1',
    amounts: [
      { min: 100 * WAN, max: 3_000 * WAN },
      { min: 300 * WAN, max: 5_000 * WAN },
      { min: 1_000 * WAN, max: 1 * YI },
    ],
    terms: [
      { min: 12, max: 36 },
      { min: 12, max: 60 },
      { min: 12, max: 120 },
    ],
    stages: ['growth', 'expansion', 'mature'],
    minTiers: [
      ['srdi', 0.6],
      ['techSme', 0.2],
      ['littleGiant', 0.2],
    ],
    collateral: [
      credit(0.6),
      [
        {
          required: ['guarantee', 'realEstate', 'ipPledge'],
          accepted: ['guarantee', 'realEstate', 'ipPledge'],
        },
        0.4,
      ],
    ],
    policyTags: ['srdiSpecial'],
    randomTargetShare: 0.15,
    rateSpread: { min: -0.2, max: 0.8 },
    purposes: ['workingCapital', 'rnd', 'expansion', 'equipment'],
    nameZh: '专精特新专项贷',
    nameEn: 'SRDI special loan',
  },
  techConversionLoan: {
    count: 50,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md A2',
    amounts: [
      { min: 100 * WAN, max: 5_000 * WAN },
      { min: 100 * WAN, max: 2_000 * WAN },
    ],
    terms: [{ min: 12, max: 60 }],
    stages: ['startup', 'growth'],
    minTiers: [
      ['techSme', 0.7],
      ['srdi', 0.3],
    ],
    collateral: [
      credit(0.5),
      [{ required: ['ipPledge', 'guarantee'], accepted: ['ipPledge', 'guarantee'] }, 0.5],
    ],
    policyTags: ['techConversion'],
    requiredPolicyLists: [['highTechEnterprise', 0.25]],
    randomTargetShare: 0.3,
    rateSpread: { min: -0.3, max: 0.6 },
    purposes: ['techConversion', 'rnd'],
    nameZh: '科技成果转化贷',
    nameEn: 'S&T achievement conversion loan',
  },
  digitalTransformationLoan: {
    count: 60,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md A3',
    amounts: [
      { min: 50 * WAN, max: 2_000 * WAN },
      { min: 100 * WAN, max: 1_000 * WAN },
    ],
    terms: [
      { min: 12, max: 60 },
      { min: 12, max: 36 },
    ],
    stages: ['startup', 'growth', 'expansion', 'mature'],
    minTiers: [
      ['none', 0.6],
      ['techSme', 0.25],
      ['srdi', 0.15],
    ],
    collateral: [
      credit(0.55),
      [{ required: ['equipment', 'guarantee'], accepted: ['equipment', 'guarantee'] }, 0.45],
    ],
    policyTags: ['digitalTransformation'],
    requiredPolicyLists: [['digitalTransformationPilot', 0.2]],
    targetSectors: ['C'],
    rateSpread: { min: -0.2, max: 0.8 },
    purposes: ['digitalTransformation', 'equipment'],
    nameZh: '工信数转贷',
    nameEn: 'industrial digital-transformation loan',
  },
  pilotInsuranceRnDLoan: {
    count: 24,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md A4',
    amounts: [
      { min: 500 * WAN, max: 3 * YI },
      { min: 500 * WAN, max: 1 * YI },
    ],
    terms: [
      { min: 36, max: 144 },
      { min: 24, max: 96 },
    ],
    stages: ['startup', 'growth', 'expansion'],
    minTiers: [
      ['techSme', 0.6],
      ['srdi', 0.3],
      ['littleGiant', 0.1],
    ],
    collateral: [
      credit(0.6),
      [{ required: ['ipPledge', 'equipment'], accepted: ['ipPledge', 'equipment'] }, 0.4],
    ],
    policyTags: ['pilotInsurance', 'techConversion'],
    targetSectors: ['C'],
    rateSpread: { min: -0.3, max: 0.5 },
    purposes: ['rnd', 'techConversion'],
    nameZh: '中试险+研发贷',
    nameEn: 'pilot insurance + R&D loan',
  },
  techReloanLoan: {
    count: 60,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md A5',
    amounts: [
      { min: 100 * WAN, max: 1 * YI },
      { min: 500 * WAN, max: 2 * YI },
    ],
    terms: [
      { min: 12, max: 36 },
      { min: 12, max: 60 },
    ],
    stages: ['startup', 'growth', 'expansion', 'mature'],
    minTiers: [
      ['techSme', 0.8],
      ['none', 0.2],
    ],
    collateral: [
      credit(0.5),
      [
        {
          required: ['realEstate', 'equipment', 'guarantee'],
          accepted: ['realEstate', 'equipment', 'guarantee'],
        },
        0.5,
      ],
    ],
    policyTags: ['techReloan'],
    requiredPolicyLists: [['techReloanCandidates', 1]],
    randomTargetShare: 0.2,
    rateSpread: { min: -0.6, max: 0.2 },
    purposes: ['rnd', 'equipment', 'digitalTransformation', 'techConversion', 'expansion'],
    nameZh: '科技创新和技术改造再贷款支持贷款',
    nameEn: 're-loan-backed tech innovation loan',
  },
  loanRenewal: {
    count: 40,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md A6',
    amounts: [
      { min: 50 * WAN, max: 1_000 * WAN },
      { min: 100 * WAN, max: 3_000 * WAN },
    ],
    terms: [{ min: 12, max: 36 }],
    stages: ['growth', 'expansion', 'mature'],
    minTiers: [['none', 1]],
    collateral: [
      credit(0.4),
      [
        {
          required: ['realEstate', 'guarantee', 'receivables'],
          accepted: ['realEstate', 'guarantee', 'receivables'],
        },
        0.6,
      ],
    ],
    policyTags: ['inclusive'],
    rateSpread: { min: 0, max: 1.0 },
    purposes: ['refinancing', 'workingCapital'],
    nameZh: '无还本续贷',
    nameEn: 'renewal without principal repayment',
  },
  equipmentRenewalLoan: {
    count: 50,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md A11',
    amounts: [
      { min: 100 * WAN, max: 5 * YI },
      { min: 500 * WAN, max: 2 * YI },
    ],
    terms: [
      { min: 36, max: 120 },
      { min: 24, max: 96 },
    ],
    stages: ['growth', 'expansion', 'mature'],
    minTiers: [['none', 1]],
    collateral: [
      [{ required: ['equipment', 'guarantee'], accepted: ['equipment', 'guarantee'] }, 0.7],
      credit(0.3),
    ],
    policyTags: ['equipmentRenewal', 'techReloan'],
    requiredPolicyLists: [['equipmentRenewalProjects', 1]],
    targetSectors: ['C'],
    rateSpread: { min: -0.5, max: 0.3 },
    purposes: ['equipment', 'green', 'digitalTransformation'],
    nameZh: '设备更新贷款',
    nameEn: 'equipment-renewal loan',
  },
  creditLoan: {
    count: 70,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md B (信用贷)',
    amounts: [
      { min: 10 * WAN, max: 1_000 * WAN },
      { min: 50 * WAN, max: 3_000 * WAN },
      { min: 100 * WAN, max: 5_000 * WAN },
    ],
    terms: [
      { min: 6, max: 36 },
      { min: 12, max: 36 },
    ],
    stages: ['startup', 'growth', 'expansion', 'mature'],
    minTiers: [
      ['none', 0.5],
      ['techSme', 0.3],
      ['srdi', 0.2],
    ],
    collateral: [[{ required: [], accepted: ['credit'] }, 1]],
    policyTags: ['inclusive'],
    randomTargetShare: 0.1,
    rateSpread: { min: 0, max: 1.5 },
    minYearsOperating: 2,
    purposes: ['workingCapital', 'rnd', 'refinancing', 'expansion'],
    nameZh: '科创信用贷',
    nameEn: 'tech credit loan',
  },
  supplyChainFinance: {
    count: 50,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md B (供应链金融)',
    amounts: [
      { min: 50 * WAN, max: 5_000 * WAN },
      { min: 100 * WAN, max: 3_000 * WAN },
    ],
    terms: [
      { min: 3, max: 12 },
      { min: 6, max: 24 },
    ],
    stages: ['startup', 'growth', 'expansion', 'mature'],
    minTiers: [['none', 1]],
    collateral: [
      [{ required: ['receivables', 'inventory'], accepted: ['receivables', 'inventory'] }, 1],
    ],
    policyTags: ['inclusive'],
    randomTargetShare: 0.4,
    rateSpread: { min: 0.2, max: 1.5 },
    purposes: ['workingCapital', 'expansion'],
    nameZh: '产业链供应链融资',
    nameEn: 'supply-chain finance',
  },
  ipPledgeLoan: {
    count: 45,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md B (知识产权质押贷)',
    amounts: [
      { min: 100 * WAN, max: 5_000 * WAN },
      { min: 100 * WAN, max: 2_000 * WAN },
    ],
    terms: [{ min: 12, max: 36 }],
    stages: ['startup', 'growth', 'expansion'],
    minTiers: [
      ['techSme', 0.7],
      ['none', 0.3],
    ],
    collateral: [[{ required: ['ipPledge'], accepted: ['ipPledge', 'guarantee'] }, 1]],
    policyTags: ['techConversion'],
    randomTargetShare: 0.2,
    rateSpread: { min: -0.2, max: 0.8 },
    purposes: ['rnd', 'techConversion', 'workingCapital'],
    nameZh: '知识产权质押贷',
    nameEn: 'IP pledge loan',
  },
  mnaLoan: {
    count: 15,
    instrument: 'loan',
    issuer: 'bank',
    source: 'products.md A9',
    amounts: [
      { min: 5_000 * WAN, max: 10 * YI },
      { min: 3_000 * WAN, max: 5 * YI },
    ],
    terms: [
      { min: 60, max: 120 },
      { min: 36, max: 84 },
    ],
    stages: ['expansion', 'mature', 'preIPO'],
    minTiers: [
      ['littleGiant', 0.6],
      ['srdi', 0.4],
    ],
    collateral: [
      [
        {
          required: ['equityPledge', 'realEstate', 'guarantee'],
          accepted: ['equityPledge', 'realEstate', 'guarantee'],
        },
        1,
      ],
    ],
    policyTags: [],
    rateSpread: { min: 0, max: 0.8 },
    minAnnualRevenue: 1 * YI,
    purposes: ['mna', 'expansion'],
    nameZh: '科技企业并购贷款',
    nameEn: 'tech M&A loan',
  },
  regionalEquityBoard: {
    count: 17,
    instrument: 'listing',
    issuer: 'regionalEquityMarket',
    source: 'products.md A7',
    amounts: [
      { min: 200 * WAN, max: 5_000 * WAN },
      { min: 300 * WAN, max: 8_000 * WAN },
    ],
    terms: [{ min: 12, max: 120 }],
    stages: ['startup', 'growth', 'expansion'],
    minTiers: [['techSme', 1]],
    collateral: [[{ required: [], accepted: [] }, 1]],
    policyTags: ['srdiSpecial'],
    purposes: ['listing', 'expansion', 'rnd'],
    nameZh: '“专精特新”专板',
    nameEn: 'regional equity-market SRDI board',
  },
  ipoGreenChannel: {
    count: 8,
    instrument: 'listing',
    issuer: 'securities',
    source: 'products.md A8',
    amounts: [
      { min: 1 * YI, max: 20 * YI },
      { min: 2 * YI, max: 30 * YI },
    ],
    terms: [{ min: 12, max: 120 }],
    stages: ['mature', 'preIPO'],
    minTiers: [['littleGiant', 1]],
    collateral: [[{ required: [], accepted: [] }, 1]],
    policyTags: ['srdiSpecial'],
    minAnnualRevenue: 1 * YI,
    purposes: ['listing'],
    nameZh: '上市绿色通道保荐服务',
    nameEn: 'IPO green-channel sponsorship',
  },
  bond: {
    count: 15,
    instrument: 'bond',
    issuer: 'securities',
    source: 'products.md A10',
    amounts: [
      { min: 1 * YI, max: 10 * YI },
      { min: 5_000 * WAN, max: 5 * YI },
    ],
    terms: [
      { min: 24, max: 60 },
      { min: 24, max: 84 },
    ],
    stages: ['expansion', 'mature', 'preIPO'],
    minTiers: [
      ['littleGiant', 0.7],
      ['srdi', 0.3],
    ],
    collateral: [[{ required: [], accepted: ['guarantee'] }, 1]],
    policyTags: ['techConversion'],
    rateSpread: { min: -0.5, max: 1.0 },
    minAnnualRevenue: 1 * YI,
    purposes: ['expansion', 'mna', 'green', 'refinancing', 'equipment'],
    nameZh: '科技创新债券承销',
    nameEn: 'tech-innovation bond underwriting',
  },
  ventureEquity: {
    count: 30,
    instrument: 'equity',
    issuer: 'fund',
    source: 'products.md B (VC/PE; avg deal ≈ 1,680万 [V])',
    amounts: [
      { min: 300 * WAN, max: 5_000 * WAN },
      { min: 1_000 * WAN, max: 3 * YI },
      { min: 100 * WAN, max: 2_000 * WAN },
    ],
    terms: [
      { min: 36, max: 120 },
      { min: 12, max: 120 },
    ],
    stages: ['seed', 'startup', 'growth', 'expansion', 'preIPO'],
    minTiers: [
      ['none', 0.5],
      ['techSme', 0.5],
    ],
    collateral: [[{ required: [], accepted: [] }, 1]],
    policyTags: [],
    randomTargetShare: 0.6,
    purposes: ['rnd', 'expansion', 'techConversion', 'listing'],
    nameZh: '股权投资',
    nameEn: 'venture equity',
  },
  financialLeasing: {
    count: 25,
    instrument: 'leasing',
    issuer: 'leasing',
    source: 'products.md B (融资租赁)',
    amounts: [
      { min: 100 * WAN, max: 3 * YI },
      { min: 200 * WAN, max: 1 * YI },
    ],
    terms: [{ min: 24, max: 60 }],
    stages: ['growth', 'expansion', 'mature'],
    minTiers: [['none', 1]],
    collateral: [[{ required: ['equipment'], accepted: ['equipment', 'guarantee'] }, 1]],
    policyTags: ['equipmentRenewal'],
    targetSectors: ['C'],
    rateSpread: { min: 0.5, max: 2.5 },
    purposes: ['equipment', 'digitalTransformation', 'green'],
    nameZh: '设备融资租赁',
    nameEn: 'equipment finance lease',
  },
  guarantee: {
    count: 32,
    instrument: 'guarantee',
    issuer: 'guarantee',
    source: 'products.md B (政府性融资担保, ≤ 1,000万 focus [V])',
    amounts: [
      { min: 10 * WAN, max: 1_000 * WAN },
      { min: 50 * WAN, max: 500 * WAN },
    ],
    terms: [{ min: 6, max: 36 }],
    stages: ['startup', 'growth'],
    minTiers: [['none', 1]],
    collateral: [[{ required: [], accepted: ['credit', 'guarantee'] }, 1]],
    policyTags: ['inclusive'],
    purposes: ['workingCapital', 'refinancing', 'techConversion'],
    nameZh: '政府性融资担保',
    nameEn: 'government financing guarantee',
  },
  techInsurance: {
    count: 40,
    instrument: 'insurance',
    issuer: 'insurer',
    source: 'products.md A4, B (科技保险)',
    amounts: [
      { min: 100 * WAN, max: 3 * YI },
      { min: 100 * WAN, max: 5_000 * WAN },
    ],
    terms: [{ min: 12, max: 60 }],
    stages: ['startup', 'growth', 'expansion'],
    minTiers: [
      ['techSme', 0.7],
      ['none', 0.3],
    ],
    collateral: [[{ required: [], accepted: [] }, 1]],
    policyTags: ['pilotInsurance'],
    targetSectors: ['C'],
    purposes: ['rnd', 'techConversion'],
    nameZh: '技术研发及中试综合保险',
    nameEn: 'R&D and pilot-test insurance',
  },
});

/** Share of bank products restricted to the issuing institution's province (local banks) [M]. */
export const LOCAL_PRODUCT_SHARE = 0.45;
/** Of region-restricted products, share restricted to one city instead of a province [M]. */
export const CITY_PRODUCT_SHARE = 0.2;

/**
 * Share of the products of a type that can fund green purposes (`purposes` includes `green`:
 * equipment-renewal loans, bonds, financial leasing) that carry the `green` policy tag —
 * green / carbon-reduction loans, green bonds, green leases. Source [V]: PBoC, 2025 Q2
 * 金融机构贷款投向统计报告 — green loans 42.39万亿元 out of 182.47万亿元 of loans to
 * enterprises and public institutions (本外币企事业单位贷款), i.e. 23.2% of corporate lending
 * (http://www.tanjiaoyi.com/article-94054-1.html ; http://www.yaolushuw.cn/jrjfb-lb/detail/20250722/4272775_1.html).
 * A share of balances used as a share of products [M]. Range [0, 1]; default 0.232.
 */
export const GREEN_PRODUCT_SHARE = 0.232;
/** Share of untargeted products that exclude real estate (K) and finance (J) [M]. */
export const EXCLUDE_K_J_SHARE = 0.35;

// ---------------------------------------------------------------------------------------------
// Projects and investors

/** Round weights of the 260 projects: early hard tech (stages-and-investors.md §2: early rounds ≈ 39% [V]) [M]. */
export const ROUND_WEIGHTS: Readonly<Record<Round, number>> = Object.freeze({
  seed: 0.05,
  angel: 0.12,
  preA: 0.15,
  A: 0.25,
  B: 0.2,
  C: 0.12,
  D: 0.06,
  preIPO: 0.05,
});

/** TRL band per round (stages-and-investors.md §3: TRL 1–4 seed, 5–7 start-up, 8–9 growth) [M]. */
export const TRL_BY_ROUND: Readonly<Record<Round, { min: number; max: number }>> = Object.freeze({
  seed: { min: 2, max: 4 },
  angel: { min: 3, max: 5 },
  preA: { min: 4, max: 6 },
  A: { min: 5, max: 7 },
  B: { min: 6, max: 8 },
  C: { min: 7, max: 9 },
  D: { min: 8, max: 9 },
  preIPO: { min: 8, max: 9 },
});

/** Ticket per round, yuan (stages-and-investors.md §2 [M]); project needs are log-uniform inside. */
export const TICKET_BY_ROUND: Readonly<Record<Round, { min: number; max: number }>> = Object.freeze(
  {
    seed: { min: 50 * WAN, max: 500 * WAN },
    angel: { min: 100 * WAN, max: 1_000 * WAN },
    preA: { min: 500 * WAN, max: 3_000 * WAN },
    A: { min: 2_000 * WAN, max: 1 * YI },
    B: { min: 5_000 * WAN, max: 3 * YI },
    C: { min: 1 * YI, max: 10 * YI },
    D: { min: 2 * YI, max: 10 * YI },
    preIPO: { min: 1 * YI, max: 20 * YI },
  },
);

/** Post-money dilution per round (valuation = need / dilution) [M]. */
export const DILUTION = Object.freeze({ min: 0.08, max: 0.25 });

/** Share of projects asking for a loan instead of equity (only bank investment arms accept them) [M]. */
export const PROJECT_LOAN_SHARE = 0.06;

/**
 * Project fields of the 科技产业金融一体化 project (platform.md §4 [V]: new-generation IT,
 * equipment manufacturing, aerospace information, AI; bio-manufacturing, low-altitude economy,
 * inland ships) and the GB/T prefixes their projects are drawn from.
 */
export const PROJECT_FIELDS: readonly {
  zh: string;
  en: string;
  sectors: readonly string[];
  weight: number;
}[] = Object.freeze([
  {
    zh: '新一代信息技术',
    en: 'new-generation IT',
    sectors: ['C397', 'C398', 'C392', 'I652', 'I651'],
    weight: 3,
  },
  {
    zh: '高端装备制造',
    en: 'equipment manufacturing',
    sectors: ['C342', 'C349', 'C356', 'C402', 'C345'],
    weight: 3,
  },
  {
    zh: '航空航天信息',
    en: 'aerospace information',
    sectors: ['C374', 'I63', 'C3921'],
    weight: 1.5,
  },
  {
    zh: '人工智能',
    en: 'artificial intelligence',
    sectors: ['I651', 'I653', 'C3964', 'C3491'],
    weight: 2.5,
  },
  { zh: '生物制造', en: 'bio-manufacturing', sectors: ['C276', 'C266', 'M73'], weight: 1.5 },
  { zh: '低空经济', en: 'low-altitude economy', sectors: ['C3963', 'C374'], weight: 1 },
  { zh: '内河船舶', en: 'inland ships', sectors: ['C373'], weight: 0.5 },
  {
    zh: '新能源与储能',
    en: 'new energy and storage',
    sectors: ['C384', 'C382', 'D44'],
    weight: 1.5,
  },
]);

/** One investor kind's generation spec (stages-and-investors.md §4). */
export interface InvestorKindSpec {
  count: number;
  tickets: readonly { min: number; max: number }[];
  rounds: readonly (readonly Round[])[];
  investsVia: 'direct' | 'subfund';
  /** Probability that the investor restricts to its province. */
  localShare: number;
  /** Probability of a TRL window. */
  trlShare: number;
  /** Capacity (new deals) range; the brief: 1–12. */
  capacity: { min: number; max: number };
  nameStems: readonly string[];
  thesisZh: string;
}

/**
 * Investors: 160 (≥ 150, platform.md §4 "> 150 leading financial institutions" [V]). Tickets
 * and round focus from stages-and-investors.md §4 [M]; capacities 1–12 new deals (design).
 */
export const INVESTOR_SPECS: Readonly<Record<InvestorKind, InvestorKindSpec>> = Object.freeze({
  governmentGuidanceFund: {
    count: 20,
    investsVia: 'subfund',
    localShare: 0.6,
    trlShare: 0.5,
    capacity: { min: 4, max: 12 },
    tickets: [
      { min: 500 * WAN, max: 1 * YI },
      { min: 2_000 * WAN, max: 5 * YI },
    ],
    rounds: [
      ['seed', 'angel', 'preA', 'A'],
      ['A', 'B', 'C', 'D'],
    ],
    nameStems: ['创业投资引导基金', '中小企业发展基金', '科技成果转化引导基金', '产业投资基金'],
    thesisZh: '政府引导基金，通过子基金投早投小投硬科技',
  },
  stateVC: {
    count: 30,
    investsVia: 'direct',
    localShare: 0.3,
    trlShare: 0.5,
    capacity: { min: 3, max: 12 },
    tickets: [
      { min: 1_000 * WAN, max: 5 * YI },
      { min: 500 * WAN, max: 1 * YI },
    ],
    rounds: [
      ['angel', 'preA', 'A', 'B', 'C', 'D', 'preIPO'],
      ['angel', 'preA', 'A', 'B'],
    ],
    nameStems: ['创新投资', '科创投', '创业投资', '国投创业'],
    thesisZh: '国有创投，坚持投早投小投长期投硬科技',
  },
  corporateVC: {
    count: 20,
    investsVia: 'direct',
    localShare: 0,
    trlShare: 0.6,
    capacity: { min: 1, max: 8 },
    tickets: [{ min: 2_000 * WAN, max: 3 * YI }],
    rounds: [
      ['A', 'B', 'C'],
      ['preA', 'A', 'B'],
    ],
    nameStems: ['产业投资', '战略投资', '产业基金'],
    thesisZh: '产业资本，围绕链主产业链上下游布局，优先投资链上小巨人',
  },
  privateVCPE: {
    count: 50,
    investsVia: 'direct',
    localShare: 0.1,
    trlShare: 0.4,
    capacity: { min: 2, max: 12 },
    tickets: [
      { min: 1_000 * WAN, max: 1 * YI },
      { min: 1 * YI, max: 10 * YI },
    ],
    rounds: [
      ['angel', 'preA', 'A', 'B'],
      ['C', 'D', 'preIPO'],
    ],
    nameStems: ['创业投资', '资本', '股权投资', '创投'],
    thesisZh: '市场化VC/PE，关注成长性与硬科技',
  },
  angel: {
    count: 20,
    investsVia: 'direct',
    localShare: 0.5,
    trlShare: 0.5,
    capacity: { min: 2, max: 12 },
    tickets: [{ min: 50 * WAN, max: 1_000 * WAN }],
    rounds: [
      ['seed', 'angel'],
      ['seed', 'angel', 'preA'],
    ],
    nameStems: ['天使投资', '孵化器基金', '种子基金'],
    thesisZh: '天使投资，支持初创科技型企业从概念验证走向中试',
  },
  bankInvestmentArm: {
    count: 10,
    investsVia: 'subfund',
    localShare: 0,
    trlShare: 0.3,
    capacity: { min: 2, max: 10 },
    tickets: [{ min: 5_000 * WAN, max: 10 * YI }],
    rounds: [['B', 'C', 'D', 'preIPO']],
    nameStems: ['金融资产投资', '投资'],
    thesisZh: '银行金融资产投资公司(AIC)，通过私募股权基金开展投贷联动',
  },
  insuranceFund: {
    count: 10,
    investsVia: 'subfund',
    localShare: 0,
    trlShare: 0.3,
    capacity: { min: 1, max: 6 },
    tickets: [{ min: 1 * YI, max: 20 * YI }],
    rounds: [['C', 'D', 'preIPO']],
    nameStems: ['保险资管', '险资股权投资'],
    thesisZh: '保险资金长期投资，偏好成熟期与上市前项目',
  },
});

/**
 * Sector focus of investors: the national VC guidance fund's fields (stages-and-investors.md
 * §4 [V]: AI, quantum, hydrogen and storage, bio-manufacturing, embodied intelligence, 6G)
 * map onto the project fields; each investor draws 1–3 of these fields or none (generalist).
 */
export const INVESTOR_GENERALIST_SHARE = 0.35;

// ---------------------------------------------------------------------------------------------
// Chains and zones

/** A key industrial chain ("一链一策一批", platform.md §5). Sector prefixes verified in tests. */
export interface ChainSpec {
  zh: string;
  en: string;
  sectors: readonly string[];
}

/** 30 key manufacturing chains (design choice; names follow MIIT key-chain usage [M]). */
export const CHAIN_SPECS: readonly ChainSpec[] = Object.freeze([
  { zh: '集成电路', en: 'integrated circuits', sectors: ['C3973', 'I6520', 'C3562'] },
  { zh: '新型显示', en: 'new displays', sectors: ['C3974'] },
  { zh: '工业母机', en: 'machine tools', sectors: ['C342'] },
  { zh: '工业机器人', en: 'industrial robots', sectors: ['C3491', 'C3492'] },
  { zh: '新能源汽车', en: 'new-energy vehicles', sectors: ['C361', 'C367'] },
  { zh: '动力电池', en: 'power batteries', sectors: ['C384'] },
  { zh: '光伏', en: 'photovoltaics', sectors: ['C3825', 'C3985'] },
  { zh: '输变电装备', en: 'power transmission equipment', sectors: ['C382', 'C383'] },
  { zh: '电机', en: 'electric motors', sectors: ['C381'] },
  { zh: '航空装备', en: 'aviation equipment', sectors: ['C374'] },
  { zh: '船舶与海洋工程装备', en: 'ships and offshore equipment', sectors: ['C373'] },
  { zh: '轨道交通装备', en: 'rail transit equipment', sectors: ['C371', 'C372'] },
  { zh: '生物医药', en: 'biomedicine', sectors: ['C276', 'C271', 'C272'] },
  { zh: '高端医疗器械', en: 'medical devices', sectors: ['C358'] },
  { zh: '先进化工材料', en: 'advanced chemical materials', sectors: ['C265', 'C266'] },
  { zh: '稀土新材料', en: 'rare-earth materials', sectors: ['C323'] },
  { zh: '工业软件', en: 'industrial software', sectors: ['I651', 'C3914'] },
  { zh: '通信设备', en: 'communication equipment', sectors: ['C392'] },
  { zh: '智能终端', en: 'smart devices', sectors: ['C396', 'C3922'] },
  { zh: '电子元器件', en: 'electronic components', sectors: ['C398', 'C397'] },
  { zh: '仪器仪表', en: 'instruments', sectors: ['C401', 'C402'] },
  { zh: '基础零部件', en: 'basic components', sectors: ['C345', 'C348'] },
  { zh: '工程机械', en: 'construction machinery', sectors: ['C351'] },
  { zh: '农机装备', en: 'agricultural machinery', sectors: ['C357'] },
  {
    zh: '节能环保装备',
    en: 'energy-saving and environmental equipment',
    sectors: ['C359', 'N772'],
  },
  { zh: '纺织服装', en: 'textiles and apparel', sectors: ['C17', 'C18'] },
  { zh: '绿色食品', en: 'green food', sectors: ['C13', 'C14'] },
  { zh: '低空经济', en: 'low-altitude economy', sectors: ['C3963', 'C3744'] },
  { zh: '泵阀与流体机械', en: 'pumps, valves and fluid machinery', sectors: ['C344'] },
  {
    zh: '先进钢铁与有色材料',
    en: 'advanced steel and non-ferrous materials',
    sectors: ['C31', 'C324', 'C325'],
  },
]);

/** One special zone (platform.md §2: 24 zones, e.g. industrial transfer, clusters, 5G, industrial internet [V]; the rest [M]). */
export interface ZoneSpec {
  zh: string;
  en: string;
  kind: ZoneKind;
  sectors: readonly string[];
  regions: readonly string[];
  /** Product types preferred for the zone package. */
  productTypes: readonly ProductType[];
}

/** The 24 special zones. */
export const ZONE_SPECS: readonly ZoneSpec[] = Object.freeze([
  {
    zh: '产业转移专区',
    en: 'Industrial transfer',
    kind: 'industrialTransfer',
    sectors: ['C'],
    regions: ['34', '36', '41', '42', '43', '50', '51', '45'],
    productTypes: ['equipmentRenewalLoan', 'srdiSpecialLoan', 'financialLeasing'],
  },
  {
    zh: '先进制造业集群专区',
    en: 'Advanced manufacturing clusters',
    kind: 'advancedManufacturingCluster',
    sectors: ['C34', 'C35', 'C38', 'C39'],
    regions: [],
    productTypes: ['srdiSpecialLoan', 'supplyChainFinance', 'equipmentRenewalLoan'],
  },
  {
    zh: '工业互联网专区',
    en: 'Industrial internet',
    kind: 'industrialInternet',
    sectors: ['C', 'I65'],
    regions: [],
    productTypes: ['digitalTransformationLoan', 'creditLoan'],
  },
  {
    zh: '5G应用专区',
    en: '5G applications',
    kind: 'fiveG',
    sectors: ['C392', 'I63', 'I65'],
    regions: [],
    productTypes: ['digitalTransformationLoan', 'techConversionLoan'],
  },
  {
    zh: '专精特新专区',
    en: 'SRDI enterprises',
    kind: 'srdi',
    sectors: [],
    regions: [],
    productTypes: ['srdiSpecialLoan', 'regionalEquityBoard', 'ipoGreenChannel'],
  },
  {
    zh: '绿色低碳专区',
    en: 'Green and low-carbon',
    kind: 'green',
    sectors: ['C', 'D44', 'N77'],
    regions: [],
    productTypes: ['equipmentRenewalLoan', 'bond', 'financialLeasing'],
  },
  {
    zh: '数字化转型专区',
    en: 'Digital transformation',
    kind: 'digitalTransformation',
    sectors: ['C'],
    regions: [],
    productTypes: ['digitalTransformationLoan'],
  },
  {
    zh: '大规模设备更新专区',
    en: 'Large-scale equipment renewal',
    kind: 'other',
    sectors: ['C'],
    regions: [],
    productTypes: ['equipmentRenewalLoan', 'financialLeasing', 'techReloanLoan'],
  },
  {
    zh: '科技成果转化专区',
    en: 'S&T achievement conversion',
    kind: 'other',
    sectors: [],
    regions: [],
    productTypes: ['techConversionLoan', 'ipPledgeLoan'],
  },
  {
    zh: '制造业中试专区',
    en: 'Manufacturing pilot tests',
    kind: 'other',
    sectors: ['C'],
    regions: [],
    productTypes: ['pilotInsuranceRnDLoan', 'techInsurance'],
  },
  {
    zh: '一链一策一批专区',
    en: 'One chain, one policy, one batch',
    kind: 'other',
    sectors: ['C'],
    regions: [],
    productTypes: ['supplyChainFinance', 'srdiSpecialLoan'],
  },
  {
    zh: '低空经济专区',
    en: 'Low-altitude economy',
    kind: 'other',
    sectors: ['C3963', 'C374'],
    regions: [],
    productTypes: ['ventureEquity', 'techConversionLoan'],
  },
  {
    zh: '人工智能专区',
    en: 'Artificial intelligence',
    kind: 'other',
    sectors: ['I65', 'C3964', 'C3491'],
    regions: [],
    productTypes: ['ventureEquity', 'creditLoan'],
  },
  {
    zh: '生物制造专区',
    en: 'Bio-manufacturing',
    kind: 'other',
    sectors: ['C27', 'C266'],
    regions: [],
    productTypes: ['ventureEquity', 'techConversionLoan'],
  },
  {
    zh: '集成电路专区',
    en: 'Integrated circuits',
    kind: 'other',
    sectors: ['C397', 'C398', 'I6520'],
    regions: [],
    productTypes: ['srdiSpecialLoan', 'ventureEquity'],
  },
  {
    zh: '新能源汽车专区',
    en: 'New-energy vehicles',
    kind: 'other',
    sectors: ['C36', 'C384'],
    regions: [],
    productTypes: ['supplyChainFinance', 'equipmentRenewalLoan'],
  },
  {
    zh: '工业母机专区',
    en: 'Machine tools',
    kind: 'other',
    sectors: ['C342'],
    regions: [],
    productTypes: ['srdiSpecialLoan', 'financialLeasing'],
  },
  {
    zh: '首台套首批次专区',
    en: 'First-of-a-kind equipment and materials',
    kind: 'other',
    sectors: ['C34', 'C35', 'C26'],
    regions: [],
    productTypes: ['techInsurance'],
  },
  {
    zh: '知识产权金融专区',
    en: 'IP finance',
    kind: 'other',
    sectors: [],
    regions: [],
    productTypes: ['ipPledgeLoan'],
  },
  {
    zh: '普惠小微专区',
    en: 'Inclusive small and micro',
    kind: 'other',
    sectors: [],
    regions: [],
    productTypes: ['creditLoan', 'guarantee', 'loanRenewal'],
  },
  {
    zh: '科技产业金融一体化专区',
    en: 'S&T–industry–finance integration',
    kind: 'other',
    sectors: ['C', 'I', 'M'],
    regions: [],
    productTypes: ['ventureEquity', 'techConversionLoan', 'pilotInsuranceRnDLoan'],
  },
  {
    zh: '区域性股权市场专精特新专板专区',
    en: 'Regional SRDI boards',
    kind: 'srdi',
    sectors: [],
    regions: [],
    productTypes: ['regionalEquityBoard'],
  },
  {
    zh: '产融合作试点城市专区',
    en: 'Industry–finance pilot cities',
    kind: 'other',
    sectors: [],
    regions: ['3205', '3302', '3701', '4406', '5101', '4201', '3401', '5107'],
    productTypes: ['srdiSpecialLoan', 'creditLoan'],
  },
  {
    zh: '长三角一体化专区',
    en: 'Yangtze River Delta integration',
    kind: 'other',
    sectors: [],
    regions: ['31', '32', '33', '34'],
    productTypes: ['srdiSpecialLoan', 'supplyChainFinance'],
  },
]);

// ---------------------------------------------------------------------------------------------
// Latent behaviour of institutions and investors (behaviour.ts)
//
// None of these numbers is published: the domain notes give no lender-level footprints,
// sector books or market shares. They are design choices [M] shaped to the few facts that are
// sourced (cited where used): relationship lending is local, a handful of national banks carry
// most volume, and the platform's financing grew ≈ 40% a year.

/** A uniform range `[min, max]`. */
export interface UniformRange {
  min: number;
  max: number;
}

/**
 * How an institution's or investor's regional footprint is drawn. The home province holds
 * `concentration` of the deals; the rest is spread over the other provinces ∝ market share ×
 * lift, where a few named provinces get a lift drawn from `namedLift` and every other province
 * the lift `background`. So a named province is over-represented by about the same factor
 * whatever its size, and less than the home province.
 */
export interface FootprintSpec {
  /** Share of deals in the home province, drawn uniformly in this range. */
  concentration: UniformRange;
  /** Number of other provinces with a named lift (drawn ∝ {@link PROVINCE_WEIGHTS}). */
  otherProvinces: UniformRange;
  /** Lift of a named province, drawn uniformly. */
  namedLift: UniformRange;
  /** Lift of every other province. */
  background: number;
  /** Number of favoured prefectures inside the home province (own city first for local ones). */
  favouredCities: UniformRange;
}

/**
 * Regional footprints [M]. A local institution (with a `region`) lends 70–95% in its home
 * province — city commercial, rural and village banks are chartered to serve their locality,
 * and "the matched institution contacts the enterprise within 3 days" (platform.md §3 [V])
 * favours a nearby branch — and the rest mostly in 1–3 other provinces. A national one
 * (policy, state-owned and joint-stock banks, national funds) draws a home province (its
 * head-office tilt) with 8–25% of deals and spreads the rest over the whole market, a few
 * provinces lifted. Favoured prefectures are where an institution has branches or a city
 * charter; the engine's `regionProximity` factor sees only a product's declared regions.
 */
export const FOOTPRINT: Readonly<Record<'local' | 'national', FootprintSpec>> = Object.freeze({
  local: {
    concentration: { min: 0.7, max: 0.95 },
    otherProvinces: { min: 1, max: 3 },
    namedLift: { min: 2, max: 4 },
    background: 0.15,
    favouredCities: { min: 1, max: 2 },
  },
  national: {
    concentration: { min: 0.08, max: 0.25 },
    otherProvinces: { min: 3, max: 6 },
    namedLift: { min: 1.5, max: 3 },
    background: 1,
    favouredCities: { min: 0, max: 2 },
  },
});

/**
 * A province's footprint affinity is log(footprint share / market share of enterprises),
 * clipped to `[min, max]`: +2 ≈ 7× over-represented, −3 ≈ 20× under-represented. Clipping keeps
 * one province from dominating the true fit, and keeps every eligible pair's truth above 0.
 */
export const FOOTPRINT_AFFINITY_CLIP = Object.freeze({ min: -3, max: 2.2 });

/**
 * Sector book [M]: each institution favours 2–5 GB/T 4754 divisions drawn from the market mix
 * (so manufacturing-heavy, SECTION_WEIGHTS), narrows some to one group, avoids 0–2 divisions,
 * and, when its products declare target sectors, favours one group inside a declared target
 * ("a preference inside its declared range": the engine's `sectorFit` scores any class under a
 * target alike). `strength` scales the bonuses per institution.
 */
export const SECTOR_BOOK = Object.freeze({
  favouredDivisions: { min: 2, max: 5 },
  /** Probability that a favoured division is narrowed to one of its groups. */
  narrowToGroupShare: 0.5,
  avoidedDivisions: { min: 0, max: 2 },
  strength: { min: 0.6, max: 1.4 },
});

/**
 * Preferred client size per institution kind, as log10 of annual revenue (yuan): the centre is
 * drawn from N(mean, sd), the width (a Gaussian bump's sd, in decades) uniformly [M].
 * Policy guarantors serve small clients ("≤ 1,000万 per client", products.md table B [V]), so
 * they sit lowest; national banks and securities firms prefer larger clients; equity funds sit
 * at start-up/growth scale. National banks add {@link NATIONAL_SIZE_SHIFT}.
 */
export const SIZE_PREFERENCE: Readonly<
  Record<InstitutionKind, { mean: number; sd: number; width: UniformRange }>
> = Object.freeze({
  bank: { mean: 7.6, sd: 0.45, width: { min: 0.5, max: 0.9 } },
  insurer: { mean: 7.8, sd: 0.4, width: { min: 0.6, max: 1 } },
  fund: { mean: 7.3, sd: 0.4, width: { min: 0.5, max: 0.8 } },
  securities: { mean: 8.6, sd: 0.3, width: { min: 0.4, max: 0.7 } },
  leasing: { mean: 8, sd: 0.35, width: { min: 0.5, max: 0.8 } },
  guarantee: { mean: 6.9, sd: 0.3, width: { min: 0.4, max: 0.7 } },
  regionalEquityMarket: { mean: 7.3, sd: 0.3, width: { min: 0.5, max: 0.8 } },
});
/** Added to a national institution's size centre (log10 revenue): big banks, big clients [M]. */
export const NATIONAL_SIZE_SHIFT = 0.5;
/** Revenue floor (yuan) of the size score, so pre-revenue firms have a finite log size. */
export const SIZE_REVENUE_FLOOR = 50 * WAN;

/**
 * Volume (relative deal flow) [M]: log-normal, exp(σ·Z), times a multiplier for national
 * institutions. The 21 national banks are the re-loan's lenders (products.md A5 [V]) and the
 * 22–23 strategic-partner institutions carry the special-loan programmes (platform.md §2 [V]),
 * so a few institutions do most of the lending; σ = 1.3 alone gives the top 10% of institutions
 * ≈ 45% of the volume, the national multiplier more.
 */
export const VOLUME = Object.freeze({
  sigma: 1.3,
  nationalMultiplier: 12,
  /** Yearly log-drift of an institution's volume ~ N(0, trendSd): some grow, some shrink. */
  trendSd: 0.35,
});

/**
 * Appetite for returning clients, uniform per kind [M]: relationship lending is a bank's core
 * model (a funded client comes back for renewals, 无还本续贷 products.md A6, and new lines);
 * guarantors and lessors follow their bank partners; funds and boards rarely serve a client
 * twice in two years.
 */
export const LOYALTY: Readonly<Record<InstitutionKind, UniformRange>> = Object.freeze({
  bank: { min: 0.45, max: 0.95 },
  insurer: { min: 0.3, max: 0.7 },
  fund: { min: 0.1, max: 0.4 },
  securities: { min: 0.1, max: 0.4 },
  leasing: { min: 0.3, max: 0.7 },
  guarantee: { min: 0.35, max: 0.75 },
  regionalEquityMarket: { min: 0.05, max: 0.2 },
});

/**
 * Investor footprints [M]: investors declaring a region lend there already (eligibility);
 * the others still invest near home — VC deal flow is local (stages-and-investors.md §4: state
 * VC and guidance funds carry local reinvestment ratios [M]).
 */
export const INVESTOR_FOOTPRINT: FootprintSpec = Object.freeze({
  concentration: { min: 0.25, max: 0.65 },
  otherProvinces: { min: 2, max: 4 },
  namedLift: { min: 1.5, max: 3 },
  background: 0.4,
  favouredCities: { min: 0, max: 1 },
});

/**
 * Investor behaviour [M]: favoured sector prefixes (1–3, inside the project fields it targets,
 * any field for a generalist), a ticket sweet spot (log10 yuan, centre uniform inside its
 * declared ticket, width in decades), heavy-tailed deal volume (深创投 is "most active by deal
 * count", stages-and-investors.md §4 [V]; the spread is [M]), follow-on appetite and 1–3
 * syndicate partners it co-invests with.
 */
export const INVESTOR_BEHAVIOUR = Object.freeze({
  favouredSectors: { min: 1, max: 3 },
  strength: { min: 0.6, max: 1.4 },
  ticketWidth: { min: 0.25, max: 0.5 },
  volumeSigma: 1.1,
  trendSd: 0.3,
  loyalty: { min: 0.2, max: 0.8 },
  partners: { min: 1, max: 3 },
});

// ---------------------------------------------------------------------------------------------
// Hidden true fit and interactions

/** Dimension of the latent taste vectors (per enterprise/product, per project/investor). */
export const LATENT_DIMENSIONS = 4;

/**
 * Enterprise–product true fit = logistic(bias + Σ terms) for eligible pairs, 0 otherwise
 * (truth.ts). Each weight multiplies a term of the *institution's* latent behaviour, not an
 * engine factor:
 * - `region` × footprint affinity of the enterprise's province (clipped log-ratio,
 *   {@link FOOTPRINT_AFFINITY_CLIP}), plus `city` when it sits in a favoured prefecture;
 * - `sectorGroup` / `sectorDivision` / `sectorAvoided` × the institution's sector strength;
 * - `size` × (2·bump − 1), bump = exp(−½((log10 revenue − centre)/width)²) ∈ (0, 1];
 * - `quality` × the enterprise's creditworthiness q ~ N(0,1): 0.6 · standardised (0.5 −
 *   debtRatio)/0.15 + 0.8 · a hidden normal (what a loan officer learns and the record lacks);
 * - `purpose` × (+1 if the product type serves the need's purpose, −1 otherwise);
 * - `existingLender`: the enterprise already borrows from the product's institution;
 * - `latent` × u·v/√k, an idiosyncratic taste with u, v standard normal.
 * The bias puts the mean truth of eligible pairs near 0.3.
 */
export const TRUTH = Object.freeze({
  bias: -1.3,
  region: 0.8,
  city: 0.5,
  sectorGroup: 1.2,
  sectorDivision: 0.7,
  sectorAvoided: -1,
  size: 0.9,
  quality: 0.6,
  qualityDebtShare: 0.6,
  purpose: 0.5,
  existingLender: 1,
  latent: 0.5,
});

/**
 * Project–investor true fit, same form (truth.ts): `region` × the investor's footprint
 * affinity for the project's province, `sector` × strength when the project's class lies under
 * a favoured prefix, `ticket` × (2·bump − 1) of log10 need against the investor's sweet spot,
 * `quality` × a hidden project quality N(0,1), `latent` × u·v/√k.
 */
export const PROJECT_TRUTH = Object.freeze({
  bias: -0.6,
  region: 0.7,
  sector: 1,
  ticket: 0.9,
  quality: 0.6,
  latent: 0.5,
});

/**
 * Platform activity grows over the window: financing through the platform rose 40.7% in 2024
 * (platform.md §2, SCIO 2025-01-03 [V]), so first contacts are drawn with density ∝
 * {@link PLATFORM_GROWTH_PER_YEAR}^(years since the window start).
 */
export const PLATFORM_GROWTH_PER_YEAR = 1.407;

/**
 * Enterprise–product interactions: share of enterprises active on the platform in the window,
 * products viewed per active enterprise, candidate products scanned per active enterprise
 * (from its instruments' buckets), the selection weight truth^selectionExponent × reach (the
 * institution's volume that month, shared among its products) × footprint lift against an
 * outside option, and the funnel probabilities (linear in the truth). Approval ≈ 73% of applications (SRDI SME loan approval rate,
 * products.md [V]).
 */
export const ENTERPRISE_INTERACTIONS = Object.freeze({
  activeShare: 0.3,
  views: { min: 1, max: 4 },
  candidates: 60,
  selectionExponent: 2,
  /**
   * Weight of the outside option in each view draw (the enterprise looks no further), against
   * candidate weights truth² × reach (mean 1) × footprint lift: a typical eligible candidate
   * weighs ≈ 0.05–0.1, one far outside the institution's footprint ≈ 0.005.
   */
  outsideOption: 0.05,
  applyBase: 0.2,
  applySlope: 0.8,
  approveBase: 0.45,
  approveSlope: 0.55,
  fundedShare: 0.9,
  windowDays: 730,
  /** Latest first-view date, days before asOf, so funnels finish before asOf. */
  minLeadDays: 70,
});

/**
 * Relationship lending [M]: after a funded deal, the client returns to the same institution
 * with probability `returnShare` × the institution's loyalty, `gapDays` later, to the same
 * product with probability `sameProductShare` (a renewal) or to another of the institution's
 * products it is eligible for; a returning client applies and is approved more often (the
 * lender already knows it). Chains of returns continue while the window lasts.
 */
export const RELATIONSHIP = Object.freeze({
  returnShare: 0.9,
  gapDays: { min: 90, max: 330 },
  sameProductShare: 0.6,
  applyBoost: 0.3,
  approveBoost: 0.2,
});

/** Project–investor interactions: views per project, the funnel, and repeat partnerships [M]. */
export const PROJECT_INTERACTIONS = Object.freeze({
  views: { min: 2, max: 8 },
  selectionExponent: 2,
  /** Weight of the outside option in each view draw (as for enterprises). */
  outsideOption: 0.05,
  applyBase: 0.2,
  applySlope: 0.6,
  approveBase: 0.2,
  approveSlope: 0.5,
  fundedShare: 0.85,
  /** After an investor funds a project, each syndicate partner co-invests with this probability (if eligible). */
  coInvestShare: 0.5,
  /** Probability × the investor's loyalty of a follow-on tranche into the same project. */
  followOnShare: 0.8,
  followOnGapDays: { min: 120, max: 360 },
  /** Follow-on tranche: share of the project's need. */
  followOnAmount: { min: 0.3, max: 0.8 },
  /** Added to apply and approve probabilities of a co-investment or follow-on. */
  repeatBoost: 0.25,
});

/** Progress callback cadence (records between calls). */
export const PROGRESS_EVERY = 10_000;
