/**
 * The fast path behind the public matchers: columnar candidates and scores, then the top rows
 * materialised with the real factors and the profile's strategy (the explanation arithmetic),
 * then the reference path's re-ranking and numbering ({@link finishRanking}) — or, under a
 * strategy kernel that orders by score alone and no re-rankers, written straight from the
 * kernel with the same arithmetic ({@link kernelResults}).
 *
 * @module
 */
import { finishRanking, rerankPool, type RankedCandidate, type Scored } from './reference.js';
import {
  FactorValueError,
  isUnitValue,
  scoreFactors,
  scorePair,
  type Identified,
} from '../engine/pipeline.js';
import type { Factor, FactorScore, PairContext, Profile } from '../engine/types.js';
import type { LRUCache } from 'lru-cache';
import { arrayOption, integerOption } from '../util/options.js';
import { canonicalJson } from '../util/canonical.js';
import { namedRecords, type NamedRecords } from '../util/named-records.js';
import { loadLruCache } from '../text/cache.js';
import { CatalogueEngine } from './catalogue.js';
import { SharedOutcomes } from './shared-outcomes.js';
import { keyTokens } from './token-tables.js';
import { lowerBound, SubjectColumns, type SubjectFeed } from './columns.js';
import {
  kernelResults,
  planProfile,
  type FastEnv,
  type FastPlan,
  type KernelResults,
} from './plan.js';
import {
  compileTarget,
  directRoom,
  EAGER_FACTOR_KEY_LIMIT,
  EAGER_KEY_LIMIT,
  frequentCodes,
  LAZY_PREFILL_KEYS,
  rankSubjects,
  reserveScanBuffers,
  warmScanLoops,
  type CompiledTarget,
  type RankedRow,
} from './prospect.js';

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
  /** The record's JSON text as last given (a serialiser gives one key order every time). */
  fingerprint: string;
  /** Its canonical JSON (keys sorted): the same record in any key order. */
  canonical: string;
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
  known?: (factor: number) => number | undefined,
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
  const factorScores = known ? scoreFactorsKnown(profile, ctx, known) : scoreFactors(profile, ctx);
  // Rankings show contributions, not weights: skip building them (explanations ask for them).
  const c = profile.strategy.combine({ factors: factorScores, weights: false });
  // Keys in this order: id, score, contributions, factors, sortKey, sides, group, features.
  const scored: Scored = {
    id,
    score: c.score,
    contributions: c.contributions,
    factors: factorsRecord(profile, factorScores),
  };
  if (c.sortKey) scored.sortKey = c.sortKey;
  if (c.sides) scored.sides = c.sides;
  if (group !== undefined) scored.group = group;
  // Only re-rankers read features (MMR's similarity); the ranking drops them.
  if (profile.rerankers.length > 0) scored.features = factorScores.map((f) => f.value ?? 0);
  return scored;
}

/**
 * Per profile: the builder of its results' `factors` records, the names it was built for, and
 * a row of values for it.
 */
const factorRecords = new WeakMap<
  object,
  { names: readonly string[]; records: NamedRecords; values: Float64Array }
>();

/**
 * The `factors` record of one result: each factor's value by name, in the profile's order,
 * `null` where it abstains (one generated object literal, {@link namedRecords}). The names are
 * the scores' own: a factor object renamed after its profile was defined is built anew.
 */
function factorsRecord<S, T>(
  profile: Profile<S, T>,
  scores: readonly FactorScore[],
): Record<string, number | null> {
  let entry = factorRecords.get(profile);
  if (entry === undefined || !sameFactorNames(entry.names, scores)) {
    const names = scores.map((f) => f.name);
    entry = { names, records: namedRecords(names), values: new Float64Array(names.length) };
    factorRecords.set(profile, entry);
  }
  const { values } = entry;
  for (let f = 0; f < scores.length; f++) {
    const v = scores[f]!.value;
    values[f] = v === null ? NaN : v;
  }
  return entry.records.factors(values);
}

