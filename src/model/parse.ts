/**
 * Validation entry points: one `parse*` per record kind, a generic {@link parseRecord} and
 * {@link parseBatch}, which keeps every good record and reports every bad one.
 *
 * zod is loaded on the first call, not at import (importing finmatch stays fast).
 *
 * @module
 */
import { lazyRequire } from '../util/lazy-require.js';
import type { z as Z } from 'zod';
import { OptionError, ValidationError, type ValidationIssue } from '../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { buildSchemas, type Schemas } from './schemas.js';
import type { RecordKind } from './enums.js';
import { RECORD_KINDS, RECORD_KIND_NAMES_ZH } from './enums.js';
import type { RecordByKind } from './types.js';
import { ATTRIBUTE_KEY_PATTERN, LIMITS } from './limits.js';
import { isValidated, markRecordValidated, markValidated } from './validated.js';
import { knownKeysAt, suggestField } from './known-keys.js';
import { normalizeField, type UnsafeCharacter } from './text-rules.js';
import { describeValue, escapeControl } from '../util/describe.js';
import { DATE_EXPECTED, DATE_YEARS } from '../util/dates.js';
import {
  adoptInput,
  BAIL,
  compileValidator,
  holdsInputParts,
  REJECT,
  type CompiledValidator,
} from './fast-validate.js';
import { standaloneValidator } from './standalone-validators.js';
import { expectedAt } from './field-expected.js';
import { SectorTableMissingError } from '../taxonomy/sectors.js';
import { primeJsonShapes } from './json-shapes.js';

// Records the caller parses after importing finmatch take hidden classes that stay valid
// (json-shapes.ts): validating 345,800 freshly parsed enterprises no longer migrates the
// first ≈ 200,000 of them.
primeJsonShapes();

const loadZod = lazyRequire<{ z: typeof Z }>('zod');
let cached: { z: typeof Z; schemas: Schemas } | undefined;

/**
 * Whether {@link loadSchemas} has loaded zod and built the schemas in this process.
 *
 * @internal
 */
export function schemasLoaded(): boolean {
  return cached !== undefined;
}

/** The zod namespace and the built schemas, loaded on first use. */
export function loadSchemas(): { z: typeof Z; schemas: Schemas } {
  if (!cached) {
    const { z } = loadZod();
    cached = { z, schemas: buildSchemas(z) };
  }
  return cached;
}

/**
 * Name of the environment variable that, set to `1`, turns the compiled validators off so
 * every record goes through zod (the reference path): for benchmarks and for diagnosing a
 * suspected difference. Read once, when the first record is validated.
 */
export const ZOD_ONLY_ENV = 'FINMATCH_ZOD_ONLY';

/** The compiled validator of each kind (`null`: the schema could not be compiled; zod runs). */
const compiled = new Map<RecordKind, CompiledValidator | null>();
/** What {@link compiledValidator} gives for each kind. */
const accepting = new Map<RecordKind, CompiledValidator | null>();
let zodOnly: boolean | undefined;

/**
 * The compiled accept-path validator of `kind`: its standalone form first (written ahead of
 * time, no zod; see `standalone-validators.ts`), and where that cannot decide a value, the
 * validator compiled from the zod schema ({@link schemaValidator}, built then). `undefined`
 * when neither exists or {@link ZOD_ONLY_ENV} is set.
 */
export function compiledValidator(kind: RecordKind): CompiledValidator | undefined {
  zodOnly ??= typeof process !== 'undefined' && process.env?.[ZOD_ONLY_ENV] === '1';
  if (zodOnly) return undefined;
  let validator = accepting.get(kind);
  if (validator === undefined) {
    const standalone = standaloneValidator(kind);
    validator = standalone === null ? schemaValidator(kind) : withSchemaValidator(kind, standalone);
    accepting.set(kind, validator);
  }
  return validator ?? undefined;
}

/**
 * `standalone`'s answer, or where it bails, the schema validator's (null: zod decides). Once a
 * record has bailed, zod is loaded and the schema validator is built: it takes every record
 * from then on (the two agree wherever the standalone one decides), so a market whose records
 * keep bailing (text to normalise) is not validated twice.
 */
function withSchemaValidator(kind: RecordKind, standalone: CompiledValidator): CompiledValidator {
  let full: CompiledValidator | null | undefined;
  return function validate(value: unknown): unknown {
    if (full !== undefined) return full === null ? REJECT : full(value);
    const out = standalone(value);
    if (out !== BAIL) return out;
    full = schemaValidator(kind);
    return full === null ? REJECT : full(value);
  };
}

