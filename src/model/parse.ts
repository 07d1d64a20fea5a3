/**
 * Validation entry points: one `parse*` per record kind, a generic {@link parseRecord} and
 * {@link parseBatch}, which keeps every good record and reports every bad one.
 *
 * zod is loaded on the first call, not at import (importing finmatch stays fast).
 *
 * @module
 */
import { createRequire } from 'node:module';
import type { z as Z } from 'zod';
import { OptionError, ValidationError, type ValidationIssue } from '../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { buildSchemas, type Schemas } from './schemas.js';
import type { RecordKind } from './enums.js';
import { RECORD_KINDS } from './enums.js';
import type { RecordByKind } from './types.js';
import { ATTRIBUTE_KEY_PATTERN, LIMITS } from './limits.js';
import { isValidated, markValidated } from './validated.js';

let cached: { z: typeof Z; schemas: Schemas } | undefined;

/** The zod namespace and the built schemas, loaded on first use. */
export function loadSchemas(): { z: typeof Z; schemas: Schemas } {
  if (!cached) {
    const req = createRequire(import.meta.url);
    const { z } = req('zod') as { z: typeof Z };
    cached = { z, schemas: buildSchemas(z) };
  }
  return cached;
}

/** Options of the parse functions. */
export interface ParseOptions {
  /** Language of the issue messages. Default `zh`. */
  locale?: Locale;
}

/** Keys that are never accepted anywhere in a record (prototype pollution). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Validates and normalises one record of `kind`. Returns the typed record (defaults filled,
 * sector codes canonical) or throws a {@link ValidationError} listing every issue.
 */
export function parseRecord<K extends RecordKind>(
  kind: K,
  value: unknown,
  options: ParseOptions = {},
): RecordByKind[K] {
  const result = safeParseRecord(kind, value, options);
  if (!result.ok) throw new ValidationError(kind, result.issues);
  return result.record;
}

/** Result of {@link safeParseRecord}. */
export type SafeParseResult<T> = { ok: true; record: T } | { ok: false; issues: ValidationIssue[] };

/** Like {@link parseRecord} but returns the issues instead of throwing. */
export function safeParseRecord<K extends RecordKind>(
  kind: K,
  value: unknown,
  options: ParseOptions = {},
): SafeParseResult<RecordByKind[K]> {
  const locale = checkOptions(kind, options);
  let recordId: string | undefined;
  try {
    recordId = readId(value);
    return validate(kind, value, recordId, locale);
  } catch (error) {
    // A getter or proxy in the input threw while being read: report it, never rethrow.
    const reason = error instanceof Error ? error.message : describe(error);
    return {
      ok: false,
      issues: [
        {
          ...(recordId !== undefined ? { recordId } : {}),
          path: '',
          code: 'unreadable',
          message: msg(
            locale,
            `记录无法读取：${reason}`,
            `the record could not be read: ${reason}`,
          ),
          expected: msg(locale, '普通 JSON 数据', 'plain JSON data'),
        },
      ],
    };
  }
}

function validate<K extends RecordKind>(
  kind: K,
  value: unknown,
  recordId: string | undefined,
  locale: Locale,
): SafeParseResult<RecordByKind[K]> {
  if (isValidated(kind, value)) return { ok: true, record: value as RecordByKind[K] };
  const forbiddenIssues: ValidationIssue[] = findForbiddenKeys(value, '', 0).map((path) => ({
    ...(recordId !== undefined ? { recordId } : {}),
    path,
    code: 'forbidden_key',
    received: JSON.stringify(path.slice(path.lastIndexOf('.') + 1)),
    message: msg(locale, '不允许的键名（可能用于原型污染）', 'forbidden key (prototype pollution)'),
    expected: msg(locale, '普通字段名', 'an ordinary field name'),
  }));
  const schema = loadSchemas().schemas[kind] as unknown as Z.ZodType<RecordByKind[K]>;
  const parsed = schema.safeParse(value);
  if (parsed.success && forbiddenIssues.length === 0) {
    markValidated(kind, [parsed.data as object]);
    return { ok: true, record: parsed.data };
  }
  const schemaIssues = parsed.success
    ? []
    : parsed.error.issues.flatMap((i) => toIssue(i, value, recordId, locale) ?? []);
  return { ok: false, issues: dedupe([...forbiddenIssues, ...schemaIssues]) };
}

function checkOptions(kind: unknown, options: unknown): Locale {
  if (!(RECORD_KINDS as readonly unknown[]).includes(kind))
    throw new OptionError(
      'kind',
      `unknown record kind ${JSON.stringify(kind)}; expected one of ${RECORD_KINDS.join(', ')}`,
    );
  if (options === null || typeof options !== 'object')
    throw new OptionError('options', `options must be an object, received ${describe(options)}`);
  const locale = (options as { locale?: unknown }).locale;
  if (locale === undefined) return DEFAULT_LOCALE;
  if (locale !== 'zh' && locale !== 'en')
    throw new OptionError('locale', `locale must be 'zh' or 'en', received ${describe(locale)}`);
  return locale;
}