function sameFactorNames(names: readonly string[], scores: readonly FactorScore[]): boolean {
  if (names.length !== scores.length) return false;
  for (let f = 0; f < names.length; f++) if (names[f] !== scores[f]!.name) return false;
  return true;
}

/**
 * A membership criterion a filter implies: the subject is a member of one of `ids` under `of`
 * (an enterprise on one of some chains, in one of some zones). An index answers it from member
 * lists built once per version of its rows, so a filtered ranking starts from the members
 * instead of every eligible subject.
 */
export interface Membership<S> {
  /** Names the member lists `of` gives (one set of lists per name), e.g. `'chains'`. */
  readonly name: string;
  /** The ids a subject is a member of. */
  readonly of: (subject: S) => readonly string[];
  /** The criterion passes a subject that is a member of any of these. */
  readonly ids: readonly string[];
}

/**
 * A subject predicate that may carry the {@link Membership} criteria it implies (every subject
 * it passes meets each of them); the index still applies the predicate itself, unless
 * `membersDecide` says the memberships are all it tests: it passes exactly the subjects that
 * meet each of them, so the index takes their member lists as the answer and never calls it.
 */
export type SubjectFilter<S> = ((subject: S) => boolean) & {
  readonly members?: readonly Membership<S>[];
  readonly membersDecide?: boolean;
};

/**
 * {@link scoreFactors} with the values `known(f)` gives (NaN: the factor abstains) in place of
 * calling factor `f`; the others are called. Same checks, same order.
 */
function scoreFactorsKnown<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  ctx: PairContext<S, T>,
  known: (factor: number) => number | undefined,
): FactorScore[] {
  const out: FactorScore[] = [];
  const parts = profile.factors;
  for (let f = 0; f < parts.length; f++) {
    const { factor, weight } = parts[f]!;
    const value = knownOrScored(factor, known(f), () => ctx);
    out.push({ name: factor.name, value, weight, side: factor.side ?? 'both' });
  }
  return out;
}

/**
 * A factor's value for a pair: `known` (NaN: it abstains) or, when undefined, the factor's
 * `score` on the pair `ctx()` gives — checked as {@link scoreFactors} checks it; null when it
 * abstains.
 *
 * @throws {@link FactorValueError} when the value is not null or a number in [0, 1].
 */
function knownOrScored<S extends Identified, T extends Identified>(
  factor: Factor<S, T>,
  known: number | undefined,
  ctx: () => PairContext<S, T>,
): number | null {
  const value: unknown = known === undefined ? factor.score(ctx()) : known === known ? known : null;
  if (value !== null && !isUnitValue(value)) {
    const { subject, target } = ctx();
    throw new FactorValueError(factor.name, value, subject.id, target.id);
  }
  return value as number | null;
}

/** Columnar subjects plus the plan: the fast side of an enterprise (or project) index. */
export class FastSubjectIndex<S extends Identified, T extends Identified> {
  readonly columns: SubjectColumns<S>;
  private readonly cache: LRUCache<string, CachedTarget<S, T>>;
  private hits = 0;
  private misses = 0;
  /** Member lists by {@link Membership.name}: id → rows (ascending), at a columns version. */
  private readonly memberLists = new Map<
    string,
    { version: number; rows: Map<string, Int32Array> }
  >();
  /**
   * By {@link membershipKey}: a bit per row, set for the rows within those memberships, at a
   * columns version ({@link MEMBER_MARK_SETS} kept, the least recently used dropped).
   */
  private readonly memberMarks = new Map<string, { version: number; marks: Int32Array }>();
  /**
   * Outcomes of the parts that declare `targetFields`, shared by every target compiled here
   * (the compiled-target cache's, the warm-up's), by the targets' values of those fields.
   */
  private readonly shared = new SharedOutcomes();
  /** The results from the strategy kernel ({@link kernelResults}; made on first use). */
  private results: KernelResults | null | undefined;
  private constructor(
    readonly plan: FastPlan<S, T>,
    subjects: SubjectFeed<S>,
    cacheSize: number,
  ) {
    this.columns = new SubjectColumns<S>(plan as FastPlan<S, unknown>, subjects);
    this.cache = new (loadLruCache().LRUCache)({ max: Math.max(1, cacheSize) });
    this.prepareScan();
  }