/**
 * The accept-path validator of `kind` compiled from its zod schema (see `fast-validate.ts`) on
 * first use (loading zod), or null when the schema could not be compiled.
 *
 * @internal
 */
export function schemaValidator(kind: RecordKind): CompiledValidator | null {
  let validator = compiled.get(kind);
  if (validator === undefined) {
    validator =
      compileValidator(loadSchemas().schemas[kind] as unknown as Z.ZodType, {
        forbiddenKeys: FORBIDDEN_KEYS,
      }) ?? null;
    compiled.set(kind, validator);
  }
  return validator;
}

/** Options of the parse functions. */
export interface ParseOptions {
  /** Language of the issue messages. Default `zh`. */
  locale?: Locale;
}

/**
 * Keys never accepted anywhere in a record (prototype pollution).
 *
 * @internal
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

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
  return safeParseOne(kind, value, locale);
}

function safeParseOne<K extends RecordKind>(
  kind: K,
  value: unknown,
  locale: Locale,
): SafeParseResult<RecordByKind[K]> {
  const accepted = acceptFast(kind, value);
  if (accepted !== REJECT) return { ok: true, record: accepted };
  // Only a record the fast path did not accept needs its id read (for the report).
  return reportWithZod(kind, value, locale);
}

/**
 * zod's verdict on `value` with every issue: the path of every record the compiled validator
 * did not accept, and the reference path itself. Never throws for bad input.
 */
function reportWithZod<K extends RecordKind>(
  kind: K,
  value: unknown,
  locale: Locale,
): SafeParseResult<RecordByKind[K]> {
  const recordId = readId(value);
  try {
    return validateWithZod(kind, value, recordId, locale);
  } catch (error) {
    // finmatch's own installation is broken: not the record's fault, so not its issue.
    if (error instanceof SectorTableMissingError) throw error;
    // A getter or proxy in the input threw while being read: report it, never rethrow.
    return { ok: false, issues: [unreadableIssue(error, recordId, locale)] };
  }
}

/** The issue of a record (or batch element) that threw while being read. */
function unreadableIssue(
  error: unknown,
  recordId: string | undefined,
  locale: Locale,
  path = '',
): ValidationIssue {
  const reason = errorReason(error);
  return {
    ...(recordId !== undefined ? { recordId } : {}),
    path,
    code: 'unreadable',
    message: msg(locale, `记录无法读取：${reason}`, `the record could not be read: ${reason}`),
    expected: msg(locale, '普通 JSON 数据', 'plain JSON data'),
  };
}

/** An error's message, safely: reading `message` of a hostile value can itself throw. */
function errorReason(error: unknown): string {
  try {
    if (error instanceof Error && typeof error.message === 'string')
      return escapeMessage(error.message);
  } catch {
    // fall through to describeValue
  }
  return describeValue(error);
}

function escapeMessage(text: string): string {
  const cut = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return describeValue(cut).slice(1, -1);
}

/**
 * The record when it was validated before or the compiled validator accepts it; {@link REJECT}
 * otherwise (zod then reports why). Never throws: a getter that throws means "not accepted".
 * Returns the record itself, not a result object: a batch validates hundreds of thousands.
 */
function acceptFast<K extends RecordKind>(
  kind: K,
  value: unknown,
): RecordByKind[K] | typeof REJECT {
  if (isValidated(kind, value)) return value as RecordByKind[K];
  const fast = compiledValidator(kind);
  if (fast === undefined) return REJECT;
  // The compiled validator accepts exactly what zod accepts (and no forbidden key) and
  // returns the same record.
  let record: unknown = REJECT;
  try {
    record = fast(value);
  } catch {
    record = REJECT;
  }
  if (record === REJECT) return REJECT;
  // An adopted input (the validator returned the caller's own object, see fast-validate.ts) is
  // not remembered as validated: the caller may still change it, so it is checked again when
  // given again. A copy is finmatch's own and is remembered — unless it holds an adopted part
  // (a nested object of the caller's), which the caller may change as well.
  if (ownedCopy(record, value)) markRecordValidated(kind, record as object);
  return record as RecordByKind[K];
}

/**
 * Whether validated `record` is finmatch's own: it holds none of the caller's objects (from
 * `value`), so nobody else can change it. A getter that throws while looking: not owned.
 */
function ownedCopy(record: unknown, value: unknown): boolean {
  try {
    return !holdsInputParts(record, value);
  } catch {
    return false;
  }
}

