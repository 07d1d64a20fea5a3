/**
 * Baselines as ordinary scoring functions, so they go through the same evaluation as any
 * strategy: a seeded random scorer, popularity (global, within the subject's region, within
 * its sector) and a naive-Bayes profile of the subjects each target financed. Every baseline
 * is fitted on the training interactions it is given and never sees judgments.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { createRandom } from '../../util/random.js';
import { DEFAULT_NAIVE_BAYES_SMOOTHING, DEFAULT_SEED } from '../defaults.js';
import { compareCodePoints, compareTrecOrder } from '../ranking.js';
import { defineOwn, type Run } from '../types.js';

/** What a scorer is asked: how well `itemId` suits the subject of a query. */
export interface ScoringContext {
  /** The subject (enterprise, project) being ranked for. */
  subjectId: string;
  itemId: string;
  /**
   * The query being ranked (a subject may have several, e.g. one per funding round).
   * {@link runFromScorer} always sets it; it equals `subjectId` when runs are keyed by subject.
   */
  queryId?: string;
}

/**
 * Reads one attribute of a subject for a baseline. Called with the subject id alone for the
 * subjects of training interactions, and with the query id too when scoring a query, so a
 * caller holding the subject as it was at query time can answer from that record.
 */
export type SubjectAccessor<R> = (subjectId: string, queryId?: string) => R;

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
    // Seeded by the query, so two queries of one subject get independent random rankings;
    // runs keyed by subject (queryId = subjectId) score exactly as before queries existed.
    score: ({ subjectId, queryId, itemId }) =>
      createRandom(`${seed}\u0000${queryId ?? subjectId}\u0000${itemId}`).next(),
  };
}

/** Options of {@link createPopularityBaseline}. */
export interface PopularityOptions<T> {
  /** Training interactions (never the test set). */
  interactions: readonly T[];
  /** The item an interaction is about. */
  itemOf(interaction: T): string;
  /**
   * Weight of an interaction (finite, ≥ 0; 0 ignores it). Default 1: every interaction
   * counts once.
   */
  weightOf?(interaction: T): number;
}

/**
 * Popularity baseline: an item's number (total weight) of training interactions divided by
 * the largest such number (so the most popular item scores 1 and unseen items 0), the same
 * for every subject.
 *
 * @throws An {@link OptionError} when a weight is negative or not finite.
 */
export function createPopularityBaseline<T>(options: PopularityOptions<T>): Scorer {
  const counts = new Map<string, number>();
  for (const interaction of sortedInteractions(options.interactions, options.itemOf)) {
    const w = weightOf(options, interaction);
    if (w === 0) continue;
    const item = options.itemOf(interaction);
    counts.set(item, (counts.get(item) ?? 0) + w);
  }
  const max = maxOf(counts);
  return {
    name: 'popularity',
    score: ({ itemId }) => (max === 0 ? 0 : (counts.get(itemId) ?? 0) / max),
  };
}

/** Options of {@link createGroupPopularityBaseline}. */
export interface GroupPopularityOptions<T> extends PopularityOptions<T> {
  /** The scorer's name. */
  name: string;
  /** The subject an interaction belongs to. */
  subjectOf(interaction: T): string;
  /** A subject's group (region, sector…); `undefined` when unknown. */
  groupOf: SubjectAccessor<string | undefined>;
}

/**
 * Popularity within the subject's group: an item's training interactions by subjects of the
 * query subject's group, divided by the group's largest such count. A subject whose group is
 * unknown or has no training interaction gets global popularity (as
 * {@link createPopularityBaseline}) instead.
 *
 * @throws An {@link OptionError} when a weight is negative or not finite.
 */