  /**
   * Builds what every ranking reads — the tie ranks, the scan buffers, the postings of the key
   * rules that may lead candidate generation, the frequent keys of lazily filled factor
   * tables, the tokens of the keys of factors with a `tokens` hook — here rather than inside the first ranking, so a fresh index answers its first
   * call like any other.
   * After changes to the rows the tie ranks and postings follow them on the next ranking.
   */
  prepareScan(): void {
    const { columns, plan } = this;
    columns.tieRank();
    reserveScanBuffers(columns.rowCount, directRoom(plan as FastPlan<S, unknown>, columns));
    warmScanLoops(columns);
    for (const r of plan.rules) {
      if (r.kind === 'key' && columns.dicts[r.key]!.size <= EAGER_KEY_LIMIT)
        columns.postings(r.key);
    }
    for (const p of plan.factors) {
      if (p.kind !== 'key') continue;
      if (p.factor.tokens) keyTokens(columns.dicts[p.key]!, p.factor.tokens, plan.env);
      else if (columns.dicts[p.key]!.size > EAGER_FACTOR_KEY_LIMIT)
        frequentCodes(columns, p.key, LAZY_PREFILL_KEYS);
    }
  }

  /** A fast index over `subjects`, or null when the profile has a part without fast-path hooks. */
  static create<S extends Identified, T extends Identified>(
    profile: Profile<S, T>,
    env: FastEnv,
    subjects: SubjectFeed<S>,
    cacheSize: number = COMPILED_TARGET_CACHE_SIZE,
  ): FastSubjectIndex<S, T> | null {
    const plan = planProfile(profile, env);
    return plan ? new FastSubjectIndex(plan, subjects, cacheSize) : null;
  }

  /**
   * `target` compiled against the columns: from the cache when a target with the same id and
   * the same record was compiled before, so an updated record is recompiled; null when some
   * factor returns an invalid value. The same record is recognised in any key order (records
   * are validated without a copy in their sender's key order): its JSON text as last given,
   * else its canonical JSON.
   */
  compiled(target: T): CompiledTarget<S, T> | null {
    const fingerprint = JSON.stringify(target);
    // Computed at most once: to recognise a reordered record, or to cache a compiled one.
    let canonical: string | undefined;
    const canonicalOf = () => (canonical ??= canonicalJson(target));
    const hit = this.cache.get(target.id);
    if (
      hit &&
      !hit.compiled.invalid &&
      (hit.fingerprint === fingerprint || hit.canonical === canonicalOf())
    ) {
      hit.fingerprint = fingerprint;
      this.hits++;
      return hit.compiled;
    }
    this.misses++;
    const compiled = compileTarget(this.plan, this.columns, target, EAGER_KEY_LIMIT, this.shared);
    if (compiled) this.cache.set(target.id, { fingerprint, canonical: canonicalOf(), compiled });
    else this.cache.delete(target.id);
    return compiled;
  }

