/**
 * Subjects for one target (enterprises for a product): compile the target against the subject
 * dictionaries (the real rule/factor run once per distinct key on its representative),
 * pre-filter with the postings of the most selective rule, score the candidates in typed
 * arrays, keep the best in a bounded heap, prune with a score upper bound once it is full.
 *
 * Key tables are filled **eagerly** when their dictionary is small (at most
 * {@link EAGER_KEY_LIMIT} keys; rule tables also choose the lead rule) and **lazily**
 * otherwise: an entry is computed the first time a scanned row with that key reaches the rule
 * or factor, by the same real function on the same representative, so values are identical
 * and compilation costs what the scan touches. A lazily filled factor enters the pruning bound
 * at 1 (the top of the factor range), so pruning stays exact. A factor with a `tokens` hook
 * has its table filled in full from the target's token values instead ({@link fillFromTokens}),
 * without calls, so it enters the bound exactly.
 *
 * @module
 */
import type { PairContext, TokenValues } from '../engine/types.js';
import type { VectorColumn } from './vector-column.js';
import { isUnitValue } from '../engine/pipeline.js';
import { compareRanked } from '../util/compare.js';
import { selectTopK } from './select.js';
import {
  livePostings,
  type CodeColumn,
  type KeyDictionary,
  type Postings,
  type SubjectColumns,
} from './columns.js';
import { scoresAlone, scoreWithSortKey, type FactorPlan, type FastPlan } from './plan.js';
import { TopK } from './topk.js';
import { ValueSlots, widenFor, type SlotArray } from './value-slots.js';
import { fillFromTokens, keyTokens, validTokenValues } from './token-tables.js';
import { columnInterval, ruleInterval } from './intervals.js';
import { everyValuePasses } from '../engine/rules/define-rule.js';
import {
  INVALID,
  KNOWN,
  NOT_COMPUTED,
  KernelMemo,
  SharedOutcomes,
  type OutcomeMemo,
} from './shared-outcomes.js';
import { integerOption } from '../util/options.js';
import { OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';

/**
 * Key tables with at most this many keys are computed in full at compilation (and their rules
 * may lead candidate generation); larger ones are filled lazily during the scan. 4,096 keeps
 * the sector (≈1,150 keys at seed scale) and policy-priority (≈2,200) tables eager, whose
 * keys nearly all occur among any product's candidates, and makes the chain/zone table
 * (≈46,000 keys, few reached per product) lazy, unless a `tokens` hook fills it in full (as
 * `chainZone`'s does). Range ≥ 0; 0 makes every table lazy.
 */
export const EAGER_KEY_LIMIT = 4096;

/**
 * Factor tables are filled eagerly only up to this many keys (and {@link EAGER_KEY_LIMIT}); a
 * larger one is lazy with its {@link LAZY_PREFILL_KEYS} most frequent keys computed at
 * compilation. 2,048 keeps the sector table (≈1,150 keys at seed scale) eager and makes the
 * policy-priority one (≈2,230 keys, whose 256 most frequent cover 93 % of the enterprises)
 * lazy, which cuts its factor calls per compiled product from ≈2,330 to ≈500 (measured).
 */
export const EAGER_FACTOR_KEY_LIMIT = 2048;

/**
 * A lead rule whose passing rows exceed 1/8 of the index is applied by one sequential pass over
 * its code column instead of its postings (random row order costs more than reading every row).
 */
const SEQUENTIAL_SCAN_FRACTION = 8;

/** Candidate lists longer than this order their filters by a sampled pass rate. */
const ADAPTIVE_ORDER_MIN = 8192;

/**
 * A pruned scan sums a dense bound term (a factor's value for every candidate) from a table of
 * its weighted values by code, several terms per pass over the candidates, when its column has
 * at most this many codes per candidate (the table costs one entry per code). At seed scale a
 * broad product's four dense terms over ≈ 138,000 candidates took ≈ 3 ms in four passes.
 */
const DIRECT_CODES_PER_CANDIDATE = 1;
/** Rows sampled per filter to estimate its pass rate. */
const ORDER_SAMPLE = 256;

/** Buckets of the counting sort that orders candidates by score bound (at most 65,536). */
const BOUND_BUCKETS = 1024;

/**
 * A pruned scan with more than this many times the candidates its bound order must place first
 * (`need`: {@link MEMO_MIN_ROWS} or {@link MEMO_MARGIN} × k) sorts only its head: the
 * candidates whose bound reaches a threshold read from {@link HEAD_SAMPLE} evenly spaced
 * bounds, set for about {@link HEAD_MARGIN} × `need` of them (see `boundedHead`). A broad
 * product's cold call at seed scale (≈ 10⁵ candidates, `need` 4,097) then bucket-sorts ≈ 8,000
 * candidates instead of all, one compare per candidate in place of the sort's three passes.
 */
const HEAD_MIN_FACTOR = 8;
/** Bounds sampled to set the head's threshold. */
const HEAD_SAMPLE = 1024;
/** How many times `need` the head's threshold aims to keep (sampling error aside). */
const HEAD_MARGIN = 2;

/**
 * A lazily filled factor table computes its this-many most frequent keys at compilation, so the
 * rows holding them (93 % of the enterprises for policy priority at seed scale) enter the
 * pruning bound with their exact value instead of 1; the other keys enter it exactly once a
 * scan has computed them. Tables filled from a `tokens` hook (chain/zone) need none. Range ≥ 0;
 * 0 disables it.
 */
export const LAZY_PREFILL_KEYS = 256;

/**
 * A compiled target remembers the bound order of its last pruned scan of a candidate set (a
 * {@link ScanMemo}) over at least this many candidates, {@link MEMO_MARGIN} times as many as
 * that scan visited, and at most {@link MEMO_MAX_ROWS}.
 */
export const MEMO_MIN_ROWS = 4096;
/** How many times the visited candidates a {@link ScanMemo} keeps (room for larger `k`, filters). */
export const MEMO_MARGIN = 2;
/** Head entries {@link reserveScanBuffers} makes room for: twice the usual head. */
const HEAD_RESERVE = 2 * HEAD_MARGIN * (MEMO_MIN_ROWS + 1);
/**
 * The largest {@link ScanMemo}, in candidates (20 bytes each: ≤ 2.6 MB per compiled target; at
 * seed scale most products need under 0.1 MB); a scan that visited more remembers nothing.
 * Visits grow with ties at the k-th score, which must all be resolved by id.
 */
export const MEMO_MAX_ROWS = 131072;

/**
 * The candidates (eligible rows, or those among a filter's members) of a target's last pruned
 * scan, in descending order of their score bound, valid for the rows unchanged since the
 * columns' `version` (rows changed since are taken apart, {@link MEMO_PATCH_LIMIT}); the
 * filter's predicate is not applied to them, so any filter over the same candidate set can
 * walk them (testing its predicate on the way). A later call scores them in this order
 * and stops at the first whose bucket ceiling is below its heap's threshold — the rows a full
 * scan would score, without regenerating, filtering and bounding every candidate. Bounds stay
 * upper bounds as lazy tables fill (they only tighten); a walk that runs off the end while
 * `rest` (the largest bound not kept) could still enter the heap falls back to the full scan.
 */
export interface ScanMemo {
  /** {@link SubjectColumns.version} the scan ran at. */
  version: number;
  rows: Int32Array;
  /** Per kept row: its score bound, or its exact score once scored. */
  bounds: Float64Array;
  /** Per kept row: 1 when `bounds` holds its exact score. */
  scored: Uint8Array;
  /** Per kept row: the largest bound from its position on (non-increasing). */
  ceilings: Float64Array;
  /**
   * At least the largest bound among the candidates not kept (exactly it, or the largest
   * bound a scan's head left out when larger); −∞ when all are kept.
   */
  rest: number;
}

/**
 * Candidate sets (all eligible rows, the members of one chain or zone…) a compiled target keeps
 * a {@link ScanMemo} for: a bank prospecting one product in a few chains or zones.
 */
export const MEMO_SETS = 8;

/**
 * Row changes since a {@link ScanMemo}'s scan that a walk of it takes on (each changed row
 * filtered and scored apart, its stale entry skipped) before the memo is dropped and the next
 * call scans afresh. Each changed row costs a filter pass and an exact score (≈ 1 µs), so
 * 1,024 cost ≈ 1 ms, under a broad product's full scan at seed scale (2–5 ms): a service
 * adding records between prospects keeps walking its memos.
 */
export const MEMO_PATCH_LIMIT = 1024;

/**
 * The distinct values a lazily filled factor table starts with room for (it doubles as needed).
 * A lazy table holds a one-byte slot per key (see {@link CompiledTarget.slots}) instead of a
 * Float64 value: at seed scale the chain/zone table has ≈46,000 keys but a handful of distinct
 * values per product, so a compiled product writes 46 KB there instead of 418 KB (value and
 * computed flag), and fresh memory costs ≈20–55 µs per 4 KB page on a loaded VM.
 *
 * Coded kernel factors' value tables (one entry per distinct value met, a 16-bit slot per
 * value code) start with the same room.
 */
export const LAZY_SLOT_VALUES = 16;

/** A lazy table's slots: the narrowest array holding its distinct values' slot numbers. */
export type SlotTable = SlotArray;

/** Pass-table states: not yet computed, failed, passed. */
const UNKNOWN = 0;
const FAIL = 1;
const PASS = 2;

/**
 * A target compiled against subject dictionaries: per key rule a pass table, per key factor a
 * value table (NaN = abstain), kernels bound to the target, the target's vectors. Tables grow
 * with the dictionaries ({@link CompiledTarget.sync}), so a cached compilation stays valid
 * while subjects are added, updated or removed.
 */
export class CompiledTarget<S = unknown, T = unknown> {
  /** Per rule: states by key id ({@link PASS}, {@link FAIL}, lazily {@link UNKNOWN}) or null. */
  readonly passTables: (Uint8Array | null)[];
  /** Per rule: 1 when its pass table is filled eagerly (a lead candidate). */
  readonly eagerRules: Uint8Array;
  /** Per rule: compiled kernel (kernel rules) or null. */
  readonly ruleKernels: (((x: number) => number) | null)[];
  /** Per rule: the interval a kernel rule passes ({@link ruleInterval}), or null. */
  readonly ruleIntervals: (readonly [number, number] | null)[];
  /**
   * Per rule: 1 when its kernel compiled to {@link everyValuePasses} for this target (the rule
   * does not constrain it: every row passes, and the scan skips the rule).
   */
  readonly unconstrained: Uint8Array;
  /**
   * Per factor: an eager key table's values by key id (NaN = abstain); a lazy key table's
   * distinct values by slot (index 0 unused; see {@link CompiledTarget.slots}); else null.
   */
  readonly valueTables: (Float64Array | null)[];
  /**
   * Per factor: for a lazy key table, the slot of each key id's value in `valueTables[f]` (0 =
   * not yet computed); the array widens from 8 to 16 and 32 bits when the distinct values
   * outgrow it, so read it from here after anything that computes a value. Null when eager
   * or no table.
   */
  readonly slots: (SlotTable | null)[];
  /** Per lazy key factor: its distinct values by slot (`valueTables[f]` is their table). */
  private readonly valueSlots: (ValueSlots | null)[];
  readonly factorKernels: (((x: number) => number) | null)[];
  /**
   * Per kernel rule: pass states by value code of its numeric column ({@link UNKNOWN} until a
   * scanned row has the value), used while the column is coded; else null.
   */
  readonly kernelPassTables: (Uint8Array | null)[];
  readonly targetVectors: (Float32Array | null)[];
  /**
   * Per factor: 1 when its `uniformValue` hook gave this target one value for every subject
   * (then it has no table), held in {@link CompiledTarget.uniform} (NaN = abstains).
   */
  readonly isUniform: Uint8Array;
  /** Per factor: its uniform value where {@link CompiledTarget.isUniform} (NaN = abstains). */
  readonly uniform: Float64Array;
  /**
   * Per key factor with a `tokens` hook that answered for this target: its token values, from
   * which its (slot) table is filled in full at compilation and as keys are added, without
   * calling the factor (see {@link fillFromTokens}); else null.
   */
  readonly tokenValues: (TokenValues | null)[];
  /**
   * Per factor: an upper bound of its value for this target — the table's maximum for an
   * eager table, else 1.
   */
  readonly maxValue: Float64Array;
  /**
   * Per eager key table and coded kernel factor: 1 once a value an eligible row can hold
   * abstains (NaN; a gated entry, which no eligible row holds, does not count). A factor that
   * never abstains adds its weight to every candidate's bound alike (see `scan`, step 3).
   */
  readonly abstains: Uint8Array;
  /**
   * Per factor: 1 when its eager key table holds one value (or abstains) for every key an
   * eligible row can hold (at seed scale, the outcome-learned factors before `prepare`: one
   * key, an abstention), held in {@link CompiledTarget.constantValue}: the scan's bound takes
   * it once instead of reading the table for every candidate. Recomputed when the table grows.
   */
  readonly constant: Uint8Array;
  /** Per factor: its one value where {@link CompiledTarget.constant} (NaN = abstains). */
  readonly constantValue: Float64Array;
  /** True once some factor returned an invalid value (use the reference path, which reports it). */
  invalid = false;
  /**
   * The bound orders of the last pruned scans, by candidate set: `''` for every eligible row,
   * else the key of the `within` rows given (at most {@link MEMO_SETS}, oldest dropped).
   */
  readonly memos = new Map<string, ScanMemo>();
  /**
   * Per kernel rule: the {@link SubjectColumns.version} at which {@link CompiledTarget.passesAll}
   * was last decided (−1 never), and its answer (1 = the rule passes every live row).
   */
  private readonly allPassVersion: Float64Array;
  private readonly allPass: Uint8Array;
  private readonly ctx: PairContext<S, T>;
  /**
   * Per key rule and key factor: the index's memo of the part's outcomes for this target's
   * declared fields ({@link SharedOutcomes}), consulted before calling the part and filled
   * after; null without one.
   */
  private readonly ruleMemos: (OutcomeMemo | null)[];
  private readonly factorMemos: (OutcomeMemo | null)[];
  /**
   * Per kernel factor on a coded column: its values by value code ({@link KernelMemo}), the
   * index's memo for this target's declared fields or the target's own; else null.
   */
  private readonly kernelMemos: (KernelMemo | null)[];
  /**
   * Per factor: for a coded kernel factor, the interval its column's value lies in for every
   * subject eligible here ({@link columnInterval}), or null.
   */
  private readonly eligibleIntervals: (readonly [number, number] | null)[];

  constructor(
    readonly plan: FastPlan<S, T>,
    private readonly columns: SubjectColumns<S & { id: string }>,
    readonly target: T,
    eagerLimit: number = EAGER_KEY_LIMIT,
    shared: SharedOutcomes | null = null,
  ) {
    const { env } = plan;
    this.ctx = {
      subject: undefined as unknown as S,
      target,
      asOf: env.asOf,
      locale: env.locale,
      reference: env.reference,
    };
    const sizeOf = (key: number) => columns.dicts[key]!.size;
    this.eagerRules = Uint8Array.from(plan.rules, (r) =>
      r.kind === 'key' && sizeOf(r.key) <= eagerLimit ? 1 : 0,
    );
    this.passTables = plan.rules.map((r) => (r.kind === 'key' ? new Uint8Array(0) : null));
    this.ruleKernels = plan.rules.map((r) =>
      r.kind === 'kernel' ? r.kernel.compile(target, env) : null,
    );
    this.ruleIntervals = plan.rules.map((r) =>
      r.kind === 'kernel' ? ruleInterval(r.kernel, target, env) : null,
    );
    this.unconstrained = Uint8Array.from(this.ruleKernels, (k) => (k === everyValuePasses ? 1 : 0));
    this.allPassVersion = new Float64Array(plan.rules.length).fill(-1);
    this.allPass = new Uint8Array(plan.rules.length);
    this.maxValue = new Float64Array(plan.factors.length).fill(1);
    this.abstains = new Uint8Array(plan.factors.length);
    this.constant = new Uint8Array(plan.factors.length);
    this.constantValue = new Float64Array(plan.factors.length);
    // Key factors the target gives one value for every subject: no table, the exact value.
    this.isUniform = new Uint8Array(plan.factors.length);
    this.uniform = new Float64Array(plan.factors.length);
    const targetCtx = { target, asOf: env.asOf, locale: env.locale, reference: env.reference };
    plan.factors.forEach((p, f) => {
      if (p.kind !== 'key' || !p.factor.uniformValue) return;
      const v: unknown = p.factor.uniformValue(targetCtx);
      // Anything but a valid value leaves the factor to its table (which reports invalid ones).
      if (v === null || isUnitValue(v)) {
        this.isUniform[f] = 1;
        this.uniform[f] = v ?? NaN;
        this.maxValue[f] = v ?? 0;
      }
    });
    this.tokenValues = plan.factors.map((p, f) => {
      if (p.kind !== 'key' || this.isUniform[f] || !p.factor.tokens) return null;
      const answer = validTokenValues(p.factor.tokens.compile(target, env));
      if (answer === null || answer.values.size > 0) return answer;
      // No token served: every subject gets `otherwise`.
      this.isUniform[f] = 1;
      this.uniform[f] = answer.otherwise ?? NaN;
      this.maxValue[f] = answer.otherwise ?? 0;
      return null;
    });
    const factorLimit = Math.min(eagerLimit, EAGER_FACTOR_KEY_LIMIT);
    const keyed = (p: FactorPlan<S, T>, f: number) => p.kind === 'key' && !this.isUniform[f];
    // Tables filled from token values use the slot form (every entry is filled at once).
    const lazy = (p: FactorPlan<S, T>, f: number) =>
      keyed(p, f) &&
      (this.tokenValues[f] !== null || sizeOf((p as { key: number }).key) > factorLimit);
    this.slots = plan.factors.map((p, f) => (lazy(p, f) ? new Uint8Array(0) : null));
    this.valueSlots = plan.factors.map((p, f) =>
      lazy(p, f) ? new ValueSlots(LAZY_SLOT_VALUES) : null,
    );
    this.valueTables = plan.factors.map((p, f) =>
      !keyed(p, f) ? null : (this.valueSlots[f]?.values ?? new Float64Array(0)),
    );
    // Eager tables start at 0 and take the maximum of their values in `sync`.
    for (let f = 0; f < plan.factors.length; f++) {
      if (this.valueTables[f] && !this.slots[f]) this.maxValue[f] = 0;
    }
    this.factorKernels = plan.factors.map((p) =>
      p.kind === 'kernel' ? p.kernel.compile(target, env) : null,
    );
    this.kernelPassTables = plan.rules.map((r) => (r.kind === 'kernel' ? new Uint8Array(0) : null));
    this.targetVectors = plan.factors.map((p) =>
      p.kind === 'vector' ? p.hook.targetVector(target, env) : null,
    );
    this.ruleMemos = plan.rules.map((r, j) =>
      shared && r.kind === 'key' ? shared.rule(j, r.rule, target) : null,
    );
    // Tables filled from token values, and uniform factors, call no factor.
    this.factorMemos = plan.factors.map((p, f) =>
      shared && p.kind === 'key' && !this.isUniform[f] && !this.tokenValues[f]
        ? shared.factor(f, p.factor, target)
        : null,
    );
    // Coded kernel factors (a column is coded once, when the index is built): values by code.
    this.kernelMemos = plan.factors.map((p, f) => {
      if (p.kind !== 'kernel' || !columns.numberCodes[p.column]) return null;
      const codes = columns.numberValues[p.column]!.length;
      return shared?.kernel(f, p.factor, target, codes) ?? new KernelMemo(null, '', codes);
    });
    // The intervals of the rules the scan applies: one whose kernel passes every value here is
    // skipped (`unconstrained`), so its declared interval bounds no candidate.
    const applied = this.ruleIntervals.map((interval, j) =>
      this.unconstrained[j] ? null : interval,
    );
    this.eligibleIntervals = plan.factors.map((p, f) =>
      this.kernelMemos[f]
        ? columnInterval(plan.rules, applied, (p as { column: number }).column)
        : null,
    );
    this.sync();
    this.prefill();
  }

  /**
   * Computes the {@link LAZY_PREFILL_KEYS} most frequent keys of each lazy factor table. An
   * invalid value found here is left to the scan (it matters only if an eligible row reaches
   * it, as on the reference path).
   */
  private prefill(): void {
    const { factors } = this.plan;
    for (let f = 0; f < factors.length; f++) {
      const p = factors[f]!;
      if (p.kind !== 'key' || !this.slots[f] || this.tokenValues[f]) continue;
      for (const code of frequentCodes(this.columns, p.key, LAZY_PREFILL_KEYS)) {
        if (this.slots[f]![code]) continue;
        this.factorValue(f, code);
        if (this.invalid) {
          this.invalid = false;
          this.slots[f]![code] = 0;
        }
      }
    }
  }

  /**
   * Grows the tables to the dictionaries' current sizes (subjects added since): eager tables
   * compute the new keys, lazy ones mark them not yet computed. Key ids never change, so
   * entries already computed stay valid. Remembered scans that no scan walks again (more rows
   * changed since than {@link MEMO_PATCH_LIMIT}, or renumbered by a compaction) are dropped
   * (up to 2.6 MB each).
   */
  sync(): void {
    for (const [key, memo] of this.memos)
      if (!memoPatchable(this.columns, memo)) this.memos.delete(key);
    const { rules, factors } = this.plan;
    const dicts = this.columns.dicts;
    const { numberValues, numberCodes } = this.columns;
    // Kernel tables only for coded columns (an uncoded one, such as revenue, calls its kernel).
    for (let j = 0; j < rules.length; j++) {
      const r = rules[j]!;
      const old = this.kernelPassTables[j];
      if (r.kind !== 'kernel' || !old || !numberCodes[r.column]) continue;
      const size = numberValues[r.column]!.length;
      if (old.length >= size) continue;
      const table = new Uint8Array(Math.max(size, Math.ceil(old.length * 1.5)));
      table.set(old);
      this.kernelPassTables[j] = table;
    }
    for (let j = 0; j < rules.length; j++) {
      const r = rules[j]!;
      const old = this.passTables[j];
      if (r.kind !== 'key' || !old) continue;
      const size = dicts[r.key]!.size;
      if (old.length === size) continue;
      const table = new Uint8Array(size);
      table.set(old);
      this.passTables[j] = table;
      if (!this.eagerRules[j]) continue;
      // An eager table knows every key (scans apply it without computing entries): if the rule
      // throws on a new key, the old table stays and the next call computes them again.
      try {
        for (let i = old.length; i < size; i++) this.rulePass(j, i);
      } catch (error) {
        this.passTables[j] = old;
        throw error;
      }
    }
    for (let f = 0; f < factors.length; f++) {
      const p = factors[f]!;
      const slots = this.slots[f];
      if (p.kind !== 'key' || !slots) continue;
      const size = dicts[p.key]!.size;
      if (slots.length === size) continue;
      const old = slots.length;
      this.slots[f] = resized(slots, size);
      const tokens = this.tokenValues[f];
      if (tokens && size > old) {
        const keys = keyTokens(dicts[p.key]! as KeyDictionary<S>, p.factor.tokens!, this.plan.env);
        this.slots[f] = fillFromTokens(
          keys,
          tokens,
          this.valueSlots[f]!,
          this.slots[f]!,
          old,
          size,
        );
        this.valueTables[f] = this.valueSlots[f]!.values;
      }
    }
    for (let f = 0; f < factors.length; f++) {
      const p = factors[f]!;
      const old = this.valueTables[f];
      if (p.kind !== 'key' || !old || this.slots[f]) continue;
      const size = dicts[p.key]!.size;
      if (old.length === size) continue;
      const table = new Float64Array(size);
      table.set(old);
      this.valueTables[f] = table;
      // A key an eager rule on the same key fails is held by no eligible row: the factor is
      // not called for it (the reference path scores eligible pairs only), its entry is never
      // read, and the maximum is taken over the keys eligible rows can hold.
      const gate = this.gateOf(p.key);
      let max = this.maxValue[f]!;
      // As an eager rule's table: a factor throwing on a new key leaves the old table.
      try {
        for (let i = old.length; i < size; i++) {
          if (gate !== null && gate[i] === FAIL) {
            table[i] = NaN;
            continue;
          }
          const v = this.factorValue(f, i);
          if (v > max) max = v;
          else if (v !== v) this.abstains[f] = 1;
        }
      } catch (error) {
        this.valueTables[f] = old;
        throw error;
      }
      this.maxValue[f] = max;
      this.findConstant(f, table, gate);
    }
  }

  /**
   * Sets {@link CompiledTarget.constant} for eager table `f`: whether every key outside `gate`'s
   * failures (the keys eligible rows can hold) has the same value, NaN (abstains) included.
   */
  private findConstant(f: number, table: Float64Array, gate: Uint8Array | null): void {
    let first = true;
    let value = NaN;
    let constant = true;
    for (let i = 0; i < table.length && constant; i++) {
      if (gate !== null && gate[i] === FAIL) continue;
      const v = table[i]!;
      if (first) {
        value = v;
        first = false;
      } else constant = v === value || (v !== v && value !== value);
    }
    this.constant[f] = constant ? 1 : 0;
    this.constantValue[f] = value;
  }

  /** The pass table of an eager rule on key `key` (filled), or null when there is none. */
  private gateOf(key: number): Uint8Array | null {
    const { rules } = this.plan;
    for (let j = 0; j < rules.length; j++) {
      const r = rules[j]!;
      if (r.kind === 'key' && r.key === key && this.eagerRules[j]) return this.passTables[j]!;
    }
    return null;
  }

  /**
   * Whether kernel rule `j` is known to pass every live row (then it filters nothing and the
   * scan skips it), remembered until the columns change. On a coded column the kernel runs
   * once per distinct value (filling the table the filter reads anyway) and the rule passes
   * every row when it passes every value. An uncoded column answers false: deciding would call
   * the kernel on every row, more than filtering the candidates left costs (they are fewer;
   * results are the same either way, the answer only saves a filter pass) — unless the kernel
   * compiled to {@link everyValuePasses}, which passes every row by declaration.
   */
  passesAll(j: number): boolean {
    if (this.unconstrained[j]) return true;
    const columns = this.columns;
    if (this.allPassVersion[j] === columns.version) return this.allPass[j] === 1;
    const column = (this.plan.rules[j] as { column: number }).column;
    let all = columns.numberCodes[column] !== null;
    if (all) {
      const table = this.kernelPassTables[j]!;
      const values = columns.numberValues[column]!.length;
      for (let code = 0; code < values && all; code++) {
        const state = table[code] === UNKNOWN ? this.kernelRulePass(j, code) : table[code];
        all = state === PASS;
      }
    }
    this.allPassVersion[j] = columns.version;
    this.allPass[j] = all ? 1 : 0;
    return all;
  }

  /**
   * Computes the pass state of every value code of kernel rule `j` not computed yet, in one
   * loop over the column's distinct values: for a scan whose candidates outnumber them, this
   * costs less than computing each code as a candidate reaches it (a call per code from the
   * filter loop). The same kernel on the same values, so the same states.
   */
  kernelRulePassAll(j: number): void {
    const column = (this.plan.rules[j] as { column: number }).column;
    const values = this.columns.numberValues[column]!;
    const table = this.kernelPassTables[j]!;
    const interval = this.ruleIntervals[j];
    // The interval form agrees with the kernel on every number (NumericKernel.interval).
    if (interval) passByInterval(values, table, interval[0], interval[1]);
    else passByKernel(values, table, this.ruleKernels[j]!);
  }

  /** Computes, stores and returns the pass state of kernel rule `j` for value code `code`. */
  kernelRulePass(j: number, code: number): number {
    const column = (this.plan.rules[j] as { column: number }).column;
    const x = this.columns.numberValues[column]![code]!;
    const state = this.ruleKernels[j]!(x) !== 0 ? PASS : FAIL;
    this.kernelPassTables[j]![code] = state;
    return state;
  }

  /**
   * The values by value code of kernel factor `f` on a coded column ({@link KernelMemo}:
   * shared with the targets that agree on its target fields, or this target's own), or null.
   */
  kernelMemo(f: number): KernelMemo | null {
    return this.kernelMemos[f]!;
  }

  /**
   * The value of coded kernel factor `f` for value code `code`, computed now when no target
   * sharing its memo has; marks the factor abstaining when NaN.
   */
  kernelFactorValue(f: number, code: number): number {
    const memo = this.kernelMemos[f]!;
    let v = memo.get(code);
    if (v === undefined) {
      const column = (this.plan.factors[f] as { column: number }).column;
      v = this.factorKernels[f]!(this.columns.numberValues[column]![code]!);
      memo.set(code, v);
    }
    if (v !== v) this.abstains[f] = 1;
    return v;
  }

  /**
   * Computes the values of coded kernel factor `f` for the candidates' value codes not
   * computed yet (rows `cand[0..n)`), so that every candidate has one in the memo; a NaN among
   * them (computed now or by another target) marks the factor abstaining. Called by the scan,
   * once every rule has filtered the candidates: their values then lie in the column's
   * eligible interval, and values outside it are not computed.
   *
   * @internal
   */
  fillKernel(f: number, cand: Int32Array, n: number): void {
    const column = (this.plan.factors[f] as { column: number }).column;
    const memo = this.kernelMemos[f]!;
    const { numberCodes, numberValues } = this.columns;
    const kernel = this.factorKernels[f]!;
    const within = this.eligibleIntervals[f] ?? null;
    if (memo.fill(cand, n, numberCodes[column]!, kernel, numberValues[column]!, within)) {
      this.abstains[f] = 1;
    }
  }

  /**
   * Computes the value of coded kernel factor `f` for every distinct value of its column not
   * computed yet that an eligible subject can hold (what a scan whose candidates outnumber them
   * does, see {@link KernelMemo.fill}). For the index's warm-up.
   *
   * @internal
   */
  fillKernelEvery(f: number): void {
    const column = (this.plan.factors[f] as { column: number }).column;
    this.kernelMemos[f]!.fillEvery(
      this.factorKernels[f]!,
      this.columns.numberValues[column]!,
      this.eligibleIntervals[f] ?? null,
    );
  }

  /**
   * The values of every factor for `rows` known without calling the factors, as a reader:
   * `known(i, f)` is factor `f`'s value for `rows[i]` — a key factor's from its table
   * (computed now when the table is lazy and lacks the row's key; NaN = abstains), a kernel
   * factor's from its kernel on the row's column value (the arithmetic its `score` runs on the
   * same value) unless NaN (then undefined, and the factor is called: its `score` decides
   * between an abstention and an invalid value); undefined for other factors. The results of a
   * prospect are materialised from these.
   *
   * Read factor by factor: the rows of a ranking are scattered over columns of hundreds of
   * thousands of entries, so nearly every read misses the cache. One column at a time, the
   * reads of the rows do not wait for each other and the processor overlaps their misses; row by
   * row, a result's dozen columns were read one after the other (≈ 40 % of a warm prospect at
   * seed scale).
   */
  knownValues(rows: ArrayLike<number>): (i: number, f: number) => number | undefined {
    const { factors } = this.plan;
    const nF = factors.length;
    const n = rows.length;
    const values = new Float64Array(n * nF);
    const { codes, numberCodes, numbers } = this.columns;
    for (let f = 0; f < nF; f++) {
      const p = factors[f]!;
      if (p.kind === 'key') {
        if (this.isUniform[f]) {
          const u = this.uniform[f]!;
          for (let i = 0; i < n; i++) values[i * nF + f] = u;
          continue;
        }
        const keyCodes = codes[p.key]!;
        if (!this.slots[f]) {
          const table = this.valueTables[f]!;
          for (let i = 0; i < n; i++) values[i * nF + f] = table[keyCodes[rows[i]!]!]!;
          continue;
        }
        for (let i = 0; i < n; i++) {
          const code = keyCodes[rows[i]!]!;
          // Read again per row: computing a value may grow the table (whose new slots an old
          // table lacks) and widen the slots (an old copy would have the key computed again).
          const slot = this.slots[f]![code]!;
          values[i * nF + f] = slot !== 0 ? this.valueTables[f]![slot]! : this.factorValue(f, code);
        }
      } else if (p.kind === 'kernel') {
        const valueCodes = numberCodes[p.column];
        if (valueCodes) {
          for (let i = 0; i < n; i++)
            values[i * nF + f] = this.kernelFactorValue(f, valueCodes[rows[i]!]!);
        } else {
          const kernel = this.factorKernels[f]!;
          const column = numbers[p.column]!;
          for (let i = 0; i < n; i++) values[i * nF + f] = kernel(column[rows[i]!]!);
        }
      } else for (let i = 0; i < n; i++) values[i * nF + f] = NaN;
    }
    const keyFactor = Uint8Array.from(factors, (p) => Number(p.kind === 'key'));
    return (i, f) => {
      const v = values[i * nF + f]!;
      return v === v || keyFactor[f] === 1 ? v : undefined;
    };
  }

  /**
   * The value key factor `f` has for key id `code` in its table (NaN = abstains; also the
   * entry of an eager key that a rule on the same key rejects, never computed), its uniform
   * value, or undefined when not computed (a lazy table) or `f` has no key table. For tests.
   *
   * @internal
   */
  tableValue(f: number, code: number): number | undefined {
    if (this.isUniform[f]) return this.uniform[f];
    const table = this.valueTables[f];
    const slots = this.slots[f];
    if (!table || this.plan.factors[f]!.kind !== 'key') return undefined;
    if (!slots) return table[code];
    const slot = slots[code] ?? 0;
    return slot !== 0 ? table[slot] : undefined;
  }

  /** Computes, stores and returns the pass state of key `code` for rule `j`. */
  rulePass(j: number, code: number): number {
    const memo = this.ruleMemos[j]!;
    let state: number;
    if (memo !== null && code < memo.states.length && memo.states[code] !== NOT_COMPUTED)
      state = memo.states[code]!;
    else {
      const r = this.plan.rules[j]!;
      const ctx = this.ctx;
      ctx.subject = this.columns.dicts[(r as { key: number }).key]!.reps[code]! as S;
      state = (r.rule.test ? r.rule.test(ctx) : r.rule.check(ctx).passed) ? PASS : FAIL;
      memo?.set(code, state);
    }
    this.passTables[j]![code] = state;
    return state;
  }

  /**
   * Computes and stores the value of key `code` for factor `f` (NaN when it abstains). On an
   * invalid value, sets {@link CompiledTarget.invalid} and returns NaN.
   */
  factorValue(f: number, code: number): number {
    const memo = this.factorMemos[f]!;
    let value = NaN;
    const state = memo !== null && code < memo.states.length ? memo.states[code]! : NOT_COMPUTED;
    if (state === KNOWN) value = memo!.values[code]!;
    else if (state === INVALID) this.invalid = true;
    else {
      const p = this.plan.factors[f]!;
      const ctx = this.ctx;
      ctx.subject = this.columns.dicts[(p as { key: number }).key]!.reps[code]! as S;
      const v: unknown = p.factor.score(ctx);
      let outcome = KNOWN;
      if (isUnitValue(v)) value = v;
      else if (v !== null) {
        this.invalid = true;
        outcome = INVALID;
      }
      memo?.set(code, outcome, value);
    }
    if (this.slots[f]) this.storeSlot(f, code, value);
    else this.valueTables[f]![code] = value;
    return value;
  }

  /** Gives key `code` of lazy factor `f` the slot of `value` (a new slot for a new value). */
  private storeSlot(f: number, code: number, value: number): void {
    const values = this.valueSlots[f]!;
    const slot = values.slot(value);
    this.valueTables[f] = values.values;
    this.slots[f] = widenFor(this.slots[f]!, slot);
    this.slots[f]![code] = slot;
  }
}

/** `slots` copied into a new array of the same type with `size` entries. */
function resized(slots: SlotTable, size: number): SlotTable {
  const grown = new (slots.constructor as new (size: number) => SlotTable)(size);
  grown.set(slots.subarray(0, Math.min(size, slots.length)));
  return grown;
}

const frequentCache = new WeakMap<object, { version: number; byKey: Map<number, Int32Array> }>();

/**
 * The `limit` key ids of key `key` held by the most live rows (most first, ties by id), counted
 * in one pass over its code column and remembered until the columns change.
 */
export function frequentCodes<S extends { id: string }>(
  columns: SubjectColumns<S>,
  key: number,
  limit: number,
): Int32Array {
  let entry = frequentCache.get(columns);
  if (!entry || entry.version !== columns.version) {
    entry = { version: columns.version, byKey: new Map() };
    frequentCache.set(columns, entry);
  }
  let codes = entry.byKey.get(key);
  if (!codes || codes.length < Math.min(limit, columns.dicts[key]!.size)) {
    const counts = new Uint32Array(columns.dicts[key]!.size);
    const column = columns.codes[key]!;
    const alive = columns.alive;
    for (let r = 0; r < columns.rowCount; r++) if (alive[r]) counts[column[r]!]!++;
    const ids = Int32Array.from(counts.keys()).sort((a, b) => counts[b]! - counts[a]! || a - b);
    codes = ids.subarray(0, Math.min(limit, ids.length));
    entry.byKey.set(key, codes);
  }
  return codes.length > limit ? codes.subarray(0, limit) : codes;
}

/** A ranked row: score, the strategy's sort key when it has one. */
export interface RankedRow {
  row: number;
  score: number;
  sortKey?: readonly number[];
}

/**
 * Compiles `target` against the dictionaries of `columns` (see {@link CompiledTarget}).
 * Returns null when a factor returns an invalid value for some key of an eager table (the
 * reference path then reports it exactly as it would); lazily found invalid values make
 * {@link rankSubjects} return null instead. Key tables of at most `eagerLimit` keys are filled
 * at compilation. With `shared` (one {@link SharedOutcomes} per `columns`), parts that declare
 * `targetFields` reuse what targets agreeing on those fields computed.
 *
 * @throws `OptionError` when `eagerLimit` is not a non-negative integer or Infinity, or
 * `shared` is neither null nor a `SharedOutcomes`.
 */
export function compileTarget<S extends { id: string }, T>(
  plan: FastPlan<S, T>,
  columns: SubjectColumns<S>,
  target: T,
  eagerLimit: number = EAGER_KEY_LIMIT,
  shared: SharedOutcomes | null = null,
): CompiledTarget<S, T> | null {
  const limit = integerOption(eagerLimit, 'eagerLimit', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    infinity: true,
  });
  if (shared !== null && !(shared instanceof SharedOutcomes))
    throw new OptionError('shared', {
      en: `shared must be null or a SharedOutcomes, received ${describeValue(shared)}`,
      zh: `shared 应为 null 或 SharedOutcomes，收到 ${describeValue(shared)}`,
    });
  const compiled = new CompiledTarget<S, T>(plan, columns, target, limit, shared);
  return compiled.invalid ? null : compiled;
}

