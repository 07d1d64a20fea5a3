/**
 * Targets for one subject (products for an enterprise): the catalogue side is precompiled —
 * kernels bound per target once; per key rule and subject key a bitset of the passing targets
 * (tested on the key's representative, reused by every later subject with that key: whole at
 * once for a rule whose targets fall into few classes by its `targetFields`, each class tested
 * once; otherwise at first only for the targets that reach the rule, whole once the key is
 * frequent, see {@link RULE_BITS_COMPLETE_USES}); per key factor and subject key a row of
 * values filled lazily, only for the targets that passed the rules (a value computed for one
 * target stored for its class; high-cardinality keys keep rows only once frequent, see
 * {@link SPARSE_KEY_LIMIT}). One ranking is a bitset AND over the key rules with
 * whole bitsets, the kernel rules and the other key rules on the survivors, then the factors
 * one at a time into a factor-major matrix and the weighted sum column-wise into a reused
 * bounded heap ({@link CatalogueEngine.rankInto} allocates nothing).
 *
 * @module
 */
import type { PairContext, SubjectVector, TokenHook } from '../engine/types.js';
import { isUnitValue } from '../engine/pipeline.js';
import { selectTopK } from './select.js';
import { compareRanked } from '../util/compare.js';
import { KeyDictionary } from './columns.js';
import {
  dot32,
  kernelResults,
  scoresAlone,
  scoreWithSortKey,
  type FastPlan,
  type KernelResults,
} from './plan.js';
import type { RankedRow } from './prospect.js';
import type { RankedCandidate } from './reference.js';
import { TopK } from './topk.js';
import { ruleInterval } from './intervals.js';
import { NO_TOKEN_VALUE, TokenRows } from './token-rows.js';
import { ValueSlots, slotArrayType, widenFor, type SlotArray } from './value-slots.js';
import { targetFieldsKey } from './shared-outcomes.js';
import { booleanOption, integerOption, readOptions } from '../util/options.js';

/** Marks a value computed on a representative whose factor returned an invalid value. */
const INVALID = -1;
/** Marks a target whose value depends on the subject, in a `uniformValue` table. */
const NOT_COMPUTED = -2;
/** The slot of a factor-row entry not computed yet (see `CatalogueEngine.factorRows`). */
const UNSET = 0;

/**
 * A key factor whose dictionary holds more than this many keys (≈46,000 chain/zone keys at seed
 * scale, most shared by a handful of subjects) keeps rows only for its frequent keys — a row
 * over every target for every key would cost a factor call per (key, target) and ≈270 MB —
 * and otherwise calls the factor for the eligible targets only (≈37 of 741 per enterprise at
 * seed scale). A key gets a row once {@link SPARSE_ROW_USES} subjects with it were ranked:
 * at seed scale ≈2,100 chain/zone keys (≈12 MB) cover ≈70% of the enterprises. (A
 * direct-mapped (key, target) value cache was measured instead: it hit under 10% and its
 * misses cost more than the calls it saved.) Rows — of every factor — are filled lazily,
 * entry by entry, for the eligible targets, and kept.
 */
export const SPARSE_KEY_LIMIT = 4096;
/** Ranked subjects with one key before a sparse factor keeps a row for that key. */
export const SPARSE_ROW_USES = 16;

/**
 * Rankings with one key before a key rule's bitset for it is completed over every target (a
 * rule without target classes: see `TargetClasses`). Until then the rule is tested only on
 * the targets that reach it (passed the rules with whole
 * bitsets and the kernel rules: ≈40–100 of 741 at seed scale instead of all 741), and each
 * result is kept. At seed scale a fresh matcher meets a new sector key in about a third of
 * its first 2,000 rankings; testing all 741 products each time was most of their cost. A
 * frequent key's bitset is completed so later rankings take the plain bitset AND.
 */
export const RULE_BITS_COMPLETE_USES = 8;

/**
 * Factor rows cut from one slab (see `CatalogueEngine.factorRow`): 64 rows of the seed-scale
 * catalogue's 741 targets are 379 KB, allocated and filled once for 64 new keys. The cost of
 * new memory is paid once per slab instead of once per new key.
 */
export const ROWS_PER_SLAB = 64;

/**
 * Key-rule bitsets cut from one slab (see `CatalogueEngine.bitsFromSlab`): 128 bitsets of the
 * seed-scale catalogue's 741 targets (24 words) are 12 KB, the pass and tested bits of 64
 * new keys.
 */
export const BITSETS_PER_SLAB = 128;

/**
 * The targets of a catalogue grouped by the values of a key rule's or key factor's
 * `targetFields`: the part gives every target of a class one outcome for a key. A rule's
 * bitset for a key is the union of the passing classes' members, each class tested once on
 * its first target; a factor's value, computed for one target, is stored for its whole class.
 * The seed catalogue's 741 products fall into 95 classes for the sector rule, 56 for region,
 * 7 for stage.
 */