/**
 * The reference path: zod and the forbidden-key scan, with every issue reported. Internal:
 * the compiled validators are tested against it (and benchmarked beside it).
 */
export function safeParseWithZod<K extends RecordKind>(
  kind: K,
  value: unknown,
  options: ParseOptions = {},
): SafeParseResult<RecordByKind[K]> {
  return reportWithZod(kind, value, checkOptions(kind, options));
}

function validateWithZod<K extends RecordKind>(
  kind: K,
  value: unknown,
  recordId: string | undefined,
  locale: Locale,
): SafeParseResult<RecordByKind[K]> {
  const forbiddenIssues: ValidationIssue[] = findForbiddenKeys(value, '', 0).map((path) => ({
    ...(recordId !== undefined ? { recordId } : {}),
    path,
    code: 'forbidden_key',
    received: describeValue(path.slice(path.lastIndexOf('.') + 1)),
    message: msg(locale, '不允许的键名（可能用于原型污染）', 'forbidden key (prototype pollution)'),
    expected: msg(locale, '普通字段名', 'an ordinary field name'),
  }));
  const schema = loadSchemas().schemas[kind] as unknown as Z.ZodType<RecordByKind[K]>;
  const parsed = schema.safeParse(value);
  if (parsed.success && forbiddenIssues.length === 0) {
    // The same objects the compiled validator returns: the caller's own where they equal zod's.
    let record: unknown = parsed.data;
    try {
      record = adoptInput(parsed.data, value);
    } catch {
      // A getter that throws when read again: zod's record as far as it got (the same value).
    }
    // Only a copy holding none of the caller's objects is remembered (see acceptFast).
    if (ownedCopy(record, value)) markValidated(kind, [record as object]);
    return { ok: true, record: record as RecordByKind[K] };
  }
  const schemaIssues = parsed.success
    ? []
    : parsed.error.issues.flatMap((i) => toIssue(i, value, recordId, locale, schema) ?? []);
  const issues = dedupe([...forbiddenIssues, ...schemaIssues]);
  // An id with a C0 control fails both the id pattern and the character check; `id_format`
  // (the older, stable code) is kept and the duplicate dropped.
  const malformed = new Set(issues.filter((i) => i.code === 'id_format').map((i) => i.path));
  return {
    ok: false,
    issues: issues.filter((i) => i.code !== 'unsafe_character' || !malformed.has(i.path)),
  };
}

/** Reads `options[key]`, turning a throwing getter or Proxy into an {@link OptionError}. */
function readOption(options: object, key: string): unknown {
  try {
    return (options as Record<string, unknown>)[key];
  } catch (error) {
    throw new OptionError(key, `option ${key} could not be read: ${errorReason(error)}`);
  }
}

function checkOptions(kind: unknown, options: unknown): Locale {
  if (!(RECORD_KINDS as readonly unknown[]).includes(kind))
    throw new OptionError(
      'kind',
      `unknown record kind ${describeValue(kind)}; expected one of ${RECORD_KINDS.join(', ')}`,
    );
  if (options === null || typeof options !== 'object')
    throw new OptionError(
      'options',
      `options must be an object, received ${describeValue(options)}`,
    );
  const locale = readOption(options, 'locale');
  if (locale === undefined) return DEFAULT_LOCALE;
  if (locale !== 'zh' && locale !== 'en')
    throw new OptionError(
      'locale',
      `locale must be 'zh' or 'en', received ${describeValue(locale)}`,
    );
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
  const length = arrayLength(kind, values, locale);
  const lines = readOption(options, 'lines');
  if (lines !== undefined && (!isArray(lines) || arrayLengthOf(lines) !== length))
    throw new OptionError(
      'lines',
      `lines must be an array of the same length as the records (${length})`,
    );
  const batch = new BatchValidator(kind, locale, lines as readonly unknown[] | undefined);
  const records: RecordByKind[K][] = [];
  batch.validateInto(values, 0, length, records);
  return { records, errors: batch.errors };
}

/**
 * The issue of a record whose id an earlier record of the same batch already has: `first` is
 * that record's line (`lines`) or index. One message for every place that reports it.
 */
export function duplicateIdIssue(
  id: string,
  first: number,
  lines: boolean,
  locale: Locale,
): ValidationIssue {
  return {
    recordId: id,
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
    received: describeValue(id),
    expected: msg(locale, '唯一的 id', 'a unique id'),
  };
}