/**
 * Reusable scan buffers (grown as needed; a nested call allocates its own), 28 bytes per
 * candidate, and a broad scan's head (12 bytes per candidate in it). {@link reserveScanBuffers}
 * sizes them for a whole index when it is built.
 */
class ScanScratch {
  inUse = false;
  cand = new Int32Array(0);
  keyed = new Float64Array(0);
  keyedWeight = new Float64Array(0);
  bucketOf = new Uint16Array(0);
  order = new Int32Array(0);
  /** Per candidate: 1 once scored exactly (its `keyed` entry is then its score). */
  scored = new Uint8Array(0);
  /** Per row: 1 where a rule applied by its failing rows rejects it (zero between scans). */
  mask = new Uint8Array(0);
  readonly bucketStart = new Int32Array(BOUND_BUCKETS + 1);
  readonly bucketFill = new Int32Array(BOUND_BUCKETS);
  readonly bucketMax = new Float64Array(BOUND_BUCKETS);
  /** The head of a broad scan (see `boundedHead`): its rows and bounds, and the sample. */
  headRows = new Int32Array(0);
  headBounds = new Float64Array(0);
  readonly headSample = new Float64Array(HEAD_SAMPLE);
  private lazy = new Float64Array(0);
  private direct = new Float64Array(0);
  /** Room for `n` entries of dense terms' tables by code (kept once grown; see `addDirect4`). */
  directTable(n: number): Float64Array {
    if (this.direct.length < n)
      this.direct = new Float64Array(Math.max(n, Math.ceil(this.direct.length * 1.5)));
    return this.direct;
  }
  /** {@link directTable} with room for `n` entries, every page written once now. */
  reserveDirect(n: number): void {
    if (this.direct.length >= n) return;
    this.direct = new Float64Array(n);
    this.direct.fill(0);
  }
  /** Room for a head of `n` candidates (kept once grown). */
  ensureHead(n: number): void {
    if (this.headRows.length >= n) return;
    const size = Math.max(n, Math.ceil(this.headRows.length * 1.5));
    this.headRows = new Int32Array(size);
    this.headBounds = new Float64Array(size);
  }
  /**
   * A lazy table's values, copied, with entry 0 (a key not computed yet) set to `max`: the
   * bound's term for a key whose value is unknown.
   */
  lazyValues(values: Float64Array, max: number): Float64Array {
    if (this.lazy.length < values.length) this.lazy = new Float64Array(values.length);
    this.lazy.set(values);
    this.lazy[0] = max;
    return this.lazy;
  }
  ensure(n: number): void {
    if (this.cand.length < n) this.allocate(Math.max(n, Math.ceil(this.cand.length * 1.5)));
  }
  /** Room for `n` candidates, every page written once now (see {@link reserveScanBuffers}). */
  reserve(n: number): void {
    if (this.cand.length >= n) return;
    this.allocate(n);
    for (const buffer of [this.cand, this.keyed, this.keyedWeight, this.bucketOf, this.order])
      buffer.fill(0);
    this.scored.fill(0);
    this.mask.fill(0);
    // Room for the head a broad scan with k ≤ 2,048 usually keeps (about HEAD_MARGIN × 4,097).
    this.ensureHead(HEAD_RESERVE);
    this.headRows.fill(0);
    this.headBounds.fill(0);
  }
  private allocate(size: number): void {
    this.cand = new Int32Array(size);
    this.keyed = new Float64Array(size);
    this.keyedWeight = new Float64Array(size);
    this.bucketOf = new Uint16Array(size);
    this.order = new Int32Array(size);
    this.scored = new Uint8Array(size);
    this.mask = new Uint8Array(size);
  }
}
const sharedScratch = new ScanScratch();

