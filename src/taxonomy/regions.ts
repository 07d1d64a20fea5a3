/**
 * Regions from the 6-digit administrative division code (GB/T 2260): the first two digits
 * name the province-level division, the first four the prefecture-level city.
 *
 * @module
 */
import type { LocalizedText } from '../i18n/locale.js';

/** Province-level divisions by their 2-digit code (GB/T 2260). */
export const PROVINCES: Readonly<Record<string, LocalizedText>> = Object.freeze({
  '11': { zh: '北京市', en: 'Beijing' },
  '12': { zh: '天津市', en: 'Tianjin' },
  '13': { zh: '河北省', en: 'Hebei' },
  '14': { zh: '山西省', en: 'Shanxi' },
  '15': { zh: '内蒙古自治区', en: 'Inner Mongolia' },
  '21': { zh: '辽宁省', en: 'Liaoning' },
  '22': { zh: '吉林省', en: 'Jilin' },
  '23': { zh: '黑龙江省', en: 'Heilongjiang' },
  '31': { zh: '上海市', en: 'Shanghai' },
  '32': { zh: '江苏省', en: 'Jiangsu' },
  '33': { zh: '浙江省', en: 'Zhejiang' },
  '34': { zh: '安徽省', en: 'Anhui' },
  '35': { zh: '福建省', en: 'Fujian' },
  '36': { zh: '江西省', en: 'Jiangxi' },
  '37': { zh: '山东省', en: 'Shandong' },
  '41': { zh: '河南省', en: 'Henan' },
  '42': { zh: '湖北省', en: 'Hubei' },
  '43': { zh: '湖南省', en: 'Hunan' },
  '44': { zh: '广东省', en: 'Guangdong' },
  '45': { zh: '广西壮族自治区', en: 'Guangxi' },
  '46': { zh: '海南省', en: 'Hainan' },
  '50': { zh: '重庆市', en: 'Chongqing' },
  '51': { zh: '四川省', en: 'Sichuan' },
  '52': { zh: '贵州省', en: 'Guizhou' },
  '53': { zh: '云南省', en: 'Yunnan' },
  '54': { zh: '西藏自治区', en: 'Tibet' },
  '61': { zh: '陕西省', en: 'Shaanxi' },
  '62': { zh: '甘肃省', en: 'Gansu' },
  '63': { zh: '青海省', en: 'Qinghai' },
  '64': { zh: '宁夏回族自治区', en: 'Ningxia' },
  '65': { zh: '新疆维吾尔自治区', en: 'Xinjiang' },
  '71': { zh: '台湾省', en: 'Taiwan' },
  '81': { zh: '香港特别行政区', en: 'Hong Kong' },
  '82': { zh: '澳门特别行政区', en: 'Macao' },
});

/** Parsed parts of an administrative division code. */
export interface RegionInfo {
  /** The full 6-digit code. */
  code: string;
  /** 2-digit province code. */
  provinceCode: string;
  /** Province name. */
  province: LocalizedText;
  /** 4-digit prefecture-level code, absent when the code is a province (`xx0000`). */
  cityCode?: string;
}

// Patterns as module constants: a regular-expression literal inside a function is a new
// RegExp object at every call (≈ 80 B per validated enterprise here).
const REGION_CODE = /^\d{6}$/;
const REGION_PREFIX = /^(\d{2}|\d{4}|\d{6})$/;

/** True when `code` is a 6-digit division code whose province exists. */
export function isRegionCode(code: unknown): code is string {
  return typeof code === 'string' && REGION_CODE.test(code) && code.slice(0, 2) in PROVINCES;
}

/**
 * A region *prefix*, as products and investors use to restrict where they lend or invest:
 * a 2-digit province, a 4-digit city or a 6-digit district code.
 */
export function isRegionPrefix(code: unknown): code is string {
  return typeof code === 'string' && REGION_PREFIX.test(code) && code.slice(0, 2) in PROVINCES;
}

/** Province and city of a 6-digit code, or `undefined` when it is not one. */
export function parseRegion(code: string): RegionInfo | undefined {
  if (!isRegionCode(code)) return undefined;
  const provinceCode = code.slice(0, 2);
  const city = code.slice(2, 4);
  return {
    code,
    provinceCode,
    province: PROVINCES[provinceCode]!,
    ...(city !== '00' ? { cityCode: code.slice(0, 4) } : {}),
  };
}

/** True when region `code` lies in `prefix` (a province, city or district code). */
export function regionIn(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}
