/**
 * Chinese (and some English) names and free text of generated records, built from the
 * taxonomy's sector names and fixed phrases, so that a text factor finds real signal: an
 * enterprise's text names its sector, tier, purpose and instrument; a product's names the
 * same vocabulary for what it serves.
 *
 * @module
 */
import type { Instrument, Purpose } from '../model/enums.js';
import type { Enterprise, FinancialProduct, Investor, Project } from '../model/types.js';
import { getSector as lookupSector, type SectorNode } from '../taxonomy/sectors.js';
import {
  ROUND_NAMES,
  SRDI_TIER_NAMES,
  STAGE_NAMES,
  TRL_NAMES,
  type SrdiTier,
  type Trl,
} from '../taxonomy/ladders.js';
import type { Random } from '../util/random.js';
import {
  CITY_NAMES,
  MUNICIPALITIES,
  PROVINCE_CITIES,
  PROVINCE_NAMES,
  WAN,
  YI,
} from './calibration.js';

const sectorCache = new Map<string, SectorNode | undefined>();
/** Cached sector lookup (texts are written for every enterprise). */
function getSector(code: string): SectorNode | undefined {
  if (!sectorCache.has(code)) sectorCache.set(code, lookupSector(code));
  return sectorCache.get(code);
}

const wordCache = new Map<string, string>();

/** Syllables of brand names (字号). */
export const BRAND_SYLLABLES = [
  '恒',
  '瑞',
  '华',
  '精',
  '创',
  '鑫',
  '博',
  '嘉',
  '诚',
  '远',
  '泰',
  '航',
  '微',
  '芯',
  '智',
  '达',
  '宏',
  '力',
  '源',
  '联',
  '德',
  '丰',
  '盛',
  '晟',
  '睿',
  '拓',
  '新',
  '正',
  '中',
  '科',
  '海',
  '天',
  '信',
  '成',
  '昊',
  '卓',
  '凯',
  '邦',
  '德',
  '锐',
  '弘',
  '立',
  '捷',
  '鼎',
  '汇',
  '通',
  '明',
  '辰',
] as const;

/** A two-syllable brand. */
export function brand(rng: Random): string {
  return rng.pick(BRAND_SYLLABLES) + rng.pick(BRAND_SYLLABLES);
}

/** Short Chinese name of a city region code (falls back to the province of the code). */
export function cityName(region: string): string {
  return CITY_NAMES[region] ?? CITY_NAMES[region.slice(0, 4) + '00'] ?? '';
}

/** Where a region code is, as institution names need it. */
export interface Place {
  /** Province short name (江苏; 北京 for a Beijing district). */
  province: string;
  /** City: the prefecture (南京), or the municipality itself (北京). */
  city: string;
  /** District of a municipality (海淀), else empty. */
  district: string;
  /** The province's capital, or a municipality. */
  capital: boolean;
  /** One of the four municipalities. */
  municipality: boolean;
}

/**
 * The place of a generated region code (a code of `PROVINCE_CITIES`), or `undefined` for a
 * code the generator does not draw.
 */
export function placeOf(region: string): Place | undefined {
  const provinceCode = region.slice(0, 2);
  const province = PROVINCE_NAMES[provinceCode];
  const name = cityName(region);
  if (!province || !name) return undefined;
  const municipality = MUNICIPALITIES.includes(provinceCode);
  if (municipality)
    return {
      province,
      city: province,
      district: name.startsWith(province) ? name.slice(province.length) : '',
      capital: true,
      municipality,
    };
  return {
    province,
    city: name,
    district: '',
    capital: PROVINCE_CITIES[provinceCode]?.[0] === region,
    municipality,
  };
}

/**
 * Longest sector word in a name, in characters: a class name longer than this is replaced by
 * the nearest ancestor that fits (names are generated to fit, never cut).
 */
export const SECTOR_WORD_MAX_CHARS = 10;