/**
 * Sizes the shared scan buffers for `rows` candidates (an index's row count) and writes each
 * page once, so that no ranking pays for them. Fresh memory costs ≈20–55 µs per 4 KB page on
 * a loaded VM (≈4 ms per MB of CPU time measured at seed scale): a broad product's first scan
 * otherwise grew the buffers to 4.6–8.8 MB inside the call (and the freed ones brought a
 * full garbage collection), the largest part of the slowest cold calls. The buffers are
 * kept, as they were once grown, so memory in use after a broad scan is unchanged. `codes`:
 * room for the tables of dense bound terms by code ({@link directRoom}, 8 bytes each).
 */
export function reserveScanBuffers(rows: number, codes = 0): void {
  if (sharedScratch.inUse) return;
  sharedScratch.reserve(rows);
  sharedScratch.reserveDirect(codes);
}

/**
 * The entries a scan's tables of dense bound terms by code (`addDirect4`) may need over
 * `columns`: the codes of every key and coded kernel factor's column.
 */
export function directRoom<S extends { id: string }>(
  plan: FastPlan<S, unknown>,
  columns: SubjectColumns<S>,
): number {
  let room = 0;
  for (const p of plan.factors) {
    if (p.kind === 'key') room += columns.dicts[p.key]!.size;
    else if (p.kind === 'kernel' && columns.numberCodes[p.column])
      room += columns.numberValues[p.column]!.length;
  }
  return room;
}

