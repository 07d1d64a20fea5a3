/**
 * Choosing a reader by file name.
 *
 * @module
 */
import { extname } from 'node:path';
import { OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';
import { RECORDS_FORMATS, type RecordsFormat } from './types.js';

/** File extensions recognised by {@link detectRecordsFormat}, lower case, with the dot. */
export const RECORDS_FORMAT_BY_EXTENSION: Readonly<Record<string, RecordsFormat>> = Object.freeze({
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.csv': 'csv',
});

/**
 * The format of a records file from its extension (`.jsonl`/`.ndjson`, `.json`, `.csv`),
 * or the explicit `format` when given.
 *
 * @throws {@link OptionError} when `format` is not a known format, or when it is absent and
 *   the extension is not recognised.
 */
export function detectRecordsFormat(path: string, format?: string): RecordsFormat {
  if (format !== undefined) return checkRecordsFormat(format);
  if (typeof path !== 'string')
    throw new OptionError('path', `path must be a string, received ${describeValue(path)}`);
  const found = RECORDS_FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
  if (found === undefined) {
    throw new OptionError(
      'format',
      `cannot tell the format of ${describeValue(path)} from its extension; expected .jsonl, .ndjson, .json or .csv, or pass the format explicitly`,
    );
  }
  return found;
}

/** Checks that `format` is one of {@link RECORDS_FORMATS}. @throws {@link OptionError} */
export function checkRecordsFormat(format: unknown): RecordsFormat {
  if (typeof format === 'string' && (RECORDS_FORMATS as readonly string[]).includes(format)) {
    return format as RecordsFormat;
  }
  throw new OptionError(
    'format',
    `unknown input format ${describeValue(format)}; expected one of ${RECORDS_FORMATS.join(', ')}`,
  );
}