/** Endings dropped from a sector name to make its business word (电子设备制造 → 电子设备). */
const SECTOR_WORD_SUFFIX = /(制造业|制造|加工|服务业|服务|业)$/u;

/**
 * The business word of a sector name: without a leading 其他 and the trailing 制造/加工/服务/业,
 * or empty when nothing is left. Every sector word the generator writes is one of these, whole.
 */
export function sectorNameWord(nameZh: string): string {
  return nameZh.replace(/^其他/u, '').replace(SECTOR_WORD_SUFFIX, '');
}

/**
 * A sector's Chinese business word: the class name without 其他 and the trailing 制造/服务/业;
 * when that is longer than {@link SECTOR_WORD_MAX_CHARS} or lists several trades (a 、), the
 * nearest ancestor's word that fits; `科技` when none does. Never a cut word.
 */
export function sectorWord(code: string): string {
  let word = wordCache.get(code);
  if (word === undefined) wordCache.set(code, (word = computeSectorWord(code)));
  return word;
}

function computeSectorWord(code: string): string {
  for (let node = getSector(code); node; node = node.parent ? getSector(node.parent) : undefined) {
    const word = sectorNameWord(node.nameZh);
    if (word.length >= 2 && word.length <= SECTOR_WORD_MAX_CHARS && !word.includes('、'))
      return word;
  }
  return '科技';
}

/** Formats yuan as officers write it: 500万元, 1.2亿元. */
export function yuanZh(amount: number): string {
  if (amount >= YI) return `${Number((amount / YI).toFixed(2))}亿元`;
  return `${Number((amount / WAN).toFixed(0))}万元`;
}

/** Formats yuan in English: 5.0m yuan / 120m yuan. */
export function yuanEn(amount: number): string {
  return `${Number((amount / 1e6).toFixed(1))}m yuan`;
}

/** What the money is for, in Chinese and English. */
export const PURPOSE_PHRASES: Readonly<Record<Purpose, { zh: string; en: string }>> = {
  workingCapital: {
    zh: '补充流动资金，保障原材料采购与订单交付',
    en: 'working capital for materials and orders',
  },
  equipment: {
    zh: '购置生产设备、实施技术改造',
    en: 'new production equipment and technical upgrading',
  },
  rnd: { zh: '研发投入及中试线建设', en: 'R&D and a pilot production line' },
  digitalTransformation: {
    zh: '建设智能工厂与MES系统，推进数字化转型',
    en: 'a smart factory and MES, digital transformation',
  },
  techConversion: {
    zh: '专利成果产业化（科技成果转化）',
    en: 'industrialising patents (technology conversion)',
  },
  expansion: { zh: '扩大产能、新建生产基地', en: 'capacity expansion and a new production base' },
  mna: { zh: '并购上下游企业、整合产业链', en: 'acquiring upstream or downstream firms' },
  listing: { zh: '股改及上市辅导，拟登陆北交所', en: 'restructuring and IPO preparation' },
  refinancing: { zh: '存量贷款到期续贷周转', en: 'renewing a maturing loan' },
  green: {
    zh: '节能降碳改造，创建绿色工厂',
    en: 'energy saving, carbon reduction and a green factory',
  },
};

/** Instrument words. */
export const INSTRUMENT_PHRASES: Readonly<Record<Instrument, { zh: string; en: string }>> = {
  loan: { zh: '贷款', en: 'a loan' },
  equity: { zh: '股权融资', en: 'equity financing' },
  bond: { zh: '债券融资', en: 'a bond issue' },
  insurance: { zh: '科技保险', en: 'technology insurance' },
  guarantee: { zh: '融资担保', en: 'a financing guarantee' },
  leasing: { zh: '融资租赁', en: 'a finance lease' },
  listing: { zh: '专板挂牌或上市融资', en: 'a board listing or IPO' },
};

