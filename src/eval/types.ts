/**
 * The data `finmatch/eval` works on, in the shapes pytrec_eval and ranx use, so runs and
 * judgments can be written by hand or loaded from TREC files.
 *
 * @module
 */

/**
 * A run: for each query id, the retrieved documents and their scores. Higher scores rank
 * first; the order of keys and any rank column of a TREC file are ignored (see
 * {@link compareTrecOrder}). Scores must be finite.
 *
 * @example `{ q1: { d1: 2.5, d7: 1.1 } }`
 */
export type Run = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * Relevance judgments (qrels): for each query id, judged documents and their integer
 * relevance. `0` is judged non-relevant; values ≥ the relevance level (1 by default) are
 * relevant, and their value is the gain used by nDCG; negative values are non-relevant
 * (trec_eval reads them as "in the pool but unjudged").
 *
 * @example `{ q1: { d1: 2, d3: 0 } }`
 */
export type Qrels = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** A mutable {@link Run} or {@link Qrels} while it is being built. */
export type MutableTable = Record<string, Record<string, number>>;

/**
 * Sets `table[outer][inner] = value` as an own property, so ids such as `__proto__` or
 * `constructor` are stored like any other id.
 */
export function setTableValue(
  table: MutableTable,
  outer: string,
  inner: string,
  value: number,
): void {
  let row = Object.hasOwn(table, outer) ? table[outer] : undefined;
  if (row === undefined) {
    row = {};
    defineOwn(table, outer, row);
  }
  defineOwn(row, inner, value);
}

/** Defines an enumerable own data property, bypassing setters such as `__proto__`. */
export function defineOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `table[key]` when it is an own property, `undefined` otherwise. */
export function getOwn<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