/**
 * Runs the scan's column loops that read no compiled target (candidates by code, eager and
 * lazy table bounds with and without per-candidate weights, finishing and bucketing bounds,
 * sampling and filtering by rule tables, filling rule tables and kernel memos) on `columns`
 * with throwaway tables, so that V8 has compiled them before the first ranking, for every
 * code column's array type and with two kernels (an optimised loop that inlined the one
 * kernel it saw was deoptimised by the first real one, in the first call):
 * a loop first met inside a cold call over 10⁵ candidates ran in the interpreter, boxing
 * every double (28 MB of garbage for one broad product at seed scale, and the scavenges it
 * brought). Every branch is taken (NaN and infinite bounds, passing and failing codes), so
 * real data does not deoptimise them. Results are unaffected: the buffers are scratch and
 * every table is local. Returns whether it ran: not when earlier full runs (over
 * {@link WARM_ROWS} rows) in this process covered each of the columns' forms ({@link warmForms}).
 */
export function warmScanLoops<S extends { id: string }>(columns: SubjectColumns<S>): boolean {
  if (sharedScratch.inUse) return false;
  const n = Math.min(columns.rowCount, WARM_ROWS);
  if (n === 0) return false;
  const forms = warmForms(columns);
  if (forms.every((f) => warmedForms.has(f))) return false;
  sharedScratch.ensure(n);
  // First every loop on a few rows of every column, so that each access has seen every array
  // type before any loop is hot: V8 compiles a hot loop in the background from the feedback it
  // has then, and a column type met later deoptimised it inside a ranking (a broad cold call
  // then ran its passes in the interpreter, 10–20 ms).
  warmRound(columns, Math.min(n, WARM_FEEDBACK_ROWS), 0);
  for (let round = 0; round < WARM_ROUNDS; round++) warmRound(columns, n, round);
  // Only a full warm-up makes the loops hot: one over fewer rows is repeated next time.
  if (n === WARM_ROWS) for (const f of forms) warmedForms.add(f);
  return true;
}

/**
 * The forms of `columns` the warmed loops take: each code column's and coded numeric column's
 * array type, whether each coded column's values are all small integers (an array V8 holds as
 * such: a loop optimised on one is deoptimised by the first fraction it reads), and whether
 * removed rows are masked. V8's type feedback and optimised code belong to the functions, not
 * to an index, so once a full warm-up has run on every form an index holds, warming the loops
 * for it again would only repeat optimised rounds (≈ 80–105 ms at seed scale, paid by a service
 * on every rebuild). Optimised code may still be dropped later (V8 deoptimises on its own
 * terms); the skip only assumes what a warm-up leaves usually lasts.
 */
function warmForms<S extends { id: string }>(columns: SubjectColumns<S>): string[] {
  const forms = columns.codes.map((c) => `code:${c.constructor.name}`);
  columns.numberCodes.forEach((c, i) => {
    if (!c) return;
    const values = columns.numberValues[i]!;
    const small = values.every((x) => (x | 0) === x);
    forms.push(`number:${c.constructor.name}`, `values:${small ? 'int' : 'double'}`);
  });
  forms.push(columns.size === columns.rowCount ? 'rows:all' : 'rows:masked');
  return forms;
}

/** The forms ({@link warmForms}) a full warm-up of {@link warmScanLoops} has run in this process. */
const warmedForms = new Set<string>();

/** One round of {@link warmScanLoops} over the first `n` rows. */
function warmRound<S extends { id: string }>(
  columns: SubjectColumns<S>,
  n: number,
  round: number,
): void {
  const scratch = sharedScratch;
  const { cand, keyed, keyedWeight } = scratch;
  const alive = columns.size === columns.rowCount ? null : columns.alive;
  {
    for (const codes of columns.codes) {
      let max = 0;
      for (let r = 0; r < n; r++) if (codes[r]! > max) max = codes[r]!;
      const pass = new Uint8Array(max + 1);
      const values = new Float64Array(max + 1);
      const direct = new Float64Array(2 * (max + 1));
      for (let c = 0; c <= max; c++) {
        pass[c] = c % 3 === 0 ? FAIL : PASS;
        values[c] = c % 5 === 0 ? NaN : (c % 7) / 7;
      }
      let m = candidatesByCode(pass, codes, alive, n, cand);
      if (m === 0) m = liveCandidates(null, columns.alive, n, cand);
      keyed.fill(0, 0, m);
      keyedWeight.fill(0, 0, m);
      boundEagerTable(cand, m, codes, values, 0.5, keyed, keyedWeight);
      boundEagerDense(cand, m, codes, values, 0.5, keyed);
      // Slots of a lazy table (8-bit) and of a coded kernel (16-bit), 0 = not yet computed.
      for (const slots of [new Uint8Array(max + 1), new Uint16Array(max + 1)]) {
        for (let c = 0; c <= max; c++) slots[c] = c % 4;
        boundLazyTable(cand, m, codes, values, slots, 0.25, 0.25, keyed, keyedWeight);
        boundSlotsDense(cand, m, codes, values, slots, 0.25, keyed);
        directFromSlots(slots, values, max + 1, 0.25, 0.5, direct, 0);
      }
      directFromTable(values, max + 1, 0.5, direct, max + 1);
      warmDirect(cand, m, direct, codes, max + 1, keyed);
      if (m > 1) keyedWeight[1] = 0;
      finishBounds(m, keyed, keyedWeight, 0.25, 0.5, 1, round % 2 === 0);
      if (m > 2) keyed[2] = Infinity;
      placeBuckets(m, scratch, bucketByBound(m, keyed, scratch, m >> 2));
      // A broad scan's head.
      boundedHead(m, cand, keyed, m >> 4, scratch);
      // Sampled (whole and fractional steps) and filtered by a rule's table, as a scan does.
      if (m > 1) {
        sampleKeyRule(cand, m, ORDER_SAMPLE, codes, pass);
        sampleKeyRule(cand, m - 1, ORDER_SAMPLE, codes, pass);
      }
      filterByPassTable(cand, m, codes, pass, KNOWN_STATES, 0, false);
      filterByTwoTables(cand, m, codes, pass, codes, pass);
      // Again with every other code not known yet: computed on the way.
      for (let c = 0; c <= max; c += 2) pass[c] = UNKNOWN;
      m = liveCandidates(null, columns.alive, n, cand);
      filterByPassTable(cand, m, codes, pass, warmStates(pass), 0, round % 2 === 0);
      for (let c = 0; c <= max; c++) pass[c] = c % 3 === 0 ? FAIL : PASS;
      // Failing rows marked from postings (of these rows alone, removed ones too), then the
      // unmarked rows.
      markFailing(pass, livePostings(codes, max + 1, n, null), scratch.mask);
      unmarkedRows(scratch.mask, alive, n, cand);
      scratch.mask.fill(0, 0, n);
    }
    // A coded kernel's values, filled into a new memo as a cold call fills them, and its rule.
    for (let c = 0; c < columns.numberCodes.length; c++) {
      const codes = columns.numberCodes[c];
      if (!codes) continue;
      const values = columns.numberValues[c]!;
      const kernel = WARM_KERNELS[(round + c) % WARM_KERNELS.length]!;
      const m = liveCandidates(null, columns.alive, n, cand);
      if (m < 2) continue;
      // Whole and fractional sampling steps.
      sampleKernelRule(cand, m, ORDER_SAMPLE, columns.numbers[c]!, kernel);
      sampleKernelRule(cand, m - 1, ORDER_SAMPLE, columns.numbers[c]!, kernel);
      const memo = new KernelMemo(null, '', values.length);
      memo.fill(cand, m, codes, kernel, values);
      const direct = new Float64Array(values.length);
      directFromSlots(
        memo.slots,
        memo.values,
        Math.min(memo.slots.length, values.length),
        0.5,
        0.5,
        direct,
        0,
      );
      warmDirect(cand, m, direct, codes, 0, keyed);
      const pass = new Uint8Array(values.length);
      passByKernel(values, pass, kernel);
      passByInterval(values, pass, values[0]!, values[values.length >> 1]!);
      filterByPassTable(cand, m, codes, pass, KNOWN_STATES, 0, true);
      filterByTwoTables(cand, m, codes, pass, codes, pass);
    }
  }
}

/** Runs the passes of dense terms by code (`addDirect4`) as a scan does, on one column. */
function warmDirect(
  cand: Int32Array,
  n: number,
  table: Float64Array,
  codes: CodeColumn,
  offset: number,
  keyed: Float64Array,
): void {
  addDirect4(cand, n, table, codes, 0, codes, offset, codes, 0, codes, offset, keyed);
  addDirect2(cand, n, table, codes, offset, codes, 0, keyed);
  addDirect1(cand, n, table, codes, offset, keyed);
}

/** Pass states computing (and recording in `table`) what {@link warmScanLoops}' rules decide. */
function warmStates(table: Uint8Array): PassStates {
  const pass = (_j: number, code: number) => (table[code] = code % 3 === 0 ? FAIL : PASS);
  return { rulePass: pass, kernelRulePass: pass };
}

/** Pass states of {@link warmScanLoops}' tables, which know every code. */
const KNOWN_STATES: PassStates = {
  rulePass: () => {
    throw new Error('warmScanLoops: every code of its table is known');
  },
  kernelRulePass: () => {
    throw new Error('warmScanLoops: every code of its table is known');
  },
};

/**
 * Kernels {@link warmScanLoops} fills memos with: two, so that the optimised fill calls a
 * kernel instead of inlining the one it saw (a real kernel would deoptimise it).
 */
const WARM_KERNELS = [(x: number): number => (x > 0 ? 1 / x : NaN), (x: number): number => x * 0.5];

/** Rows of {@link warmScanLoops}' first round: type feedback only, no loop hot yet. */
const WARM_FEEDBACK_ROWS = 8;
/**
 * Rows of each of {@link warmScanLoops}' {@link WARM_ROUNDS} rounds: with them, enough loop
 * iterations for V8 to optimise.
 *
 * @internal
 */
export const WARM_ROWS = 16384;
/** Rounds of {@link warmScanLoops} over {@link WARM_ROWS} rows. */
const WARM_ROUNDS = 4;

/**
 * The bound order of `keyed`'s first `n` entries as a scan builds it: `first` the candidate
 * indices {@link bucketByBound} places for `need` (its prefix of the order), `order` the whole
 * order once {@link placeBuckets} has placed the rest, and each candidate's bucket. For tests.
 *
 * @internal
 */
export function boundOrder(
  keyed: Float64Array,
  n: number,
  need: number,
): { first: Int32Array; order: Int32Array; bucketOf: Uint16Array } {
  const scratch = new ScanScratch();
  scratch.ensure(n);
  const last = bucketByBound(n, keyed, scratch, need);
  const placed = last === BOUND_BUCKETS - 1 ? n : scratch.bucketStart[last + 1]!;
  const first = scratch.order.slice(0, placed);
  placeBuckets(n, scratch, last);
  return { first, order: scratch.order.slice(0, n), bucketOf: scratch.bucketOf.slice(0, n) };
}

/**
 * The head {@link boundedHead} keeps of `n` candidates with bounds `keyed`: their indices, in
 * candidate order, its threshold and the largest bound left out; null when every candidate is
 * sorted. For tests.
 *
 * @internal
 */
export function boundHead(
  keyed: Float64Array,
  n: number,
  need: number,
): { rows: Int32Array; threshold: number; restMax: number } | null {
  const scratch = new ScanScratch();
  scratch.ensure(n);
  const cand = Int32Array.from({ length: n }, (_, i) => i);
  const head = boundedHead(n, cand, keyed, need, scratch);
  return (
    head && {
      rows: scratch.headRows.slice(0, head.count),
      threshold: head.threshold,
      restMax: head.restMax,
    }
  );
}

/**
 * The scan's column passes: candidate generation, the compacting filters (four rows per
 * iteration) and the sums of dense bound terms from tables by code. For tests, which hold them
 * to one-row-at-a-time loops.
 *
 * @internal
 */
export const scanPasses = {
  candidatesByCode,
  unmarkedRows,
  filterByPassTable,
  filterByTwoTables,
  filterByInterval,
  directFromSlots,
  directFromTable,
  addDirectTerms,
  /** Pass-table states: not computed yet, failed, passed. */
  states: { UNKNOWN, FAIL, PASS },
} as const;

/**
 * The shared scan buffers' candidate array (its length is their capacity). For tests.
 *
 * @internal
 */
export function scanBuffers(): Int32Array {
  return sharedScratch.cand;
}

/**
 * The best `k` live rows for a compiled target, best first (sort key, score, id) — the rows
 * and scores the reference ranking would give; null when a lazily computed factor value is
 * invalid (use the reference path). `keep` filters rows (prospect filters); `within`, when
 * given, holds every row `keep` can pass (ascending; e.g. the members of a filter's chains),
 * and candidates start from it when it is smaller than the lead rule's rows; `withinKey` names
 * that row set (the same key, the same rows) for the remembered scans ({@link ScanMemo}).
 *
 * Phases, column by column over a candidate list: (1) candidates from the postings of the
 * lead rule; (2) each other rule filters them (lazy tables filled on the way); (3) the eager
 * factor tables give each candidate an upper bound of its score; (4) for a weighted sum with
 * finite `k`, the `k` candidates of highest bound are scored exactly first, which sets a high
 * heap threshold, then every other candidate is scored only if its bound can beat it.
 */
export function rankSubjects<S extends { id: string }, T>(
  plan: FastPlan<S, T>,
  columns: SubjectColumns<S>,
  compiled: CompiledTarget<S, T>,
  k: number,
  keep?: (row: number) => boolean,
  within?: Int32Array | null,
  withinKey = '',
): RankedRow[] | null {
  if (compiled.invalid) return null;
  compiled.sync();
  const scratch = sharedScratch.inUse ? new ScanScratch() : sharedScratch;
  scratch.inUse = true;
  try {
    return scan(plan, columns, compiled, k, keep, within ?? null, withinKey, scratch);
  } finally {
    scratch.inUse = false;
  }
}

