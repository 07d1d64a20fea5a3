/**
 * The fast path behind the public matchers: columnar candidates and scores, then the top rows
 * materialised with the real factors and the profile's strategy (the explanation arithmetic),
 * then the reference path's re-ranking and numbering ({@link finishRanking}).
 *
 * @module
 */
import { finishRanking, rerankPool, type RankedCandidate, type Scored } from './reference.js';
import { scoreFactors, scorePair, type Identified } from '../engine/pipeline.js';
import type { PairContext, Profile } from '../engine/types.js';
import type { LRUCache } from 'lru-cache';
import { loadLruCache } from '../text/cache.js';
import { CatalogueEngine } from './catalogue.js';
import { SubjectColumns } from './columns.js';
import { planProfile, type FastEnv, type FastPlan } from './plan.js';
import { compileTarget, rankSubjects, type CompiledTarget, type RankedRow } from './prospect.js';

/**
 * Compiled targets kept per index (least recently used evicted). A product compiled against
 * seed-scale dictionaries holds ≈0.5 MB of tables at most (mostly the lazily filled chain/zone
 * table), so 64 bound the cache near 32 MB while covering a bank's working set of products.
 */
export const COMPILED_TARGET_CACHE_SIZE = 64;

/** Hits and misses of an index's compiled-target cache. */
export interface CompiledTargetCacheStats {
  hits: number;
  misses: number;
  size: number;
}

interface CachedTarget<S, T> {
  fingerprint: string;
  compiled: CompiledTarget<S, T>;
}

/**
 * One ranked pair as the reference ranking loop builds it: factor values from the real
 * factors, score and contributions from the profile's strategy, rule results when asked.
 */
export function materialisePair<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  ctx: PairContext<S, T>,
  id: string,
  group: string | undefined,
  includeRules: boolean,
): Scored {
  if (includeRules) {
    const r = scorePair(profile, ctx, { exhaustive: false, ruleResults: true });
    return {
      id,
      score: r.score,
      contributions: r.contributions,
      factors: r.factors,
      ...(r.sortKey ? { sortKey: r.sortKey } : {}),
      ...(r.sides ? { sides: r.sides } : {}),
      ...(group !== undefined ? { group } : {}),
      features: profile.factors.map((f) => r.factors[f.factor.name] ?? 0),
      ...(r.rules ? { rules: r.rules } : {}),
    };
  }
  const factorScores = scoreFactors(profile, ctx);
  // Rankings show contributions, not weights: skip building them (explanations ask for them).
  const c = profile.strategy.combine({ factors: factorScores, weights: false });
  const factors: Record<string, number | null> = {};
  for (const f of factorScores) factors[f.name] = f.value;
  return {
    id,
    score: c.score,
    contributions: c.contributions,
    factors,
    ...(c.sortKey ? { sortKey: c.sortKey } : {}),
    ...(c.sides ? { sides: c.sides } : {}),
    ...(group !== undefined ? { group } : {}),
    features: factorScores.map((f) => f.value ?? 0),
  };
}

/** Columnar subjects plus the plan: the fast side of an enterprise (or project) index. */
export class FastSubjectIndex<S extends Identified, T extends Identified> {
  readonly columns: SubjectColumns<S>;
  private readonly cache: LRUCache<string, CachedTarget<S, T>>;
  private hits = 0;
  private misses = 0;
  private constructor(
    readonly plan: FastPlan<S, T>,
    subjects: readonly S[],
    cacheSize: number,
  ) {
    this.columns = new SubjectColumns<S>(plan as FastPlan<S, unknown>, subjects);
    this.cache = new (loadLruCache().LRUCache)({ max: Math.max(1, cacheSize) });
  }

  /** A fast index over `subjects`, or null when the profile has a part without fast-path hooks. */
  static create<S extends Identified, T extends Identified>(
    profile: Profile<S, T>,
    env: FastEnv,
    subjects: readonly S[],
    cacheSize: number = COMPILED_TARGET_CACHE_SIZE,
  ): FastSubjectIndex<S, T> | null {
    const plan = planProfile(profile, env);
    return plan ? new FastSubjectIndex(plan, subjects, cacheSize) : null;
  }

