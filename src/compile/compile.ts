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
import { feedArray, type SubjectFeed } from './columns.js';
import { sortById } from '../util/compare.js';

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
  /**
   * The subjects, in id order: a frozen array, the same one until the subjects change. After
   * changes the next read builds a new one (the changes merged in, O(n + m log m) for m changed
   * ids), so a service upserting one record at a time pays for it only when the list is read.
   */
  readonly subjects: readonly S[];
  /** The subject with this id, or `undefined` (O(log n), without building {@link subjects}). */
  find(id: string): S | undefined;
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
  // The id-ordered list as last built, and the changes since: id → the record upserted last,
  // or null when removed. The changes are merged into the list when it is next read, or once
  // they number more than 1/PENDING_CHANGES_FRACTION of it (a service that never reads it
  // would otherwise keep every replaced record alive): O(1) amortised per change.
  let sorted: readonly S[] = Object.freeze(
    sortById(fast ? fast.columns.subjects : feedArray(subjects)),
  );
  const changes = new Map<string, S | null>();
  const current = (): readonly S[] => {
    if (changes.size > 0) {
      sorted = Object.freeze(mergeChanges(sorted, changes));
      changes.clear();
    }
    return sorted;
  };
  const find = (id: string): S | undefined => {
    const changed = changes.get(id);
    if (changed !== undefined) return changed ?? undefined;
    return findById(sorted, id);
  };
  const ctx = (subject: S, target: T) => ({ subject, target, ...env });
  return {
    plan: explainPlan(profile),
    get subjects() {
      return current();
    },
    find,
    rank(target, { k, includeRules, includeIneligible = false, keep }) {
      const fastRanked = includeIneligible
        ? null
        : fast?.rank(target, k, includeRules, keep, groupOf);
      if (fastRanked) return fastRanked;
      const all = current();
      function* pairs() {
        for (const s of all) {
          if (!keep || keep(s))
            yield { id: s.id, ...(groupOf ? { group: groupOf(s) } : {}), ctx: ctx(s, target) };
        }
      }
      return rankPairs(profile, pairs(), k, includeRules, includeIneligible);
    },
    explain: (subject, target) => explainPair(profile, ctx(subject, target)),
    // Compiled targets stay cached across changes: each catches up with the grown
    // dictionaries and the rewritten rows on its next ranking (CompiledTarget.sync; the
    // remembered scans and member lists are kept per version of the columns).
    upsert(records) {
      // The last record of an id wins. The columns first: a part that throws on the record
      // leaves it out of the list too.
      for (const s of records) {
        fast?.columns.upsert(s);
        changes.set(s.id, s);
      }
      if (changes.size * PENDING_CHANGES_FRACTION > sorted.length) current();
    },
    remove(ids) {
      let removed = 0;
      for (const id of ids) {
        if (fast ? !fast.columns.remove(id) : find(id) === undefined) continue;
        changes.set(id, null);
        removed++;
      }
      if (changes.size * PENDING_CHANGES_FRACTION > sorted.length) current();
      return removed;
    },
    cacheStats: () => fast?.cacheStats() ?? null,
    warmUp: (targets, rows, k) => fast?.warmUp(targets, rows, k),
  };
}

/**
 * The subject list of {@link compileSubjects} is merged once its pending changes exceed
 * 1/8 of it: one merge (O(n)) per n/8 changes.
 */
const PENDING_CHANGES_FRACTION = 8;

/**
 * `old` (in id order) with `changes` applied, in id order: a changed id takes its new record,
 * or leaves when it maps to null; ids not in `old` are inserted. O(n + m log m).
 */
function mergeChanges<S extends { id: string }>(
  old: readonly S[],
  changes: ReadonlyMap<string, S | null>,
): S[] {
  const ids = [...changes.keys()].sort();
  const out: S[] = [];
  let i = 0;
  for (const id of ids) {
    while (i < old.length && old[i]!.id < id) out.push(old[i++]!);
    if (i < old.length && old[i]!.id === id) i++;
    const record = changes.get(id)!;
    if (record !== null) out.push(record);
  }
  while (i < old.length) out.push(old[i++]!);
  return out;
}

/** The record with `id` in `records` (sorted by id in code-unit order), by binary search. */
function findById<R extends { id: string }>(records: readonly R[], id: string): R | undefined {
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = records[mid]!;
    if (r.id === id) return r;
    if (r.id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