export function createGroupPopularityBaseline<T>(options: GroupPopularityOptions<T>): Scorer {
  const global = new Map<string, number>();
  const byGroup = new Map<string, Map<string, number>>();
  const groupOfSubject = memoBySubject(options.groupOf);
  for (const interaction of sortedInteractions(options.interactions, options.itemOf)) {
    const w = weightOf(options, interaction);
    if (w === 0) continue;
    const item = options.itemOf(interaction);
    global.set(item, (global.get(item) ?? 0) + w);
    const group = groupOfSubject(options.subjectOf(interaction));
    if (group === undefined) continue;
    let counts = byGroup.get(group);
    if (!counts) byGroup.set(group, (counts = new Map()));
    counts.set(item, (counts.get(item) ?? 0) + w);
  }
  const globalMax = maxOf(global);
  const groupMax = new Map([...byGroup].map(([g, counts]) => [g, maxOf(counts)]));
  let lastKey: string | undefined;
  let lastGroup: string | undefined;
  return {
    name: options.name,
    score: ({ subjectId, queryId, itemId }) => {
      const key = `${subjectId}\u0000${queryId ?? ''}`;
      if (key !== lastKey) {
        lastKey = key;
        lastGroup = options.groupOf(subjectId, queryId);
      }
      const counts = lastGroup === undefined ? undefined : byGroup.get(lastGroup);
      if (counts === undefined) return globalMax === 0 ? 0 : (global.get(itemId) ?? 0) / globalMax;
      return (counts.get(itemId) ?? 0) / groupMax.get(lastGroup!)!;
    },
  };
}

/** Options of {@link createRegionPopularityBaseline}. */
export interface RegionPopularityOptions<T> extends PopularityOptions<T> {
  /** The subject an interaction belongs to. */
  subjectOf(interaction: T): string;
  /**
   * A subject's region at the granularity wanted (e.g. the province prefix of a GB/T 2260
   * code); `undefined` when unknown.
   */
  regionOf: SubjectAccessor<string | undefined>;
}

/**
 * Popularity within the subject's region, named `popularity-region`; global popularity for a
 * subject whose region is unknown or has no training interaction. See
 * {@link createGroupPopularityBaseline}.
 */
export function createRegionPopularityBaseline<T>(options: RegionPopularityOptions<T>): Scorer {
  return createGroupPopularityBaseline({
    ...options,
    name: 'popularity-region',
    groupOf: options.regionOf,
  });
}

/** Options of {@link createSectorPopularityBaseline}. */
export interface SectorPopularityOptions<T> extends PopularityOptions<T> {
  /** The subject an interaction belongs to. */
  subjectOf(interaction: T): string;
  /** A subject's sector at the granularity wanted (e.g. a GB/T 4754 division); `undefined` when unknown. */
  sectorOf: SubjectAccessor<string | undefined>;
}

/**
 * Popularity within the subject's sector, named `popularity-sector`; global popularity for a
 * subject whose sector is unknown or has no training interaction. See
 * {@link createGroupPopularityBaseline}.
 */
export function createSectorPopularityBaseline<T>(options: SectorPopularityOptions<T>): Scorer {
  return createGroupPopularityBaseline({
    ...options,
    name: 'popularity-sector',
    groupOf: options.sectorOf,
  });
}

/** Options of {@link createNaiveBayesBaseline}. */
export interface NaiveBayesOptions<T> {
  /** Training interactions: who financed (or was asked by) whom. Never the test set. */
  interactions: readonly T[];
  /** The subject an interaction belongs to. */
  subjectOf(interaction: T): string;
  /** The target (product, investor) an interaction is about. */
  itemOf(interaction: T): string;
  /**
   * A subject's categorical features as `name=value` tokens (`sector=C39`, `stage=growth`,
   * `region=32`). A feature may have several values (`chain=ic1`, `chain=ic2`); duplicates
   * count once; a token without `=` is a feature of its own.
   */
  featuresOf: SubjectAccessor<readonly string[]>;
  /** Weight of an interaction (finite, ≥ 0; 0 ignores it). Default 1. */
  weightOf?(interaction: T): number;
  /** Additive smoothing α > 0. Default {@link DEFAULT_NAIVE_BAYES_SMOOTHING} (1, Laplace). */
  smoothing?: number;
}