  /**
   * `target` compiled against the columns: from the cache when a target with the same id and
   * the same record (its JSON text is the fingerprint) was compiled before, so an updated
   * record is recompiled; null when some factor returns an invalid value.
   */
  compiled(target: T): CompiledTarget<S, T> | null {
    const fingerprint = JSON.stringify(target);
    const hit = this.cache.get(target.id);
    if (hit && hit.fingerprint === fingerprint && !hit.compiled.invalid) {
      this.hits++;
      return hit.compiled;
    }
    this.misses++;
    const compiled = compileTarget(this.plan, this.columns, target);
    if (compiled) this.cache.set(target.id, { fingerprint, compiled });
    else this.cache.delete(target.id);
    return compiled;
  }

  /** Drops the cached compilation of one target (removed or updated), or of all. */
  invalidate(targetId?: string): void {
    if (targetId === undefined) this.cache.clear();
    else this.cache.delete(targetId);
  }

  /** Hits and misses of the compiled-target cache since the index was built. */
  cacheStats(): CompiledTargetCacheStats {
    return { hits: this.hits, misses: this.misses, size: this.cache.size };
  }

  /**
   * Ranks the indexed subjects for `target` exactly as the reference loop would; null when the
   * target makes some factor return an invalid value (use the reference path, which reports it).
   */
  rank(
    target: T,
    k: number,
    includeRules: boolean,
    keep?: (subject: S) => boolean,
    groupOf?: (subject: S) => string,
  ): RankedCandidate[] | null {
    const compiled = this.compiled(target);
    if (!compiled) return null;
    const subjects = this.columns.subjects;
    const pool = rerankPool(this.plan.profile as Profile<unknown, unknown>, k);
    const rows = rankSubjects(
      this.plan,
      this.columns,
      compiled,
      pool,
      keep ? (row) => keep(subjects[row]!) : undefined,
    );
    if (!rows) {
      this.cache.delete(target.id);
      return null;
    }
    return this.finish(
      rows,
      k,
      includeRules,
      (row) => subjects[row]!,
      () => target,
      groupOf,
    );
  }

  /** Rows to results. */
  finish(
    rows: readonly RankedRow[],
    k: number,
    includeRules: boolean,
    subjectOf: (row: number) => S,
    targetOf: (row: number) => T,
    groupOf?: (subject: S) => string,
  ): RankedCandidate[] {
    const { env, profile } = this.plan;
    const scored = rows.map(({ row }) => {
      const subject = subjectOf(row);
      return materialisePair(
        profile,
        {
          subject,
          target: targetOf(row),
          asOf: env.asOf,
          locale: env.locale,
          reference: env.reference,
        },
        subject.id,
        groupOf?.(subject),
        includeRules,
      );
    });
    return finishRanking(profile, scored, k, includeRules);
  }
}

/** The catalogue side of a product (or investor) matcher. */
export class FastCatalogue<S extends Identified, T extends Identified> {
  readonly engine: CatalogueEngine<S, T>;
  private constructor(
    readonly plan: FastPlan<S, T>,
    targets: readonly T[],
  ) {
    this.engine = new CatalogueEngine(plan, targets);
  }

  /** A fast catalogue over `targets` (sorted by id), or null when the profile is not fast-capable. */
  static create<S extends Identified, T extends Identified>(
    profile: Profile<S, T>,
    env: FastEnv,
    targets: readonly T[],
  ): FastCatalogue<S, T> | null {
    const plan = planProfile(profile, env);
    return plan ? new FastCatalogue(plan, targets) : null;
  }

  /** Ranks the catalogue for `subject` as the reference loop would; null: use the reference path. */
  rank(
    subject: S,
    k: number,
    includeRules: boolean,
    groupOf?: (target: T) => string,
  ): RankedCandidate[] | null {
    const { codes, numbers, vectors } = this.engine.encode(subject);
    const pool = rerankPool(this.plan.profile as Profile<unknown, unknown>, k);
    const rows = this.engine.rank(codes, numbers, vectors, pool);
    if (!rows) return null;
    const { env, profile } = this.plan;
    const targets = this.engine.targets;
    const scored = rows.map(({ row }) => {
      const target = targets[row]!;
      return materialisePair(
        profile,
        { subject, target, asOf: env.asOf, locale: env.locale, reference: env.reference },
        target.id,
        groupOf?.(target),
        includeRules,
      );
    });
    return finishRanking(profile, scored, k, includeRules);
  }
}
