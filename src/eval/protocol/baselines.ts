/**
 * Baselines as ordinary scoring functions, so they go through the same evaluation as any
 * strategy: a seeded random scorer and a popularity scorer.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { createRandom } from '../../util/random.js';
import { DEFAULT_SEED } from '../defaults.js';
import { compareTrecOrder } from '../ranking.js';
import { defineOwn, type Run } from '../types.js';

/** What a scorer is asked: how well `itemId` suits `subjectId`. */
export interface ScoringContext {
  subjectId: string;
  itemId: string;
}

/** A named scoring function; scores lie in [0, 1]. */
export interface Scorer {
  readonly name: string;
  score(context: ScoringContext): number;
}

/**
 * Random baseline: a uniform score in [0, 1) drawn from the seed and the pair's ids, so a
 * pair gets the same score whatever else is scored and in whatever order.
 */
export function createRandomBaseline(options: { seed?: number | string } = {}): Scorer {
  const seed = String(options.seed ?? DEFAULT_SEED);
  return {
    name: 'random',
    score: ({ subjectId, itemId }) =>
      createRandom(`${seed}\u0000${subjectId}\u0000${itemId}`).next(),
  };
}

/** Options of {@link createPopularityBaseline}. */
export interface PopularityOptions<T> {
  /** Training interactions (never the test set). */
  interactions: readonly T[];
  /** The item an interaction is about. */
  itemOf(interaction: T): string;
}

/**
 * Popularity baseline: an item's number of training interactions divided by the largest
 * such number (so the most popular item scores 1 and unseen items 0), the same for every
 * subject.
 */
export function createPopularityBaseline<T>(options: PopularityOptions<T>): Scorer {
  const counts = new Map<string, number>();
  for (const interaction of options.interactions) {
    const item = options.itemOf(interaction);
    counts.set(item, (counts.get(item) ?? 0) + 1);
  }
  const max = Math.max(0, ...counts.values());
  return {
    name: 'popularity',
    score: ({ itemId }) => (max === 0 ? 0 : (counts.get(itemId) ?? 0) / max),
  };
}

/** Options of {@link runFromScorer}. */
export interface RunFromScorerOptions {
  /** Subjects to rank for (the queries). */
  subjects: readonly string[];
  /** Candidate items, the same for all subjects or per subject. */
  candidates: readonly string[] | ((subjectId: string) => readonly string[]);
  /** Keep the top k per subject (trec_eval order). Default: all candidates. */
  k?: number;
  /** Items not to recommend to a subject, e.g. its training interactions. */
  exclude?: (subjectId: string) => ReadonlySet<string>;
}

/** Scores every candidate for every subject and keeps each subject's top k as a {@link Run}. */
export function runFromScorer(scorer: Scorer, options: RunFromScorerOptions): Run {
  const k = options.k ?? Number.POSITIVE_INFINITY;
  if (!(k === Number.POSITIVE_INFINITY || (Number.isSafeInteger(k) && k >= 1))) {
    throw new OptionError('k', `k must be an integer ≥ 1, received ${String(k)}`);
  }
  const run: Record<string, Record<string, number>> = {};
  for (const subjectId of options.subjects) {
    const items =
      typeof options.candidates === 'function' ? options.candidates(subjectId) : options.candidates;
    const excluded = options.exclude?.(subjectId);
    const scored = items
      .filter((itemId) => !excluded?.has(itemId))
      .map((itemId) => ({ docid: itemId, score: scorer.score({ subjectId, itemId }) }))
      .sort(compareTrecOrder);
    const row: Record<string, number> = {};
    for (const { docid, score } of scored.slice(0, Math.min(scored.length, k)))
      defineOwn(row, docid, score);
    defineOwn(run, subjectId, row);
  }
  return run;
}
