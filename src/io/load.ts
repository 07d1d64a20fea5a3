/**
 * Reading and validating a records file in one step, with the line of every bad record.
 *
 * @module
 */
import { OptionError, type ValidationIssue } from '../errors.js';
import { describeValue } from '../util/describe.js';
import { readOptions } from '../util/options.js';
import type { RecordsEncoding } from './decode.js';
import type { Locale } from '../i18n/locale.js';
import { RECORD_KINDS, type RecordKind } from '../model/enums.js';
import { BatchValidator } from '../model/parse.js';
import { markValidated } from '../model/validated.js';
import type { RecordByKind } from '../model/types.js';
import { readRecordsFile } from './read.js';
import type { ParsedRecords, RecordsFormat, RecordsParseError } from './types.js';

/**
 * Records validated between progress reports. Chunking lets long validations report progress;
 * 10,000 keeps the per-call overhead negligible while reporting several times a second.
 */
export const VALIDATION_CHUNK_SIZE = 10_000;

/** One bad line of a file: unreadable, or readable but invalid. */
export interface LoadError {
  /** Line number in the file, from 1. */
  line: number;
  /** The record's id, when readable. */
  id?: string;
  /** Every problem found; never empty. Unreadable lines carry one issue with path `''`. */
  issues: ValidationIssue[];
}

/** Result of {@link loadRecords} and {@link validateParsedRecords}. */
export interface LoadResult<T> {
  /** Every valid record, in file order (a repeated id keeps its first occurrence). */
  records: T[];
  /** The line each record starts on, parallel to `records`. */
  lines: number[];
  /** Every bad line, sorted by line number. */
  errors: LoadError[];
}

/** The options {@link loadRecords} takes. */
const LOAD_OPTION_NAMES = ['locale', 'format', 'encoding', 'onProgress', 'ids'] as const;

/** Options of {@link loadRecords}. */
export interface LoadRecordsOptions {
  /** Language of the issue messages. Default `zh`. */
  locale?: Locale;
  /** The file's format; by default taken from the extension. */
  format?: RecordsFormat;
  /**
   * The file's text encoding: `utf8` (default) or `gb18030` (`gbk` is read as `gb18030`).
   * See {@link ReadRecordsOptions.encoding}.
   */
  encoding?: RecordsEncoding;
  /** Progress: `phase` is `read` (units are bytes) or `validate` (units are records). */
  onProgress?: (done: number, total: number, phase: 'read' | 'validate') => void;
  /**
   * Load only the records with these ids (a lookup): the other records are neither validated
   * nor reported, and in a UTF-8 JSON Lines file the lines that cannot hold one are not even
   * parsed (see `readRecordsFile`'s `ids`). `records` then holds the valid records with
   * these ids and `errors` their bad lines: a record with one of the ids that fails
   * validation or repeats an id, a line naming one that cannot be read. Ids are matched as
   * reports name them (NFC; a numeric id as its string).
   */
  ids?: readonly string[];
}

/**
 * Reads a records file of one `kind` and validates every record: good records are returned
 * with their line numbers, and every bad line (malformed JSON/CSV, failed validation,
 * repeated id) is reported with its line, id and issues.
 *
 * @throws {@link OptionError} when `kind` is not a record kind, or the path, format or
 *   encoding is invalid; {@link FileError} (`IO_FAILED`) when the file cannot be read;
 *   {@link EncodingError} when a file read as UTF-8 is in fact GBK/GB18030.
 * @example
 * const { records, errors } = await loadRecords('enterprise', 'enterprises.jsonl', { locale: 'en' });
 */
export async function loadRecords<K extends RecordKind>(
  kind: K,
  path: string,
  options: LoadRecordsOptions = {},
): Promise<LoadResult<RecordByKind[K]>> {
  checkKind(kind);
  if (options === null || typeof options !== 'object')
    throw new OptionError(
      'options',
      `options must be an object, received ${describeValue(options)}`,
    );
  // Unknown names are OptionErrors with a did-you-mean (a misspelt `ids` must not read all).
  readOptions(options, LOAD_OPTION_NAMES);
  const locale = resolveLocale(options.locale);
  const parsed = await readRecordsFile(path, {
    ...(options.format !== undefined ? { format: options.format } : {}),
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.ids !== undefined ? { ids: options.ids } : {}),
    ...(options.onProgress
      ? { onProgress: (done: number, total: number) => options.onProgress?.(done, total, 'read') }
      : {}),
  });
  return validateOwnRows(kind, parsed, {
    locale,
    ...(options.onProgress
      ? {
          onProgress: (done: number, total: number) =>
            options.onProgress?.(done, total, 'validate'),
        }
      : {}),
  });
}