// The scan is split into small functions, one tight typed-array loop each, rather than one
// large function: V8 optimises a small loop within a few hundred iterations and in a
// millisecond or two, and a loop seeing a new code-column type or kernel deoptimises only
// itself. In one large function every such deoptimisation sent the whole scan back to the
// interpreter until a recompilation taking hundreds of milliseconds had finished (cold calls of
// 6–212 ms, first calls of 56–117 ms at seed scale).

/** The values of the factors for one row, into `values` (NaN: the factor abstains). */
class RowValues<S extends { id: string }, T> {
  readonly values: Float64Array;
  /**
   * Per factor: 1 eager key table, 2 lazily filled key table (its slots and values read from
   * the compiled target per row: computing a value may replace them), 3 coded kernel (its
   * value by code from its {@link KernelMemo}), 4 kernel, 5 vector, 6 one value for every
   * subject ({@link CompiledTarget.uniform}).
   */
  private readonly kind: Uint8Array;
  /** Per factor: its code column (key codes, or the value codes of a coded kernel's column). */
  private readonly codes: (CodeColumn | null)[];
  /** Per factor: its key or kernel table. */
  private readonly tables: (Float64Array | null)[];
  private readonly slots: (SlotTable | null)[];
  private readonly lazyValues: (Float64Array | null)[];

  constructor(
    private readonly plan: FastPlan<S, T>,
    private readonly columns: SubjectColumns<S>,
    private readonly compiled: CompiledTarget<S, T>,
  ) {
    const { factors } = plan;
    const n = factors.length;
    this.values = new Float64Array(n);
    this.kind = new Uint8Array(n);
    this.codes = [];
    this.tables = [];
    this.slots = compiled.slots;
    this.lazyValues = compiled.valueTables;
    for (let f = 0; f < n; f++) {
      const p = factors[f]!;
      let kind: number;
      let codes: CodeColumn | null = null;
      let table: Float64Array | null = null;
      if (compiled.isUniform[f]) {
        kind = 6;
        this.values[f] = compiled.uniform[f]!;
      } else if (p.kind === 'key') {
        kind = compiled.slots[f] ? 2 : 1;
        codes = columns.codes[p.key]!;
        table = compiled.valueTables[f]!;
      } else if (p.kind === 'kernel') {
        codes = columns.numberCodes[p.column] ?? null;
        kind = codes ? 3 : 4;
      } else kind = 5;
      this.kind[f] = kind;
      this.codes.push(codes);
      this.tables.push(table);
    }
  }

  /** Fills {@link RowValues.values} for `row` (lazy entries computed on the way). */
  of(row: number): void {
    const { values, kind, codes, tables, compiled } = this;
    for (let f = 0; f < values.length; f++) {
      const k = kind[f]!;
      if (k === 1) values[f] = tables[f]![codes[f]![row]!]!;
      else if (k === 2) {
        const code = codes[f]![row]!;
        const slot = this.slots[f]![code]!;
        values[f] = slot !== 0 ? this.lazyValues[f]![slot]! : compiled.factorValue(f, code);
      } else if (k === 3) values[f] = compiled.kernelFactorValue(f, codes[f]![row]!);
      else if (k === 4) values[f] = this.kernelValue(f, row);
      else if (k === 5) values[f] = this.vectorValue(f, row);
      // Rewritten per row like every other value: a strategy kernel may write to `values`.
      else values[f] = compiled.uniform[f]!;
    }
  }

  private kernelValue(f: number, row: number): number {
    const p = this.plan.factors[f] as { column: number };
    return this.compiled.factorKernels[f]!(this.columns.numbers[p.column]![row]!);
  }

  private vectorValue(f: number, row: number): number {
    const p = this.plan.factors[f] as Extract<FactorPlan<S, T>, { kind: 'vector' }>;
    const column = this.columns.vectors[p.vector]!;
    const tv = this.compiled.targetVectors[f] ?? null;
    return tv && column.length[row]! >= 0 ? p.hook.map(column.dot(row, tv)) : NaN;
  }
}

/** Rows holding a key that passes (`table`), counted from the postings' offsets. */
function passingRows(table: Uint8Array, offsets: Uint32Array): number {
  let count = 0;
  for (let i = 0; i < table.length; i++)
    if (table[i] === PASS) count += offsets[i + 1]! - offsets[i]!;
  return count;
}

/** Appends to `cand` the rows of the passing keys, key by key; returns the count. */
function candidatesFromPostings(table: Uint8Array, postings: Postings, cand: Int32Array): number {
  const { offsets, rows } = postings;
  let n = 0;
  for (let i = 0; i < table.length; i++) {
    if (table[i] !== PASS) continue;
    const end = offsets[i + 1]!;
    for (let p = offsets[i]!; p < end; p++) cand[n++] = rows[p]!;
  }
  return n;
}

/**
 * The live rows whose code passes `table` (complete: PASS or FAIL), in row order; returns the
 * count. Branch-free, as every filter below: each row is written at the end of the list and the
 * count advances by its verdict (PASS is 2, FAIL 1, so `state >>> 1`), since a verdict that is
 * hard to predict cost a mispredicted branch per row — 3–4× the time of the whole pass over a
 * broad candidate list (measured on Node 20). A row is written at index ≤ its own, so `cand`
 * needs room for one more entry than pass, up to `rowCount`.
 *
 * These passes handle four rows per iteration, reading all four before writing any (a filter
 * working in place writes at or before what it has read): in V8 (Node 20) the one-row loop,
 * whose every store waits on the count before it, took about twice as long (0.87 vs 0.41 ms
 * over 345,800 rows; a broad product's cold call 6.4 → 5.1 ms at seed scale).
 */
function candidatesByCode(
  table: Uint8Array,
  codes: CodeColumn,
  alive: Uint8Array | null,
  rowCount: number,
  cand: Int32Array,
): number {
  let n = 0;
  let r = 0;
  if (alive === null) {
    for (; r + 4 <= rowCount; r += 4) {
      const a = table[codes[r]!]! >>> 1;
      const b = table[codes[r + 1]!]! >>> 1;
      const c = table[codes[r + 2]!]! >>> 1;
      const d = table[codes[r + 3]!]! >>> 1;
      cand[n] = r;
      n += a;
      cand[n] = r + 1;
      n += b;
      cand[n] = r + 2;
      n += c;
      cand[n] = r + 3;
      n += d;
    }
    for (; r < rowCount; r++) {
      cand[n] = r;
      n += table[codes[r]!]! >>> 1;
    }
  } else {
    for (; r + 4 <= rowCount; r += 4) {
      const a = (table[codes[r]!]! >>> 1) & alive[r]!;
      const b = (table[codes[r + 1]!]! >>> 1) & alive[r + 1]!;
      const c = (table[codes[r + 2]!]! >>> 1) & alive[r + 2]!;
      const d = (table[codes[r + 3]!]! >>> 1) & alive[r + 3]!;
      cand[n] = r;
      n += a;
      cand[n] = r + 1;
      n += b;
      cand[n] = r + 2;
      n += c;
      cand[n] = r + 3;
      n += d;
    }
    for (; r < rowCount; r++) {
      cand[n] = r;
      n += (table[codes[r]!]! >>> 1) & alive[r]!;
    }
  }
  return n;
}

/**
 * When the scan reads every row anyway and its lead fails at most this fraction of the live
 * rows, its eager key rules (all failing as few: the lead fails the most) are applied by
 * marking their failing rows, from their postings, and keeping the unmarked rows in one pass:
 * marking a row costs about what testing one candidate does, and each such rule would be
 * tested on nearly every candidate. At seed scale a broad credit loan's lead and two other
 * key rules fail 3–6 % of the rows each.
 */
const FEW_FAILING_FRACTION = 0.25;

/**
 * The live rows not marked in `mask` (1 = marked), in row order; returns the count.
 * Branch-free, as {@link candidatesByCode}, whose pass through a two-entry table would give the
 * same rows with a load more per row (≈ 0.3 ms of a broad product's ≈ 8 ms cold call).
 */
function unmarkedRows(
  mask: Uint8Array,
  alive: Uint8Array | null,
  rowCount: number,
  cand: Int32Array,
): number {
  let n = 0;
  let r = 0;
  if (alive === null) {
    for (; r + 4 <= rowCount; r += 4) {
      const a = 1 - mask[r]!;
      const b = 1 - mask[r + 1]!;
      const c = 1 - mask[r + 2]!;
      const d = 1 - mask[r + 3]!;
      cand[n] = r;
      n += a;
      cand[n] = r + 1;
      n += b;
      cand[n] = r + 2;
      n += c;
      cand[n] = r + 3;
      n += d;
    }
    for (; r < rowCount; r++) {
      cand[n] = r;
      n += 1 - mask[r]!;
    }
  } else {
    for (; r + 4 <= rowCount; r += 4) {
      const a = alive[r]! & ~mask[r]!;
      const b = alive[r + 1]! & ~mask[r + 1]!;
      const c = alive[r + 2]! & ~mask[r + 2]!;
      const d = alive[r + 3]! & ~mask[r + 3]!;
      cand[n] = r;
      n += a;
      cand[n] = r + 1;
      n += b;
      cand[n] = r + 2;
      n += c;
      cand[n] = r + 3;
      n += d;
    }
    for (; r < rowCount; r++) {
      cand[n] = r;
      n += alive[r]! & ~mask[r]!;
    }
  }
  return n;
}

/** Marks (1) in `mask` the rows of every key failing `table` (complete: PASS or FAIL). */
function markFailing(table: Uint8Array, postings: Postings, mask: Uint8Array): void {
  const { offsets, rows } = postings;
  for (let i = 0; i < table.length; i++) {
    if (table[i] === PASS) continue;
    const end = offsets[i + 1]!;
    for (let p = offsets[i]!; p < end; p++) mask[rows[p]!] = 1;
  }
}

/** The live rows among `rows` (or all live rows when null), in order; returns the count. */
function liveCandidates(
  rows: Int32Array | null,
  alive: Uint8Array,
  rowCount: number,
  cand: Int32Array,
): number {
  let n = 0;
  if (rows !== null) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      cand[n] = r;
      n += alive[r]!;
    }
  } else {
    for (let r = 0; r < rowCount; r++) {
      cand[n] = r;
      n += alive[r]!;
    }
  }
  return n;
}

/** How many of `samples` evenly spaced candidates pass key rule `table` (computed entries only). */
function sampleKeyRule(
  cand: Int32Array,
  n: number,
  samples: number,
  codes: CodeColumn,
  table: Uint8Array,
): number {
  const step = n / samples;
  let passed = 0;
  for (let s = 0; s < samples; s++)
    if (table[codes[cand[Math.floor(s * step)]!]!] === PASS) passed++;
  return passed;
}

/** How many of `samples` evenly spaced candidates pass a kernel rule. */
function sampleKernelRule(
  cand: Int32Array,
  n: number,
  samples: number,
  numbers: Float64Array,
  kernel: (x: number) => number,
): number {
  const step = n / samples;
  let passed = 0;
  for (let s = 0; s < samples; s++)
    if (kernel(numbers[cand[Math.floor(s * step)]!]!) !== 0) passed++;
  return passed;
}

/** Computes a rule's pass state for a key id or value code its table does not know yet. */
interface PassStates {
  /** Key rule `j`'s state for key id `code` ({@link CompiledTarget.rulePass}). */
  rulePass(j: number, code: number): number;
  /** Kernel rule `j`'s state for value code `code` ({@link CompiledTarget.kernelRulePass}). */
  kernelRulePass(j: number, code: number): number;
}

/**
 * Keeps the candidates whose code passes rule `j` by its pass table: key ids of a key rule,
 * value codes of a kernel rule on a coded column (`kernel`). Entries not known yet are computed
 * on the way; returns the count.
 */
function filterByPassTable(
  cand: Int32Array,
  n: number,
  codes: CodeColumn,
  table: Uint8Array,
  states: PassStates,
  j: number,
  kernel: boolean,
): number {
  let m = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = cand[i]!;
    const r1 = cand[i + 1]!;
    const r2 = cand[i + 2]!;
    const r3 = cand[i + 3]!;
    let s0 = table[codes[r0]!]!;
    let s1 = table[codes[r1]!]!;
    let s2 = table[codes[r2]!]!;
    let s3 = table[codes[r3]!]!;
    if (s0 === UNKNOWN || s1 === UNKNOWN || s2 === UNKNOWN || s3 === UNKNOWN) {
      // In order, each read after the one before was computed (they may share a code).
      s0 = passState(codes[r0]!, table, states, j, kernel);
      s1 = passState(codes[r1]!, table, states, j, kernel);
      s2 = passState(codes[r2]!, table, states, j, kernel);
      s3 = passState(codes[r3]!, table, states, j, kernel);
    }
    cand[m] = r0;
    m += s0 >>> 1;
    cand[m] = r1;
    m += s1 >>> 1;
    cand[m] = r2;
    m += s2 >>> 1;
    cand[m] = r3;
    m += s3 >>> 1;
  }
  for (; i < n; i++) {
    const row = cand[i]!;
    cand[m] = row;
    m += passState(codes[row]!, table, states, j, kernel) >>> 1;
  }
  return m;
}

/**
 * Code `code`'s state in rule `j`'s pass table, computed when not known yet. A function of its
 * own, not a closure inside {@link filterByPassTable}: V8 (Node 20) deoptimised the filter on
 * every call at a closure's accesses, whose type feedback it never kept.
 */
function passState(
  code: number,
  table: Uint8Array,
  states: PassStates,
  j: number,
  kernel: boolean,
): number {
  const state = table[code]!;
  if (state !== UNKNOWN) return state;
  return kernel ? states.kernelRulePass(j, code) : states.rulePass(j, code);
}

/** Keeps the candidates whose codes pass both tables (each complete: PASS or FAIL). */
function filterByTwoTables(
  cand: Int32Array,
  n: number,
  a: CodeColumn,
  ta: Uint8Array,
  b: CodeColumn,
  tb: Uint8Array,
): number {
  let m = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = cand[i]!;
    const r1 = cand[i + 1]!;
    const r2 = cand[i + 2]!;
    const r3 = cand[i + 3]!;
    const k0 = (ta[a[r0]!]! >>> 1) & (tb[b[r0]!]! >>> 1);
    const k1 = (ta[a[r1]!]! >>> 1) & (tb[b[r1]!]! >>> 1);
    const k2 = (ta[a[r2]!]! >>> 1) & (tb[b[r2]!]! >>> 1);
    const k3 = (ta[a[r3]!]! >>> 1) & (tb[b[r3]!]! >>> 1);
    cand[m] = r0;
    m += k0;
    cand[m] = r1;
    m += k1;
    cand[m] = r2;
    m += k2;
    cand[m] = r3;
    m += k3;
  }
  for (; i < n; i++) {
    const row = cand[i]!;
    cand[m] = row;
    m += (ta[a[row]!]! >>> 1) & (tb[b[row]!]! >>> 1);
  }
  return m;
}

