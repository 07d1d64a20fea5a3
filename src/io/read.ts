/**
 * Reading records files: JSON Lines, JSON arrays and CSV, with the line each record starts on.
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { FileError, OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';
import { readOptions } from '../util/options.js';
import { parseCsv } from './csv.js';
import {
  ByteLineSplitter,
  checkRecordsEncoding,
  decodeBytes,
  LineDecoder,
  type RecordsEncoding,
} from './decode.js';
import { checkRecordsFormat, detectRecordsFormat } from './format.js';
import { parseJsonArray } from './json-array.js';
import { createJsonlLineReader, parseJsonl, type JsonlLineReader } from './jsonl.js';
import type { ParsedRecords, RecordsFormat } from './types.js';
import { IdFilter, PLAIN_WIDE } from './id-lines.js';
import { CR, LF } from './chars.js';

/** Options of {@link parseRecordsText}. */
export interface ParseRecordsTextOptions {
  /**
   * How to decode `text` when it is bytes (a `Uint8Array` or `Buffer`): `utf8` (default,
   * `utf-8` too) or `gb18030` (`gbk` is read as its superset `gb18030`). Ignored for strings.
   */
  encoding?: RecordsEncoding;
}

/**
 * Parses records from text (a string, or bytes decoded with `options.encoding`) in `format`:
 * - `jsonl`: one JSON value per line; blank lines skipped; a malformed line is reported with
 *   its line number;
 * - `json`: a JSON array; each element's line is the line where it starts; a malformed
 *   element is reported and the elements after it are still read;
 * - `csv`: a header row, then one record per row; see `csv-cells.ts` for how cells become
 *   numbers, lists and nested fields.
 *
 * Lines end at LF, CRLF or a lone CR in every format. Bytes that are not valid in the encoding
 * are reported line by line (`invalid_encoding`); the records on those lines are not read.
 * Rows are *not* validated; pass them to `parseBatch` with `lines`, or use {@link loadRecords}.
 *
 * @throws {@link OptionError} when `format` or `encoding` is unknown or `text` is neither a
 *   string nor bytes; {@link EncodingError} when bytes read as UTF-8 are in fact GB18030.
 * @example parseRecordsText('{"id":"E1"}\n\nnot json\n', 'jsonl')
 * // { rows: [{ id: 'E1' }], lines: [1], parseErrors: [{ line: 3, code: 'invalid_json', … }] }
 */
export function parseRecordsText(
  text: string | Uint8Array,
  format: RecordsFormat,
  options: ParseRecordsTextOptions = {},
): ParsedRecords {
  const checked = checkRecordsFormat(format);
  const encoding = checkRecordsEncoding(readOptions(options, ['encoding']).encoding);
  if (typeof text === 'string') return parseText(text, checked);
  if (!(text instanceof Uint8Array))
    throw new OptionError(
      'text',
      `text must be a string or bytes (Uint8Array), received ${describeValue(text)}`,
    );
  return parseBytes(text, checked, encoding, undefined);
}

function parseText(text: string, format: RecordsFormat, endLines?: number[]): ParsedRecords {
  switch (format) {
    case 'jsonl':
      return parseJsonl(text);
    case 'json':
      return parseJsonArray(text, endLines);
    case 'csv':
      return parseCsv(text, endLines);
  }
}

/**
 * Decodes and parses a whole file's bytes. Rows that overlap a line that could not be decoded
 * are dropped and that line reported, so a record is never read with part of it missing.
 */
function parseBytes(
  bytes: Uint8Array,
  format: RecordsFormat,
  encoding: RecordsEncoding,
  path: string | undefined,
): ParsedRecords {
  const decoded = decodeBytes(bytes, encoding, path);
  if (decoded.badLines.length === 0) return parseText(decoded.text, format);
  const endLines: number[] = [];
  const parsed = parseText(decoded.text, format, endLines);
  const bad = decoded.badLines;
  const result: ParsedRecords = { rows: [], lines: [], parseErrors: [...parsed.parseErrors] };
  const reported = new Set<number>();
  parsed.rows.forEach((row, i) => {
    const start = parsed.lines[i]!;
    // JSONL rows are one line each; JSON and CSV rows know where they end.
    const end = format === 'jsonl' ? start : (endLines[i] ?? start);
    const hit = bad.find((line) => line >= start && line <= end);
    if (hit === undefined) {
      result.rows.push(row);
      result.lines.push(start);
      return;
    }
    reported.add(hit);
    result.parseErrors.push({ line: hit, code: 'invalid_encoding', message: decoded.message });
  });
  for (const line of bad)
    if (!reported.has(line))
      result.parseErrors.push({ line, code: 'invalid_encoding', message: decoded.message });
  result.parseErrors.sort((a, b) => a.line - b.line);
  return result;
}

