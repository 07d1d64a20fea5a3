/**
 * The ranking loop shared by the four matchers: score every candidate pair through the
 * pipeline, keep the eligible ones, select the best by {@link compareRanked}, hand them to the
 * profile's re-rankers, number them.
 *
 * @module
 */
import { compareRanked } from '../util/compare.js';
import { RERANK_POOL_MIN, RERANK_POOL_MULTIPLIER } from '../engine/defaults.js';
import { scorePair, type Identified } from '../engine/pipeline.js';
import type { MatchBase } from '../engine/api.js';
import type { PairContext, Profile, RuleResult, ScoredCandidate } from '../engine/types.js';
import { selectTopK } from './select.js';

/** One candidate pair to rank. */
export interface CandidatePair<S, T> {
  /** The id the result carries (the target's, or the subject's when prospecting). */
  id: string;
  /** Group for diversity/exposure re-rankers. */
  group?: string;
  ctx: PairContext<S, T>;
}

/** A ranked candidate: the common result fields plus the id. */
export interface RankedCandidate extends MatchBase {
  id: string;
}

/** A scored candidate, with its rule results when they were asked for. */
export type Scored = ScoredCandidate & { rules?: RuleResult[] };

/**
 * Ranks `pairs`: exactly the eligible ones, best first (sort key, score, id), at most `k`,
 * after the profile's re-rankers. With re-rankers, they see a pool of
 * max(k·{@link RERANK_POOL_MULTIPLIER}, {@link RERANK_POOL_MIN}) candidates.
 */
export function rankPairs<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  pairs: Iterable<CandidatePair<S, T>>,
  k: number,
  includeRules: boolean,
  includeIneligible = false,
): RankedCandidate[] {
  const pool = rerankPool(profile as Profile<unknown, unknown>, k);
  const factorNames = profile.factors.map((f) => f.factor.name);
  const ineligible: CandidatePair<S, T>[] = [];
  function* eligible(): Generator<Scored> {
    for (const pair of pairs) {
      const r = scorePair(profile, pair.ctx, { exhaustive: false, ruleResults: includeRules });
      if (!r.eligible) {
        if (includeIneligible) ineligible.push(pair);
        continue;
      }
      yield {
        id: pair.id,
        score: r.score,
        contributions: r.contributions,
        factors: r.factors,
        ...(r.sortKey ? { sortKey: r.sortKey } : {}),
        ...(r.sides ? { sides: r.sides } : {}),
        ...(pair.group !== undefined ? { group: pair.group } : {}),
        features: factorNames.map((n) => r.factors[n] ?? 0),
        ...(r.rules ? { rules: r.rules } : {}),
      };
    }
  }
  const ranked = finishRanking(
    profile,
    selectTopK(eligible(), pool, compareRanked),
    k,
    includeRules,
  );
  if (!includeIneligible || ranked.length >= k || ineligible.length === 0) return ranked;
  return [...ranked, ...rankIneligible(profile, ineligible, k - ranked.length, ranked.length)];
}

/**
 * The ineligible candidates after the eligible ones: each scored by its factors as if the
 * rules had passed (so evaluation sees a full ranking), best first, with `eligible: false`
 * and every failed rule in `exclusions`.
 */
function rankIneligible<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  pairs: readonly CandidatePair<S, T>[],
  k: number,
  offset: number,
): RankedCandidate[] {
  const unruled = { ...profile, rules: [] };
  const scored = pairs.map((pair) => {
    const r = scorePair(unruled, pair.ctx, { exhaustive: false });
    const checked = scorePair(profile, pair.ctx, { exhaustive: true });
    return {
      id: pair.id,
      score: r.score,
      contributions: r.contributions,
      factors: r.factors,
      ...(r.sortKey ? { sortKey: r.sortKey } : {}),
      ...(r.sides ? { sides: r.sides } : {}),
      exclusions: checked.exclusions,
    };
  });
  scored.sort(compareRanked);
  return scored.slice(0, k).map((c, i) => ({
    id: c.id,
    score: c.score,
    rank: offset + i + 1,
    contributions: c.contributions,
    factors: c.factors,
    ...(c.sides ? { sides: c.sides } : {}),
    eligible: false as const,
    exclusions: c.exclusions,
  }));
}

/**
 * How many candidates the ranking stage keeps before re-ranking: `k`, or with re-rankers
 * max(k·{@link RERANK_POOL_MULTIPLIER}, {@link RERANK_POOL_MIN}).
 */
export function rerankPool(profile: Profile<unknown, unknown>, k: number): number {
  return profile.rerankers.length > 0 ? Math.max(k * RERANK_POOL_MULTIPLIER, RERANK_POOL_MIN) : k;
}

/**
 * The end of every ranking (reference or fast path): the profile's re-rankers on the pool
 * (sorted best first by {@link compareRanked}), then the first `k`, numbered.
 */
export function finishRanking<S, T>(
  profile: Profile<S, T>,
  pool: Scored[],
  k: number,
  includeRules: boolean,
): RankedCandidate[] {
  let ranked = pool;
  for (const reranker of profile.rerankers) {
    ranked = reranker.rerank({ candidates: ranked, k }) as Scored[];
  }
  return ranked.slice(0, k).map((c, i) => {
    // Keys in this order: id, score, rank, contributions, factors, sides, rules.
    const r: RankedCandidate = {
      id: c.id,
      score: c.score,
      rank: i + 1,
      contributions: c.contributions,
      factors: c.factors,
    };
    if (c.sides) r.sides = c.sides;
    if (includeRules && c.rules) r.rules = c.rules;
    return r;
  });
}