/** Drops repeated issues (same path and code), keeping the first. */
function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Parses an enterprise. @throws {@link ValidationError} */
export const parseEnterprise = (value: unknown, options?: ParseOptions) =>
  parseRecord('enterprise', value, options);
/** Parses a financial institution. @throws {@link ValidationError} */
export const parseInstitution = (value: unknown, options?: ParseOptions) =>
  parseRecord('institution', value, options);
/** Parses a financial product. @throws {@link ValidationError} */
export const parseProduct = (value: unknown, options?: ParseOptions) =>
  parseRecord('product', value, options);
/** Parses an S&T project. @throws {@link ValidationError} */
export const parseProject = (value: unknown, options?: ParseOptions) =>
  parseRecord('project', value, options);
/** Parses an investor. @throws {@link ValidationError} */
export const parseInvestor = (value: unknown, options?: ParseOptions) =>
  parseRecord('investor', value, options);
/** Parses an interaction. @throws {@link ValidationError} */
export const parseInteraction = (value: unknown, options?: ParseOptions) =>
  parseRecord('interaction', value, options);
/** Parses an industrial chain. @throws {@link ValidationError} */
export const parseChain = (value: unknown, options?: ParseOptions) =>
  parseRecord('chain', value, options);
/** Parses a special zone. @throws {@link ValidationError} */
export const parseZone = (value: unknown, options?: ParseOptions) =>
  parseRecord('zone', value, options);

/** One rejected record of a batch. */
export interface BatchError {
  /** Position in the input array, from 0. */
  index: number;
  /** Line number in the source file, from 1, when the batch came from a file. */
  line?: number;
  /** The record's id, when readable. */
  id?: string;
  /** Every issue found. */
  issues: ValidationIssue[];
}

/** Result of {@link parseBatch}: every good record, in input order, and every bad one. */
export interface BatchResult<T> {
  records: T[];
  errors: BatchError[];
}

/** Options of {@link parseBatch}. */
export interface BatchOptions extends ParseOptions {
  /** Source line of each input element (same length as the input), for file-based batches. */
  lines?: readonly number[];
}

/**
 * Validates many records of one kind. Good records are kept (in input order), bad ones are
 * all reported; a repeated id is reported on every occurrence after the first, which is kept.
 */
export function parseBatch<K extends RecordKind>(
  kind: K,
  values: readonly unknown[],
  options: BatchOptions = {},
): BatchResult<RecordByKind[K]> {
  const locale = checkOptions(kind, options);
  if (!Array.isArray(values)) throw notAnArray(kind, values, locale);
  const lines = options.lines;
  if (lines !== undefined && (!Array.isArray(lines) || lines.length !== values.length))
    throw new OptionError(
      'lines',
      `lines must be an array of the same length as the records (${values.length})`,
    );
  const records: RecordByKind[K][] = [];
  const errors: BatchError[] = [];
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    const line = lines?.[index];
    const where = { index, ...(line !== undefined ? { line } : {}) };
    const result = safeParseRecord(kind, value, { locale });
    const id = readId(value);
    if (!result.ok) {
      errors.push({ ...where, ...(id !== undefined ? { id } : {}), issues: result.issues });
      return;
    }
    const recId = (result.record as { id: string }).id;
    const first = seen.get(recId);
    if (first !== undefined) {
      errors.push({
        ...where,
        id: recId,
        issues: [
          {
            recordId: recId,
            path: 'id',
            code: 'duplicate_id',
            message: lines
              ? msg(
                  locale,
                  `id 重复：已被第 ${first} 行的记录使用`,
                  `duplicate id: already used by the record on line ${first}`,
                )
              : msg(
                  locale,
                  `id 重复：已被索引 ${first} 处的记录使用`,
                  `duplicate id: already used by the record at index ${first}`,
                ),
            received: JSON.stringify(recId),
            expected: msg(locale, '唯一的 id', 'a unique id'),
          },
        ],
      });
      return;
    }
    seen.set(recId, line ?? index);
    records.push(result.record);
  });
  return { records, errors };
}

/**
 * Validates an array of records for an entry point that must not proceed with bad input
 * (a matcher's catalogue, say): returns the records or throws one {@link ValidationError}
 * carrying every issue of every bad record.
 */
export function parseAll<K extends RecordKind>(
  kind: K,
  values: unknown,
  options: ParseOptions = {},
): RecordByKind[K][] {
  const locale = checkOptions(kind, options);
  if (!Array.isArray(values)) throw notAnArray(kind, values, locale);
  const { records, errors } = parseBatch(kind, values, { locale });
  if (errors.length > 0)
    throw new ValidationError(
      kind,
      errors.flatMap((e) =>
        e.issues.map((i) => ({ ...i, path: `[${e.index}]${i.path ? '.' + i.path : ''}` })),
      ),
    );
  return records;
}