/** The options {@link readRecordsFile} takes. */
const READ_OPTION_NAMES = ['format', 'encoding', 'onProgress', 'ids'] as const;

/** Options of {@link readRecordsFile}. */
export interface ReadRecordsOptions {
  /** The file's format; by default taken from the extension (`.jsonl`/`.ndjson`, `.json`, `.csv`). */
  format?: RecordsFormat;
  /**
   * The file's text encoding: `utf8` (default; `utf-8` too) or `gb18030` (`gbk` is read as
   * its superset `gb18030`) for files saved by Excel on Chinese Windows. A file read as UTF-8
   * that is in fact GBK/GB18030 is rejected with an {@link EncodingError} that says so.
   */
  encoding?: RecordsEncoding;
  /**
   * Called as the file is read, with bytes read so far and the file size. JSON Lines files
   * are read as a stream and report often; JSON and CSV report once, at the end.
   */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Read only the records with these ids (a lookup), matched as reports name a record's id
   * (NFC; a numeric id as its string): the other rows are dropped before anything else sees
   * them, and of the pieces that cannot be read, only those that name one of the ids are
   * reported (in JSON Lines, a line holding one's text; in CSV, a row whose id cell is one).
   * In a UTF-8 JSON Lines file the lines that cannot hold a wanted record are not even decoded
   * or parsed — a line is read when it holds an id's bytes, a backslash, malformed bytes or a
   * character outside `NFC_SAFE_RANGES` (`model/text-rules.ts`; see `id-lines.ts`); when every
   * id is ASCII, not for any such character but only for one that NFC reads as an id's
   * characters (U+212A KELVIN SIGN as `K`), or a byte order mark at the line's start — so a
   * lookup in a large file costs little more than a byte search; JSON, CSV and GB18030 files
   * are parsed whole, and so is every line when an id reads as a number. An empty list
   * returns nothing.
   */
  ids?: readonly string[];
}

/**
 * Reads a records file. JSON Lines files are streamed line by line, so a file of hundreds of
 * megabytes is never held as one string; JSON and CSV files are read whole. Lines end at LF,
 * CRLF or a lone CR; a line whose bytes are not valid in the encoding is reported
 * (`invalid_encoding`) and the other lines are read.
 *
 * @throws {@link OptionError} when the path, format or encoding is invalid;
 *   {@link FileError} (`IO_FAILED`, naming the path) when the file cannot be read (missing,
 *   a directory, no permission); {@link EncodingError} when a file read as UTF-8 is GB18030.
 */
export async function readRecordsFile(
  path: string,
  options: ReadRecordsOptions = {},
): Promise<ParsedRecords> {
  if (typeof path !== 'string' || path === '' || path.includes('\u0000'))
    throw new OptionError(
      'path',
      `path must be a non-empty string, received ${describeValue(path)}`,
    );
  if (options === null || typeof options !== 'object')
    throw new OptionError(
      'options',
      `options must be an object, received ${describeValue(options)}`,
    );
  // Unknown names are OptionErrors with a did-you-mean (a misspelt `ids` must not read all).
  const o = readOptions(options, READ_OPTION_NAMES);
  const encoding = checkRecordsEncoding(o.encoding);
  const onProgress = o.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function')
    throw new OptionError('onProgress', 'onProgress must be a function');
  const progress = onProgress as ReadRecordsOptions['onProgress'];
  const filter = idFilterOption(o.ids);
  // A folder or a missing file is said as one before its name's extension is read for the
  // format (a folder has none: "cannot tell the format" would hide what is wrong).
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw readError(path, error);
  }
  const format = detectRecordsFormat(path, o.format as string | undefined);
  if (format !== 'jsonl') {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw readError(path, error);
    }
    const parsed = parseBytes(bytes, format, encoding, path);
    progress?.(size, size);
    if (!filter) return parsed;
    // Only the unreadable pieces whose id could be read as a wanted one (a CSV row's) are kept.
    return keepWanted(
      parsed,
      filter,
      parsed.parseErrors.filter((e) => e.id !== undefined && filter.ids.has(e.id)),
    );
  }
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const jsonl = new JsonlChunkReader(encoding, path, 1, filter);
  let lastReported = 0;
  try {
    for await (const chunk of stream) {
      jsonl.push(chunk as Buffer);
      if (progress && stream.bytesRead - lastReported >= 1 << 20) {
        lastReported = stream.bytesRead;
        progress(stream.bytesRead, size);
      }
    }
  } catch (error) {
    throw readError(path, error);
  }
  const result = jsonl.end();
  progress?.(size, size);
  // The reader kept only the unreadable lines naming a wanted id.
  return filter ? keepWanted(result, filter, result.parseErrors) : result;
}

