/**
 * Instrument diversity of a recommendation list: how many kinds of financing instrument
 * (loan, guarantee, equity…) it offers.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { rankDocuments } from '../ranking.js';
import type { Run } from '../types.js';
import { checkCutoff } from './coverage.js';

/**
 * - `distinct`: number of distinct instruments in the list (≥ 0);
 * - `entropy`: Shannon entropy of the instrument distribution in bits (0 for one
 *   instrument, log2(m) for m equally frequent ones).
 */
export type DiversityMeasure = 'distinct' | 'entropy';

/** Number of distinct instruments among `items`. */
export function distinctInstruments(
  items: readonly string[],
  instrumentOf: (item: string) => string,
): number {
  return new Set(items.map(instrumentOf)).size;
}

/** Shannon entropy, in bits, of the instruments among `items`; 0 for an empty list. */
export function instrumentEntropy(
  items: readonly string[],
  instrumentOf: (item: string) => string,
): number {
  const counts = new Map<string, number>();
  for (const item of items) {
    const instrument = instrumentOf(item);
    counts.set(instrument, (counts.get(instrument) ?? 0) + 1);
  }
  let entropy = 0;
  for (const c of counts.values()) {
    const p = c / items.length;
    entropy -= p * Math.log2(p);
  }
  return entropy === 0 ? 0 : entropy;
}

/** Options of {@link runDiversity}. */
export interface RunDiversityOptions {
  /** Only the top k of each list counts. */
  k: number;
  instrumentOf(docid: string): string;
  /** Default `distinct`. */
  measure?: DiversityMeasure;
}

/** Mean diversity of the top k over a run's queries, and each query's value. */
export function runDiversity(
  run: Run,
  options: RunDiversityOptions,
): { mean: number; perQuery: Record<string, number> } {
  checkCutoff(options.k);
  const measure = options.measure ?? 'distinct';
  if (measure !== 'distinct' && measure !== 'entropy') {
    throw new OptionError(
      'measure',
      `measure must be 'distinct' or 'entropy', received ${JSON.stringify(measure)}`,
    );
  }
  const perQuery: Record<string, number> = {};
  let sum = 0;
  const qids = Object.keys(run);
  for (const qid of qids) {
    const top = rankDocuments(run[qid]!, options.k);
    const value =
      measure === 'distinct'
        ? distinctInstruments(top, options.instrumentOf)
        : instrumentEntropy(top, options.instrumentOf);
    perQuery[qid] = value;
    sum += value;
  }
  return { mean: qids.length === 0 ? 0 : sum / qids.length, perQuery };
}
