/**
 * Names of the data model's codes in both locales, and the small formatters explanations and
 * hints share (lists, regions, sectors, scores).
 *
 * @module
 */
import type { LocalizedText, Locale } from '../../i18n/locale.js';
import { pick } from '../../i18n/locale.js';
import type { CollateralKind, Instrument, InvestorKind, PolicyList } from '../../model/enums.js';
import { PROVINCES } from '../../taxonomy/regions.js';
import { getSector } from '../../taxonomy/sectors.js';

/** Names of the financing instruments ("股贷债保" and the rest; products.md). */
export const INSTRUMENT_NAMES: Readonly<Record<Instrument, LocalizedText>> = Object.freeze({
  loan: { zh: '贷款', en: 'loan' },
  equity: { zh: '股权融资', en: 'equity' },
  bond: { zh: '债券', en: 'bond' },
  insurance: { zh: '保险', en: 'insurance' },
  guarantee: { zh: '融资担保', en: 'guarantee' },
  leasing: { zh: '融资租赁', en: 'leasing' },
  listing: { zh: '挂牌上市服务', en: 'listing services' },
});

/** Names of the collateral kinds. */
export const COLLATERAL_NAMES: Readonly<Record<CollateralKind, LocalizedText>> = Object.freeze({
  credit: { zh: '信用（无抵押）', en: 'credit (unsecured)' },
  realEstate: { zh: '不动产抵押', en: 'real-estate mortgage' },
  equipment: { zh: '设备抵押', en: 'equipment mortgage' },
  ipPledge: { zh: '知识产权质押', en: 'IP pledge' },
  receivables: { zh: '应收账款质押', en: 'receivables pledge' },
  inventory: { zh: '存货质押', en: 'inventory pledge' },
  equityPledge: { zh: '股权质押', en: 'equity pledge' },
  guarantee: { zh: '第三方保证', en: 'third-party guarantee' },
});

/** Names of the official lists (products.md A5, A11; platform.md). */
export const POLICY_LIST_NAMES: Readonly<Record<PolicyList, LocalizedText>> = Object.freeze({
  techReloanCandidates: {
    zh: '科技创新和技术改造再贷款备选企业名单',
    en: 'candidate list of the technological innovation and transformation re-loan',
  },
  equipmentRenewalProjects: {
    zh: '设备更新项目清单',
    en: 'equipment-renewal project list',
  },
  digitalTransformationPilot: {
    zh: '中小企业数字化转型试点名单',
    en: 'SME digital-transformation pilot list',
  },
  highTechEnterprise: { zh: '高新技术企业名单', en: 'high-tech enterprise list' },
  keyChainEnterprise: { zh: '重点产业链企业名单', en: 'key industrial-chain enterprise list' },
  greenFactory: { zh: '绿色工厂名单', en: 'green-factory list' },
});

/** Names of the investor kinds (stages-and-investors.md §4). */
export const INVESTOR_KIND_NAMES: Readonly<Record<InvestorKind, LocalizedText>> = Object.freeze({
  governmentGuidanceFund: { zh: '政府引导基金', en: 'government guidance fund' },
  stateVC: { zh: '国有创投', en: 'state-owned VC' },
  corporateVC: { zh: '产业资本（CVC）', en: 'corporate VC' },
  privateVCPE: { zh: '市场化VC/PE', en: 'private VC/PE' },
  angel: { zh: '天使投资人', en: 'angel investor' },
  bankInvestmentArm: { zh: '银行金融资产投资公司（AIC）', en: 'bank investment arm (AIC)' },
  insuranceFund: { zh: '保险资金', en: 'insurance fund' },
});

/** Joins names as officers write lists: `甲、乙` / `a, b`. */
export function joinNames(names: readonly string[], locale: Locale): string {
  return names.join(locale === 'en' ? ', ' : '、');
}

/** Joins names with "or": `甲或乙` / `a or b`. */
export function joinAlternatives(names: readonly string[], locale: Locale): string {
  if (names.length <= 1) return names.join('');
  if (locale === 'en') return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `${names.slice(0, -1).join('、')}或${names[names.length - 1]}`;
}

/** Localised names of several codes. */
export function namesOf<K extends string>(
  table: Readonly<Record<K, LocalizedText>>,
  codes: readonly K[],
  locale: Locale,
): string[] {
  return codes.map((c) => pick(table[c], locale));
}

/**
 * A region prefix for people: the province name, with the code for a city or district
 * (`江苏省` / `江苏省（3201）`; `Jiangsu (3201)`).
 */
export function regionLabel(prefix: string, locale: Locale): string {
  const province = PROVINCES[prefix.slice(0, 2)];
  const name = province ? pick(province, locale) : prefix;
  if (prefix.length <= 2) return name;
  return locale === 'en' ? `${name} (${prefix})` : `${name}（${prefix}）`;
}

/** A sector code for people: `C39 计算机、通信和其他电子设备制造业`. */
export function sectorLabel(code: string, locale: Locale): string {
  const node = getSector(code);
  if (!node) return code;
  const name = locale === 'en' ? node.nameEn : node.nameZh;
  return name ? `${code} ${name}` : code;
}

/** A score or weight with two decimals: `0.12`. */
export function formatScore(value: number): string {
  return value.toFixed(2);
}