/**
 * {@link validateParsedRecords} over rows finmatch parsed itself (a file or standard input it
 * read), which nobody else has held: its valid records are remembered as validated, as the
 * parse functions' own copies are, so an index or sweep given them does not validate them a
 * second time. (Rows a caller passes to `validateParsedRecords` may still be changed by it,
 * and are not.) Internal: for `loadRecords` and the CLI.
 */
export function validateOwnRows<K extends RecordKind>(
  kind: K,
  parsed: ParsedRecords,
  options: { locale?: Locale; onProgress?: (done: number, total: number) => void } = {},
): LoadResult<RecordByKind[K]> {
  const result = validateParsedRecords(kind, parsed, options);
  markValidated(kind, result.records as object[]);
  return result;
}

/**
 * Validates rows already read by `parseRecordsText`/`readRecordsFile`, merging their parse
 * errors with the validation errors (see {@link loadRecords}).
 */
export function validateParsedRecords<K extends RecordKind>(
  kind: K,
  parsed: ParsedRecords,
  options: { locale?: Locale; onProgress?: (done: number, total: number) => void } = {},
): LoadResult<RecordByKind[K]> {
  checkKind(kind);
  if (options === null || typeof options !== 'object')
    throw new OptionError(
      'options',
      `options must be an object, received ${describeValue(options)}`,
    );
  const locale = resolveLocale(options.locale);
  checkParsed(parsed);
  const records: RecordByKind[K][] = [];
  const lines: number[] = [];
  const errors: LoadError[] = parsed.parseErrors.map((e) => parseErrorToLoadError(e, locale));
  // One batch validation over every row, chunk by chunk (for progress): one register of ids
  // for the whole file, so a repeated id names the line of the record kept, in any chunk.
  const batch = new BatchValidator(kind, locale, parsed.lines);
  const total = parsed.rows.length;
  for (let start = 0; start < total; start += VALIDATION_CHUNK_SIZE) {
    const end = Math.min(total, start + VALIDATION_CHUNK_SIZE);
    for (let i = start; i < end; i++) {
      const record = batch.validate(parsed.rows, i);
      if (record === undefined) continue;
      records.push(record);
      lines.push(parsed.lines[i]!);
    }
    options.onProgress?.(end, total);
  }
  for (const error of batch.errors)
    errors.push({
      line: error.line ?? parsed.lines[error.index] ?? 0,
      ...(error.id !== undefined ? { id: error.id } : {}),
      issues: error.issues,
    });
  errors.sort((a, b) => a.line - b.line);
  return { records, lines, errors };
}

/** The `locale` option, checked: an {@link OptionError}, never a TypeError. */
function resolveLocale(locale: unknown): Locale {
  if (locale === undefined) return 'zh';
  if (locale === 'zh' || locale === 'en') return locale;
  throw new OptionError('locale', `locale must be 'zh' or 'en', received ${describeValue(locale)}`);
}

/** `parsed` has the shape `parseRecordsText` returns. @throws {@link OptionError} */
function checkParsed(parsed: unknown): asserts parsed is ParsedRecords {
  let ok: boolean;
  try {
    ok = isParsedRecords(parsed);
  } catch {
    ok = false;
  }
  if (!ok)
    throw new OptionError(
      'parsed',
      'parsed must be what parseRecordsText or readRecordsFile returns: { rows, lines, parseErrors } with one line per row',
    );
}

function isParsedRecords(parsed: unknown): boolean {
  const p = parsed as Partial<ParsedRecords> | null;
  return !(
    p === null ||
    typeof p !== 'object' ||
    !Array.isArray(p.rows) ||
    !Array.isArray(p.lines) ||
    !Array.isArray(p.parseErrors) ||
    p.rows.length !== p.lines.length ||
    !p.lines.every((line) => typeof line === 'number') ||
    !p.parseErrors.every(
      (e) =>
        e !== null &&
        typeof e === 'object' &&
        typeof e.line === 'number' &&
        typeof e.code === 'string' &&
        typeof e.message === 'string',
    )
  );
}

function checkKind(kind: unknown): void {
  if (!(RECORD_KINDS as readonly unknown[]).includes(kind)) {
    throw new OptionError(
      'kind',
      `unknown record kind ${describeValue(kind)}; expected one of ${RECORD_KINDS.join(', ')}`,
    );
  }
}