  /**
   * Ranks each of `targets` over the first `rows` rows (at most) as {@link FastSubjectIndex.rank}
   * would — compiled, scanned, its top `k` materialised — and drops the results, so that the
   * code a ranking runs is compiled before the first real call; then computes each target's
   * coded kernel factors for every distinct value of their columns, as a broad target's first
   * call does (kept in the index's shared outcomes). The targets are compiled outside the
   * compiled-target cache (its contents and counts are unchanged); a target the profile cannot
   * compile, or on which a part throws, is skipped and the others are still ranked. The
   * targets are taken as validated records.
   *
   * @throws `OptionError` when `targets` is not an array, `rows` not a non-negative integer or
   * `k` not a positive integer.
   */
  warmUp(targets: readonly T[], rows: number, k: number): void {
    const list = arrayOption(targets, 'targets', (t) => t as T, 'an array of target records');
    const count = integerOption(rows, 'rows', { min: 0, max: Number.MAX_SAFE_INTEGER });
    integerOption(k, 'k', { min: 1, max: Number.MAX_SAFE_INTEGER });
    const n = Math.min(count, this.columns.rowCount);
    if (n === 0) return;
    const within = new Int32Array(n);
    for (let r = 0; r < n; r++) within[r] = r;
    const { factors } = this.plan;
    for (const target of list) {
      try {
        const compiled = compileTarget(
          this.plan,
          this.columns,
          target,
          EAGER_KEY_LIMIT,
          this.shared,
        );
        if (!compiled) continue;
        this.rankCompiled(compiled, target, k, false, undefined, within, 'warm-up');
        // A broad product's first call computes a coded kernel's value for every distinct
        // value of its column that its rules let through (≈ 4,900 of ≈ 24,000 amounts for the
        // median seed product, KernelMemo.fillEvery); ranked over the first rows alone, the
        // samples computed too few for V8 to optimise the kernels, whose first optimised code
        // then arrived three calls into the caller's work.
        for (let f = 0; f < factors.length; f++) {
          const p = factors[f]!;
          if (p.kind === 'kernel' && this.columns.numberCodes[p.column])
            compiled.fillKernelEvery(f);
        }
      } catch {
        // A part that throws on this target would throw on a caller's call with it too, and
        // report it there; the warm-up only skips it and goes on with the others.
      }
    }
  }