function notAnArray(kind: string, values: unknown, locale: Locale): ValidationError {
  return new ValidationError(kind, [
    {
      path: '',
      code: 'invalid_type',
      message: msg(locale, `应为 ${kind} 记录数组`, `expected an array of ${kind} records`),
      received: describe(values),
      expected: 'array',
    },
  ]);
}

function readId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= LIMITS.idLength
    ? id
    : typeof id === 'number'
      ? String(id)
      : undefined;
}

function findForbiddenKeys(value: unknown, path: string, depth: number): string[] {
  if (value === null || typeof value !== 'object' || depth > 20) return [];
  const out: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...findForbiddenKeys(v, `${path}[${i}]`, depth + 1)));
    return out;
  }
  for (const key of Object.keys(value)) {
    const p = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) out.push(p);
    else out.push(...findForbiddenKeys((value as Record<string, unknown>)[key], p, depth + 1));
  }
  return out;
}

/** Formats a zod path as `need.amount` / `existingLoans[2].maturity`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}…(${s.length} chars)` : s;
}

function msg(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  undefined: '缺失',
  null: 'null',
  int: '整数',
  integer: '整数',
  nan: 'NaN',
  infinity: '无穷大',
  fraction: '小数',
};

function typeOf(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isNaN(v)) return 'nan';
  if (typeof v === 'number' && !Number.isFinite(v)) return 'infinity';
  if (typeof v === 'number' && !Number.isInteger(v)) return 'fraction';
  return typeof v;
}

function toIssue(
  issue: Z.core.$ZodIssue,
  root: unknown,
  recordId: string | undefined,
  locale: Locale,
): ValidationIssue | undefined {
  const path = formatPath(issue.path);
  const value = valueAt(root, issue.path);
  const base = { ...(recordId !== undefined ? { recordId } : {}), path, received: describe(value) };
  const zhT = (t: string) => TYPE_ZH[t] ?? t;
  switch (issue.code) {
    case 'invalid_type': {
      const got = typeOf(value);
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      if (value === undefined && path !== '')
        return {
          ...base,
          code: 'required',
          message: msg(
            locale,
            `缺少必填字段，应为${zhT(expected)}`,
            `required field is missing; expected ${expected}`,
          ),
          expected,
        };
      return {
        ...base,
        code: 'invalid_type',
        message: msg(
          locale,
          `类型错误：应为${zhT(expected)}，实际为${zhT(got)}`,
          `expected ${expected}, received ${got}`,
        ),
        expected,
      };
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small
        ? (issue as { minimum: number | bigint }).minimum
        : (issue as { maximum: number | bigint }).maximum;
      const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
      const origin = (issue as { origin?: string }).origin ?? 'number';
      const op = small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
      const what =
        origin === 'string'
          ? msg(locale, `长度 ${op} ${bound}`, `length ${op} ${bound}`)
          : origin === 'array' || origin === 'set'
            ? msg(locale, `条目数 ${op} ${bound}`, `${op} ${bound} items`)
            : `${op} ${bound}`;
      return {
        ...base,
        code: issue.code,
        message: msg(
          locale,
          `${small ? '过小' : '过大'}：应 ${what}`,
          `too ${small ? 'small' : 'big'}: expected ${what}`,
        ),
        expected: what,
      };
    }
    case 'invalid_value': {
      const values = (issue as { values: unknown[] }).values.map((v) => String(v));
      if (value === undefined)
        return {
          ...base,
          code: 'required',
          message: msg(
            locale,
            `缺少必填字段，应为 ${values.join(' | ')} 之一`,
            `required field is missing; expected one of ${values.join(' | ')}`,
          ),
          expected: values.join(' | '),
        };
      return {
        ...base,
        code: 'invalid_enum',
        message: msg(
          locale,
          `未知取值：应为 ${values.join(' | ')} 之一`,
          `unknown value: expected one of ${values.join(' | ')}`,
        ),
        expected: values.join(' | '),
      };
    }
    case 'invalid_key': {
      // Only custom attribute maps have validated keys.
      const key = String(issue.path[issue.path.length - 1] ?? '');
      return {
        ...base,
        received: JSON.stringify(key),
        ...customIssue('attribute_key', locale, issue),
      };
    }
    case 'unrecognized_keys': {
      // Forbidden keys (`__proto__`…) are already reported as `forbidden_key`.
      const keys = (issue as { keys: string[] }).keys.filter((k) => !FORBIDDEN_KEYS.has(k));
      if (keys.length === 0) return undefined;
      return {
        ...base,
        path: keys.length === 1 ? (path ? `${path}.${keys[0]}` : keys[0]!) : path,
        received: keys.join(', '),
        code: 'unknown_field',
        message: msg(
          locale,
          `未知字段：${keys.join(', ')}`,
          `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`,
        ),
        expected: msg(locale, '数据模型中定义的字段', 'a field defined by the data model'),
      };
    }
    default:
      return { ...base, ...customIssue(issue.message, locale, issue) };
  }
}

function customIssue(
  code: string,
  locale: Locale,
  issue: Z.core.$ZodIssue,
): { code: string; message: string; expected?: string } {
  switch (code) {
    case 'unknown_sector':
      return {
        code,
        message: msg(
          locale,
          '未知的行业代码（GB/T 4754-2017）',
          'unknown sector code (GB/T 4754-2017)',
        ),
        expected: msg(
          locale,
          'GB/T 4754-2017 任一层级代码，如 C、C39、391、3911、C3911',
          'a GB/T 4754-2017 code at any level, e.g. C, C39, 391, 3911, C3911',
        ),
      };
    case 'unknown_region':
      return {
        code,
        message: msg(locale, '未知的行政区划代码', 'unknown administrative division code'),
        expected: msg(
          locale,
          '6 位行政区划代码，如 320102',
          'a 6-digit administrative division code, e.g. 320102',
        ),
      };
    case 'unknown_region_prefix':
      return {
        code,
        message: msg(locale, '未知的地区前缀', 'unknown region prefix'),
        expected: msg(
          locale,
          '2、4 或 6 位行政区划代码',
          'a 2-, 4- or 6-digit administrative division code',
        ),
      };
    case 'attribute_key':
      return {
        code,
        message: msg(locale, '自定义属性名格式错误', 'malformed custom attribute key'),
        expected: msg(
          locale,
          `以字母开头、最多 64 个字母/数字/_/-/. 的名称（${ATTRIBUTE_KEY_PATTERN.source}）`,
          `a name of up to 64 letters, digits, _, - or . starting with a letter (${ATTRIBUTE_KEY_PATTERN.source})`,
        ),
      };
    case 'attribute_count':
      return {
        code,
        message: msg(locale, '自定义属性过多', 'too many custom attributes'),
        expected: msg(
          locale,
          `至多 ${LIMITS.attributeCount} 个属性`,
          `at most ${LIMITS.attributeCount} attributes`,
        ),
      };
    case 'min_gt_max':
      return {
        code,
        message: msg(locale, '区间下限大于上限', 'range minimum is greater than its maximum'),
        expected: 'min ≤ max',
      };
    case 'date_format':
      return {
        code: 'invalid_date',
        message: msg(locale, '日期格式错误', 'malformed date'),
        expected: 'YYYY-MM-DD',
      };
    case 'date_invalid':
      return {
        code: 'invalid_date',
        message: msg(locale, '日历上不存在该日期', 'no such calendar date'),
        expected: msg(locale, '真实存在的日期 YYYY-MM-DD', 'a real calendar date YYYY-MM-DD'),
      };
    case 'blank':
      return {
        code,
        message: msg(locale, '不能为空白', 'must not be blank'),
        expected: msg(locale, '含非空白字符的文本', 'text with a non-space character'),
      };
    case 'id_format':
      return {
        code,
        message: msg(
          locale,
          'id 不能含控制字符或首尾空白',
          'id must not contain control characters or leading/trailing spaces',
        ),
        expected: msg(
          locale,
          '非空且无控制字符的字符串',
          'a non-empty string without control characters',
        ),
      };
    case 'srdi_rule_set_not_in_force':
      return {
        code,
        message: msg(
          locale,
          '认定日期早于该规则版本生效日期',
          'the certificate predates the rule set it names',
        ),
        expected: msg(
          locale,
          '2026 版规则仅适用于 2026-04-01 及以后的认定',
          "rule set '2026' only for certificates granted on or after 2026-04-01",
        ),
      };
    case 'sector_both_target_and_excluded':
      return {
        code,
        message: msg(locale, '同一行业既是目标又被排除', 'sector is both targeted and excluded'),
        expected: msg(locale, '目标与排除行业不重叠', 'disjoint target and excluded sectors'),
      };
    default: {
      const fmt = (issue as { format?: string }).format;
      if (issue.code === 'invalid_format')
        return {
          code: 'invalid_format',
          message: msg(locale, `格式错误（${fmt ?? ''}）`, `invalid format (${fmt ?? ''})`),
          expected: fmt ?? '',
        };
      if (issue.code === 'invalid_union')
        return {
          code: 'invalid_union',
          message: msg(locale, '不符合任何允许的形式', 'matches none of the allowed shapes'),
        };
      return { code: issue.code, message: issue.message };
    }
  }
}
