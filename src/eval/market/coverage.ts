/**
 * Coverage: how many subjects get any recommendation at all.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { getOwn, type Run } from '../types.js';

/** Result of {@link coverage}. */
export interface CoverageResult {
  /** covered / total, in [0, 1]; 0 when there are no subjects. */
  share: number;
  /** Subjects with at least one result in their top k. */
  covered: number;
  /** Subjects considered. */
  total: number;
  /** Subjects left without any result, in the order given. */
  uncovered: string[];
}

/**
 * Share of subjects with at least one result in their top k. `subjects` defaults to the
 * run's queries; pass every subject of the market so that those the run omits count as
 * uncovered. With `minScore`, only results scoring at least that count.
 */
export function coverage(
  run: Run,
  options: { k: number; subjects?: readonly string[]; minScore?: number },
): CoverageResult {
  checkCutoff(options.k);
  const subjects = options.subjects ?? Object.keys(run);
  const minScore = options.minScore ?? Number.NEGATIVE_INFINITY;
  const uncovered: string[] = [];
  for (const subject of subjects) {
    const results = getOwn(run, subject);
    // Results in the top k with score ≥ minScore exist iff the best result qualifies.
    const scores = results === undefined ? [] : Object.values(results);
    if (scores.length === 0 || !(Math.max(...scores) >= minScore)) uncovered.push(subject);
  }
  const total = subjects.length;
  const covered = total - uncovered.length;
  return { share: total === 0 ? 0 : covered / total, covered, total, uncovered };
}

/** @throws An {@link OptionError} unless k is an integer ≥ 1. */
export function checkCutoff(k: number): void {
  if (!Number.isSafeInteger(k) || k < 1)
    throw new OptionError('k', `k must be an integer ≥ 1, received ${String(k)}`);
}