/** Checks an `ids` option: undefined, or a list of non-empty strings. @throws {@link OptionError} */
function idFilterOption(ids: unknown): IdFilter | undefined {
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids))
    throw new OptionError('ids', `ids must be an array of ids, received ${describeValue(ids)}`);
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = i in ids ? ids[i] : undefined;
    if (typeof id !== 'string' || id === '')
      throw new OptionError(
        `ids[${i}]`,
        `ids[${i}] must be a non-empty string, received ${i in ids ? describeValue(id) : 'a hole'}`,
      );
  }
  return new IdFilter(ids as string[]);
}

/** The rows of `parsed` that are records with a wanted id, with their lines, and `parseErrors`. */
function keepWanted(
  parsed: ParsedRecords,
  filter: IdFilter,
  parseErrors: ParsedRecords['parseErrors'],
): ParsedRecords {
  const result: ParsedRecords = { rows: [], lines: [], parseErrors };
  parsed.rows.forEach((row, i) => {
    if (!filter.wants(row)) return;
    result.rows.push(row);
    result.lines.push(parsed.lines[i]!);
  });
  return result;
}

/**
 * JSON Lines read from a file's bytes, chunk by chunk (any chunking gives the same result):
 * lines are split by {@link ByteLineSplitter}, decoded by {@link LineDecoder} — a block of
 * whole lines with one decoder call, its lines one by one only when a byte in it is invalid —
 * and parsed one per line. Internal: `readRecordsFile` streams a file through it.
 */
export class JsonlChunkReader {
  private readonly reader: JsonlLineReader;
  private readonly decoder: LineDecoder;
  private readonly splitter: ByteLineSplitter;
  private lineNumber: number;
  /** Wanted ids: only the unreadable lines that name one are reported. */
  private readonly filter: IdFilter | undefined;
  /** The same, in UTF-8: the lines that cannot hold one are skipped undecoded. */
  private readonly skip: IdFilter | undefined;

  /**
   * @param firstLine - the number of the first line pushed (1, the default, for a file's
   *   start: only there is a byte-order mark dropped); a byte range from inside a file passes
   *   the number its first line has, or any number above 1 when it is not known.
   * @param filter - wanted ids: a line that cannot be read (not JSON, bytes not in the
   *   encoding) is reported only when it names one, and in a UTF-8 file a line that cannot
   *   hold a record with one is counted and skipped, neither decoded nor parsed (rows are not
   *   filtered here: see `readRecordsFile`).
   */
  constructor(encoding: RecordsEncoding, path?: string, firstLine = 1, filter?: IdFilter) {
    this.lineNumber = firstLine - 1;
    const label = checkRecordsEncoding(encoding);
    this.filter = filter;
    this.skip = label === 'gb18030' || label === 'gbk' ? undefined : filter;
    this.reader = createJsonlLineReader(filter && ((text) => filter.names(text)));
    this.decoder = new LineDecoder(encoding, path);
    this.splitter = new ByteLineSplitter(
      (bytes) => this.line(bytes),
      (block, crlf) => this.block(block, crlf),
    );
  }