interface TargetClasses {
  /** Per target: its class. */
  readonly of: Int32Array;
  /** Per class: the target tested for it. */
  readonly reps: Int32Array;
  /** Per class: its targets, a bitset of `words` words at `c · words`. */
  readonly members: Uint32Array;
  /** Per class `c`: its targets, `list[start[c]]` … `list[start[c + 1] − 1]`. */
  readonly start: Int32Array;
  readonly list: Int32Array;
}

/**
 * Bytes of the member bitsets of one part's classes past which a catalogue keeps no classes for
 * it (a bitset over every target per class: 9 KB for the seed catalogue's 95 sector classes;
 * a catalogue of 50,000 targets may have up to 167 classes).
 */
export const MAX_CLASS_MEMBER_BYTES = 1 << 20;

/**
 * The classes of `targets` by their values of `fields`, or null when the part declares no
 * fields, or the classes would be more than half the targets (testing them saves little) or
 * their bitsets more than {@link MAX_CLASS_MEMBER_BYTES}. A target whose values are not plain
 * JSON data is a class of its own.
 */
function targetClasses(
  fields: readonly string[] | undefined,
  targets: readonly unknown[],
  words: number,
): TargetClasses | null {
  if (fields === undefined) return null;
  const classOf = new Map<string, number>();
  const of = new Int32Array(targets.length);
  const reps: number[] = [];
  const sizes: number[] = [];
  targets.forEach((target, t) => {
    const key = targetFieldsKey(fields, target);
    let c = key === null ? undefined : classOf.get(key);
    if (c === undefined) {
      c = reps.push(t) - 1;
      sizes.push(0);
      if (key !== null) classOf.set(key, c);
    }
    of[t] = c;
    sizes[c]!++;
  });
  const classes = reps.length;
  if (classes * 2 > targets.length || classes * words * 4 > MAX_CLASS_MEMBER_BYTES) return null;
  const members = new Uint32Array(classes * words);
  const start = new Int32Array(classes + 1);
  for (let c = 0; c < classes; c++) start[c + 1] = start[c]! + sizes[c]!;
  const list = new Int32Array(targets.length);
  const next = start.slice(0, classes);
  of.forEach((c, t) => {
    members[c * words + (t >>> 5)]! |= 1 << (t & 31);
    list[next[c]!++] = t;
  });
  return { of, reps: Int32Array.from(reps), members, start, list };
}

/** A key rule's outcomes for one key, by target (bit t of word t >> 5). */
interface RuleBits {
  /** The targets that pass (meaningful where {@link RuleBits.known} is set). */
  readonly pass: Uint32Array;
  /** The targets tested so far; null once every target was (the bitset is whole). */
  known: Uint32Array | null;
  /** Targets not tested yet. */
  unknown: number;
  /** Rankings that used this key while its bitset was partial. */
  uses: number;
}

/** The options `CatalogueEngine` takes (see its constructor). */
const CATALOGUE_OPTION_NAMES = [
  'sparseKeyLimit',
  'sparseRowUses',
  'ruleBitsCompleteUses',
  'targetClasses',
] as const;