/**
 * The element-by-element state of a batch validation: {@link parseBatch} runs it over a whole
 * array; an index build runs it chunk by chunk, encoding each chunk while its records are
 * still in the processor's cache (see `createSubjectIndex`). Internal.
 */
export class BatchValidator<K extends RecordKind> {
  /** Every bad element so far, in input order. */
  readonly errors: BatchError[] = [];
  private readonly ids = new IdRegister();

  constructor(
    readonly kind: K,
    readonly locale: Locale,
    private readonly lines?: readonly unknown[],
  ) {}

  /**
   * The number of elements of `values`, or the {@link ValidationError} {@link parseAll} throws
   * when it is not a readable array.
   */
  static lengthOf(kind: RecordKind, values: unknown, locale: Locale): number {
    return arrayLength(kind, values, locale);
  }

  /** Validates `values[index]`: the record, or `undefined` when it was reported as an error. */
  validate(values: readonly unknown[], index: number): RecordByKind[K] | undefined {
    const { kind, locale, lines } = this;
    const line = lines === undefined ? undefined : lineAt(lines, index);
    // An index read, not forEach: a hole is reported (forEach skips it) and an element whose
    // reading throws (a Proxy trap) is reported without losing its neighbours. No object per
    // good record: the element and the accepted record come back as they are.
    const value = readElement(values, index, line, locale, this.errors);
    if (value === UNREADABLE) return undefined;
    // safeParseOne's steps, without its result object for an accepted record.
    let record = acceptFast(kind, value);
    if (record === REJECT) {
      const result = reportWithZod(kind, value, locale);
      if (!result.ok) {
        const id = readId(value);
        this.errors.push({
          ...positionOf(index, line),
          ...(id !== undefined ? { id } : {}),
          issues: result.issues,
        });
        return undefined;
      }
      record = result.record;
    }
    const recId = (record as { id: string }).id;
    const first = this.ids.add(recId, line ?? index);
    if (first !== undefined) {
      this.errors.push({
        ...positionOf(index, line),
        id: recId,
        issues: [duplicateIdIssue(recId, first, lines !== undefined, locale)],
      });
      return undefined;
    }
    return record;
  }

  /** Validates `values[start..end)`, appending the valid records to `out`. */
  validateInto(
    values: readonly unknown[],
    start: number,
    end: number,
    out: RecordByKind[K][],
  ): void {
    for (let index = start; index < end; index++) {
      const record = this.validate(values, index);
      if (record !== undefined) out.push(record);
    }
  }

  /**
   * The {@link ValidationError} of everything reported (paths prefixed with the element's
   * index), or `undefined` when nothing was: what {@link parseAll} throws.
   */
  error(): ValidationError | undefined {
    if (this.errors.length === 0) return undefined;
    return new ValidationError(
      this.kind,
      this.errors.flatMap((e) =>
        e.issues.map((i) => ({ ...i, path: `[${e.index}]${i.path ? '.' + i.path : ''}` })),
      ),
    );
  }
}

/** The source line at `index` of a batch's `lines` option, when it is a finite number. */
function lineAt(lines: readonly unknown[], index: number): number | undefined {
  const line = elementAt(lines, index);
  return typeof line === 'number' && Number.isFinite(line) ? line : undefined;
}

/**
 * The ids a batch has accepted, with the position (line or index) of each: {@link IdRegister.add}
 * returns the position of an earlier record with the same id. While the ids arrive in strictly
 * ascending order (a sorted export, a generated market, a store's scan) none can repeat, so
 * only the last id is compared and no map of hundreds of thousands of ids is built; the map is
 * built from the ids so far at the first id out of order.
 */
class IdRegister {
  private last: string | undefined;
  private readonly ids: string[] = [];
  private readonly positions: number[] = [];
  private map: Map<string, number> | undefined;

  /** Registers `id` at `position`; returns the position of its first occurrence if it repeats. */
  add(id: string, position: number): number | undefined {
    if (this.map === undefined) {
      if (this.last === undefined || this.last < id) {
        this.last = id;
        this.ids.push(id);
        this.positions.push(position);
        return undefined;
      }
      this.map = new Map();
      for (let i = 0; i < this.ids.length; i++) this.map.set(this.ids[i]!, this.positions[i]!);
      this.ids.length = 0;
      this.positions.length = 0;
    }
    const first = this.map.get(id);
    if (first === undefined) this.map.set(id, position);
    return first;
  }
}

/** Where a bad batch element is: built only for a bad one (no object per good record). */
function positionOf(index: number, line: number | undefined): { index: number; line?: number } {
  return line !== undefined ? { index, line } : { index };
}