  /** Reads the next chunk of the bytes (cut anywhere: a line may span chunks). */
  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  /**
   * The rows, their lines and the parse errors.
   *
   * @throws {@link EncodingError} when a file read as UTF-8 is GB18030.
   */
  end(): ParsedRecords {
    this.splitter.end();
    this.decoder.checkWhole();
    return this.reader.result;
  }

  private line(bytes: Buffer): void {
    const may = this.skip?.mayHold(bytes) ?? true;
    if (may === true) return this.read(bytes);
    this.lineNumber++;
    if (may === PLAIN_WIDE) this.decoder.sawValidText();
  }

  /** Decodes the next line and hands it to the JSON reader (or reports its bad bytes). */
  private read(bytes: Buffer): void {
    const lineNumber = ++this.lineNumber;
    const line = this.decoder.decode(bytes, lineNumber);
    if (line !== undefined) this.reader.push(line, lineNumber);
    else if (!this.filter || this.filter.names(bytes))
      this.reader.result.parseErrors.push({
        line: lineNumber,
        code: 'invalid_encoding',
        message: this.decoder.message(),
      });
  }

  /**
   * Whole lines joined by LF (the splitter's block; with `crlf`, a line may end with the CR of
   * its CRLF), decoded in pieces of about {@link DECODE_PIECE_BYTES}, each cut after a line.
   */
  private block(bytes: Buffer, crlf: boolean): void {
    const filter = this.skip;
    if (filter) {
      const first = this.lineNumber + 1;
      const { lines, skippedWide } = filter.linesOf(bytes, crlf, (index, from, to) => {
        this.lineNumber = first + index - 1;
        this.read(bytes.subarray(from, to));
      });
      this.lineNumber = first + lines - 1;
      if (skippedWide) this.decoder.sawValidText();
      return;
    }
    let start = 0;
    for (;;) {
      const cut = bytes.indexOf(LF, start + DECODE_PIECE_BYTES);
      if (cut < 0) return this.piece(bytes.subarray(start), crlf);
      this.piece(bytes.subarray(start, crlf && bytes[cut - 1] === CR ? cut - 1 : cut), crlf);
      start = cut + 1;
    }
  }

  /**
   * Whole lines joined by LF (with `crlf`, a line may end with its CR): decoded at once, or
   * line by line when a byte is invalid.
   */
  private piece(bytes: Buffer, crlf: boolean): void {
    const text = this.decoder.decodeBlock(bytes);
    if (text === undefined) {
      const line = (from: number, to: number) =>
        this.line(bytes.subarray(from, crlf && to > from && bytes[to - 1] === CR ? to - 1 : to));
      let start = 0;
      for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, start)) {
        line(start, i);
        start = i + 1;
      }
      line(start, bytes.length);
      return;
    }
    const line = (from: number, to: number) =>
      this.reader.push(
        text.slice(from, crlf && to > from && text.charCodeAt(to - 1) === CR ? to - 1 : to),
        ++this.lineNumber,
      );
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      line(start, i);
      start = i + 1;
    }
    line(start, text.length);
  }
}

/**
 * Bytes decoded per decoder call (cut after a line): measured on the seed market's JSON Lines
 * (Chinese text, ≈ 830 bytes a line) with Node 20, one call per line cost ≈ 1.6× pieces of 4–64
 * KiB, and 1 MiB pieces ≈ 4× (a decoded string that large is a large-object allocation).
 */
const DECODE_PIECE_BYTES = 1 << 15;

/** A {@link FileError} for a failed read of `path`, its reason said from the system code. */
export function readError(path: string, error: unknown): FileError {
  const systemCode = systemCodeOf(error);
  const reason =
    systemCode === 'ENOENT'
      ? 'no such file'
      : systemCode === 'EISDIR'
        ? 'it is a directory, not a file'
        : systemCode === 'EACCES' || systemCode === 'EPERM'
          ? 'permission denied'
          : (systemCode ?? 'read failed');
  return new FileError('read', path, `cannot read ${describeValue(path)}: ${reason}`, {
    cause: error,
    ...(systemCode !== undefined ? { systemCode } : {}),
  });
}

/** The `code` of a Node system error (`ENOENT`…), when there is one. */
export function systemCodeOf(error: unknown): string | undefined {
  try {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
