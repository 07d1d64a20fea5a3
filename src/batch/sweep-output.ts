/**
 * The files `finmatch sweep` writes, straight from the columns of each {@link SweepBatch}
 * (no object per enterprise or match):
 *
 * - `jsonl` — one line per enterprise, the API's record shape
 *   `{"enterpriseId","matches":[{"productId","score","rank"}]}` (`contributions` per match
 *   only when asked), in id order; an enterprise eligible for nothing has `"matches":[]`.
 * - `arrow` — an Apache Arrow IPC file, one row per match: `enterpriseId` and `productId`
 *   (dictionary-encoded UTF-8), `rank` (Int32, 1 = best), `score` (Float64) and, when asked,
 *   one Float64 column `contribution_<factor>` per factor; one record batch per sweep batch.
 *   pyarrow (`pyarrow.ipc.open_file`), polars (`read_ipc`), DuckDB and apache-arrow open it.
 *
 * @module
 */
import { ArrowFileWriter, type ArrowColumn } from '../io/arrow.js';
import { CLOSE_BRACE, CLOSE_BRACKET, COMMA, DIGIT_ZERO, LF } from '../io/chars.js';
import type { SweepBatch } from './sweep.js';

/** The output formats of `finmatch sweep`. */
export const SWEEP_OUTPUT_FORMATS = ['jsonl', 'arrow'] as const;
/** An output format of `finmatch sweep`. */
export type SweepOutputFormat = (typeof SWEEP_OUTPUT_FORMATS)[number];

/** Name of the Arrow column holding factor `name`'s contributions. */
export const contributionColumn = (name: string): string => `contribution_${name}`;

/** What a sweep file needs to know before (or without) its first batch. */
export interface SweepOutputContext {
  /** Include each match's factor contributions. */
  contributions: boolean;
  /** The catalogue's ids in id order (a batch's `productIds`), for a file with no batch. */
  productIds: readonly string[];
  /** The profile's factor names (a batch's `factorNames`), for a file with no batch. */
  factorNames: readonly string[];
}

/** Turns sweep batches into a file's bytes, in order: each call returns what to append. */
export interface SweepOutput {
  batch(batch: SweepBatch): (string | Uint8Array)[];
  /** The end of the file (after the last batch). */
  finish(): (string | Uint8Array)[];
}

/** The writer of `format`. */
export function sweepOutput(format: SweepOutputFormat, context: SweepOutputContext): SweepOutput {
  return format === 'arrow' ? arrowOutput(context) : jsonlOutput(context);
}

/**
 * Longest text `String(x)` gives a finite double: 25 characters, the negative ones just above
 * 10⁻⁶ in magnitude with 17 significant digits (`-0.0000012345678901234567`); the exponent
 * forms take at most 24 (`-1.2345678901234567e-308`).
 */
export const MAX_NUMBER_TEXT = 25;
/** Longest text of a rank (a positive 32-bit integer). */
const MAX_RANK_TEXT = 10;
const RANK_KEY = Buffer.from(',"rank":');
const CONTRIBUTIONS_KEY = Buffer.from(',"contributions":{');

/**
 * Writes sweep results as JSON lines: per product and factor, the JSON bytes before its value
 * are made once, and a batch's text goes byte by byte into one reused buffer — the numbers'
 * text from `String`, copied in, and no other string, `Buffer.write` or copy call per match:
 * those calls (four or more per match, each a trip into the runtime) cost as much as
 * formatting the score. Used by the `jsonl` output and by sweep workers asked to render their
 * chunks' lines themselves.
 */
export class JsonlRenderer {
  private readonly productPrefix: Buffer[];
  private readonly factorKeys: Buffer[];
  /** Most bytes one match can take (its comma included). */
  private readonly matchBytes: number;
  private buffer: Buffer;