function isArray(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    // A revoked Proxy throws on Array.isArray.
    return false;
  }
}

function arrayLengthOf(value: unknown): number | undefined {
  try {
    const length = (value as { length?: unknown }).length;
    return typeof length === 'number' ? length : undefined;
  } catch {
    return undefined;
  }
}

/** The length of the records array, or a {@link ValidationError} when it is not a readable array. */
function arrayLength(kind: RecordKind, values: unknown, locale: Locale): number {
  if (!isArray(values)) throw notAnArray(kind, values, locale);
  const length = arrayLengthOf(values);
  if (length === undefined) throw notAnArray(kind, values, locale);
  return length;
}

function elementAt(values: readonly unknown[] | undefined, index: number): unknown {
  if (values === undefined) return undefined;
  try {
    return values[index];
  } catch {
    return undefined;
  }
}

/** What {@link readElement} returns for an element it could not read (it reported why). */
const UNREADABLE: unique symbol = Symbol('finmatch.unreadable');

/**
 * Reads `values[index]`: the element, or {@link UNREADABLE} after reporting a hole or a throwing
 * read (a Proxy trap) to `errors` — an issue, never an exception.
 */
function readElement(
  values: readonly unknown[],
  index: number,
  line: number | undefined,
  locale: Locale,
  errors: BatchError[],
): unknown {
  let issue: ValidationIssue;
  try {
    if (index in values) return values[index];
    issue = {
      path: '',
      code: 'array_hole',
      message: msg(
        locale,
        `数组第 ${index} 项缺失（稀疏数组中的空位）`,
        `no record at index ${index} (a hole in a sparse array)`,
      ),
      expected: msg(locale, '一条记录', 'a record'),
    };
  } catch (error) {
    issue = unreadableIssue(error, undefined, locale);
  }
  errors.push({ ...positionOf(index, line), issues: [issue] });
  return UNREADABLE;
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
  const length = arrayLength(kind, values, locale);
  const batch = new BatchValidator(kind, locale);
  const records: RecordByKind[K][] = [];
  batch.validateInto(values as readonly unknown[], 0, length, records);
  const error = batch.error();
  if (error) throw error;
  return records;
}

function notAnArray(kind: RecordKind, values: unknown, locale: Locale): ValidationError {
  return new ValidationError(kind, [
    {
      path: '',
      code: 'invalid_type',
      message: msg(
        locale,
        `应为${RECORD_KIND_NAMES_ZH[kind]}记录的数组`,
        `expected an array of ${kind} records`,
      ),
      received: describeValue(values),
      expected: 'array',
    },
  ]);
}

/**
 * The record's id for reports, when readable: NFC-normalised like the parsed id, so a report
 * names the record as the parsed records do (a finite number as its string). Never throws (a
 * getter or Proxy may). Also what a lookup by id (`loadRecords`' `ids`) matches rows on.
 */
export function readId(value: unknown): string | undefined {
  try {
    if (value === null || typeof value !== 'object') return undefined;
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string' && id.length <= LIMITS.idLength) return normalizeField(id, 'id');
    return typeof id === 'number' && Number.isFinite(id) ? String(id) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Paths of forbidden keys. Each object is visited once (a record with cycles or shared
 * sub-objects is walked in linear time, not exponentially).
 */
function findForbiddenKeys(
  value: unknown,
  path: string,
  depth: number,
  visited = new Set<object>(),
): string[] {
  if (value === null || typeof value !== 'object' || depth > 20 || visited.has(value)) return [];
  visited.add(value);
  const out: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...findForbiddenKeys(v, `${path}[${i}]`, depth + 1, visited)));
    return out;
  }
  for (const key of Object.keys(value)) {
    const p = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) out.push(p);
    else
      out.push(
        ...findForbiddenKeys((value as Record<string, unknown>)[key], p, depth + 1, visited),
      );
  }
  return out;
}