/** A catalogue of targets compiled for ranking against any subject. */
export class CatalogueEngine<S extends { id: string }, T extends { id: string }> {
  readonly dicts: KeyDictionary<S>[];
  /** Per key rule, per key id: the targets tested and passing, as bitsets. */
  private readonly ruleBits: RuleBits[][];
  /** Per key rule: its targets' classes (see {@link TargetClasses}), or null (none shared). */
  private readonly ruleClasses: (TargetClasses | null)[];
  /** Per key factor: its targets' classes, or null (none shared). */
  private readonly factorClasses: (TargetClasses | null)[];
  /** Scratch of {@link CatalogueEngine.eligible}: key rules whose bitset is partial. */
  private readonly partialRules: Int32Array;
  /**
   * Per key factor, per key id: by target, the slot of its value in
   * {@link CatalogueEngine.valueSlots} ({@link UNSET} until needed). A factor gives few
   * distinct values (at most 7 per shipped factor at seed scale), so a row is one byte per
   * target instead of eight: the ≈9,000 rows a seed-scale sweep keeps are 7 MB, not 53 MB, and
   * a ranking's ≈400 scattered reads of them mostly hit the cache. A factor's rows widen to 16
   * and 32 bits when its distinct values outgrow a byte.
   */
  private readonly factorRows: SlotArray[][];
  /** Per key factor: its distinct values by slot (may include NaN, INVALID). */
  private readonly valueSlots: ValueSlots[];
  /** Per key factor: how many ranked subjects had each key (counted while it has no row). */
  private readonly uses: Uint32Array[];
  /**
   * Per key factor with a `uniformValue` hook: by target, the value every subject gets (NaN:
   * abstains), or {@link NOT_COMPUTED} where it depends on the subject; null without the hook.
   */
  private readonly uniform: (Float64Array | null)[];
  /** Per key factor with a `tokens` hook: its values from the targets' token values. */
  private readonly tokenRows: (TokenRows | null)[];
  private readonly ruleKernels: ((x: number) => number)[][];
  /**
   * Per kernel rule: by target, the ends of the interval it passes ({@link ruleInterval}); NaN
   * where the target's kernel is not of that form (it is called). Empty for other rules.
   */
  private readonly ruleMin: Float64Array[];
  private readonly ruleMax: Float64Array[];
  private readonly factorKernels: ((x: number) => number)[][];
  private readonly targetVectors: (Float32Array | null)[][];
  private readonly tieRank: Int32Array;
  private readonly words: number;
  private readonly mask: Uint32Array;
  private readonly allBits: Uint32Array;
  private readonly cand: Int32Array;
  /** Factor values of the candidates, factor-major: `matrix[f · targets + i]`. */
  private readonly matrix: Float64Array;
  private readonly values: Float64Array;
  /** Per candidate: its score, written by the kernel's batch form. */
  private readonly scores: Float64Array;
  private heap: TopK | null = null;
  /** The slab new key rules' bitsets are cut from, and how much of it is used. */
  private bitSlab: Uint32Array = new Uint32Array(0);
  private bitSlabUsed = 0;
  /** The slab new (byte) factor rows are cut from, and how much of it is used. */
  private slab: Uint8Array = new Uint8Array(0);
  private slabUsed = 0;
  /** Scratch of {@link CatalogueEngine.rankMatches}: the subject's key ids, columns, vectors. */
  private readonly subjectCodes: Uint32Array;
  private readonly subjectNumbers: Float64Array;
  private readonly subjectVectors: (SubjectVector | null)[];
  /** Scratch of {@link CatalogueEngine.rankMatches}: the winners' candidate indices. */
  private winners = new Int32Array(0);
  private winnerScores = new Float64Array(0);
  /** The winners' results from the strategy kernel ({@link kernelResults}; made on first use). */
  private results: KernelResults | null | undefined;
  private readonly ctx: PairContext<S, T>;
  private readonly sparseKeyLimit: number;
  private readonly sparseRowUses: number;
  private readonly ruleBitsCompleteUses: number;

  /**
   * @param targets - sorted by id (ties between equal scores go to the earlier target)
   * @param dicts - subject dictionaries to share (e.g. an index's, so its codes apply)
   * @param options - `sparseKeyLimit` (default {@link SPARSE_KEY_LIMIT}), `sparseRowUses`
   *   (default {@link SPARSE_ROW_USES}) and `ruleBitsCompleteUses` (default
   *   {@link RULE_BITS_COMPLETE_USES}); tests set them low to exercise the sparse path and
   *   whole rule bitsets (non-negative integers or `Infinity`). `targetClasses: false`
   *   computes every key rule and key factor target by target, as parts without `targetFields`
   *   are (tests of that path).
   * @throws `OptionError` naming the option, for an unknown option or a value out of range.
   */
  constructor(
    readonly plan: FastPlan<S, T>,
    readonly targets: readonly T[],
    dicts?: KeyDictionary<S>[],
    options: {
      sparseKeyLimit?: number;
      sparseRowUses?: number;
      ruleBitsCompleteUses?: number;
      targetClasses?: boolean;
    } = {},
  ) {
    const o = readOptions(options, CATALOGUE_OPTION_NAMES);
    const count = { min: 0, max: Number.MAX_SAFE_INTEGER, infinity: true };
    this.sparseKeyLimit = integerOption(o.sparseKeyLimit, 'sparseKeyLimit', {
      ...count,
      default: SPARSE_KEY_LIMIT,
    });
    this.sparseRowUses = integerOption(o.sparseRowUses, 'sparseRowUses', {
      ...count,
      default: SPARSE_ROW_USES,
    });
    this.ruleBitsCompleteUses = integerOption(o.ruleBitsCompleteUses, 'ruleBitsCompleteUses', {
      ...count,
      default: RULE_BITS_COMPLETE_USES,
    });
    const byClasses = booleanOption(o.targetClasses, 'targetClasses', true);
    const { env } = plan;
    const nT = targets.length;
    this.dicts = dicts ?? plan.keys.map((k) => new KeyDictionary<S>(k));
    this.ruleBits = plan.rules.map(() => []);
    this.words = (nT + 31) >>> 5;
    // One grouping per distinct field list (a rule and a factor often read the same fields).
    const grouped = new Map<string, TargetClasses | null>();
    const classesFor = (fields: readonly string[] | undefined): TargetClasses | null => {
      if (fields === undefined || !byClasses) return null;
      const at = JSON.stringify(fields);
      let classes = grouped.get(at);
      if (classes === undefined)
        grouped.set(at, (classes = targetClasses(fields, targets, this.words)));
      return classes;
    };
    this.ruleClasses = plan.rules.map((r) =>
      r.kind === 'key' ? classesFor(r.rule.targetFields) : null,
    );
    this.factorClasses = plan.factors.map((p) =>
      p.kind === 'key' ? classesFor(p.factor.targetFields) : null,
    );
    this.partialRules = new Int32Array(plan.rules.length);
    this.factorRows = plan.factors.map(() => []);
    this.valueSlots = plan.factors.map(() => new ValueSlots());
    this.uses = plan.factors.map(() => new Uint32Array(0));
    const targetCtx = { asOf: env.asOf, locale: env.locale, reference: env.reference };
    this.uniform = plan.factors.map((p) => {
      if (p.kind !== 'key' || !p.factor.uniformValue) return null;
      const hook = p.factor.uniformValue.bind(p.factor);
      return Float64Array.from(targets, (target) => {
        const v: unknown = hook({ ...targetCtx, target });
        // Anything but a valid value leaves the pair to `score` (which reports invalid ones).
        if (v === null) return NaN;
        return isUnitValue(v) ? v : NOT_COMPUTED;
      });
    });
    this.tokenRows = plan.factors.map((p) =>
      p.kind === 'key' && p.factor.tokens
        ? new TokenRows(
            this.dicts[p.key]! as KeyDictionary<unknown>,
            p.factor.tokens as TokenHook<unknown, unknown>,
            targets,
            env,
          )
        : null,
    );
    this.ruleKernels = plan.rules.map((r) =>
      r.kind === 'kernel' ? targets.map((t) => r.kernel.compile(t, env)) : [],
    );
    const intervals = plan.rules.map((r) =>
      r.kind === 'kernel' ? targets.map((t) => ruleInterval(r.kernel, t, env)) : [],
    );
    this.ruleMin = intervals.map((list) => Float64Array.from(list, (i) => (i ? i[0] : NaN)));
    this.ruleMax = intervals.map((list) => Float64Array.from(list, (i) => (i ? i[1] : NaN)));
    this.factorKernels = plan.factors.map((f) =>
      f.kind === 'kernel' ? targets.map((t) => f.kernel.compile(t, env)) : [],
    );
    this.targetVectors = plan.factors.map((f) =>
      f.kind === 'vector' ? targets.map((t) => f.hook.targetVector(t, env)) : [],
    );
    this.tieRank = Int32Array.from(targets, (_, i) => i);
    this.mask = new Uint32Array(this.words);
    this.allBits = new Uint32Array(this.words);
    for (let t = 0; t < nT; t++) this.allBits[t >>> 5]! |= 1 << (t & 31);
    this.cand = new Int32Array(nT);
    this.matrix = new Float64Array(Math.max(1, plan.factors.length * nT));
    this.values = new Float64Array(plan.factors.length);
    this.scores = new Float64Array(nT);
    this.subjectCodes = new Uint32Array(this.dicts.length);
    this.subjectNumbers = new Float64Array(plan.columns.length);
    this.subjectVectors = plan.vectors.map(() => null);
    this.ctx = {
      subject: undefined as unknown as S,
      target: undefined as unknown as T,
      asOf: env.asOf,
      locale: env.locale,
      reference: env.reference,
    };
  }