/** Fills `table` with the pass state of each value: in [min, max]. */
function passByInterval(values: readonly number[], table: Uint8Array, min: number, max: number) {
  for (let code = 0; code < values.length; code++) {
    const x = values[code]!;
    table[code] = x >= min && x <= max ? PASS : FAIL;
  }
}

/** Fills `table`'s unknown entries with the pass state of each value under `kernel`. */
function passByKernel(values: readonly number[], table: Uint8Array, kernel: (x: number) => number) {
  for (let code = 0; code < values.length; code++) {
    if (table[code] === UNKNOWN) table[code] = kernel(values[code]!) !== 0 ? PASS : FAIL;
  }
}

/**
 * The rows changed since `memo`'s scan (possibly repeated; none when the columns kept its
 * version), or null when a walk of it cannot take them on: not known (a compaction renumbered
 * the rows, or the change log forgot them) or more than {@link MEMO_PATCH_LIMIT}.
 */
function memoChanges<S extends { id: string }>(
  columns: SubjectColumns<S>,
  memo: ScanMemo,
): readonly number[] | null {
  if (memo.version === columns.version) return NO_ROWS;
  return memoPatchable(columns, memo) ? columns.changedSince(memo.version) : null;
}

/** Whether {@link memoChanges} gives rows for `memo` (without copying them). */
function memoPatchable<S extends { id: string }>(
  columns: SubjectColumns<S>,
  memo: ScanMemo,
): boolean {
  const count = columns.changeCountSince(memo.version);
  return count !== null && count <= MEMO_PATCH_LIMIT;
}

const NO_ROWS: readonly number[] = [];

/**
 * Keeps the first `n` candidates passing rule `j` of the target; returns the count. A key rule
 * through its pass table (computed on the way); a kernel rule through its interval when it has
 * one and the candidates are no more than the column's distinct values (or it is not coded),
 * else through its pass table over the coded values (the kernel once per distinct value when
 * the candidates outnumber them), else the kernel row by row.
 */
function filterByRule<S extends { id: string }, T>(
  columns: SubjectColumns<S>,
  compiled: CompiledTarget<S, T>,
  rules: FastPlan<S, T>['rules'],
  j: number,
  cand: Int32Array,
  n: number,
): number {
  const r = rules[j]!;
  if (r.kind === 'key')
    return filterByPassTable(
      cand,
      n,
      columns.codes[r.key]!,
      compiled.passTables[j]!,
      compiled,
      j,
      false,
    );
  const codes = columns.numberCodes[r.column];
  if (compiled.ruleIntervals[j] && (!codes || n <= columns.numberValues[r.column]!.length)) {
    const [min, max] = compiled.ruleIntervals[j]!;
    return filterByInterval(cand, n, columns.numbers[r.column]!, min, max);
  }
  if (codes) {
    // A coded column: the kernel once per distinct value, then table lookups.
    if (n > columns.numberValues[r.column]!.length) compiled.kernelRulePassAll(j);
    return filterByPassTable(cand, n, codes, compiled.kernelPassTables[j]!, compiled, j, true);
  }
  return filterByKernelRule(cand, n, columns.numbers[r.column]!, compiled.ruleKernels[j]!);
}

/**
 * Keeps the candidates passing every rule of the target, each through {@link filterByRule} as
 * the scan filters it; returns the count. For a short list (the rows changed since a
 * remembered scan): no lead rule, no ordering.
 */
function filterByEveryRule<S extends { id: string }, T>(
  plan: FastPlan<S, T>,
  columns: SubjectColumns<S>,
  compiled: CompiledTarget<S, T>,
  cand: Int32Array,
  n: number,
): number {
  for (let j = 0; j < plan.rules.length && n > 0; j++)
    if (!compiled.unconstrained[j]) n = filterByRule(columns, compiled, plan.rules, j, cand, n);
  return n;
}

/** Keeps the candidates whose value lies in [min, max]; returns the count. */
function filterByInterval(
  cand: Int32Array,
  n: number,
  numbers: Float64Array,
  min: number,
  max: number,
): number {
  let m = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = cand[i]!;
    const r1 = cand[i + 1]!;
    const r2 = cand[i + 2]!;
    const r3 = cand[i + 3]!;
    const x0 = numbers[r0]!;
    const x1 = numbers[r1]!;
    const x2 = numbers[r2]!;
    const x3 = numbers[r3]!;
    cand[m] = r0;
    m += Number(x0 >= min) & Number(x0 <= max);
    cand[m] = r1;
    m += Number(x1 >= min) & Number(x1 <= max);
    cand[m] = r2;
    m += Number(x2 >= min) & Number(x2 <= max);
    cand[m] = r3;
    m += Number(x3 >= min) & Number(x3 <= max);
  }
  for (; i < n; i++) {
    const row = cand[i]!;
    const x = numbers[row]!;
    cand[m] = row;
    m += Number(x >= min) & Number(x <= max);
  }
  return m;
}

/** Keeps the candidates whose value passes `kernel`; returns the count. */
function filterByKernelRule(
  cand: Int32Array,
  n: number,
  numbers: Float64Array,
  kernel: (x: number) => number,
): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const row = cand[i]!;
    const pass = kernel(numbers[row]!) !== 0;
    cand[m] = row;
    m += Number(pass);
  }
  return m;
}

/** Whether `values` holds a NaN (a lazy table's values: a handful of slots). */
function hasNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}

/** Keeps the candidates `keep` passes; returns the count. */
function filterByPredicate(cand: Int32Array, n: number, keep: (row: number) => boolean): number {
  let m = 0;
  for (let i = 0; i < n; i++) if (keep(cand[i]!)) cand[m++] = cand[i]!;
  return m;
}

/** Adds `w` × an eager table's value to each candidate's bound (abstentions add nothing). */
function boundEagerTable(
  cand: Int32Array,
  n: number,
  codes: CodeColumn,
  table: Float64Array,
  w: number,
  keyed: Float64Array,
  keyedWeight: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const v = table[codes[cand[i]!]!]!;
    if (v === v) {
      keyed[i] = keyed[i]! + w * v;
      keyedWeight[i] = keyedWeight[i]! + w;
    }
  }
}

/**
 * Adds a lazily filled table's term: its value where computed (`values[slots[code]]`), else
 * `unknown` (w × its maximum).
 */
function boundLazyTable(
  cand: Int32Array,
  n: number,
  codes: CodeColumn,
  values: Float64Array,
  slots: SlotTable,
  w: number,
  unknown: number,
  keyed: Float64Array,
  keyedWeight: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const slot = slots[codes[cand[i]!]!]!;
    if (slot === 0) {
      keyed[i] = keyed[i]! + unknown;
      keyedWeight[i] = keyedWeight[i]! + w;
      continue;
    }
    const v = values[slot]!;
    if (v === v) {
      keyed[i] = keyed[i]! + w * v;
      keyedWeight[i] = keyedWeight[i]! + w;
    }
  }
}

/**
 * Components of a subject vector up to which a vector factor enters a scan's bounds exactly:
 * the outcome-learned factors' vectors have one per feature (`targetProfile`, 13 at seed
 * scale) or a handful (`repeatPartner`); an LSA text embedding has every one of its
 * dimensions (100 by default) and enters at its maximum.
 */
export const EXACT_BOUND_COMPONENTS = 64;

/**
 * Whether the first of the candidates with a subject vector has more than
 * {@link EXACT_BOUND_COMPONENTS} components. False when none has a vector: the factor then
 * abstains for every candidate, which its exact term says.
 */
function wideVectors(column: VectorColumn, cand: Int32Array, n: number): boolean {
  const { length } = column;
  for (let i = 0; i < n; i++) {
    const components = length[cand[i]!]!;
    if (components >= 0) return components > EXACT_BOUND_COMPONENTS;
  }
  return false;
}

/**
 * Adds `w` × a vector factor's value to each candidate's bound: `map` of its subject vector's
 * dot product with the target's, as a row's score computes it (a missing subject vector
 * abstains).
 */
function boundVector(
  cand: Int32Array,
  n: number,
  column: VectorColumn,
  tv: Float32Array,
  hook: { map(dot: number): number },
  w: number,
  keyed: Float64Array,
  keyedWeight: Float64Array,
): void {
  const { length } = column;
  for (let i = 0; i < n; i++) {
    const row = cand[i]!;
    if (length[row]! < 0) continue;
    const v = hook.map(column.dot(row, tv));
    if (v === v) {
      keyed[i] = keyed[i]! + w * v;
      keyedWeight[i] = keyedWeight[i]! + w;
    }
  }
}

/** Adds `w` × an eager table's value to each candidate's bound: a table with no abstention. */
function boundEagerDense(
  cand: Int32Array,
  n: number,
  codes: CodeColumn,
  table: Float64Array,
  w: number,
  keyed: Float64Array,
): void {
  for (let i = 0; i < n; i++) keyed[i] = keyed[i]! + w * table[codes[cand[i]!]!]!;
}

/**
 * Adds `w` × a slot table's value to each candidate's bound: a table with no abstention whose
 * `values[0]` stands for an entry not computed (its maximum), or none of whose candidates'
 * entries is 0.
 */
function boundSlotsDense(
  cand: Int32Array,
  n: number,
  codes: CodeColumn,
  values: Float64Array,
  slots: SlotTable,
  w: number,
  keyed: Float64Array,
): void {
  for (let i = 0; i < n; i++) keyed[i] = keyed[i]! + w * values[slots[codes[cand[i]!]!]!]!;
}

/**
 * Fills `out[offset + c]`, for each code `c` below `size`, with `w` × its value in a slot table
 * (`values[slots[c]]`), or `unknown` where its slot is 0 (not computed).
 */
function directFromSlots(
  slots: SlotTable,
  values: Float64Array,
  size: number,
  w: number,
  unknown: number,
  out: Float64Array,
  offset: number,
): void {
  for (let c = 0; c < size; c++) {
    const slot = slots[c]!;
    if (slot === 0) out[offset + c] = unknown;
    else out[offset + c] = w * values[slot]!;
  }
}

/** Fills `out[offset + c]`, for each code `c` below `size`, with `w` × `table[c]`. */
function directFromTable(
  table: Float64Array,
  size: number,
  w: number,
  out: Float64Array,
  offset: number,
): void {
  for (let c = 0; c < size; c++) out[offset + c] = w * table[c]!;
}

/**
 * Adds four terms to each candidate's bound, each read from `table` at its offset plus the
 * candidate's code in its column (see {@link directFromSlots}).
 */
function addDirect4(
  cand: Int32Array,
  n: number,
  table: Float64Array,
  a: CodeColumn,
  oa: number,
  b: CodeColumn,
  ob: number,
  c: CodeColumn,
  oc: number,
  d: CodeColumn,
  od: number,
  keyed: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const r = cand[i]!;
    keyed[i] =
      keyed[i]! + table[oa + a[r]!]! + table[ob + b[r]!]! + table[oc + c[r]!]! + table[od + d[r]!]!;
  }
}

/**
 * Adds every term (`codes[t]`, its table at `offsets[t]` in `table`) to each candidate's bound:
 * four per pass, then two, then one.
 */
function addDirectTerms(
  cand: Int32Array,
  n: number,
  table: Float64Array,
  codes: readonly CodeColumn[],
  offsets: readonly number[],
  keyed: Float64Array,
): void {
  let t = 0;
  for (; t + 4 <= codes.length; t += 4) {
    addDirect4(
      cand,
      n,
      table,
      codes[t]!,
      offsets[t]!,
      codes[t + 1]!,
      offsets[t + 1]!,
      codes[t + 2]!,
      offsets[t + 2]!,
      codes[t + 3]!,
      offsets[t + 3]!,
      keyed,
    );
  }
  for (; t + 2 <= codes.length; t += 2)
    addDirect2(cand, n, table, codes[t]!, offsets[t]!, codes[t + 1]!, offsets[t + 1]!, keyed);
  if (t < codes.length) addDirect1(cand, n, table, codes[t]!, offsets[t]!, keyed);
}

/** {@link addDirect4} for two terms. */
function addDirect2(
  cand: Int32Array,
  n: number,
  table: Float64Array,
  a: CodeColumn,
  oa: number,
  b: CodeColumn,
  ob: number,
  keyed: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const r = cand[i]!;
    keyed[i] = keyed[i]! + table[oa + a[r]!]! + table[ob + b[r]!]!;
  }
}

/** {@link addDirect4} for one term. */
function addDirect1(
  cand: Int32Array,
  n: number,
  table: Float64Array,
  a: CodeColumn,
  oa: number,
  keyed: Float64Array,
): void {
  for (let i = 0; i < n; i++) keyed[i] = keyed[i]! + table[oa + a[cand[i]!]!]!;
}

/** Adds an uncoded kernel factor's term. */
function boundKernel(
  cand: Int32Array,
  n: number,
  numbers: Float64Array,
  kernel: (x: number) => number,
  w: number,
  keyed: Float64Array,
  keyedWeight: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const v = kernel(numbers[cand[i]!]!);
    if (v === v) {
      keyed[i] = keyed[i]! + w * v;
      keyedWeight[i] = keyedWeight[i]! + w;
    }
  }
}

/**
 * Turns the summed terms into each candidate's bound (1e-9 absorbs rounding of the exact sum;
 * NaN, no weight at all, bounds nothing: Infinity).
 *
 * One loop per denominator, and each store a plain double: in V8 (Node 20) a conditional
 * choosing between a computed double and a constant (`… : Infinity`, or the `totalWeight`
 * parameter) stored into a typed array boxed every value as a heap number — about 0.5 MB of
 * garbage per broad product's scan, and the collections that brought into cold calls.
 */
