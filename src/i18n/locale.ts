import { OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';

/**
 * Locales finmatch speaks. Explanations, hints and error messages are produced in
 * Simplified Chinese (`zh`, the default for bank officers) or English (`en`).
 */
export type Locale = 'zh' | 'en';

/** The default locale: the platform's users work in Chinese. */
export const DEFAULT_LOCALE: Locale = 'zh';

/** A message in both locales. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** Picks the text for `locale`. */
export function pick(text: LocalizedText, locale: Locale = DEFAULT_LOCALE): string {
  return locale === 'en' ? text.en : text.zh;
}

/** Validates a locale option, falling back to the default when it is undefined. */
export function resolveLocale(locale: unknown): Locale {
  if (locale === undefined) return DEFAULT_LOCALE;
  if (locale === 'zh' || locale === 'en') return locale;
  throw new OptionError('locale', `locale must be 'zh' or 'en', received ${describeValue(locale)}`);
}

/**
 * Formats a yuan amount for people: `5,000,000 yuan` / `500万元`.
 * Chinese uses 万 (10⁴) and 亿 (10⁸) units as officers write them.
 */
export function formatYuan(amount: number, locale: Locale = DEFAULT_LOCALE): string {
  if (locale === 'en') return `${Math.round(amount).toLocaleString('en-US')} yuan`;
  const abs = Math.abs(amount);
  if (abs >= 1e8) return `${trim(amount / 1e8)}亿元`;
  if (abs >= 1e4) return `${trim(amount / 1e4)}万元`;
  return `${trim(amount)}元`;
}

/** Formats a term in months: `36 months` / `36个月`. */
export function formatMonths(months: number, locale: Locale = DEFAULT_LOCALE): string {
  return locale === 'en' ? `${months} months` : `${months}个月`;
}

function trim(value: number): string {
  return Number(value.toFixed(2)).toString();
}
