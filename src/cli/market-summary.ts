/**
 * Descriptive statistics of a market for the demo: sector mix, SRDI tier shares and amounts.
 * Pure functions over the records, so they are tested without generating a market.
 *
 * @module
 */
import type { Enterprise } from '../model/types.js';
import { SRDI_TIERS, type SrdiTier } from '../taxonomy/ladders.js';

/** A count and its share of the whole, in [0, 1]. */
export interface Share<K extends string = string> {
  key: K;
  count: number;
  share: number;
}

/**
 * Enterprises per GB/T 4754 section (the code's letter), largest first (ties by letter);
 * sections beyond the `top` largest are summed under the key `other`.
 */
export function sectorSectionMix(enterprises: readonly Enterprise[], top: number): Share[] {
  const counts = new Map<string, number>();
  for (const e of enterprises) {
    const section = e.sector.charAt(0);
    counts.set(section, (counts.get(section) ?? 0) + 1);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const n = enterprises.length;
  const head = sorted
    .slice(0, top)
    .map(([key, count]) => ({ key, count, share: n ? count / n : 0 }));
  const rest = sorted.slice(top).reduce((sum, [, count]) => sum + count, 0);
  return rest > 0 ? [...head, { key: 'other', count: rest, share: rest / n }] : head;
}

/** Enterprises per SRDI tier, in ladder order (every tier listed, zero counts included). */
export function srdiTierShares(enterprises: readonly Enterprise[]): Share<SrdiTier>[] {
  const counts = new Map<SrdiTier, number>(SRDI_TIERS.map((t) => [t, 0]));
  for (const e of enterprises) counts.set(e.srdi.tier, (counts.get(e.srdi.tier) ?? 0) + 1);
  const n = enterprises.length;
  return SRDI_TIERS.map((key) => ({
    key,
    count: counts.get(key)!,
    share: n ? counts.get(key)! / n : 0,
  }));
}

/** Summary of a list of amounts (yuan). All fields are 0 for an empty list (never NaN). */
export interface AmountSummary {
  count: number;
  total: number;
  mean: number;
  p10: number;
  median: number;
  p90: number;
}

/** Summarises amounts; percentiles are nearest-rank on the sorted values. */
export function summarizeAmounts(amounts: Iterable<number>): AmountSummary {
  const values = Float64Array.from(amounts).sort();
  const count = values.length;
  if (count === 0) return { count: 0, total: 0, mean: 0, p10: 0, median: 0, p90: 0 };
  let total = 0;
  for (const v of values) total += v;
  const at = (q: number): number =>
    values[Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1))]!;
  return { count, total, mean: total / count, p10: at(0.1), median: at(0.5), p90: at(0.9) };
}