function finishBounds(
  n: number,
  keyed: Float64Array,
  keyedWeight: Float64Array,
  slack: number,
  slackWeight: number,
  totalWeight: number,
  redistribute: boolean,
): void {
  if (redistribute) {
    for (let i = 0; i < n; i++) {
      const bound = (keyed[i]! + slack) / (keyedWeight[i]! + slackWeight);
      if (bound === bound) keyed[i] = bound + 1e-9;
      else keyed[i] = Infinity;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const bound = (keyed[i]! + slack) / totalWeight;
      if (bound === bound) keyed[i] = bound + 1e-9;
      else keyed[i] = Infinity;
    }
  }
}

/**
 * Orders the candidates by descending bound into {@link BOUND_BUCKETS} buckets (a counting
 * sort): `bucketStart`/`bucketMax` each bucket's start and highest bound, `bucketOf` each
 * candidate's bucket, and `order` the candidate indices bucket by bucket — of the top buckets
 * only, down to the first at which their running count reaches `need` (a pruned scan of a broad
 * product reads ≈ 100 of 10⁵; writing every index out of order was most of the sort).
 * Returns the last bucket placed; {@link placeBuckets} places the others.
 */
function bucketByBound(n: number, keyed: Float64Array, scratch: ScanScratch, need: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const b = keyed[i]!;
    if (b < lo) lo = b;
    if (b > hi && b !== Infinity) hi = b;
  }
  const top = BOUND_BUCKETS - 1;
  const scale = hi > lo ? top / (hi - lo) : 0;
  const { bucketOf, order, bucketStart, bucketMax, bucketFill: fill } = scratch;
  bucketStart.fill(0);
  bucketMax.fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const b = keyed[i]!;
    // Position from the top: 0 holds the highest bounds (and the unbounded ones).
    const q = b === Infinity ? 0 : top - Math.min(top, Math.floor((b - lo) * scale));
    bucketOf[i] = q;
    bucketStart[q + 1]!++;
    if (b > bucketMax[q]!) bucketMax[q] = b;
  }
  for (let q = 0; q < top; q++) bucketStart[q + 1]! += bucketStart[q]!;
  fill.set(bucketStart.subarray(0, BOUND_BUCKETS));
  let last = 0;
  while (last < top && bucketStart[last + 1]! < need) last++;
  if (last === top) for (let i = 0; i < n; i++) order[fill[bucketOf[i]!]!++] = i;
  else
    for (let i = 0; i < n; i++) {
      const q = bucketOf[i]!;
      if (q <= last) order[fill[q]!++] = i;
    }
  return last;
}

/**
 * The head of a pruned scan over many candidates (more than {@link HEAD_MIN_FACTOR} × `need`):
 * the candidates whose bound is at least a threshold, copied in candidate order into
 * `scratch.headRows`/`headBounds`. The threshold is read from {@link HEAD_SAMPLE} evenly
 * spaced candidates' bounds, sorted: the one with {@link HEAD_MARGIN} × `need` / `n` of the
 * sample above it, so that about {@link HEAD_MARGIN} × `need` candidates reach it. Returns the
 * head's size, the threshold and `restMax`, the largest bound left out (below the threshold;
 * −∞ when none); null (sort every candidate) when there are too few candidates or the head
 * would hold more than half of them. Exact whatever the sample, which decides only how many
 * the head holds.
 */
function boundedHead(
  n: number,
  cand: Int32Array,
  keyed: Float64Array,
  need: number,
  scratch: ScanScratch,
): { count: number; threshold: number; restMax: number } | null {
  if (n <= HEAD_MIN_FACTOR * need) return null;
  const sample = scratch.headSample;
  const step = n / HEAD_SAMPLE;
  for (let s = 0; s < HEAD_SAMPLE; s++) sample[s] = keyed[Math.floor(s * step)]!;
  sample.sort();
  const above = Math.ceil((HEAD_SAMPLE * HEAD_MARGIN * need) / n);
  const threshold = sample[HEAD_SAMPLE - 1 - above]!;
  // Candidate indices at or above the threshold, into `order` (free until the bound sort),
  // branch-free; the largest bound below it on the way.
  const picked = scratch.order;
  let m = 0;
  let restMax = -Infinity;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const b0 = keyed[i]!;
    const b1 = keyed[i + 1]!;
    const b2 = keyed[i + 2]!;
    const b3 = keyed[i + 3]!;
    picked[m] = i;
    m += Number(b0 >= threshold);
    picked[m] = i + 1;
    m += Number(b1 >= threshold);
    picked[m] = i + 2;
    m += Number(b2 >= threshold);
    picked[m] = i + 3;
    m += Number(b3 >= threshold);
    if (b0 < threshold && b0 > restMax) restMax = b0;
    if (b1 < threshold && b1 > restMax) restMax = b1;
    if (b2 < threshold && b2 > restMax) restMax = b2;
    if (b3 < threshold && b3 > restMax) restMax = b3;
  }
  for (; i < n; i++) {
    const b = keyed[i]!;
    picked[m] = i;
    m += Number(b >= threshold);
    if (b < threshold && b > restMax) restMax = b;
  }
  if (m * 2 > n) return null;
  copyPicked(m, cand, keyed, scratch);
  return { count: m, threshold, restMax };
}

/**
 * Copies the rows and bounds of the `m` candidates picked into `scratch.order` into
 * `scratch.headRows`/`headBounds`.
 */
function copyPicked(m: number, cand: Int32Array, keyed: Float64Array, scratch: ScanScratch): void {
  const picked = scratch.order;
  scratch.ensureHead(m);
  const { headRows, headBounds } = scratch;
  for (let p = 0; p < m; p++) {
    const i = picked[p]!;
    headRows[p] = cand[i]!;
    headBounds[p] = keyed[i]!;
  }
}

/** Places in `order` the candidates of the buckets after `last` (see {@link bucketByBound}). */
function placeBuckets(n: number, scratch: ScanScratch, last: number): void {
  const { bucketOf, order, bucketFill: fill } = scratch;
  for (let i = 0; i < n; i++) {
    const q = bucketOf[i]!;
    if (q > last) order[fill[q]!++] = i;
  }
}