  /**
   * @param productIds - the catalogue's ids, in the order the `products` indexes refer to
   * @param factorNames - the profile's factor names: the columns of `contributions`
   * @param contributions - write each match's contributions
   * @param initialBytes - the buffer's first size (it grows as lines need): 1 MB, about two
   *   seed-scale chunks of compact lines
   */
  constructor(
    productIds: readonly string[],
    factorNames: readonly string[],
    private readonly contributions: boolean,
    initialBytes = 1 << 20,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.max(1, initialBytes));
    this.productPrefix = productIds.map((id) =>
      Buffer.from(`{"productId":${JSON.stringify(id)},"score":`),
    );
    this.factorKeys = factorNames.map((name, f) =>
      Buffer.from(`${f === 0 ? '' : ','}${JSON.stringify(name)}:`),
    );
    const longestPrefix = this.productPrefix.reduce((n, b) => Math.max(n, b.length), 0);
    const contributionBytes = contributions
      ? CONTRIBUTIONS_KEY.length +
        this.factorKeys.reduce((n, b) => n + b.length + MAX_NUMBER_TEXT, 0) +
        1
      : 0;
    this.matchBytes =
      1 + longestPrefix + MAX_NUMBER_TEXT + RANK_KEY.length + MAX_RANK_TEXT + contributionBytes + 1;
  }

  /** The buffer, grown (its first `at` bytes kept) to hold at least `at + n` bytes. */
  private room(at: number, n: number): Buffer {
    if (at + n <= this.buffer.length) return this.buffer;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, at + n));
    this.buffer.copy(grown, 0, 0, at);
    return (this.buffer = grown);
  }

  /**
   * The lines of `size` enterprises: enterprise `i` is `idOf(i)`, its matches entries
   * `offsets[i]` … `offsets[i + 1] − 1`. With `lineEnds`, the byte where each line ends is
   * written there. Returns a copy (the buffer is reused).
   */
  render(
    size: number,
    idOf: (i: number) => string,
    offsets: ArrayLike<number>,
    products: ArrayLike<number>,
    scores: ArrayLike<number>,
    contributions?: ArrayLike<number>,
    lineEnds?: Uint32Array,
  ): Uint8Array {
    const { productPrefix, factorKeys, matchBytes } = this;
    const withContributions = this.contributions ? contributions : undefined;
    const nF = factorKeys.length;
    let at = 0;
    for (let i = 0; i < size; i++) {
      const head = `{"enterpriseId":${JSON.stringify(idOf(i))},"matches":[`;
      const from = offsets[i]!;
      const to = offsets[i + 1]!;
      // Room for the whole line at once: a UTF-8 character takes at most 3 bytes per UTF-16 unit.
      const buffer = this.room(at, head.length * 3 + (to - from) * matchBytes + 3);
      at += buffer.write(head, at, 'utf8');
      for (let p = from; p < to; p++) {
        if (p > from) buffer[at++] = COMMA;
        at = copyBytes(buffer, at, productPrefix[products[p]!]!);
        // String(x) is JSON's text of a finite number (−0 included: "0"), always ASCII.
        at = copyAscii(buffer, at, String(scores[p]!));
        at = copyBytes(buffer, at, RANK_KEY);
        at = writeRank(buffer, at, p - from + 1);
        if (withContributions) {
          at = copyBytes(buffer, at, CONTRIBUTIONS_KEY);
          for (let f = 0; f < nF; f++) {
            at = copyBytes(buffer, at, factorKeys[f]!);
            at = copyAscii(buffer, at, String(withContributions[p * nF + f]!));
          }
          buffer[at++] = CLOSE_BRACE;
        }
        buffer[at++] = CLOSE_BRACE;
      }
      buffer[at++] = CLOSE_BRACKET;
      buffer[at++] = CLOSE_BRACE;
      buffer[at++] = LF;
      // Writes past a typed array's end are dropped silently: a line longer than the room
      // reserved for it would lose bytes, so that is an error, never a shorter file.
      if (at > buffer.length)
        throw new Error(
          `JsonlRenderer: line ${i} outgrew the ${matchBytes} bytes per match reserved`,
        );
      if (lineEnds) lineEnds[i] = at;
    }
    // A copy in its own memory: the buffer is reused, and a worker transfers the copy.
    return new Uint8Array(this.buffer.subarray(0, at));
  }
}

