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
 * Writes sweep results as JSON lines: per product and factor, the JSON bytes before its value
 * are made once, and a batch's text goes straight into one reused buffer (no string per line
 * to concatenate and encode again). Used by the `jsonl` output and by sweep workers asked to
 * render their chunks' lines themselves.
 */
export class JsonlRenderer {
  private readonly productPrefix: Buffer[];
  private readonly factorKeys: Buffer[];
  private buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;

  /**
   * @param productIds - the catalogue's ids, in the order the `products` indexes refer to
   * @param factorNames - the profile's factor names: the columns of `contributions`
   * @param contributions - write each match's contributions
   */
  constructor(
    productIds: readonly string[],
    factorNames: readonly string[],
    private readonly contributions: boolean,
  ) {
    this.productPrefix = productIds.map((id) =>
      Buffer.from(`{"productId":${JSON.stringify(id)},"score":`),
    );
    this.factorKeys = factorNames.map((name, f) =>
      Buffer.from(`${f === 0 ? '' : ','}${JSON.stringify(name)}:`),
    );
  }

  private room(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + n));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  private ascii(text: string): void {
    this.room(text.length);
    this.at += this.buffer.write(text, this.at, 'latin1');
  }

  private bytes(b: Buffer): void {
    this.room(b.length);
    this.at += b.copy(this.buffer, this.at);
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
    const { productPrefix, factorKeys } = this;
    const withContributions = this.contributions ? contributions : undefined;
    const nF = factorKeys.length;
    this.at = 0;
    for (let i = 0; i < size; i++) {
      const head = `{"enterpriseId":${JSON.stringify(idOf(i))},"matches":[`;
      this.room(head.length * 3);
      this.at += this.buffer.write(head, this.at, 'utf8');
      const from = offsets[i]!;
      const to = offsets[i + 1]!;
      for (let p = from; p < to; p++) {
        if (p > from) this.ascii(',');
        this.bytes(productPrefix[products[p]!]!);
        // String(x) is JSON's text of a finite number (−0 included: "0"), always ASCII.
        this.ascii(`${String(scores[p]!)},"rank":${p - from + 1}`);
        if (withContributions) {
          this.ascii(',"contributions":{');
          for (let f = 0; f < nF; f++) {
            this.bytes(factorKeys[f]!);
            this.ascii(String(withContributions[p * nF + f]!));
          }
          this.ascii('}');
        }
        this.ascii('}');
      }
      this.ascii(']}\n');
      if (lineEnds) lineEnds[i] = this.at;
    }
    // A copy in its own memory: the buffer is reused, and a worker transfers the copy.
    return new Uint8Array(this.buffer.subarray(0, this.at));
  }
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