  /**
   * Drops the cached compilation of one target, or of all. Not needed for correctness: an
   * updated target is recognised by its fingerprint, and compiled targets catch up with changed
   * rows on their next ranking; this frees their memory.
   */
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
    const filter = keep as SubjectFilter<S> | undefined;
    const members = filter?.members;
    const within = members && members.length > 0 ? this.rowsWithin(members) : null;
    const withinKey = members && members.length > 0 ? membershipKey(members) : '';
    // Memberships that decide alone are the whole filter: a row passes when it is within their
    // member lists, read from a bit per row instead of the subject's record.
    let test: ((row: number) => boolean) | undefined;
    if (filter?.membersDecide === true && within !== null) {
      const marks = this.marksWithin(withinKey, within);
      test = (row) => (marks[row >>> 5]! & (1 << (row & 31))) !== 0;
    } else if (keep) test = (row) => keep(subjects[row]!);
    const ranked = this.rankCompiled(
      compiled,
      target,
      k,
      includeRules,
      test,
      within,
      withinKey,
      groupOf,
    );
    if (!ranked) this.cache.delete(target.id);
    return ranked;
  }

  /**
   * The ranking of {@link FastSubjectIndex.rank} for a target already compiled: the scan over
   * `within`'s rows (all rows when null) passing `test`, then its top rows materialised; null
   * when the target makes some factor return an invalid value.
   */
  private rankCompiled(
    compiled: CompiledTarget<S, T>,
    target: T,
    k: number,
    includeRules: boolean,
    test: ((row: number) => boolean) | undefined,
    within: Int32Array | null,
    withinKey: string,
    groupOf?: (subject: S) => string,
  ): RankedCandidate[] | null {
    const subjects = this.columns.subjects;
    const pool = rerankPool(this.plan.profile as Profile<unknown, unknown>, k);
    const rows = rankSubjects(this.plan, this.columns, compiled, pool, test, within, withinKey);
    if (!rows) return null;
    // Key factors' values come from the compiled tables (the real factor on the key's
    // representative, the same value), kernel factors' from their kernel on the row's column
    // value (the arithmetic their `score` runs); the others are called.
    const ranked = this.finish(
      rows,
      k,
      includeRules,
      (row) => subjects[row]!,
      () => target,
      groupOf,
      (ranked) => compiled.knownValues(Int32Array.from(ranked, (r) => r.row)),
    );
    return compiled.invalid ? null : ranked;
  }

  /** The live rows meeting every criterion (members of any of its ids), ascending. */
  private rowsWithin(members: readonly Membership<S>[]): Int32Array {
    let out: Int32Array | null = null;
    for (const m of members) {
      const lists = this.memberListsOf(m);
      const parts: Int32Array[] = [];
      for (const id of new Set(m.ids)) {
        const rows = lists.get(id);
        if (rows) parts.push(rows);
      }
      let union: Int32Array;
      if (parts.length === 1) union = parts[0]!;
      else {
        const all = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) {
          all.set(p, at);
          at += p.length;
        }
        all.sort();
        let n = 0;
        for (let i = 0; i < all.length; i++)
          if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
        union = all.subarray(0, n);
      }
      out = out === null ? union : intersectSorted(out, union);
    }
    return out ?? new Int32Array(0);
  }

  /** {@link FastSubjectIndex.memberMarks} of `key`, whose rows are `within`. */
  private marksWithin(key: string, within: Int32Array): Int32Array {
    const { version, rowCount } = this.columns;
    const cached = this.memberMarks.get(key);
    this.memberMarks.delete(key);
    if (this.memberMarks.size >= MEMBER_MARK_SETS)
      this.memberMarks.delete(this.memberMarks.keys().next().value!);
    if (cached && cached.version === version) {
      this.memberMarks.set(key, cached);
      return cached.marks;
    }
    const marks = new Int32Array((rowCount + 31) >>> 5);
    for (let i = 0; i < within.length; i++) {
      const r = within[i]!;
      marks[r >>> 5]! |= 1 << (r & 31);
    }
    this.memberMarks.set(key, { version, marks });
    return marks;
  }

  /**
   * The member lists of `m.name` (id → live rows, ascending): built on first use, then kept
   * current — the rows changed since are moved between the lists, when the columns still know
   * which ({@link SubjectColumns.changedSince}) and they are few ({@link MEMBER_PATCH_LIMIT});
   * else the lists are built again, from every subject.
   */
  private memberListsOf(m: Membership<S>): Map<string, Int32Array> {
    const { columns } = this;
    const cached = this.memberLists.get(m.name);
    if (cached) {
      if (cached.version === columns.version) return cached.rows;
      const changed = columns.changedSince(cached.version);
      if (changed !== null && changed.length <= MEMBER_PATCH_LIMIT) {
        for (const row of new Set(changed)) this.moveMember(cached.rows, m, row);
        cached.version = columns.version;
        return cached.rows;
      }
    }
    const lists = new Map<string, number[]>();
    const { subjects, alive } = columns;
    for (let r = 0; r < columns.rowCount; r++) {
      if (!alive[r]) continue;
      for (const id of m.of(subjects[r]!)) {
        let list = lists.get(id);
        if (!list) lists.set(id, (list = []));
        if (list[list.length - 1] !== r) list.push(r);
      }
    }
    const rows = new Map<string, Int32Array>();
    for (const [id, list] of lists) rows.set(id, Int32Array.from(list));
    this.memberLists.set(m.name, { version: columns.version, rows });
    return rows;
  }

  /**
   * Puts `row` in the lists of the ids its subject is now a member of (none when removed), and
   * takes it out of the others; a list left empty goes, as a build would not make it.
   */
  private moveMember(lists: Map<string, Int32Array>, m: Membership<S>, row: number): void {
    const { columns } = this;
    const now = new Set(columns.alive[row] ? m.of(columns.subjects[row]!) : []);
    for (const [id, list] of lists) {
      const at = lowerBound(list, 0, list.length, row);
      const present = at < list.length && list[at] === row;
      if (present === now.has(id)) continue;
      if (present) {
        if (list.length === 1) lists.delete(id);
        else {
          const out = new Int32Array(list.length - 1);
          out.set(list.subarray(0, at));
          out.set(list.subarray(at + 1), at);
          lists.set(id, out);
        }
      } else {
        const out = new Int32Array(list.length + 1);
        out.set(list.subarray(0, at));
        out[at] = row;
        out.set(list.subarray(at), at + 1);
        lists.set(id, out);
      }
    }
    for (const id of now) if (!lists.has(id)) lists.set(id, Int32Array.of(row));
  }

  /**
   * Rows to results: each row scored by the real factors (`known`, given the rows, may give a
   * reader of factor values to use instead: `(i, f)` for `rows[i]`, NaN when it abstains,
   * undefined to call the factor) and the profile's strategy — its kernel through
   * {@link kernelResults} when that serves (no rule results asked, the factors' names and sides
   * still the plan's), else its `combine` and {@link finishRanking}. A result's id is the row's
   * id in the columns (the subject's id), and `groupOf` is read only when the profile has
   * re-rankers (the only readers of groups; results carry none).
   */
  finish(
    rows: readonly RankedRow[],
    k: number,
    includeRules: boolean,
    subjectOf: (row: number) => S,
    targetOf: (row: number) => T,
    groupOf?: (subject: S) => string,
    known?: (rows: readonly RankedRow[]) => (i: number, factor: number) => number | undefined,
  ): RankedCandidate[] {
    const { env, profile } = this.plan;
    const { ids } = this.columns;
    // Groups are read by re-rankers only (the ranking drops them): without re-rankers the
    // subject record is not read here at all (a random object of a large heap, the largest
    // cost of a warm call when every factor's value is known).
    const grouped = groupOf && profile.rerankers.length > 0 ? groupOf : undefined;
    const pairOf = (row: number): PairContext<S, T> => ({
      subject: subjectOf(row),
      target: targetOf(row),
      asOf: env.asOf,
      locale: env.locale,
      reference: env.reference,
    });
    // Rule results come from the reference scoring, which calls every factor.
    const knownOf = includeRules ? undefined : known?.(rows);
    if (knownOf && this.results === undefined) this.results = kernelResults(this.plan);
    const results = knownOf && this.results?.current() ? this.results : null;
    if (knownOf && results) {
      // Straight from the strategy kernel: a row of values per result, no object per factor.
      const parts = profile.factors;
      const values = new Float64Array(parts.length);
      const count = Math.min(rows.length, k);
      const ranked: RankedCandidate[] = [];
      for (let i = 0; i < count; i++) {
        const { row } = rows[i]!;
        let ctx: PairContext<S, T> | undefined;
        const ctxOf = () => (ctx ??= pairOf(row));
        for (let f = 0; f < parts.length; f++) {
          const value = knownOrScored(parts[f]!.factor, knownOf(i, f), ctxOf);
          values[f] = value === null ? NaN : value;
        }
        ranked.push(results.write(ids[row]!, i + 1, values));
      }
      return ranked;
    }
    const scored = rows.map(({ row }, i) => {
      const ctx = pairOf(row);
      return materialisePair(
        profile,
        ctx,
        ids[row]!,
        grouped?.(ctx.subject),
        includeRules,
        knownOf && ((f) => knownOf(i, f)),
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
        // Key factors' values from the catalogue's rows (the real factor on the representative).
        (f) => this.engine.keyFactorValue(f, codes, row),
      );
    });
    return finishRanking(profile, scored, k, includeRules);
  }
}

/** The values in both ascending lists, ascending. */
function intersectSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out[n++] = a[i]!;
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}

/**
 * Changed rows the member lists take in place per read, before they are built again from every
 * subject (at seed scale a build reads 345,800 subjects: ≈ 40 ms; a moved row costs a binary
 * search per list and a copy of the lists it joins or leaves).
 */
const MEMBER_PATCH_LIMIT = 256;

/**
 * Membership sets (a filter's chains and zones) whose row bits an index keeps: 43 KB each at
 * seed scale, 2.8 MB in all; more than the platform's 24 zones and 30 chains one at a time.
 */
const MEMBER_MARK_SETS = 64;

/**
 * A name of the rows meeting `members`: equal for the same criteria in any order, different
 * for different ones — each criterion as JSON (an id may hold any character, a comma or a
 * `|` included: the chains `['a', 'b']` are not the chain `'a,b'`).
 */
function membershipKey<S>(members: readonly Membership<S>[]): string {
  return members
    .map((m) => JSON.stringify([m.name, [...new Set(m.ids)].sort()]))
    .sort()
    .join('');
}