/** Copies `bytes` into `buffer` at `at` (room checked by the caller); returns the end. */
function copyBytes(buffer: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let k = 0; k < bytes.length; k++) buffer[at + k] = bytes[k]!;
  return at + bytes.length;
}

/** Copies the ASCII `text` into `buffer` at `at` (room checked by the caller); returns the end. */
function copyAscii(buffer: Uint8Array, at: number, text: string): number {
  for (let k = 0; k < text.length; k++) buffer[at + k] = text.charCodeAt(k);
  return at + text.length;
}

/** Writes the decimal digits of `rank` (a positive integer) at `at`; returns the end. */
function writeRank(buffer: Uint8Array, at: number, rank: number): number {
  let digits = 1;
  for (let r = rank; r >= 10; r = Math.floor(r / 10)) digits++;
  for (let k = digits - 1, r = rank; k >= 0; k--, r = Math.floor(r / 10))
    buffer[at + k] = DIGIT_ZERO + (r % 10);
  return at + digits;
}

function jsonlOutput(context: SweepOutputContext): SweepOutput {
  let renderer: JsonlRenderer | undefined;
  return {
    batch(b) {
      // Lines the workers rendered already (`finmatch sweep` asks them to).
      if (b.jsonl) return [b.jsonl];
      renderer ??= new JsonlRenderer(b.productIds, b.factorNames, context.contributions);
      return [
        renderer.render(
          b.size,
          (i) => b.enterpriseId(i),
          b.offsets,
          b.products,
          b.scores,
          b.contributions,
        ),
      ];
    },
    finish: () => [],
  };
}

function arrowOutput(context: SweepOutputContext): SweepOutput {
  let writer: ArrowFileWriter | undefined;
  const start = (
    enterpriseIds: readonly string[],
    productIds: readonly string[],
    factorNames: readonly string[],
  ): Uint8Array[] => {
    const columns: ArrowColumn[] = [
      { name: 'enterpriseId', type: 'dictionary', dictionary: enterpriseIds },
      { name: 'rank', type: 'int32' },
      { name: 'productId', type: 'dictionary', dictionary: productIds },
      { name: 'score', type: 'float64' },
      ...(context.contributions
        ? factorNames.map((name): ArrowColumn => ({
            name: contributionColumn(name),
            type: 'float64',
          }))
        : []),
    ];
    writer = new ArrowFileWriter(columns);
    return writer.start();
  };
  return {
    batch(b) {
      const head = writer ? [] : start(b.enterpriseIds, b.productIds, b.factorNames);
      const rows = b.matchCount;
      const enterprise = new Int32Array(rows);
      const rank = new Int32Array(rows);
      for (let i = 0; i < b.size; i++) {
        const from = b.offsets[i]!;
        const to = b.offsets[i + 1]!;
        enterprise.fill(b.start + i, from, to);
        for (let p = from; p < to; p++) rank[p] = p - from + 1;
      }
      const values: (Int32Array | Float64Array)[] = [enterprise, rank, b.products, b.scores];
      if (context.contributions) {
        const nF = b.factorNames.length;
        const all = b.contributions ?? new Float64Array(rows * nF);
        for (let f = 0; f < nF; f++) {
          const column = new Float64Array(rows);
          for (let p = 0; p < rows; p++) column[p] = all[p * nF + f]!;
          values.push(column);
        }
      }
      return [...head, ...writer!.batch(rows, values)];
    },
    finish() {
      const head = writer ? [] : start([], context.productIds, context.factorNames);
      return [...head, ...writer!.finish()];
    },
  };
}
