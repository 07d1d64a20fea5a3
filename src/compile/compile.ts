/**
 * The one place that decides how a profile runs. Compiling a (prepared) profile for a market
 * gives a ranker with one interface — rank targets for a subject, rank subjects for a target,
 * explain a pair — and a {@link ProfilePlan} saying which parts run columnar and which part, by
 * name, forces the reference path. Every matcher, index, sweep and snapshot ranks through it;
 * the columnar path and the reference loop are interchangeable behind it (same results).
 *
 * @module
 */
import { explainPair, type Identified } from '../engine/pipeline.js';
import type { Explanation, Profile } from '../engine/types.js';
import { FastCatalogue, FastSubjectIndex, type CompiledTargetCacheStats } from './fast.js';
import { explainPlan, type FastEnv, type ProfilePlan } from './plan.js';
import { scoreEligiblePairs, type PairScores } from './pairs.js';
import { rankPairs, type RankedCandidate } from './reference.js';
import type { SubjectFeed } from './columns.js';
import { compareById, sortById } from '../util/compare.js';

/** What a ranking asks for. */
export interface RankRequest {
  k: number;
  includeRules: boolean;
  /** Append the ineligible candidates after the eligible ones (reference path). */
  includeIneligible?: boolean;
}

/** A profile compiled over a catalogue of targets: ranks them for any subject. */
export interface TargetRanker<S, T> {
  /** How the profile runs. */
  readonly plan: ProfilePlan;
  /** The targets, in id order. */
  readonly targets: readonly T[];
  rank(subject: S, request: RankRequest): RankedCandidate[];
  explain(subject: S, target: T): Explanation;
  /**
   * Every eligible pair of `subjects` with the targets, scored as a full ranking scores them,
   * in bulk and as columns (see {@link scoreEligiblePairs}): for assignment events.
   */
  scorePairs(subjects: readonly S[]): PairScores;
}

/** A profile compiled over a set of subjects: ranks them for any target, kept current. */
export interface SubjectRanker<S, T> {
  readonly plan: ProfilePlan;
  /** The subjects, in id order (a new frozen array after each change). */
  readonly subjects: readonly S[];
  /** `keep` restricts the candidates (prospect filters). */
  rank(target: T, request: RankRequest & { keep?: (subject: S) => boolean }): RankedCandidate[];
  explain(subject: S, target: T): Explanation;
  /** Adds or replaces subjects (by id) without a rebuild. */
  upsert(records: readonly S[]): void;
  /** Removes subjects by id; returns how many were present. */
  remove(ids: ReadonlySet<string>): number;
  /** Hits and misses of the compiled-target cache (columnar path), else null. */
  cacheStats(): CompiledTargetCacheStats | null;
  /**
   * Ranks `targets` over the first `rows` subjects and drops the results: compiles the code a
   * ranking runs before the first call ({@link FastSubjectIndex.warmUp}). Columnar path only;
   * on the reference loop it does nothing.
   */
  warmUp?(targets: readonly T[], rows: number, k: number): void;
}

/**
 * Compiles `profile` (prepared) over `targets` (sorted by id). Rankings run columnar when the
 * plan allows, else through the reference loop; full rankings (`includeIneligible`) always
 * take the reference loop, which scores ineligible targets too.
 */
export function compileTargets<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  env: FastEnv,
  targets: readonly T[],
  groupOf?: (target: T) => string,
): TargetRanker<S, T> {
  const fast = FastCatalogue.create(profile, env, targets);
  const ctx = (subject: S, target: T) => ({ subject, target, ...env });
  return {
    plan: explainPlan(profile),
    targets,
    scorePairs(subjects) {
      return scoreEligiblePairs(fast, targets, subjects, (subject) =>
        this.rank(subject, { k: Infinity, includeRules: false }),
      );
    },
    rank(subject, { k, includeRules, includeIneligible = false }) {
      if (!includeIneligible && fast) {
        // Without rule results, the engine materialises its winners itself (null: it cannot).
        const fastRanked =
          (!includeRules && fast.engine.rankMatches(subject, k)) ||
          fast.rank(subject, k, includeRules, groupOf);
        if (fastRanked) return fastRanked;
      }
      const pairs = targets.map((t) => ({
        id: t.id,
        ...(groupOf ? { group: groupOf(t) } : {}),
        ctx: ctx(subject, t),
      }));
      return rankPairs(profile, pairs, k, includeRules, includeIneligible);
    },
    explain: (subject, target) => explainPair(profile, ctx(subject, target)),
  };
}

/**
 * Compiles `profile` (prepared) over `subjects`: the columnar index when the plan allows
 * (kept current by {@link SubjectRanker.upsert} / `remove`), else the reference loop.
 */
export function compileSubjects<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  env: FastEnv,
  subjects: SubjectFeed<S>,
  groupOf?: (subject: S) => string,
): SubjectRanker<S, T> {
  // The subjects are read once, in their order (rows need not be in id order: ties rank by id).
  const fast = FastSubjectIndex.create(profile, env, subjects);
  let all: readonly S[] = Object.freeze(sortById(fast ? fast.columns.subjects : [...subjects]));
  const ctx = (subject: S, target: T) => ({ subject, target, ...env });
  return {
    plan: explainPlan(profile),
    get subjects() {
      return all;
    },
    rank(target, { k, includeRules, includeIneligible = false, keep }) {
      const fastRanked = includeIneligible
        ? null
        : fast?.rank(target, k, includeRules, keep, groupOf);
      if (fastRanked) return fastRanked;
      function* pairs() {
        for (const s of all) {
          if (!keep || keep(s))
            yield { id: s.id, ...(groupOf ? { group: groupOf(s) } : {}), ctx: ctx(s, target) };
        }
      }
      return rankPairs(profile, pairs(), k, includeRules, includeIneligible);
    },
    explain: (subject, target) => explainPair(profile, ctx(subject, target)),
    upsert(records) {
      if (records.length === 0) return;
      // The last record of an id wins; the id-ordered list is merged, O(n + m log m): a
      // service upserting one enterprise into 345,800 must not re-sort them all.
      const incoming = new Map<string, S>();
      for (const s of records) {
        incoming.set(s.id, s);
        fast?.columns.upsert(s);
      }
      fast?.invalidate();
      all = Object.freeze(mergeById(all, [...incoming.values()].sort(compareById)));
    },
    remove(ids) {
      let removed = 0;
      for (const id of ids)
        if (fast ? fast.columns.remove(id) : all.some((s) => s.id === id)) removed++;
      if (removed > 0) {
        fast?.invalidate();
        all = Object.freeze(all.filter((s) => !ids.has(s.id)));
      }
      return removed;
    },
    cacheStats: () => fast?.cacheStats() ?? null,
    warmUp: (targets, rows, k) => fast?.warmUp(targets, rows, k),
  };
}

/** Merges two id-ordered lists; on equal ids the record from `added` replaces the old one. */
function mergeById<S extends { id: string }>(old: readonly S[], added: readonly S[]): S[] {
  const out: S[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length && j < added.length) {
    const a = old[i]!;
    const b = added[j]!;
    if (a.id < b.id) {
      out.push(a);
      i++;
    } else if (a.id > b.id) {
      out.push(b);
      j++;
    } else {
      out.push(b);
      i++;
      j++;
    }
  }
  while (i < old.length) out.push(old[i++]!);
  while (j < added.length) out.push(added[j++]!);
  return out;
}
