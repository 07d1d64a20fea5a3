/**
 * Reading a market directory back: the inverse of {@link writeMarket} (and of
 * `finmatch generate --out DIR`).
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OptionError, ValidationError, type ValidationIssue } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import { describeValue } from '../util/describe.js';
import type { Market, MarketManifest } from '../generate/types.js';
import { loadRecords } from './load.js';
import { readError } from './read.js';
import { MARKET_FILES, MARKET_MANIFEST_FILE, type MarketPart } from './write.js';
import { DATE_EXPECTED, isCalendarDate } from '../util/dates.js';

/** A market read from a directory: every record array and the manifest (the hidden truth is never written). */
export type LoadedMarket = Omit<Market, 'truth'>;

/** Options of {@link loadMarket}. */
export interface LoadMarketOptions {
  /** Language of the issue messages. Default `zh`. */
  locale?: Locale;
  /** Called after each file is validated: records read so far and the part just read. */
  onProgress?: (records: number, part: MarketPart) => void;
}

/** The record kind stored in each market file. */
const KIND_OF_PART = {
  enterprises: 'enterprise',
  institutions: 'institution',
  products: 'product',
  projects: 'project',
  investors: 'investor',
  interactions: 'interaction',
  chains: 'chain',
  zones: 'zone',
} as const satisfies Record<MarketPart, string>;

/**
 * Reads the market `dir` holds, as {@link writeMarket} and `finmatch generate` write it:
 * the eight `*.jsonl` files and `manifest.json`. Every record is validated as `loadRecords`
 * validates it; the manifest's counts must match the files.
 *
 * `loadMarket(dir)` after `writeMarket(market, dir)` deep-equals `market` without `truth`.
 *
 * @throws {@link OptionError} when `dir` is not a non-empty string or an option is invalid;
 *   {@link FileError} (naming the file, with its `systemCode`) when a file is missing or
 *   unreadable; {@link ValidationError} (kind `market`) listing **every** bad record of every
 *   file — each issue carries the record id and field path, and its message starts with
 *   `file:line` — and every manifest problem (path `manifest.…`).
 * @example
 * ```ts
 * await writeMarket(generateMarket({ seed: 1 }), 'data');
 * const market = await loadMarket('data');
 * market.products.length === market.manifest.counts.products; // true
 * ```
 */
export async function loadMarket(
  dir: string,
  options: LoadMarketOptions = {},
): Promise<LoadedMarket> {
  if (typeof dir !== 'string' || dir === '' || dir.includes('\u0000'))
    throw new OptionError('dir', `dir must be a non-empty string, received ${describeValue(dir)}`);
  if (options === null || typeof options !== 'object')
    throw new OptionError(
      'options',
      `options must be an object, received ${describeValue(options)}`,
    );
  const locale = options.locale ?? 'zh';
  if (locale !== 'zh' && locale !== 'en')
    throw new OptionError(
      'locale',
      `locale must be 'zh' or 'en', received ${describeValue(locale)}`,
    );
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function')
    throw new OptionError('onProgress', 'onProgress must be a function');
  const en = locale === 'en';

  const issues: ValidationIssue[] = [];
  const manifest = await readManifest(join(dir, MARKET_MANIFEST_FILE), issues, en);
  const parts: Partial<Record<MarketPart, unknown[]>> = {};
  let records = 0;
  for (const [part, file] of MARKET_FILES) {
    const result = await loadRecords(KIND_OF_PART[part], join(dir, file), { locale });
    for (const error of result.errors)
      for (const issue of error.issues)
        issues.push({
          ...issue,
          ...(error.id !== undefined ? { recordId: error.id } : {}),
          message: `${file}:${error.line}: ${issue.message}`,
        });
    parts[part] = result.records;
    records += result.records.length;
    const declared = manifest?.counts[part];
    const lines = result.records.length + result.errors.length;
    if (declared !== undefined && declared !== lines)
      issues.push({
        path: `manifest.counts.${part}`,
        code: 'count_mismatch',
        message: en
          ? `${MARKET_MANIFEST_FILE} declares ${declared} ${part} but ${file} holds ${lines}`
          : `${MARKET_MANIFEST_FILE} 声明 ${part} 共 ${declared} 条，但 ${file} 中有 ${lines} 条`,
        received: String(lines),
        expected: String(declared),
      });
    options.onProgress?.(records, part);
  }
  if (issues.length > 0 || manifest === undefined)
    throw new ValidationError(
      'market',
      issues,
      en
        ? `market ${describeValue(dir)}: ${issues.length} problem${issues.length === 1 ? '' : 's'}; first: ${issues[0]!.message}`
        : `市场目录 ${describeValue(dir)}：共 ${issues.length} 个问题；第一个：${issues[0]!.message}`,
    );
  return { manifest, ...(parts as Omit<LoadedMarket, 'manifest'>) };
}

/** The manifest, checked; its problems go to `issues` (and `undefined` is returned). */
async function readManifest(
  path: string,
  issues: ValidationIssue[],
  en: boolean,
): Promise<MarketManifest | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw readError(path, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    issues.push({
      path: 'manifest',
      code: 'invalid_json',
      message: en
        ? `${MARKET_MANIFEST_FILE} is not valid JSON: ${(error as Error).message}`
        : `${MARKET_MANIFEST_FILE} 不是有效的 JSON：${(error as Error).message}`,
      expected: 'JSON object',
    });
    return undefined;
  }
  const bad = (field: string, expected: string, received: unknown): void => {
    issues.push({
      path: `manifest.${field}`,
      code: 'invalid_manifest',
      message: en
        ? `${MARKET_MANIFEST_FILE}: ${field} must be ${expected}, received ${describeValue(received)}`
        : `${MARKET_MANIFEST_FILE}：${field} 应为 ${expected}，实际为 ${describeValue(received)}`,
      received: describeValue(received),
      expected,
    });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    bad('', 'an object', value);
    return undefined;
  }
  const m = value as Partial<Record<keyof MarketManifest, unknown>>;
  const before = issues.length;
  if (typeof m.generator !== 'string') bad('generator', 'a string', m.generator);
  if (typeof m.version !== 'string') bad('version', 'a string', m.version);
  if (typeof m.seed !== 'number' || !Number.isInteger(m.seed)) bad('seed', 'an integer', m.seed);
  if (typeof m.scale !== 'string') bad('scale', 'a string', m.scale);
  if (!isCalendarDate(m.asOf)) bad('asOf', DATE_EXPECTED.en, m.asOf);
  const counts = m.counts as Record<string, unknown> | undefined;
  if (counts === null || typeof counts !== 'object' || Array.isArray(counts))
    bad('counts', 'an object of record counts', counts);
  else
    for (const [part] of MARKET_FILES) {
      const n = counts[part];
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
        bad(`counts.${part}`, 'an integer ≥ 0', n);
    }
  return issues.length > before ? undefined : (value as MarketManifest);
}