/** Formats a zod path as `need.amount` / `existingLoans[2].maturity`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      // Keys are shown to people: control and bidi characters are escaped.
      const key = escapeControl(String(seg));
      out += out ? `.${key}` : key;
    }
  }
  return out;
}

/** The value at `path` and whether it is a hole of an array (an index the array lacks). */
function valueAt(root: unknown, path: readonly PropertyKey[]): { value: unknown; hole: boolean } {
  try {
    let v: unknown = root;
    for (const [i, seg] of path.entries()) {
      if (v === null || typeof v !== 'object') return { value: undefined, hole: false };
      if (i === path.length - 1 && typeof seg === 'number' && Array.isArray(v) && !(seg in v))
        return { value: undefined, hole: true };
      v = (v as Record<PropertyKey, unknown>)[seg as string];
    }
    return { value: v, hole: false };
  } catch {
    return { value: undefined, hole: false };
  }
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
  schema: Z.ZodType,
): ValidationIssue | ValidationIssue[] | undefined {
  const path = formatPath(issue.path);
  const { value, hole } = valueAt(root, issue.path);
  const base = {
    ...(recordId !== undefined ? { recordId } : {}),
    path,
    received: describeValue(value),
  };
  const zhT = (t: string) => TYPE_ZH[t] ?? t;
  if (hole)
    return {
      ...base,
      code: 'array_hole',
      message: msg(
        locale,
        '数组中缺少该项（稀疏数组中的空位）',
        'missing element (a hole in a sparse array)',
      ),
      expected: msg(locale, '连续的数组元素', 'an array without holes'),
    };
  switch (issue.code) {
    case 'invalid_type': {
      const got = typeOf(value);
      const type = issue.expected === 'int' ? 'integer' : issue.expected;
      // The field's whole constraint where the schema gives one ("integer from 1 to 600"),
      // else its type.
      const described = expectedAt(loadSchemas().z, schema, issue.path, issue.expected, locale);
      // Else the plain type word, in the locale's language.
      const expected = described ?? msg(locale, zhT(type), type);
      if (value === undefined && path !== '')
        return {
          ...base,
          code: 'required',
          message: msg(
            locale,
            `缺少必填字段，应为${expected}`,
            `required field is missing; expected ${expected}`,
          ),
          expected,
        };
      return {
        ...base,
        code: 'invalid_type',
        message: msg(
          locale,
          `类型错误：应为${expected}，实际为${zhT(got)}`,
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
        received: describeValue(key),
        ...customIssue('attribute_key', locale, issue),
      };
    }
    case 'unrecognized_keys': {
      // Forbidden keys (`__proto__`…) are already reported as `forbidden_key`.
      const keys = (issue as { keys: string[] }).keys.filter((k) => !FORBIDDEN_KEYS.has(k));
      if (keys.length === 0) return undefined;
      // One issue per unknown field, at its own path, with the known field it most likely
      // meant (`colateral` → `collateral`) among those the schema defines there.
      const known = knownKeysAt(schema, issue.path);
      return keys.map((key) => {
        const shown = describeValue(key).slice(1, -1);
        const suggestion = suggestField(key, known);
        return {
          ...base,
          path: formatPath([...issue.path, key]),
          received: shown,
          code: 'unknown_field',
          message:
            suggestion !== undefined
              ? msg(
                  locale,
                  `未知字段：${shown}；是否想写 ${suggestion}？`,
                  `unknown field: ${shown}; did you mean ${suggestion}?`,
                )
              : msg(locale, `未知字段：${shown}`, `unknown field: ${shown}`),
          expected:
            suggestion !== undefined
              ? msg(locale, `字段 ${suggestion}`, `the field ${suggestion}`)
              : msg(locale, '数据模型中定义的字段', 'a field defined by the data model'),
          ...(suggestion !== undefined ? { suggestion } : {}),
        };
      });
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
        message: msg(
          locale,
          `日历上不存在该日期，或不在 ${DATE_YEARS.min}–${DATE_YEARS.max} 年间`,
          `no such calendar date, or outside ${DATE_YEARS.min}–${DATE_YEARS.max}`,
        ),
        expected: msg(locale, DATE_EXPECTED.zh, DATE_EXPECTED.en),
      };
    case 'blank':
      return {
        code,
        message: msg(locale, '不能为空白', 'must not be blank'),
        expected: msg(locale, '含非空白字符的文本', 'text with a non-space character'),
      };
    case 'unsafe_character': {
      const p = (issue as { params?: Partial<UnsafeCharacter> }).params ?? {};
      const where = `${p.codePoint ?? '?'}${p.index !== undefined ? ` @${p.index}` : ''}`;
      return {
        code,
        message: msg(
          locale,
          `含不允许的字符 ${where}（控制字符、双向文本控制符、零宽字符或不成对的代理项）`,
          `contains ${p.kind ?? 'a forbidden character'} (${where})`,
        ),
        expected: msg(
          locale,
          '不含控制字符、双向控制符、零宽字符或不成对代理项的文本',
          'text without control, bidi, zero-width or unpaired surrogate characters',
        ),
      };
    }
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