  /** Encodes a subject: its key ids (dictionaries grow), numeric columns and vectors. */
  encode(subject: S): {
    codes: Uint32Array;
    numbers: Float64Array;
    vectors: (SubjectVector | null)[];
  } {
    const { env } = this.plan;
    return {
      codes: Uint32Array.from(this.dicts, (d) => d.intern(subject, env)),
      numbers: Float64Array.from(this.plan.columns, (c) => c.column(subject, env)),
      vectors: this.plan.vectors.map((v) => v.subjectVector(subject, env)),
    };
  }

  /**
   * The best `k` targets for an encoded subject, best first; null when some factor returned an
   * invalid value (the caller falls back to the reference path, which reports it).
   */
  rank(
    codes: ArrayLike<number>,
    numbers: ArrayLike<number>,
    vectors: readonly (SubjectVector | null)[],
    k: number,
  ): RankedRow[] | null {
    const n = this.eligible(codes, numbers);
    if (!this.fill(n, codes, numbers, vectors)) return null;
    if (scoresAlone(this.plan)) {
      const heap = this.score(n, Number.isFinite(k) ? k : n);
      const top = heap.drain();
      return Array.from(top.rows, (row, i) => ({ row, score: top.scores[i]! }));
    }
    const nT = this.targets.length;
    const nF = this.plan.factors.length;
    const { matrix, values, cand } = this;
    const others: (RankedRow & { id: string })[] = [];
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < nF; f++) values[f] = matrix[f * nT + i]!;
      const c = scoreWithSortKey(this.plan, values);
      const t = cand[i]!;
      others.push({
        row: t,
        id: this.targets[t]!.id,
        score: c.score,
        ...(c.sortKey ? { sortKey: c.sortKey } : {}),
      });
    }
    return selectTopK(others, k, compareRanked);
  }

  /**
   * {@link CatalogueEngine.rank} without allocation, for a profile with a columnar strategy:
   * writes the best `k` targets (rows, scores), best first, and returns their count; −1 when
   * some factor returned an invalid value. Throws when the strategy is not columnar.
   */
  rankInto(
    codes: ArrayLike<number>,
    numbers: ArrayLike<number>,
    vectors: readonly (SubjectVector | null)[],
    k: number,
    outRows: Int32Array,
    outScores: Float64Array,
  ): number {
    if (!scoresAlone(this.plan))
      throw new Error('rankInto needs a strategy kernel without sort key');
    const n = this.eligible(codes, numbers);
    if (!this.fill(n, codes, numbers, vectors)) return -1;
    return this.score(n, k).drainInto(outRows, outScores);
  }

  /**
   * The best `k` targets for `subject` exactly as the reference ranking returns them (id,
   * score, rank, contributions, factor values; best first), for a profile whose strategy
   * kernel orders by score alone and which has no re-rankers; null for any other profile, or
   * when some factor returned an invalid value (the caller then takes a path that reports it).
   * The subject is encoded into scratch arrays and the candidates scored into the reused heap;
   * only the `k` winners are materialised: their factor values read back from the factor
   * matrix (the values the real factors give: key factors' from their rows, kernel and vector
   * factors through the same arithmetic as their `score`), their score and contributions from
   * the strategy kernel's per-pair form, as `combine` computes them.
   */
  rankMatches(subject: S, k: number): RankedCandidate[] | null {
    const { plan } = this;
    if (this.results === undefined) this.results = kernelResults(plan);
    const { results } = this;
    if (!results || !results.current()) return null;
    const { env } = plan;
    const codes = this.subjectCodes;
    const numbers = this.subjectNumbers;
    const vectors = this.subjectVectors;
    for (let d = 0; d < codes.length; d++) codes[d] = this.dicts[d]!.intern(subject, env);
    for (let c = 0; c < numbers.length; c++) numbers[c] = plan.columns[c]!.column(subject, env);
    for (let v = 0; v < vectors.length; v++)
      vectors[v] = plan.vectors[v]!.subjectVector(subject, env);
    const n = this.eligible(codes, numbers);
    if (!this.fill(n, codes, numbers, vectors)) return null;
    const count = this.scoreCandidates(n, Number.isFinite(k) ? k : n);
    const { cand, matrix, values, targets } = this;
    const { factors } = plan;
    const nT = targets.length;
    const nF = factors.length;
    const ranked: RankedCandidate[] = [];
    for (let j = 0; j < count; j++) {
      const i = this.winners[j]!;
      const t = cand[i]!;
      for (let f = 0; f < nF; f++) {
        const v = matrix[f * nT + i]!;
        const p = factors[f]!;
        // Key factors' values were checked as their rows were filled; a kernel factor's
        // value must be in [0, 1]; a vector factor's too unless a vector is missing (abstains).
        if (!(v >= 0 && v <= 1) && p.kind !== 'key') {
          if (p.kind === 'kernel' || v === v) return null;
          if (vectors[p.vector] && this.targetVectors[f]![t]) return null;
        }
        values[f] = v;
      }
      ranked.push(results.write(targets[t]!.id, j + 1, values));
    }
    return ranked;
  }

  /**
   * Every target passing the rules for an encoded subject, with its factor values, unscored:
   * for callers that score every eligible pair (an assignment event). `rows` are the targets,
   * ascending; `values[f · stride + i]` is factor f of candidate i (NaN = abstained). The
   * arrays are the engine's own, valid until its next call. `n` is −1 when some factor
   * returned an invalid value (the caller falls back to the reference path, which reports it).
   */
  candidates(
    codes: ArrayLike<number>,
    numbers: ArrayLike<number>,
    vectors: readonly (SubjectVector | null)[],
  ): { n: number; rows: Int32Array; values: Float64Array; stride: number } {
    const n = this.eligible(codes, numbers);
    const ok = this.fill(n, codes, numbers, vectors);
    return { n: ok ? n : -1, rows: this.cand, values: this.matrix, stride: this.targets.length };
  }

  /** Factor values (NaN = abstained) of an encoded subject against target `t`. */
  factorValues(
    codes: ArrayLike<number>,
    numbers: ArrayLike<number>,
    vectors: readonly (SubjectVector | null)[],
    t: number,
  ): Float64Array {
    const out = new Float64Array(this.plan.factors.length);
    this.plan.factors.forEach((p, f) => {
      if (p.kind === 'key') out[f] = this.keyValue(f, p.key, codes[p.key]!, t);
      else if (p.kind === 'kernel') out[f] = this.factorKernels[f]![t]!(numbers[p.column]!);
      else {
        const sv = vectors[p.vector] ?? null;
        const tv = this.targetVectors[f]![t] ?? null;
        out[f] = sv && tv ? p.hook.map(dot32(sv, tv)) : NaN;
      }
    });
    return out;
  }

  /**
   * The value of key factor `f` for an encoded subject (`codes`) and target `t` — from its row,
   * computed when first needed (NaN = abstains) — or undefined when `f` is not a key factor or
   * its value is invalid (the caller then calls the factor, which reports it).
   */
  keyFactorValue(f: number, codes: ArrayLike<number>, t: number): number | undefined {
    const p = this.plan.factors[f]!;
    if (p.kind !== 'key') return undefined;
    const v = this.keyValue(f, p.key, codes[p.key]!, t);
    return v === INVALID ? undefined : v;
  }

  /**
   * The targets passing every rule, ascending, into `cand`; returns their count. Key rules with
   * a whole bitset first (AND), then the kernel rules on the survivors, then the key rules
   * whose bitset is partial, testing on the key's representative the survivors not yet tested.
   */
  private eligible(codes: ArrayLike<number>, numbers: ArrayLike<number>): number {
    const { rules } = this.plan;
    const { cand, mask, words, partialRules } = this;
    mask.set(this.allBits);
    let partial = 0;
    for (let j = 0; j < rules.length; j++) {
      const r = rules[j]!;
      if (r.kind !== 'key') continue;
      const bits = this.ruleBitsOf(j, r.key, codes[r.key]!);
      if (bits.known !== null) {
        partialRules[partial++] = j;
        continue;
      }
      const pass = bits.pass;
      for (let w = 0; w < words; w++) mask[w]! &= pass[w]!;
    }
    let n = 0;
    for (let w = 0; w < words; w++) {
      let m = mask[w]!;
      const base = w << 5;
      while (m !== 0) {
        const low = m & -m;
        cand[n++] = base + 31 - Math.clz32(low);
        m ^= low;
      }
    }
    for (let j = 0; j < rules.length; j++) {
      const r = rules[j]!;
      if (r.kind !== 'kernel') continue;
      const fns = this.ruleKernels[j]!;
      const lo = this.ruleMin[j]!;
      const hi = this.ruleMax[j]!;
      const x = numbers[r.column]!;
      // Branch-free where the target's interval decides (see the prospecting filters).
      let m = 0;
      for (let i = 0; i < n; i++) {
        const t = cand[i]!;
        const min = lo[t]!;
        cand[m] = t;
        if (min === min) m += Number(x >= min) & Number(x <= hi[t]!);
        else m += Number(fns[t]!(x) !== 0);
      }
      n = m;
    }
    for (let p = 0; p < partial; p++) {
      const j = partialRules[p]!;
      const r = rules[j]!;
      if (r.kind !== 'key') continue;
      const code = codes[r.key]!;
      const bits = this.ruleBits[j]![code]!;
      const pass = bits.pass;
      const known = bits.known!;
      const ctx = this.ctx;
      ctx.subject = this.dicts[r.key]!.reps[code]!;
      const rule = r.rule;
      let m = 0;
      for (let i = 0; i < n; i++) {
        const t = cand[i]!;
        const w = t >>> 5;
        const bit = 1 << (t & 31);
        if ((known[w]! & bit) === 0) {
          ctx.target = this.targets[t]!;
          if (rule.test ? rule.test(ctx) : rule.check(ctx).passed) pass[w]! |= bit;
          known[w]! |= bit;
          bits.unknown--;
        }
        if ((pass[w]! & bit) !== 0) cand[m++] = t;
      }
      n = m;
      if (bits.unknown === 0) bits.known = null;
    }
    return n;
  }

  /**
   * The factor values of the `n` candidates into {@link CatalogueEngine.matrix}, one factor at
   * a time; false when some value is invalid (it matters only for an eligible target, as in
   * the reference path).
   */
  private fill(
    n: number,
    codes: ArrayLike<number>,
    numbers: ArrayLike<number>,
    vectors: readonly (SubjectVector | null)[],
  ): boolean {
    const { factors } = this.plan;
    const { cand, matrix } = this;
    const nT = this.targets.length;
    for (let f = 0; f < factors.length; f++) {
      const p = factors[f]!;
      const base = f * nT;
      if (p.kind === 'key') {
        const code = codes[p.key]!;
        let row = this.factorRows[f]![code];
        if (!row) {
          const size = this.dicts[p.key]!.size;
          if (size > this.sparseKeyLimit && ++this.usesOf(f, size)[code]! < this.sparseRowUses) {
            for (let i = 0; i < n; i++) {
              const v = this.compute(f, p.key, code, cand[i]!);
              if (v === INVALID) return false;
              matrix[base + i] = v;
            }
            continue;
          }
          row = this.factorRow(f, code);
        }
        let table = this.valueSlots[f]!.values;
        for (let i = 0; i < n; i++) {
          const t = cand[i]!;
          const slot = row[t]!;
          // A stored value is written in its own branch: merged with a call's result into one
          // variable, V8 (Node 20) boxed every value read from the table as a heap number.
          if (slot !== UNSET) {
            const v = table[slot]!;
            if (v === INVALID) return false;
            matrix[base + i] = v;
            continue;
          }
          const v = this.store(f, code, t, this.compute(f, p.key, code, t));
          // Storing may have grown the value table or widened the rows.
          row = this.factorRows[f]![code]!;
          table = this.valueSlots[f]!.values;
          if (v === INVALID) return false;
          matrix[base + i] = v;
        }
      } else if (p.kind === 'kernel') {
        const fns = this.factorKernels[f]!;
        const x = numbers[p.column]!;
        for (let i = 0; i < n; i++) matrix[base + i] = fns[cand[i]!]!(x);
      } else {
        const sv = vectors[p.vector] ?? null;
        const tvs = this.targetVectors[f]!;
        for (let i = 0; i < n; i++) {
          const tv = tvs[cand[i]!] ?? null;
          if (sv && tv) matrix[base + i] = p.hook.map(dot32(sv, tv));
          else matrix[base + i] = NaN;
        }
      }
    }
    return true;
  }

  /** Scores the `n` filled candidates with the strategy's kernel into the (reused) heap. */
  private score(n: number, k: number): TopK {
    const { weights, sides } = this.plan;
    const kernel = this.plan.strategy!;
    let heap = this.heap;
    if (!heap || heap.k !== k) heap = this.heap = new TopK(k, this.tieRank);
    const { matrix, values, cand, scores } = this;
    const nT = this.targets.length;
    const nF = values.length;
    if (kernel.scoreMany) {
      // The kernel's batch form: factor-major, the same arithmetic as `score` per candidate.
      kernel.scoreMany(matrix, nT, n, weights, sides, scores);
      for (let i = 0; i < n; i++) heap.push(scores[i]!, cand[i]!);
      return heap;
    }
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < nF; f++) values[f] = matrix[f * nT + i]!;
      heap.push(kernel.score(values, weights, sides), cand[i]!);
    }
    return heap;
  }

  /**
   * Scores the `n` filled candidates like {@link CatalogueEngine.score}, pushing candidate
   * indices (ascending as their rows are, so ties still go to the earlier target), and writes
   * the best `k` indices, best first, into {@link CatalogueEngine.winners}; returns their count.
   */
  private scoreCandidates(n: number, k: number): number {
    const { weights, sides } = this.plan;
    const kernel = this.plan.strategy!;
    let heap = this.heap;
    if (!heap || heap.k !== k) heap = this.heap = new TopK(k, this.tieRank);
    const { matrix, values, scores } = this;
    const nT = this.targets.length;
    const nF = values.length;
    if (kernel.scoreMany) {
      kernel.scoreMany(matrix, nT, n, weights, sides, scores);
      for (let i = 0; i < n; i++) heap.push(scores[i]!, i);
    } else {
      for (let i = 0; i < n; i++) {
        for (let f = 0; f < nF; f++) values[f] = matrix[f * nT + i]!;
        heap.push(kernel.score(values, weights, sides), i);
      }
    }
    if (this.winners.length < heap.length) {
      this.winners = new Int32Array(heap.length);
      this.winnerScores = new Float64Array(heap.length);
    }
    return heap.drainInto(this.winners, this.winnerScores);
  }

  /** The value of key factor `f` for key `code` and target `t`, computed when first needed. */
  private keyValue(f: number, key: number, code: number, t: number): number {
    let row = this.factorRows[f]![code];
    if (!row) {
      if (this.dicts[key]!.size > this.sparseKeyLimit) return this.compute(f, key, code, t);
      row = this.factorRow(f, code);
    }
    const slot = row[t]!;
    if (slot !== UNSET) return this.valueSlots[f]!.values[slot]!;
    return this.store(f, code, t, this.compute(f, key, code, t));
  }

  /**
   * Key rule `j`'s bits for key `code`: a rule with target classes tests each class once and
   * is whole at once; otherwise new bits are empty (partial), and a partial bitset used
   * `ruleBitsCompleteUses` times is completed over every target.
   */
  private ruleBitsOf(j: number, key: number, code: number): RuleBits {
    let bits = this.ruleBits[j]![code];
    if (!bits) {
      const classes = this.ruleClasses[j];
      if (classes) bits = this.classBits(j, classes, key, code);
      else
        bits = {
          pass: this.bitsFromSlab(),
          known: this.bitsFromSlab(),
          unknown: this.targets.length,
          uses: 0,
        };
      this.ruleBits[j]![code] = bits;
    }
    if (bits.known !== null && ++bits.uses >= this.ruleBitsCompleteUses) {
      const { pass, known } = bits;
      const rule = this.plan.rules[j]!.rule;
      const ctx = this.ctx;
      ctx.subject = this.dicts[key]!.reps[code]!;
      for (let t = 0; t < this.targets.length; t++) {
        const w = t >>> 5;
        const bit = 1 << (t & 31);
        if ((known[w]! & bit) !== 0) continue;
        ctx.target = this.targets[t]!;
        if (rule.test ? rule.test(ctx) : rule.check(ctx).passed) pass[w]! |= bit;
      }
      bits.known = null;
      bits.unknown = 0;
    }
    return bits;
  }

  /** Key rule `j`'s whole bits for key `code`: each class tested on its first target. */
  private classBits(j: number, classes: TargetClasses, key: number, code: number): RuleBits {
    const pass = this.bitsFromSlab();
    const { reps, members } = classes;
    const words = this.words;
    const rule = this.plan.rules[j]!.rule;
    const ctx = this.ctx;
    ctx.subject = this.dicts[key]!.reps[code]!;
    for (let c = 0; c < reps.length; c++) {
      ctx.target = this.targets[reps[c]!]!;
      if (!(rule.test ? rule.test(ctx) : rule.check(ctx).passed)) continue;
      for (let w = 0, at = c * words; w < words; w++) pass[w]! |= members[at + w]!;
    }
    return { pass, known: null, unknown: 0, uses: 0 };
  }

  /**
   * A zeroed bitset over the targets, cut from a slab of {@link BITSETS_PER_SLAB} allocated at
   * once: a seed-scale bitset is 24 words, past the size V8 keeps inside its heap, so each
   * `new Uint32Array` took a backing store of its own (≈0.5–0.8 µs measured, against ≈0.06 µs
   * for a view of the slab), twice for each new key of a key rule (a third of the rankings of
   * a fresh seed-scale matcher meet a new sector key).
   */
  private bitsFromSlab(): Uint32Array {
    const words = this.words;
    if (this.bitSlabUsed + words > this.bitSlab.length) {
      this.bitSlab = new Uint32Array(Math.max(1, words * BITSETS_PER_SLAB));
      this.bitSlabUsed = 0;
    }
    const bits = this.bitSlab.subarray(this.bitSlabUsed, this.bitSlabUsed + words);
    this.bitSlabUsed += words;
    return bits;
  }

  /** Per-key use counts of sparse factor `f`, at least `size` long. */
  private usesOf(f: number, size: number): Uint32Array {
    let uses = this.uses[f]!;
    if (uses.length < size) {
      const grown = new Uint32Array(Math.max(size, uses.length * 2));
      grown.set(uses);
      uses = this.uses[f] = grown;
    }
    return uses;
  }

  /**
   * Key factor `f`'s row for key `code`, created empty ({@link UNSET}) when new: a byte row is
   * cut from a slab of {@link ROWS_PER_SLAB} rows allocated at once (a factor whose rows were
   * widened gets its own). A fresh matcher creates a row in most of its first rankings (1.2
   * rows per ranking over its first 2,000 at seed scale); allocating each was measured at
   * 10–100 µs on this loaded machine, most of a ranking.
   */
  private factorRow(f: number, code: number): SlotArray {
    let row = this.factorRows[f]![code];
    if (!row) {
      const nT = this.targets.length;
      const Slots = slotArrayType(this.valueSlots[f]!.size);
      if (Slots !== Uint8Array) {
        row = new Slots(nT);
      } else {
        if (this.slabUsed + nT > this.slab.length) {
          this.slab = new Uint8Array(Math.max(1, nT * ROWS_PER_SLAB));
          this.slabUsed = 0;
        }
        row = this.slab.subarray(this.slabUsed, this.slabUsed + nT);
        this.slabUsed += nT;
      }
      this.factorRows[f]![code] = row;
    }
    return row;
  }

  /**
   * Stores `value` (from {@link CatalogueEngine.compute}) as key factor `f`'s value for key
   * `code` (which has a row) and target `t` — and for the rest of `t`'s class, when the factor
   * has target classes — in the slot of that value (a new slot for a new value, growing the
   * value table and widening the factor's rows when needed); returns it.
   */
  private store(f: number, code: number, t: number, value: number): number {
    const values = this.valueSlots[f]!;
    const before = values.size;
    const slot = values.slot(value);
    const rows = this.factorRows[f]!;
    // A new slot past a byte (16 bits): widen every row of the factor, once.
    if (values.size !== before && slotArrayType(slot) !== slotArrayType(before))
      for (let c = 0; c < rows.length; c++) if (rows[c]) rows[c] = widenFor(rows[c]!, slot);
    const row = this.factorRows[f]![code]!;
    row[t] = slot;
    const classes = this.factorClasses[f];
    if (classes) {
      const { start, list } = classes;
      const c = classes.of[t]!;
      for (let i = start[c]!, end = start[c + 1]!; i < end; i++) row[list[i]!] = slot;
    }
    return value;
  }

  /**
   * The real factor on key `code`'s representative and target `t` (NaN abstains); the value
   * its `uniformValue` hook gave target `t` for every subject, when it gave one, or its
   * `tokens` hook's form gives, when it answered for target `t`, without a call.
   */
  private compute(f: number, key: number, code: number, t: number): number {
    const uniform = this.uniform[f];
    if (uniform) {
      const u = uniform[t]!;
      if (u !== NOT_COMPUTED) return u;
    }
    const tokens = this.tokenRows[f];
    if (tokens) {
      const v = tokens.value(code, t);
      if (v !== NO_TOKEN_VALUE) return v;
    }
    const ctx = this.ctx;
    ctx.subject = this.dicts[key]!.reps[code]!;
    ctx.target = this.targets[t]!;
    const v: unknown = this.plan.factors[f]!.factor.score(ctx);
    return v === null ? NaN : isUnitValue(v) ? v : INVALID;
  }
}
