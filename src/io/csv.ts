/**
 * CSV records: a header row names the fields, one record per row. Parsing is done by
 * `csv-parse` (loaded on first use, so importing finmatch stays fast); cells become values by
 * the convention documented in `csv-cells.ts`.
 *
 * @module
 */
import { lazyRequire } from '../util/lazy-require.js';
import type { Options as CsvOptions } from 'csv-parse';
import { convertCell, parseColumnPath, setAtPath, type PathSegment } from './csv-cells.js';
import { describeValue, escapeControl } from '../util/describe.js';
import type { ParsedRecords } from './types.js';

type CsvParseSync = (input: string, options: CsvOptions) => unknown[];

const csvParseModule = lazyRequire<{ parse: CsvParseSync }>('csv-parse/sync');

function loadCsvParse(): CsvParseSync {
  return csvParseModule().parse;
}

/**
 * Rows the CSV parser may reject beyond one per line read before the text is taken for not
 * CSV at all. A CSV file has at most one rejected record per line; text in another format
 * (JSON Lines read as CSV, say) makes the parser reject one record per quote, each holding the
 * text since the record began — quadratic in the file (4,108 rejections and 2 s for 60 lines of
 * the seed products, an out-of-memory crash for the whole file). Past this many, reading stops
 * with one error that says so.
 */
export const CSV_REJECTIONS_BEYOND_LINES = 16;

/** Thrown from the parser's skip hook to stop it (see {@link CSV_REJECTIONS_BEYOND_LINES}). */
class NotCsvError extends Error {
  constructor(
    readonly line: number,
    readonly rejections: number,
  ) {
    super('not CSV');
  }
}

interface CsvRow {
  record: Record<string, string>;
  raw: string;
  info: { lines: number };
}

interface CsvSkipError {
  code?: string;
  message: string;
  lines?: number;
  record?: unknown;
  raw?: unknown;
}

/**
 * Parses CSV text with a header row. `lines[i]` is the line where row `i` starts (rows may span
 * lines inside quotes). Rows the CSV parser rejects and rows with a malformed JSON cell are
 * reported in `parseErrors` (with the row's id when its `id` cell is readable); the others
 * are returned.
 *
 * Lines end at LF, CRLF or a lone CR; all three are read as LF (inside quoted cells too), so
 * line numbers count the same in every file and a multi-line cell holds `\n` line breaks.
 * `endLines`, when given, receives the line each returned row ends on.
 */
export function parseCsv(source: string, endLines?: number[]): ParsedRecords {
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const result: ParsedRecords = { rows: [], lines: [], parseErrors: [] };
  let header: string[] = [];
  const skipped: CsvSkipError[] = [];
  let rows: CsvRow[];
  try {
    rows = loadCsvParse()(text, {
      bom: true,
      columns: (names: string[]) => {
        header = names;
        return names;
      },
      info: true,
      raw: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvSkipError | undefined) => {
        if (!error) return;
        skipped.push(error);
        const line = typeof error.lines === 'number' ? error.lines : 1;
        if (skipped.length > line + CSV_REJECTIONS_BEYOND_LINES)
          throw new NotCsvError(line, skipped.length);
      },
    }) as CsvRow[];
  } catch (error) {
    if (error instanceof NotCsvError) {
      result.parseErrors.push({
        line: error.line,
        code: 'invalid_csv',
        message: `the text does not read as CSV: the parser rejected ${error.rejections} records by line ${error.line} (JSON or JSON Lines? give the format); reading stopped there, the rest was not read`,
      });
      return result;
    }
    // Only failures that stop the parser as a whole land here (an unreadable header, say).
    const e = error as CsvSkipError;
    result.parseErrors.push({
      line: typeof e.lines === 'number' ? e.lines : 1,
      code: 'invalid_csv',
      message: errorMessage(error),
    });
    return result;
  }

  const idColumn = header.findIndex((name) => name.trim() === 'id');
  for (const error of skipped) {
    const id = idColumn >= 0 && Array.isArray(error.record) ? error.record[idColumn] : undefined;
    // The parser names the line a bad record ends on; report the line it starts on.
    const end = typeof error.lines === 'number' ? error.lines : 1;
    const line = typeof error.raw === 'string' ? Math.max(1, end - innerBreaks(error.raw)) : end;
    result.parseErrors.push({
      line,
      code: 'invalid_csv',
      message: errorMessage(error).replace(/ on line \d+$/, ''),
      ...(typeof id === 'string' && id.trim() !== '' ? { id: id.trim() } : {}),
    });
  }

  const columns = compileColumns(header, result);
  for (const row of rows) {
    const line = startLine(row);
    const out: Record<string, unknown> = {};
    let failed = false;
    for (const column of columns) {
      const cell = row.record[column.name];
      if (cell === undefined) continue;
      const converted = convertCell(column.path[column.path.length - 1], cell);
      if (converted.kind === 'absent') continue;
      const problem =
        converted.kind === 'error'
          ? converted.message
          : setAtPath(out, column.path, converted.value);
      if (problem !== undefined) {
        const id = row.record.id?.trim();
        result.parseErrors.push({
          line,
          code: 'invalid_cell',
          message: `column ${describeValue(column.name)}: ${problem}`,
          path: column.name,
          ...(id ? { id } : {}),
        });
        failed = true;
        break;
      }
    }
    if (failed) continue;
    result.rows.push(out);
    result.lines.push(line);
    endLines?.push(line + innerBreaks(row.raw));
  }
  result.parseErrors.sort((a, b) => a.line - b.line);
  return result;
}

interface CompiledColumn {
  name: string;
  path: PathSegment[];
}

/** Turns header names into field paths; a bad or repeated name is reported once, on line 1. */
function compileColumns(header: readonly string[], result: ParsedRecords): CompiledColumn[] {
  const columns: CompiledColumn[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    const path = parseColumnPath(name);
    if (path === undefined) {
      result.parseErrors.push({
        line: 1,
        code: 'invalid_cell',
        message: `column name ${describeValue(name)} is not a field path (expected names like id, need.amount or chains[0].chainId); the column is ignored`,
        path: name,
      });
      continue;
    }
    if (seen.has(name)) {
      result.parseErrors.push({
        line: 1,
        code: 'invalid_cell',
        message: `column ${describeValue(name)} appears more than once; the last one is used`,
        path: name,
      });
      continue;
    }
    seen.add(name);
    columns.push({ name, path });
  }
  return columns;
}

/** The line a row starts on: its end line minus the line breaks inside it. */
function startLine(row: CsvRow): number {
  return row.info.lines - innerBreaks(row.raw);
}

/** Line breaks inside a record's raw text (line endings are LF by then, see parseCsv). */
function innerBreaks(raw: string): number {
  // `raw` holds blank lines skipped before the row and the row's own line ending.
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  let breaks = 0;
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 0x0a) breaks++;
  return breaks;
}

function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return escapeControl(error.message);
  } catch {
    // fall through
  }
  return describeValue(error);
}
