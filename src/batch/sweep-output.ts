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

function jsonlOutput(context: SweepOutputContext): SweepOutput {
  // Per product and factor, the JSON bytes before its value, made once; a batch's text is
  // written straight into one buffer (no string per line to concatenate and encode again).
  let productPrefix: Buffer[] | undefined;
  let factorKeys: Buffer[] | undefined;
  let buffer = Buffer.allocUnsafe(1 << 20);
  let at = 0;
  const room = (n: number) => {
    if (at + n <= buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, at + n));
    buffer.copy(grown, 0, 0, at);
    buffer = grown;
  };
  const ascii = (text: string) => {
    room(text.length);
    at += buffer.write(text, at, 'latin1');
  };
  const bytes = (b: Buffer) => {
    room(b.length);
    at += b.copy(buffer, at);
  };
  const utf8 = (text: string) => {
    room(text.length * 3);
    at += buffer.write(text, at, 'utf8');
  };
  return {
    batch(b) {
      productPrefix ??= b.productIds.map((id) =>
        Buffer.from(`{"productId":${JSON.stringify(id)},"score":`),
      );
      factorKeys ??= b.factorNames.map((name, f) =>
        Buffer.from(`${f === 0 ? '' : ','}${JSON.stringify(name)}:`),
      );
      const { offsets, products, scores } = b;
      const contributions = context.contributions ? b.contributions : undefined;
      const nF = factorKeys.length;
      at = 0;
      for (let i = 0; i < b.size; i++) {
        utf8(`{"enterpriseId":${JSON.stringify(b.enterpriseId(i))},"matches":[`);
        const from = offsets[i]!;
        const to = offsets[i + 1]!;
        for (let p = from; p < to; p++) {
          if (p > from) ascii(',');
          bytes(productPrefix[products[p]!]!);
          // String(x) is JSON's text of a finite number (−0 included: "0"), always ASCII.
          ascii(`${String(scores[p]!)},"rank":${p - from + 1}`);
          if (contributions) {
            ascii(',"contributions":{');
            for (let f = 0; f < nF; f++) {
              bytes(factorKeys[f]!);
              ascii(String(contributions[p * nF + f]!));
            }
            ascii('}');
          }
          ascii('}');
        }
        ascii(']}\n');
      }
      // A copy: the buffer is reused for the next batch while this one may still be queued.
      return [Buffer.from(buffer.subarray(0, at))];
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