/**
 * Naive-Bayes feature profile, named `naive-bayes`: for each target, the smoothed frequencies
 * of the feature tokens of the subjects it financed in training. With interaction weights w,
 * target volume Wₜ = Σw, W = Σₜ Wₜ, K targets with history, α the smoothing, and for a
 * feature f with Vf distinct training values, cₜ(tok) the weight of t's subjects having tok
 * and Nₜ(f) the weight of all of t's tokens of f:
 *
 * s(q, t) = log((Wₜ + α) / (W + α(K + 1))) + Σ_{tok of q} log((cₜ(tok) + α) / (Nₜ(f) + α(Vf + 1)))
 *
 * Every term is a log-probability, so s ≤ 0; the score is 1 / (1 − s), in (0, 1] and
 * strictly increasing in s, so it ranks exactly as s does without underflowing to ties.
 * Targets without history share the smoothed prior and uniform token probabilities.
 * Deterministic and independent of input order; equal scores are ordered by id by
 * {@link runFromScorer} (trec_eval's rule).
 *
 * @throws An {@link OptionError} for a smoothing ≤ 0 or a negative or non-finite weight.
 */
export function createNaiveBayesBaseline<T>(options: NaiveBayesOptions<T>): Scorer {
  const alpha = options.smoothing ?? DEFAULT_NAIVE_BAYES_SMOOTHING;
  if (!(alpha > 0 && Number.isFinite(alpha)))
    throw new OptionError('smoothing', `smoothing must be a finite number > 0, received ${alpha}`);
  const tokensOfSubject = memoBySubject((subjectId: string) =>
    tokenSet(options.featuresOf(subjectId)),
  );
  interface TargetCounts {
    volume: number;
    tokens: Map<string, number>;
    features: Map<string, number>;
  }
  const targets = new Map<string, TargetCounts>();
  const vocabulary = new Map<string, Set<string>>();
  let total = 0;
  for (const interaction of sortedInteractions(
    options.interactions,
    options.itemOf,
    options.subjectOf,
  )) {
    const w = weightOf(options, interaction);
    if (w === 0) continue;
    const item = options.itemOf(interaction);
    let t = targets.get(item);
    if (!t) targets.set(item, (t = { volume: 0, tokens: new Map(), features: new Map() }));
    t.volume += w;
    total += w;
    for (const token of tokensOfSubject(options.subjectOf(interaction))) {
      const feature = featureOf(token);
      t.tokens.set(token, (t.tokens.get(token) ?? 0) + w);
      t.features.set(feature, (t.features.get(feature) ?? 0) + w);
      let values = vocabulary.get(feature);
      if (!values) vocabulary.set(feature, (values = new Set()));
      values.add(token);
    }
  }
  const priorDenominator = total + alpha * (targets.size + 1);
  const logPriorUnseen = Math.log(alpha / priorDenominator);
  let lastKey: string | undefined;
  let lastTokens: { token: string; feature: string; values: number }[] = [];
  return {
    name: 'naive-bayes',
    score: ({ subjectId, queryId, itemId }) => {
      const key = `${subjectId}\u0000${queryId ?? ''}`;
      if (key !== lastKey) {
        lastKey = key;
        lastTokens = tokenSet(options.featuresOf(subjectId, queryId)).map((token) => {
          const feature = featureOf(token);
          return { token, feature, values: vocabulary.get(feature)?.size ?? 0 };
        });
      }
      const t = targets.get(itemId);
      let s = t ? Math.log((t.volume + alpha) / priorDenominator) : logPriorUnseen;
      for (const { token, feature, values } of lastTokens) {
        const c = t?.tokens.get(token) ?? 0;
        const n = t?.features.get(feature) ?? 0;
        s += Math.log((c + alpha) / (n + alpha * (values + 1)));
      }
      return 1 / (1 - s);
    },
  };
}

/** The feature of a `name=value` token: the part before the first `=` (the token itself without one). */
function featureOf(token: string): string {
  const at = token.indexOf('=');
  return at < 0 ? token : token.slice(0, at);
}

/** Distinct tokens in code-point order, so sums do not depend on the caller's order. */
function tokenSet(tokens: readonly string[]): string[] {
  return [...new Set(tokens)].sort(compareCodePoints);
}