const PARSE_ERROR_ZH: Readonly<Record<RecordsParseError['code'], string>> = {
  invalid_json: '不是有效的 JSON',
  not_an_array: '应为 JSON 记录数组',
  invalid_csv: 'CSV 格式错误',
  invalid_cell: 'CSV 单元格无法解析',
  invalid_encoding: '该行不是有效的文本编码',
};

/** What each kind of parse error expected, in both languages. */
const PARSE_ERROR_EXPECTED: Readonly<
  Record<RecordsParseError['code'], { zh: string; en: string }>
> = {
  invalid_json: {
    zh: '一个 JSON 值（JSON Lines：每行一个对象）',
    en: 'a JSON value (JSON Lines: one object per line)',
  },
  not_an_array: { zh: 'JSON 记录数组', en: 'a JSON array of records' },
  invalid_csv: { zh: '规范的 CSV（RFC 4180）', en: 'well-formed CSV (RFC 4180)' },
  invalid_cell: { zh: '该列应有的值', en: 'a value of the column’s type' },
  invalid_encoding: { zh: '按所给编码可读的文本', en: 'text in the encoding given' },
};

/** V8's `JSON.parse` reasons, in Chinese. */
const JSON_PARSE_REASONS_ZH: readonly (readonly [RegExp, string])[] = [
  [/Expected property name or '\}'/, "应为属性名或 '}'"],
  [/Expected ',' or '\}' after property value/, "属性值后应为 ',' 或 '}'"],
  [/Expected ',' or '\]' after array element/, "数组元素后应为 ',' 或 ']'"],
  [/Expected ':' after property name/, "属性名后应为 ':'"],
  [/Unterminated string/, '字符串未结束'],
  [/Unexpected end of JSON input/, '内容不完整'],
  [/Bad control character in string literal/, '字符串中有控制字符'],
  [/Bad escaped character/, '字符串中有无效的转义'],
  [/Unexpected non-whitespace character after JSON/, 'JSON 之后还有多余内容'],
];

/**
 * A parse error in Chinese: its kind, and the details of the English message that are not
 * words (the position, the column, quoted names and values), so a zh run stays in Chinese.
 */
function zhParseMessage(error: RecordsParseError): string {
  if (error.code === 'invalid_encoding') {
    // The English message names the encoding and, for UTF-8, what to do.
    return /UTF-8/.test(error.message)
      ? '该行不是有效的 UTF-8 文本（未读取；请将文件另存为 UTF-8，或给出其实际编码）'
      : /GB18030/.test(error.message)
        ? '该行不是有效的 GB18030 文本（未读取）'
        : PARSE_ERROR_ZH.invalid_encoding;
  }
  const notCsv =
    /^the text does not read as CSV: the parser rejected (\d+) records by line (\d+)/.exec(
      error.message,
    );
  if (error.code === 'invalid_csv' && notCsv)
    return `内容不是 CSV：解析器到第 ${notCsv[2]} 行已拒绝 ${notCsv[1]} 条记录（是否为 JSON 或 JSON Lines？请给出格式）；读取到此为止，其余内容未读取`;
  const label = PARSE_ERROR_ZH[error.code] ?? error.code;
  const details: string[] = [];
  // What JSON.parse said was wrong, in Chinese (V8's wordings).
  const token = /Unexpected token '(.{1,4})'/.exec(error.message)?.[1];
  if (token !== undefined) details.push(`意外的字符 '${token}'`);
  for (const [pattern, zh] of JSON_PARSE_REASONS_ZH)
    if (pattern.test(error.message)) details.push(zh);
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position !== undefined) details.push(`位置 ${position}`);
  const column = /column (\d+)/i.exec(error.message)?.[1];
  if (column !== undefined) details.push(`第 ${column} 列`);
  for (const quoted of (error.message.match(/"[^"\n]{1,60}"/g) ?? []).slice(0, 2))
    details.push(quoted);
  return details.length > 0 ? `${label}（${details.join('，')}）` : label;
}

function parseErrorToLoadError(error: RecordsParseError, locale: Locale): LoadError {
  const message = locale === 'en' ? error.message : zhParseMessage(error);
  return {
    line: error.line,
    ...(error.id !== undefined ? { id: error.id } : {}),
    issues: [
      {
        ...(error.id !== undefined ? { recordId: error.id } : {}),
        path: error.path ?? '',
        code: error.code,
        message,
        ...(PARSE_ERROR_EXPECTED[error.code]
          ? { expected: PARSE_ERROR_EXPECTED[error.code][locale === 'en' ? 'en' : 'zh'] }
          : {}),
      },
    ],
  };
}
