/**
 * The one ordering of ranked results used everywhere: higher sort key first, then higher
 * score, then id ascending (code-unit order), so results never depend on input order.
 *
 * @module
 */

/** Something ranked. */
export interface Rankable {
  id: string;
  score: number;
  sortKey?: readonly number[];
}

/** Compares two ranked items: negative when `a` ranks before `b`. */
export function compareRanked(a: Rankable, b: Rankable): number {
  const ka = a.sortKey;
  const kb = b.sortKey;
  if (ka && kb) {
    const n = Math.min(ka.length, kb.length);
    for (let i = 0; i < n; i++) {
      const d = kb[i]! - ka[i]!;
      if (d !== 0) return d;
    }
  }
  if (b.score !== a.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Compares two records by id in code-unit order. */
export const compareById = <R extends { id: string }>(a: R, b: R): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * A copy of `records` in id order (code-unit order). Records that already are in id order (a
 * sorted export, a generated market, a store's scan) are copied without a sort.
 */
export function sortById<R extends { id: string }>(records: readonly R[]): R[] {
  for (let i = 1; i < records.length; i++)
    if (!(records[i - 1]!.id < records[i]!.id)) return [...records].sort(compareById);
  return [...records];
}