function scan<S extends { id: string }, T>(
  plan: FastPlan<S, T>,
  columns: SubjectColumns<S>,
  compiled: CompiledTarget<S, T>,
  k: number,
  keep: ((row: number) => boolean) | undefined,
  within: Int32Array | null,
  withinKey: string,
  scratch: ScanScratch,
): RankedRow[] | null {
  const { rules, factors, weights, sides, strategy } = plan;
  const nRules = rules.length;
  const nFactors = factors.length;
  const { passTables, valueTables, slots, ruleKernels, factorKernels, eagerRules } = compiled;
  const rowValues = new RowValues(plan, columns, compiled);
  const values = rowValues.values;

  // A repeated call walks the bound order remembered by an earlier full scan (ScanMemo):
  // exact when it stops at a bound below the heap's threshold, else the full scan follows.
  // With a weighted sum and a finite k, `keep` is tested only on the rows about to be scored,
  // so the scan's candidates and bound order do not depend on it and are remembered per
  // candidate set (`withinKey`), whatever the filter's other criteria.
  const deferKeep =
    strategy !== null && strategy.additive !== undefined && scoresAlone(plan) && Number.isFinite(k);
  const memoKey = within === null ? '' : withinKey;
  const memo = deferKeep ? compiled.memos.get(memoKey) : undefined;
  const changed = memo === undefined ? null : memoChanges(columns, memo);
  if (memo !== undefined && changed !== null && strategy !== null) {
    const heap = new TopK(k, columns.tieRank());
    // Rows changed since the memo's scan: their entries are skipped (marked in `skip`), and
    // each that is now a candidate (live, passing every rule and `keep`) is scored here. The
    // other entries hold: a row's bound and score depend on its own values alone.
    let skip: Uint8Array | null = null;
    if (changed.length > 0) {
      scratch.ensure(columns.rowCount);
      skip = scratch.mask;
    }
    try {
      if (skip !== null) {
        const cand = scratch.cand;
        let n = 0;
        for (const row of changed) {
          if (skip[row]) continue;
          skip[row] = 1;
          if (columns.alive[row]) cand[n++] = row;
        }
        n = filterByEveryRule(plan, columns, compiled, cand, n);
        for (let i = 0; i < n; i++) {
          const row = cand[i]!;
          if (keep && !keep(row)) continue;
          rowValues.of(row);
          if (compiled.invalid) return null;
          heap.push(strategy.score(values, weights, sides), row);
        }
      }
      const { rows, bounds, ceilings, scored } = memo;
      let j = 0;
      for (; j < rows.length; j++) {
        const threshold = heap.threshold;
        if (ceilings[j]! < threshold) break;
        const bound = bounds[j]!;
        if (bound < threshold) continue;
        const row = rows[j]!;
        if (skip !== null && skip[row]) continue;
        if (keep && !keep(row)) continue;
        if (scored[j]) {
          heap.push(bound, row);
          continue;
        }
        rowValues.of(row);
        if (compiled.invalid) return null;
        const score = strategy.score(values, weights, sides);
        bounds[j] = score;
        scored[j] = 1;
        heap.push(score, row);
      }
      if (j < rows.length || memo.rest < heap.threshold) return drained(heap);
      // The walk could not answer: the full scan below remembers its own order when it can;
      // a memo of an earlier version, which it would not replace then, goes now.
      if (changed.length > 0) compiled.memos.delete(memoKey);
    } finally {
      // The mask is zero between scans.
      if (skip !== null) for (const row of changed) skip[row] = 0;
    }
  }
  // (1) Candidate generation: the eager key rule whose passing keys cover the fewest rows.
  // The row counts of the eager rules also order the filters, most selective first.
  let lead = -1;
  let leadCount = Infinity;
  const passCount = new Float64Array(nRules).fill(Infinity);
  // Rules that pass every live row filter nothing: skipped (a kernel that constrains nothing
  // for this target is known to at once).
  const vacuous = Uint8Array.from(compiled.unconstrained);
  for (let j = 0; j < nRules; j++) {
    const table = passTables[j];
    if (!table || !eagerRules[j]) continue;
    const count = passingRows(table, columns.postings((rules[j] as { key: number }).key).offsets);
    passCount[j] = count;
    if (count === columns.size) vacuous[j] = 1;
    if (count < leadCount) {
      leadCount = count;
      lead = j;
    }
  }
  // A lead passing every live row selects nothing: take the live rows directly.
  if (lead >= 0 && vacuous[lead]) lead = -1;
  // Rules applied while generating the candidates (below): not filtered again.
  const applied = new Uint8Array(nRules);
  const rowCount = columns.rowCount;
  // Rows given by the caller (a filter's members) lead when fewer than the lead rule's; the
  // lead rule then filters them like the others.
  const fromWithin = within !== null && (lead < 0 || within.length < leadCount);
  if (fromWithin) lead = -1;
  // Rows from the lead's postings need room for its passing rows; a pass over every row may
  // write one entry past its last passing row (below rowCount) and mark any row
  // (`scratch.mask`).
  const fromPostings = !fromWithin && lead >= 0 && leadCount * SEQUENTIAL_SCAN_FRACTION < rowCount;
  scratch.ensure(
    fromWithin ? within.length : fromPostings ? Math.min(leadCount + 1, rowCount) : rowCount,
  );
  const cand = scratch.cand;
  let n: number;
  if (fromWithin) n = liveCandidates(within, columns.alive, rowCount, cand);
  else if (fromPostings) {
    const key = (rules[lead] as { key: number }).key;
    n = candidatesFromPostings(passTables[lead]!, columns.postings(key), cand);
  } else {
    const alive = columns.size === rowCount ? null : columns.alive;
    // A lead failing few rows (FEW_FAILING_FRACTION): every eager key rule marks the rows it
    // fails, from its postings, and one sequential pass keeps the unmarked rows. A broad
    // product's rules that pass nearly every row then cost what they reject, not a filter
    // pass over every candidate each.
    if (lead >= 0 && columns.size - leadCount <= FEW_FAILING_FRACTION * columns.size) {
      const mask = scratch.mask;
      for (let j = 0; j < nRules; j++) {
        const r = rules[j]!;
        if (r.kind !== 'key' || !eagerRules[j] || vacuous[j]) continue;
        markFailing(passTables[j]!, columns.postings(r.key), mask);
        applied[j] = 1;
      }
      n = unmarkedRows(mask, alive, rowCount, cand);
      mask.fill(0, 0, rowCount);
      lead = -1;
    } else if (lead >= 0) {
      // A lead covering much of the index: one sequential pass, rows stay in memory order;
      // without tombstones the code column alone decides.
      const codes = columns.codes[(rules[lead] as { key: number }).key]!;
      n = candidatesByCode(passTables[lead]!, codes, alive, rowCount, cand);
    } else n = liveCandidates(null, columns.alive, rowCount, cand);
  }
  // (2) The other rules, one column at a time: eager key rules by selectivity, then kernel
  // rules, then lazily filled ones (fewest rows left to fill them for).
  // With many candidates, the eager and kernel rules are ordered by their pass rate measured on
  // an evenly spaced sample of the candidates (a kernel call counted as twice a table lookup),
  // so the most selective filter, whatever its kind, shrinks the list first.
  if (n > ADAPTIVE_ORDER_MIN) {
    for (let j = 0; j < nRules; j++) {
      const r = rules[j]!;
      if (j === lead || vacuous[j] || applied[j] || (r.kind === 'key' && !eagerRules[j])) continue;
      const passed =
        r.kind === 'key'
          ? sampleKeyRule(cand, n, ORDER_SAMPLE, columns.codes[r.key]!, passTables[j]!)
          : sampleKernelRule(cand, n, ORDER_SAMPLE, columns.numbers[r.column]!, ruleKernels[j]!);
      // A kernel rule passing the whole sample may pass every live row (checked once per
      // version of the columns); a failing sample row proves it does not.
      if (r.kind === 'kernel' && passed === ORDER_SAMPLE && compiled.passesAll(j)) {
        vacuous[j] = 1;
        continue;
      }
      // Expected cost per candidate of this filter and the rows it leaves, as one rank.
      // A kernel call counts twice a lookup; an interval's inline comparison once.
      const cost = r.kind === 'kernel' && !compiled.ruleIntervals[j] ? 2 : 1;
      passCount[j] = cost / Math.max(1e-3, 1 - passed / ORDER_SAMPLE);
    }
  }
  const adaptive = n > ADAPTIVE_ORDER_MIN;
  const order = Array.from(rules.keys())
    .filter((j) => j !== lead && !vacuous[j] && !applied[j])
    .sort((a, b) => filterRank(a) - filterRank(b) || passCount[a]! - passCount[b]! || a - b);
  function filterRank(j: number): number {
    if (rules[j]!.kind === 'kernel') return adaptive ? 0 : 1;
    return eagerRules[j] ? 0 : 2;
  }
  // Two filters in a row whose tables know every code are applied in one pass (`pending`).
  let pendingCodes: CodeColumn | null = null;
  let pendingTable: Uint8Array | null = null;
  const complete = (codes: CodeColumn, table: Uint8Array): void => {
    if (pendingCodes === null) {
      pendingCodes = codes;
      pendingTable = table;
      return;
    }
    n = filterByTwoTables(cand, n, pendingCodes, pendingTable!, codes, table);
    pendingCodes = pendingTable = null;
  };
  const flush = (): void => {
    if (pendingCodes === null) return;
    n = filterByPassTable(cand, n, pendingCodes, pendingTable!, KNOWN_STATES, 0, false);
    pendingCodes = pendingTable = null;
  };
  for (const j of order) {
    if (n === 0) break;
    const r = rules[j]!;
    if (r.kind === 'key' && eagerRules[j]) {
      complete(columns.codes[r.key]!, passTables[j]!);
      continue;
    }
    if (
      r.kind === 'kernel' &&
      columns.numberCodes[r.column] &&
      n > columns.numberValues[r.column]!.length
    ) {
      compiled.kernelRulePassAll(j);
      complete(columns.numberCodes[r.column]!, compiled.kernelPassTables[j]!);
      continue;
    }
    flush();
    n = filterByRule(columns, compiled, rules, j, cand, n);
  }
  flush();
  if (keep && !deferKeep) n = filterByPredicate(cand, n, keep);

  if (!strategy || !scoresAlone(plan)) {
    const others: RankedRow[] = [];
    for (let i = 0; i < n; i++) {
      const row = cand[i]!;
      rowValues.of(row);
      if (compiled.invalid) return null;
      const c = scoreWithSortKey(plan, values);
      others.push({ row, score: c.score, ...(c.sortKey ? { sortKey: c.sortKey } : {}) });
    }
    const ids = columns.ids;
    return selectTopK(
      others.map((o) => ({ ...o, id: ids[o.row]! })),
      k,
      compareRanked,
    );
  }

  const tieRank = columns.tieRank();
  let heap = new TopK(Number.isFinite(k) ? k : n, tieRank);
  const additive = strategy.additive;
  const prune = additive !== undefined && Number.isFinite(k) && n > k;
  if (!prune) {
    for (let i = 0; i < n; i++) {
      const row = cand[i]!;
      if (deferKeep && keep && !keep(row)) continue;
      rowValues.of(row);
      if (compiled.invalid) return null;
      heap.push(strategy.score(values, weights, sides), row);
    }
    return drained(heap);
  }

  // (3) Upper bounds: exact eager-table, kernel and vector terms, the other factors at their
  // maximum.
  let totalWeight = 0;
  for (let f = 0; f < nFactors; f++) totalWeight += weights[f]!;
  let slack = 0;
  let slackWeight = 0;
  // Eager tables, numeric kernels and narrow vector factors (cheap in a column loop) enter the
  // bound exactly; a lazy table enters it per row, exactly for a computed key and at its
  // maximum otherwise. A factor with one value for every subject enters it exactly (an
  // abstention not at all). Vector factors of up to EXACT_BOUND_COMPONENTS components per
  // subject (the outcome-learned ones) at their maximum (1) left the bounds so loose that a
  // first call scored most candidates exactly (seed scale with outcome history: p50 ≈ 19 ms,
  // p95 ≈ 311 ms, bench/history.mjs; their dot products take ≈ 11 ms of a first call on
  // average). A wider one (an LSA text embedding) stays at its maximum.
  const exactVector = new Uint8Array(nFactors);
  for (let f = 0; f < nFactors; f++) {
    const p = factors[f]!;
    if (compiled.isUniform[f] || compiled.constant[f]) {
      const v = compiled.isUniform[f] ? compiled.uniform[f]! : compiled.constantValue[f]!;
      if (v === v) {
        slack += weights[f]! * v;
        slackWeight += weights[f]!;
      }
    } else if (p.kind === 'vector') {
      if (!wideVectors(columns.vectors[p.vector]!, cand, n)) exactVector[f] = 1;
      else {
        slack += weights[f]! * compiled.maxValue[f]!;
        slackWeight += weights[f]!;
      }
    }
  }
  const { keyed, keyedWeight } = scratch;
  keyed.fill(0, 0, n);
  // A table none of whose values here abstains (no NaN an eligible row can hold) gives every
  // candidate its weight: the weight is added once (`common`) and its pass writes the sum
  // alone, not each candidate's weight too (a broad product's cold call, ≈ 10⁵ candidates at
  // seed scale, took ≈ 10 % less). A lazy table's unknown entries count at its maximum, as in
  // `boundLazyTable`. Coded kernels are decided once their values are computed (below).
  let common = 0;
  let weighted = false;
  // Per factor: nonzero when its pass is dense (2: a coded kernel, until its values are
  // computed below), 0 when it sums each candidate's weight too.
  const dense = new Uint8Array(nFactors);
  for (let f = 0; f < nFactors; f++) {
    if (compiled.isUniform[f] || compiled.constant[f]) continue;
    const p = factors[f]!;
    if (p.kind === 'key') {
      const lazy = slots[f];
      if (lazy ? !hasNaN(valueTables[f]!) : !compiled.abstains[f]) dense[f] = 1;
      else weighted = true;
    } else if (p.kind === 'kernel' && !columns.numberCodes[p.column]) weighted = true;
    else if (p.kind === 'kernel') dense[f] = 2;
    else if (exactVector[f]) weighted = true; // abstains where a vector is missing
  }
  for (let f = 0; f < nFactors; f++) {
    const p = factors[f]!;
    if (p.kind !== 'kernel' || dense[f] !== 2) continue;
    // A coded kernel's values for the candidates, computed now, decide its pass.
    compiled.fillKernel(f, cand, n);
    if (compiled.abstains[f]) {
      dense[f] = 0;
      weighted = true;
    }
  }
  if (weighted) keyedWeight.fill(0, 0, n);
  // Dense terms over columns with no more codes than candidates are summed from tables of
  // their weighted values by code, filled first, up to four terms per pass (`addDirect`):
  // one read of each candidate and its bound per pass instead of per term.
  let direct: number[] = [];
  for (let f = 0; f < nFactors; f++) {
    if (dense[f] === 0 || compiled.isUniform[f] || compiled.constant[f]) continue;
    if (directCodes(f) <= n * DIRECT_CODES_PER_CANDIDATE) direct.push(f);
  }
  if (direct.length < 2) direct = [];
  function directCodes(f: number): number {
    const p = factors[f]!;
    if (p.kind === 'key') return (slots[f] ?? valueTables[f]!).length;
    const column = (p as { column: number }).column;
    return Math.min(compiled.kernelMemo(f)!.slots.length, columns.numberValues[column]!.length);
  }
  for (let f = 0; f < nFactors; f++) {
    const p = factors[f]!;
    const w = weights[f]!;
    if (compiled.isUniform[f] || compiled.constant[f]) continue;
    if (dense[f] !== 0) common += w;
    if (direct.includes(f)) continue;
    if (p.kind === 'key') {
      const codes = columns.codes[p.key]!;
      const lazy = slots[f];
      if (lazy) {
        const max = compiled.maxValue[f]!;
        if (dense[f]) {
          const values = scratch.lazyValues(valueTables[f]!, max);
          boundSlotsDense(cand, n, codes, values, lazy, w, keyed);
        } else
          boundLazyTable(cand, n, codes, valueTables[f]!, lazy, w, w * max, keyed, keyedWeight);
      } else if (dense[f]) boundEagerDense(cand, n, codes, valueTables[f]!, w, keyed);
      else boundEagerTable(cand, n, codes, valueTables[f]!, w, keyed, keyedWeight);
    } else if (p.kind === 'kernel') {
      const codes = columns.numberCodes[p.column];
      if (codes) {
        const { values, slots: slotsOf } = compiled.kernelMemo(f)!;
        // Every candidate's value code has its value now (fillKernel).
        if (dense[f]) boundSlotsDense(cand, n, codes, values, slotsOf, w, keyed);
        else boundLazyTable(cand, n, codes, values, slotsOf, w, w, keyed, keyedWeight);
      } else {
        const numbers = columns.numbers[p.column]!;
        boundKernel(cand, n, numbers, factorKernels[f]!, w, keyed, keyedWeight);
      }
    } else if (exactVector[f]) {
      const tv = compiled.targetVectors[f] ?? null;
      if (tv) boundVector(cand, n, columns.vectors[p.vector]!, tv, p.hook, w, keyed, keyedWeight);
    }
  }
  if (direct.length > 0) {
    let room = 0;
    for (const f of direct) room += directCodes(f);
    const table = scratch.directTable(room);
    const codesOf: CodeColumn[] = [];
    const offsets: number[] = [];
    let offset = 0;
    for (const f of direct) {
      const p = factors[f]!;
      const w = weights[f]!;
      const size = directCodes(f);
      if (p.kind === 'key') {
        codesOf.push(columns.codes[p.key]!);
        const lazy = slots[f];
        if (lazy) {
          const values = valueTables[f]!;
          directFromSlots(lazy, values, size, w, w * compiled.maxValue[f]!, table, offset);
        } else directFromTable(valueTables[f]!, size, w, table, offset);
      } else {
        codesOf.push(columns.numberCodes[(p as { column: number }).column]!);
        const { values, slots: slotsOf } = compiled.kernelMemo(f)!;
        directFromSlots(slotsOf, values, size, w, w * values[0]!, table, offset);
      }
      offsets.push(offset);
      offset += size;
    }
    addDirectTerms(cand, n, table, codesOf, offsets, keyed);
  }
  // Without a per-candidate weight every bound has the same denominator.
  if (weighted)
    finishBounds(
      n,
      keyed,
      keyedWeight,
      slack,
      slackWeight + common,
      totalWeight,
      additive!.redistributeAbstained,
    );
  else
    finishBounds(
      n,
      keyed,
      keyedWeight,
      slack,
      0,
      additive!.redistributeAbstained ? slackWeight + common : totalWeight,
      false,
    );
  // (4) Candidates in descending order of their bound (a counting sort into buckets), scored
  // only while their bound can still beat the heap's threshold: the threshold rises as fast as
  // it can and the scan stops at the first bucket whose best bound is below it. A higher bound
  // never lands in a later bucket, so every later bucket is below it too.
  // Only the top buckets are placed at first: enough for the memo of a scan stopping within k.
  // With many more candidates than that, only those whose bound reaches a sampled threshold
  // (the head) are sorted; the others are bounded below it (see `boundedHead`).
  const need = Math.max(MEMO_MIN_ROWS, MEMO_MARGIN * k) + 1;
  let head = boundedHead(n, cand, keyed, need, scratch);
  let rowsOf = head === null ? cand : scratch.headRows;
  let bound = head === null ? keyed : scratch.headBounds;
  let count = head === null ? n : head.count;
  const top = BOUND_BUCKETS - 1;
  const { bucketOf, order: byBound, bucketStart, bucketMax, scored: scoredNow } = scratch;
  let lastPlaced = 0;
  /** Sorts candidates `rowsOf`/`bound` (`count`) and scores them; returns where it stopped. */
  const walk = (): number => {
    lastPlaced = bucketByBound(count, bound, scratch, need);
    scoredNow.fill(0, 0, count);
    for (let q = 0; q < BOUND_BUCKETS; q++) {
      const end = q === top ? count : bucketStart[q + 1]!;
      if (bucketStart[q] === end) continue;
      if (bucketMax[q]! < heap.threshold) return bucketStart[q]!;
      if (q > lastPlaced) {
        placeBuckets(count, scratch, lastPlaced);
        lastPlaced = top;
      }
      for (let p = bucketStart[q]!; p < end; p++) {
        const i = byBound[p]!;
        if (bound[i]! < heap.threshold) continue;
        const row = rowsOf[i]!;
        if (keep && !keep(row)) continue;
        rowValues.of(row);
        if (compiled.invalid) return -1;
        const score = strategy.score(values, weights, sides);
        // The exact score is the tightest bound: a later walk of the memo reuses it.
        bound[i] = score;
        scoredNow[i] = 1;
        heap.push(score, row);
      }
    }
    return count;
  };
  let stop = walk();
  if (stop < 0) return null;
  // Every head candidate was scored or pruned and a candidate left out may still enter (its
  // bound reaches the heap's threshold: the head held too few rows scoring near their bound,
  // or a filter passed too few of them): the scan starts again over every candidate, their
  // bounds untouched in `keyed`, and remembers its order as before. The head's work is lost.
  if (head !== null && stop === count && head.restMax >= heap.threshold) {
    heap = new TopK(Number.isFinite(k) ? k : n, tieRank);
    head = null;
    rowsOf = cand;
    bound = keyed;
    count = n;
    stop = walk();
    if (stop < 0) return null;
  }
  // Remember the bound order of an unfiltered scan, a few times past where this one stopped.
  const remembered = Math.min(count, Math.max(MEMO_MIN_ROWS, MEMO_MARGIN * stop), MEMO_MAX_ROWS);
  if (stop <= remembered) {
    // The memo reads the order through `remembered` (and the next bucket's ceiling).
    if (lastPlaced < top && bucketStart[lastPlaced + 1]! <= Math.min(remembered, count - 1))
      placeBuckets(count, scratch, lastPlaced);
    const rows = new Int32Array(remembered);
    const bounds = new Float64Array(remembered);
    const ceilings = new Float64Array(remembered);
    const scored = new Uint8Array(remembered);
    for (let p = 0; p < remembered; p++) {
      const i = byBound[p]!;
      rows[p] = rowsOf[i]!;
      bounds[p] = bound[i]!;
      ceilings[p] = bucketMax[bucketOf[i]!]!;
      scored[p] = scoredNow[i]!;
    }
    // With a head, the candidates left out bound no higher than `restMax`.
    let rest = remembered < count ? bucketMax[bucketOf[byBound[remembered]!]!]! : -Infinity;
    if (head !== null) rest = Math.max(rest, head.restMax);
    const memos = compiled.memos;
    memos.delete(memoKey);
    if (memos.size >= MEMO_SETS) memos.delete(memos.keys().next().value!);
    memos.set(memoKey, { version: columns.version, rows, bounds, ceilings, scored, rest });
  }
  return drained(heap);
}

function drained(heap: TopK): RankedRow[] {
  const { rows, scores } = heap.drain();
  return Array.from(rows, (row, i) => ({ row, score: scores[i]! }));
}
