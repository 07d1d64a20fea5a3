/**
 * JSON Lines: one record per line. Blank lines are skipped; a line that is not valid JSON is
 * reported with its line number and the other lines are still read.
 *
 * @module
 */
import { describeValue, escapeControl } from '../util/describe.js';
import type { ParsedRecords } from './types.js';

/** Incremental JSONL reader: feed it lines in order, then read `result`. */
export interface JsonlLineReader {
  /** Reads one line (without its line ending); `lineNumber` counts from 1. */
  push(line: string, lineNumber: number): void;
  /** Rows, their line numbers and the lines that failed, so far. */
  readonly result: ParsedRecords;
}

/**
 * Creates a {@link JsonlLineReader}. With `reports`, a line that is not valid JSON is reported
 * only when `reports(text)` says so (a lookup by id reports the lines naming its ids).
 */
export function createJsonlLineReader(reports?: (text: string) => boolean): JsonlLineReader {
  const result: ParsedRecords = { rows: [], lines: [], parseErrors: [] };
  return {
    result,
    push(line, lineNumber) {
      // A byte-order mark may open the file; a CR may remain from CRLF endings.
      let text = lineNumber === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.trim() === '') return;
      try {
        result.rows.push(JSON.parse(text));
        result.lines.push(lineNumber);
      } catch (error) {
        if (reports && !reports(text)) return;
        result.parseErrors.push({
          line: lineNumber,
          code: 'invalid_json',
          message: `not valid JSON: ${jsonErrorMessage(error)}`,
        });
      }
    },
  };
}

/**
 * Parses JSONL text. Lines end at LF, CRLF or a lone CR, as in {@link readRecordsFile}, so
 * the same text gives the same records in memory and in a file. See
 * {@link createJsonlLineReader} for the rules.
 */
export function parseJsonl(text: string): ParsedRecords {
  const reader = createJsonlLineReader();
  const breaks = /\r\n?|\n/g;
  let start = 0;
  let lineNumber = 1;
  // Scanning with a sticky search avoids building an array of every line of a large file.
  for (;;) {
    const match = breaks.exec(text);
    if (match === null) {
      reader.push(text.slice(start), lineNumber);
      break;
    }
    reader.push(text.slice(start, match.index), lineNumber);
    start = match.index + match[0].length;
    lineNumber++;
  }
  return reader.result;
}

/** The parser's message without the echo of the (possibly long) input. */
export function jsonErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : describeValue(error);
  // V8 appends `, "<input>"... is not valid JSON`; keep the first clause only.
  const cut = message.indexOf(', "');
  return escapeControl(cut > 0 ? message.slice(0, cut) : message);
}