/** Loan word specialised by purpose (研发贷款, 技改贷款…). */
const LOAN_BY_PURPOSE: Readonly<Record<Purpose, string>> = {
  workingCapital: '流动资金贷款',
  equipment: '技改贷款',
  rnd: '研发贷款',
  digitalTransformation: '数字化转型贷款',
  techConversion: '科技成果转化贷款',
  expansion: '项目贷款',
  mna: '并购贷款',
  listing: '贷款',
  refinancing: '续贷',
  green: '绿色贷款',
};

const TIER_PHRASE_ZH: Readonly<Record<SrdiTier, string>> = {
  none: '中小企业',
  techSme: '科技型中小企业',
  srdi: '省级专精特新中小企业',
  littleGiant: '国家级专精特新“小巨人”企业',
  champion: '制造业单项冠军企业',
};

const TIER_PHRASE_EN: Readonly<Record<SrdiTier, string>> = {
  none: 'An SME',
  techSme: 'A technology-based SME',
  srdi: 'A provincial SRDI SME',
  littleGiant: 'A national SRDI "little giant"',
  champion: 'A manufacturing single champion',
};

const FOCUS_ZH = [
  '研发与生产',
  '核心部件研发',
  '关键工艺攻关',
  '产品研发制造',
  '技术服务与解决方案',
  '高端产品国产替代',
] as const;

/** Chinese enterprise name: city + brand + sector word + legal form. */
export function enterpriseName(
  rng: Random,
  e: Pick<Enterprise, 'region' | 'sector' | 'stage'>,
): string {
  const form = e.stage === 'mature' || e.stage === 'preIPO' ? '股份有限公司' : '有限公司';
  return `${cityName(e.region)}${brand(rng)}${sectorWord(e.sector)}${form}`;
}

/** Enterprise free text, Chinese or (with `english`) English. */
export function enterpriseText(
  rng: Random,
  e: Enterprise,
  english: boolean,
  effectiveTier: SrdiTier,
): string {
  const sector = getSector(e.sector);
  const purpose = PURPOSE_PHRASES[e.need.purpose];
  if (english) {
    const inst = e.need.instruments.map((i) => INSTRUMENT_PHRASES[i].en).join(' or ');
    return `${TIER_PHRASE_EN[effectiveTier]} in ${sector?.nameEn ?? 'industry'} (${e.sector}), ${STAGE_NAMES[e.stage].en} stage; seeks ${inst} of ${yuanEn(e.need.amount)} over ${e.need.termMonths} months for ${purpose.en}.`;
  }
  const inst = e.need.instruments
    .map((i) => (i === 'loan' ? LOAN_BY_PURPOSE[e.need.purpose] : INSTRUMENT_PHRASES[i].zh))
    .join('或');
  const extras: string[] = [];
  if (e.policyLists.includes('highTechEnterprise')) extras.push('高新技术企业');
  if (e.policyLists.includes('techReloanCandidates')) extras.push('列入科技创新再贷款备选企业名单');
  if (e.policyLists.includes('equipmentRenewalProjects')) extras.push('设备更新项目已入库');
  if (e.policyLists.includes('greenFactory')) extras.push('绿色工厂');
  if (e.chains.some((c) => c.role === 'leader')) extras.push('产业链链主企业');
  else if (e.chains.length > 0) extras.push('重点产业链配套企业');
  if (e.rdIntensity >= 0.05) extras.push(`研发投入占比${Math.round(e.rdIntensity * 100)}%`);
  const tail = extras.length > 0 ? `${extras.join('，')}。` : '';
  return `${TIER_PHRASE_ZH[effectiveTier]}，处于${STAGE_NAMES[e.stage].zh}，专注${sector?.nameZh ?? ''}${rng.pick(FOCUS_ZH)}，拟申请${inst}${yuanZh(e.need.amount)}、期限${e.need.termMonths}个月，用于${purpose.zh}。${tail}`;
}

