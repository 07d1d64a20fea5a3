/**
 * Reading records files: JSON Lines, JSON arrays and CSV, with the line each record starts on.
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseCsv } from './csv.js';
import { checkRecordsFormat, detectRecordsFormat } from './format.js';
import { parseJsonArray } from './json-array.js';
import { createJsonlLineReader, parseJsonl } from './jsonl.js';
import type { ParsedRecords, RecordsFormat } from './types.js';

/**
 * Parses records from text in `format`:
 * - `jsonl`: one JSON value per line; blank lines skipped; a malformed line is reported with
 *   its line number;
 * - `json`: a JSON array; each element's line is the line where it starts;
 * - `csv`: a header row, then one record per row; see `csv-cells.ts` for how cells become
 *   numbers, lists and nested fields.
 *
 * Rows are *not* validated; pass them to `parseBatch` with `lines`, or use {@link loadRecords}.
 *
 * @throws {@link OptionError} when `format` is unknown.
 * @example parseRecordsText('{"id":"E1"}\n\nnot json\n', 'jsonl')
 * // { rows: [{ id: 'E1' }], lines: [1], parseErrors: [{ line: 3, code: 'invalid_json', … }] }
 */
export function parseRecordsText(text: string, format: RecordsFormat): ParsedRecords {
  if (typeof text !== 'string') throw new TypeError('parseRecordsText: text must be a string');
  switch (checkRecordsFormat(format)) {
    case 'jsonl':
      return parseJsonl(text);
    case 'json':
      return parseJsonArray(text);
    case 'csv':
      return parseCsv(text);
  }
}

/** Options of {@link readRecordsFile}. */
export interface ReadRecordsOptions {
  /** The file's format; by default taken from the extension (`.jsonl`/`.ndjson`, `.json`, `.csv`). */
  format?: RecordsFormat;
  /**
   * Called as the file is read, with bytes read so far and the file size. JSON Lines files
   * are read as a stream and report often; JSON and CSV report once, at the end.
   */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * Reads a records file. JSON Lines files are streamed line by line, so a file of hundreds of
 * megabytes is never held as one string; JSON and CSV files are read whole.
 *
 * @throws {@link OptionError} when the format cannot be determined; Node's file-system errors
 *   (`ENOENT`…) when the file cannot be read.
 */
export async function readRecordsFile(
  path: string,
  options: ReadRecordsOptions = {},
): Promise<ParsedRecords> {
  const format = detectRecordsFormat(path, options.format);
  const { size } = await stat(path);
  if (format !== 'jsonl') {
    const parsed = parseRecordsText(await readFile(path, 'utf8'), format);
    options.onProgress?.(size, size);
    return parsed;
  }
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const reader = createJsonlLineReader();
  let lineNumber = 0;
  let lastReported = 0;
  for await (const line of lines) {
    lineNumber++;
    reader.push(line, lineNumber);
    if (options.onProgress && stream.bytesRead - lastReported >= 1 << 20) {
      lastReported = stream.bytesRead;
      options.onProgress(stream.bytesRead, size);
    }
  }
  options.onProgress?.(size, size);
  return reader.result;
}
