/**
 * Shapes shared by the file readers and writers.
 *
 * @module
 */

/** File formats finmatch reads records from. */
export type RecordsFormat = 'jsonl' | 'json' | 'csv';

/** Every {@link RecordsFormat}, in the order help texts list them. */
export const RECORDS_FORMATS: readonly RecordsFormat[] = ['jsonl', 'json', 'csv'];

/**
 * Why a piece of a file could not be turned into a row, before any validation:
 * - `invalid_json`: a JSONL line or a JSON array element is not valid JSON;
 * - `not_an_array`: a `.json` file whose top level is not an array;
 * - `invalid_csv`: a CSV record the CSV parser rejected (bad quoting, wrong column count);
 * - `invalid_cell`: a CSV cell that looks like JSON (`[`…, `{`…) but does not parse, or a
 *   column name that cannot be turned into a field path;
 * - `invalid_encoding`: a line whose bytes are not valid in the file's encoding (invalid
 *   UTF-8, say); the record on it is not read.
 */
export type RecordsParseErrorCode =
  'invalid_json' | 'not_an_array' | 'invalid_csv' | 'invalid_cell' | 'invalid_encoding';

/** A part of a file that could not be read as a record. */
export interface RecordsParseError {
  /** Line number in the file, from 1 (the line where the bad piece starts, best effort). */
  line: number;
  /** What kind of failure. */
  code: RecordsParseErrorCode;
  /** What was wrong, in English (the parsers' own wording). */
  message: string;
  /** The record's id, when it could still be read (a CSV row with a bad cell, say). */
  id?: string;
  /** The column or field, for CSV cell errors. */
  path?: string;
}

/**
 * Rows read from a file, not yet validated. `rows[i]` starts on line `lines[i]` (from 1);
 * pieces that could not be parsed at all are in `parseErrors` instead.
 */
export interface ParsedRecords {
  rows: unknown[];
  lines: number[];
  parseErrors: RecordsParseError[];
}
