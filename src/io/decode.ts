/**
 * Turning a file's bytes into text, line by line, without ever guessing silently.
 *
 * - Lines end at LF, CRLF or a lone CR, the same in a file as in text held in memory.
 * - Bytes that are not valid in the file's encoding are never replaced by U+FFFD: the line
 *   is reported (`invalid_encoding`, with its number) and the other lines are read.
 * - A file read as UTF-8 whose every non-ASCII line is invalid UTF-8 but valid GB18030
 *   (holding Chinese characters) is a GBK/GB18030 file — what Excel writes on Chinese
 *   Windows. It is rejected as a whole with an {@link EncodingError} suggesting
 *   `encoding: 'gb18030'`, rather than read as mojibake or reported line by line.
 *
 * @module
 */
import { TextDecoder } from 'node:util';
import { EncodingError, OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';
import { CR, LF } from './chars.js';

/**
 * Encodings the readers accept in their `encoding` option. `utf8` (the default) and `utf-8`
 * are one encoding; `gbk` is read as `gb18030`, its superset.
 */
export const RECORDS_ENCODINGS = ['utf8', 'utf-8', 'gb18030', 'gbk'] as const;

/** One of {@link RECORDS_ENCODINGS}. */
export type RecordsEncoding = (typeof RECORDS_ENCODINGS)[number];

/** The WHATWG label a {@link RecordsEncoding} is decoded with. */
type DecoderLabel = 'utf-8' | 'gb18030';

/** Checks an `encoding` option. @throws {@link OptionError} */
export function checkRecordsEncoding(encoding: unknown): RecordsEncoding {
  if (encoding === undefined) return 'utf8';
  if (typeof encoding === 'string') {
    const lower = encoding.toLowerCase();
    if ((RECORDS_ENCODINGS as readonly string[]).includes(lower)) return lower as RecordsEncoding;
  }
  throw new OptionError(
    'encoding',
    `unknown encoding ${describeValue(encoding)}; expected one of ${RECORDS_ENCODINGS.join(', ')}`,
  );
}

function decoderLabel(encoding: RecordsEncoding): DecoderLabel {
  return encoding === 'gb18030' || encoding === 'gbk' ? 'gb18030' : 'utf-8';
}

/**
 * Splits bytes into lines at LF, CRLF and lone CR. Feed chunks in order with `push`, then
 * call `end`; `onLine` receives each line without its ending. A CR at the end of one chunk
 * followed by LF at the start of the next is one line ending.
 *
 * With `onLines`, the whole lines in the middle of a chunk whose every CR is the first half
 * of a CRLF are handed over as one block instead (the lines joined by LF, without the last
 * one's ending; with `crlf`, a line may end with the CR of its CRLF, which the reader drops):
 * a reader decodes a block at once and splits the text, rather than calling a decoder per
 * line. The lines of a chunk are then its first (completing the previous chunk's tail)
 * through `onLine`, the block, and its tail held for the next chunk. Either way the lines are
 * the same, in order.
 */
export class ByteLineSplitter {
  private pending: Buffer[] = [];
  private afterCr = false;
  constructor(
    private readonly onLine: (line: Buffer) => void,
    private readonly onLines?: (block: Buffer, crlf: boolean) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.afterCr && chunk.length > 0) {
      if (chunk[0] === LF) start = 1;
      this.afterCr = false;
    }
    // Where every line ends with LF or CRLF, line ends are found by the native byte search;
    // with a lone CR (or one ending the chunk), byte by byte.
    const cr = chunk.indexOf(CR, start);
    if (cr < 0) this.pushLf(chunk, start, false);
    else if (onlyCrlf(chunk, cr)) this.pushLf(chunk, start, true);
    else this.pushMixed(chunk, start);
  }

  end(): void {
    if (this.pending.length > 0) this.emit(Buffer.alloc(0));
  }

  /**
   * `chunk` from `start`, whose lines end with LF, or (with `crlf`) also with CRLF: every CR
   * in it is followed by an LF.
   */
  private pushLf(chunk: Buffer, start: number, crlf: boolean): void {
    // A line's end: its LF, or the CR of its CRLF.
    const end = (from: number, lf: number) =>
      crlf && lf > from && chunk[lf - 1] === CR ? lf - 1 : lf;
    let i = chunk.indexOf(LF, start);
    if (i >= 0) {
      this.emit(chunk.subarray(start, end(start, i)));
      start = i + 1;
      const last = this.onLines !== undefined ? chunk.lastIndexOf(LF) : -1;
      if (last >= start) {
        this.onLines!(chunk.subarray(start, end(start, last)), crlf);
        start = last + 1;
      } else {
        while ((i = chunk.indexOf(LF, start)) >= 0) {
          this.emit(chunk.subarray(start, end(start, i)));
          start = i + 1;
        }
      }
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** `chunk` from `start`, which may hold CRs. */
  private pushMixed(chunk: Buffer, start: number): void {
    for (let i = start; i < chunk.length; i++) {
      const c = chunk[i];
      if (c !== LF && c !== CR) continue;
      this.emit(chunk.subarray(start, i));
      if (c === CR) {
        if (i + 1 < chunk.length) {
          if (chunk[i + 1] === LF) i++;
        } else this.afterCr = true;
      }
      start = i + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  private emit(tail: Buffer): void {
    const line = this.pending.length > 0 ? Buffer.concat([...this.pending, tail]) : tail;
    this.pending = [];
    this.onLine(line);
  }
}

/** Whether every CR of `chunk` from `cr` (the first) is directly followed by an LF. */
function onlyCrlf(chunk: Buffer, cr: number): boolean {
  for (let i = cr; i >= 0; i = chunk.indexOf(CR, i + 1)) if (chunk[i + 1] !== LF) return false;
  return true;
}

/**
 * Decodes lines of one file and remembers which could not be decoded. Line 1 may open with a
 * byte-order mark, which is dropped.
 */
export class LineDecoder {
  /** Lines (from 1) whose bytes are not valid in the encoding. */
  readonly badLines: number[] = [];
  private readonly decoder: TextDecoder;
  private readonly gb = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true });
  private readonly label: DecoderLabel;
  /** Every bad line reads as GB18030 with Chinese characters in it. */
  private badLookGb = true;
  /** Chinese characters in the bad lines read as GB18030. */
  private gbIdeographs = 0;
  /** Whether some line with non-ASCII bytes decoded fine. */
  private goodNonAscii = false;

  constructor(
    encoding: RecordsEncoding,
    private readonly path: string | undefined,
  ) {
    this.label = decoderLabel(encoding);
    this.decoder = new TextDecoder(this.label, { fatal: true, ignoreBOM: true });
  }

  /** The text of line `lineNumber`, or `undefined` when its bytes are invalid. */
  decode(bytes: Uint8Array, lineNumber: number): string | undefined {
    let body = bytes;
    if (lineNumber === 1 && this.label === 'utf-8' && hasUtf8Bom(bytes)) body = bytes.subarray(3);
    if (isAscii(body)) return asciiText(body);
    try {
      const text = this.decoder.decode(body);
      this.goodNonAscii = true;
      return lineNumber === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      this.badLines.push(lineNumber);
      if (this.badLookGb) {
        const count = this.label === 'utf-8' ? chineseCount(this.gb, body) : 0;
        this.badLookGb = count > 0;
        this.gbIdeographs += count;
      }
      return undefined;
    }
  }

  /**
   * Notes a line that holds characters beyond ASCII and is valid in the encoding, known so
   * without decoding it (a reader that skips lines it need not read): the file then is not
   * one whose every non-ASCII line is invalid (see {@link LineDecoder.checkWhole}).
   */
  sawValidText(): void {
    this.goodNonAscii = true;
  }

  /**
   * The text of a block of whole lines (never line 1), or `undefined` when some byte in it is
   * invalid: the caller then decodes its lines one by one with {@link LineDecoder.decode},
   * which finds and records the bad ones. One decoder call for many lines.
   */
  decodeBlock(bytes: Uint8Array): string | undefined {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      return undefined;
    }
    // Every non-ASCII character takes more bytes than UTF-16 units, in UTF-8 (and it is only
    // for UTF-8 that this flag is read, see checkWhole).
    if (text.length !== bytes.length) this.goodNonAscii = true;
    return text;
  }

  /**
   * Throws an {@link EncodingError} when the file is GB18030 read as UTF-8 (see the module
   * comment); otherwise does nothing, and the bad lines are reported one by one.
   */
  checkWhole(): void {
    const first = this.badLines[0];
    // Two ideographs at least: one corrupt pair of bytes often reads as one by chance.
    if (first === undefined || !this.badLookGb || this.goodNonAscii) return;
    if (this.gbIdeographs < MIN_GB_IDEOGRAPHS) return;
    const where = this.path !== undefined ? `${describeValue(this.path)}: ` : '';
    throw new EncodingError(
      `${where}line ${first} is not valid UTF-8, and the file reads as GBK/GB18030 (a file saved by Excel on Chinese Windows, say). ` +
        `Read it with the option encoding: 'gb18030' (finmatch --encoding gb18030), or save it as UTF-8.`,
      {
        ...(this.path !== undefined ? { path: this.path } : {}),
        line: first,
        encoding: 'utf8',
        suggestedEncoding: 'gb18030',
      },
    );
  }

  /** The message of an `invalid_encoding` parse error. */
  message(): string {
    return this.label === 'utf-8'
      ? 'the line is not valid UTF-8 (it was not read; save the file as UTF-8, or pass the encoding it was written in)'
      : 'the line is not valid GB18030 (it was not read)';
  }
}

/** A whole file decoded: the text (invalid lines left empty) and which lines were invalid. */
export interface DecodedText {
  text: string;
  badLines: number[];
  message: string;
}

/**
 * Decodes a whole file. The fast path decodes it at once; only when that fails is it split
 * into lines to find which are invalid. An invalid line is left empty in `text`, so line
 * numbers stay right; the caller reports it.
 *
 * @throws {@link EncodingError} for a GB18030 file read as UTF-8.
 */
export function decodeBytes(
  bytes: Uint8Array,
  encoding: RecordsEncoding,
  path?: string,
): DecodedText {
  const label = decoderLabel(encoding);
  const lines = new LineDecoder(encoding, path);
  try {
    const text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
    return {
      text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
      badLines: [],
      message: lines.message(),
    };
  } catch {
    // Fall through to the line-by-line decode.
  }
  const parts: string[] = [];
  let lineNumber = 0;
  // Line endings are rejoined as `\n`: every reader treats LF, CRLF and CR alike.
  const splitter = new ByteLineSplitter((line) => {
    lineNumber++;
    parts.push(lines.decode(line, lineNumber) ?? '');
  });
  splitter.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  splitter.end();
  lines.checkWhole();
  return { text: parts.join('\n'), badLines: lines.badLines, message: lines.message() };
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

function asciiText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * CJK ideographs in the bytes read as GB18030 (0 when they are not valid GB18030). A file is
 * taken for GB18030 only with at least {@link MIN_GB_IDEOGRAPHS} of them.
 */
function chineseCount(gb: TextDecoder, bytes: Uint8Array): number {
  try {
    return gb.decode(bytes).match(/[\u3400-\u9FFF]/g)?.length ?? 0;
  } catch {
    return 0;
  }
}

/** Fewest Chinese characters (in lines that are not UTF-8) for a file to be taken for GB18030. */
const MIN_GB_IDEOGRAPHS = 2;