/** Caches a per-subject accessor called without a query id (training subjects). */
function memoBySubject<R>(accessor: (subjectId: string) => R): (subjectId: string) => R {
  const cache = new Map<string, R>();
  return (subjectId) => {
    if (cache.has(subjectId)) return cache.get(subjectId)!;
    const value = accessor(subjectId);
    cache.set(subjectId, value);
    return value;
  };
}

function weightOf<T>(options: { weightOf?(interaction: T): number }, interaction: T): number {
  if (!options.weightOf) return 1;
  const w = options.weightOf(interaction);
  if (!(Number.isFinite(w) && w >= 0))
    throw new OptionError('weightOf', `interaction weights must be finite and ≥ 0, received ${w}`);
  return w;
}

/**
 * Interactions in a canonical order (by item, then subject, then weight), so floating-point
 * sums of fractional weights come out the same whatever order the caller passes them in.
 */
function sortedInteractions<T>(
  interactions: readonly T[],
  itemOf: (interaction: T) => string,
  subjectOf?: (interaction: T) => string,
): readonly T[] {
  const keyed = interactions.map((i) => ({ i, item: itemOf(i), subject: subjectOf?.(i) ?? '' }));
  keyed.sort(
    (a, b) => compareCodePoints(a.item, b.item) || compareCodePoints(a.subject, b.subject),
  );
  return keyed.map((k) => k.i);
}

function maxOf(counts: ReadonlyMap<string, number>): number {
  let max = 0;
  for (const v of counts.values()) if (v > max) max = v;
  return max;
}

/** A query as {@link runFromScorer} needs it: its id (the run's key) and its subject. */
export interface ScorerQuery {
  qid: string;
  subjectId: string;
}

/** Options of {@link runFromScorer}: give either `subjects` or `queries`. */
export interface RunFromScorerOptions {
  /** Subjects to rank for, one query each keyed by the subject id. */
  subjects?: readonly string[];
  /** Queries to rank for, keyed by query id (a subject may have several). */
  queries?: readonly ScorerQuery[];
  /** Candidate items, the same for all queries or per query. */
  candidates: readonly string[] | ((subjectId: string, queryId: string) => readonly string[]);
  /** Keep the top k per query (trec_eval order). Default: all candidates. */
  k?: number;
  /** Items not to recommend for a query, e.g. its subject's training interactions. */
  exclude?: (subjectId: string, queryId: string) => ReadonlySet<string>;
}

/**
 * Scores every candidate for every query and keeps each query's top k as a {@link Run}
 * keyed by query id (by subject id with `subjects`).
 *
 * @throws An {@link OptionError} unless exactly one of `subjects` and `queries` is given, or
 *   for a bad `k`.
 */
export function runFromScorer(scorer: Scorer, options: RunFromScorerOptions): Run {
  const k = options.k ?? Number.POSITIVE_INFINITY;
  if (!(k === Number.POSITIVE_INFINITY || (Number.isSafeInteger(k) && k >= 1))) {
    throw new OptionError('k', `k must be an integer ≥ 1, received ${String(k)}`);
  }
  if ((options.subjects === undefined) === (options.queries === undefined))
    throw new OptionError('queries', 'runFromScorer needs exactly one of subjects and queries');
  const queries: readonly ScorerQuery[] =
    options.queries ?? options.subjects!.map((subjectId) => ({ qid: subjectId, subjectId }));
  const run: Record<string, Record<string, number>> = {};
  for (const { qid, subjectId } of queries) {
    const items =
      typeof options.candidates === 'function'
        ? options.candidates(subjectId, qid)
        : options.candidates;
    const excluded = options.exclude?.(subjectId, qid);
    const scored = items
      .filter((itemId) => !excluded?.has(itemId))
      .map((itemId) => ({
        docid: itemId,
        score: scorer.score({ subjectId, itemId, queryId: qid }),
      }))
      .sort(compareTrecOrder);
    const row: Record<string, number> = {};
    for (const { docid, score } of scored.slice(0, Math.min(scored.length, k)))
      defineOwn(row, docid, score);
    defineOwn(run, qid, row);
  }
  return run;
}
