/**
 * Exposure: how attention in the ranked lists is shared among groups (institutions), and
 * how unequal that is.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { compareCodePoints, rankDocuments } from '../ranking.js';
import type { Run } from '../types.js';
import { checkCutoff } from './coverage.js';

/**
 * How attention falls with rank:
 * - `log2`: a result at rank r gets 1 / log2(r + 1), the nDCG discount (position bias);
 * - `uniform`: every result in the top k gets 1.
 */
export type ExposureDiscount = 'log2' | 'uniform';

/** Options of {@link exposureByGroup}. */
export interface ExposureOptions {
  /** Only the top k of each list is seen. */
  k: number;
  /** The group (institution id) of a document. */
  groupOf(docid: string): string;
  /** Groups to report even when never shown (they count as 0 in the Gini coefficient). */
  groups?: readonly string[];
  /** Default `log2`. */
  discount?: ExposureDiscount;
}

/** Result of {@link exposureByGroup}. */
export interface ExposureResult {
  /** Each group's share of total exposure (sums to 1 unless nothing was shown), groups in code-point order. */
  shares: Record<string, number>;
  /** Each group's exposure before normalising. */
  totals: Record<string, number>;
  /** Gini coefficient of the totals over every group reported: 0 equal, → 1 concentrated. */
  gini: number;
}

/** Exposure per group over every list of a run, and its Gini coefficient. */
export function exposureByGroup(run: Run, options: ExposureOptions): ExposureResult {
  checkCutoff(options.k);
  const discount = options.discount ?? 'log2';
  if (discount !== 'log2' && discount !== 'uniform') {
    throw new OptionError(
      'discount',
      `discount must be 'log2' or 'uniform', received ${JSON.stringify(discount)}`,
    );
  }
  const totals = new Map<string, number>((options.groups ?? []).map((g) => [g, 0]));
  for (const qid of Object.keys(run)) {
    rankDocuments(run[qid]!, options.k).forEach((docid, i) => {
      const group = options.groupOf(docid);
      const weight = discount === 'log2' ? 1 / Math.log2(i + 2) : 1;
      totals.set(group, (totals.get(group) ?? 0) + weight);
    });
  }
  const groups = [...totals.keys()].sort(compareCodePoints);
  const sum = [...totals.values()].reduce((s, v) => s + v, 0);
  const shares: Record<string, number> = {};
  const totalsOut: Record<string, number> = {};
  for (const g of groups) {
    totalsOut[g] = totals.get(g)!;
    shares[g] = sum === 0 ? 0 : totals.get(g)! / sum;
  }
  return { shares, totals: totalsOut, gini: giniCoefficient(groups.map((g) => totals.get(g)!)) };
}

/**
 * Gini coefficient of non-negative values: Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ), computed from the
 * sorted values as (2 Σᵢ i·x₍ᵢ₎) / (n Σ x) − (n + 1) / n. 0 when all values are equal (or
 * all 0, or fewer than 2); at most (n − 1) / n when one value holds everything.
 *
 * @throws An {@link OptionError} for a negative or non-finite value.
 */
export function giniCoefficient(values: readonly number[]): number {
  for (const v of values) {
    if (!(v >= 0) || !Number.isFinite(v))
      throw new OptionError('values', `Gini needs finite values ≥ 0, received ${v}`);
  }
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  if (n < 2 || total === 0) return 0;
  let weighted = 0;
  sorted.forEach((v, i) => (weighted += (i + 1) * v));
  return Math.max(0, (2 * weighted) / (n * total) - (n + 1) / n);
}