/** Product free text (Chinese). */
export function productText(
  p: FinancialProduct,
  institutionName: string,
  purposes: readonly Purpose[],
): string {
  const stages = p.stages.length > 0 ? p.stages.map((s) => STAGE_NAMES[s].zh).join('、') : '各阶段';
  const sectors =
    p.targetSectors.length > 0
      ? p.targetSectors.map((c) => getSector(c)?.nameZh ?? c).join('、')
      : '各行业';
  const tier =
    p.minSrdiTier === 'none' ? '中小企业' : `${SRDI_TIER_NAMES[p.minSrdiTier].zh}及以上企业`;
  const collateral =
    p.collateral.required.length === 0
      ? p.instrument === 'loan'
        ? '纯信用、无需抵押'
        : '无需抵质押'
      : `需提供${p.collateral.required.map((c) => COLLATERAL_ZH[c]).join('或')}`;
  const uses = purposes.map((u) => PURPOSE_PHRASES[u].zh.split('，')[0]).join('；');
  const rate = p.ratePercent ? `，年利率${p.ratePercent.min}%–${p.ratePercent.max}%` : '';
  const lists =
    p.requiredPolicyLists.length > 0
      ? `，须列入${p.requiredPolicyLists.map((l) => LIST_ZH[l]).join('、')}`
      : '';
  return `${institutionName}推出的${p.name}，面向${sectors}领域处于${stages}的${tier}，额度${yuanZh(p.amount.min)}至${yuanZh(p.amount.max)}，期限${p.termMonths.min}–${p.termMonths.max}个月${rate}，${collateral}${lists}。适用于：${uses}。`;
}

const COLLATERAL_ZH: Readonly<Record<string, string>> = {
  credit: '信用',
  realEstate: '不动产抵押',
  equipment: '设备抵押',
  ipPledge: '知识产权质押',
  receivables: '应收账款质押',
  inventory: '存货质押',
  equityPledge: '股权质押',
  guarantee: '第三方担保',
};

const LIST_ZH: Readonly<Record<string, string>> = {
  techReloanCandidates: '科技创新和技术改造再贷款备选企业名单',
  equipmentRenewalProjects: '设备更新项目清单',
  digitalTransformationPilot: '中小企业数字化转型试点',
  highTechEnterprise: '高新技术企业',
  keyChainEnterprise: '重点产业链企业名单',
  greenFactory: '绿色工厂名单',
};

/** Project name and text. */
export function projectName(rng: Random, fieldZh: string, sector: string): string {
  return `${brand(rng)}${sectorWord(sector)}${rng.pick(['产业化项目', '关键技术攻关项目', '中试验证项目', '示范应用项目'])}`;
}

/** Project free text (Chinese). */
export function projectText(pr: Project, fieldZh: string): string {
  const sector = getSector(pr.sector);
  return `${fieldZh}领域硬科技项目，方向为${sector?.nameZh ?? ''}，技术成熟度TRL${pr.trl}（${TRL_NAMES[pr.trl as Trl].zh}），本轮为${ROUND_NAMES[pr.round].zh}，拟${pr.need.instrument === 'equity' ? '股权融资' : '投贷联动融资'}${yuanZh(pr.need.amount)}，用于${pr.trl <= 6 ? '中试验证与样机迭代' : '量产线建设与市场拓展'}。`;
}

/** Investor thesis (Chinese). */
export function investorThesis(inv: Investor, base: string, fieldsZh: readonly string[]): string {
  const fields =
    fieldsZh.length > 0 ? `重点关注${fieldsZh.join('、')}领域` : '行业不限，偏好硬科技';
  const rounds =
    inv.rounds.length > 0 ? inv.rounds.map((r) => ROUND_NAMES[r].zh).join('、') : '各轮次';
  const trl = inv.trl ? `，技术成熟度TRL${inv.trl.min}–${inv.trl.max}` : '';
  return `${base}；${fields}，单笔投资${yuanZh(inv.ticket.min)}至${yuanZh(inv.ticket.max)}，偏好${rounds}项目${trl}。`;
}
