/**
 * Targets for one subject (products for an enterprise): the catalogue side is precompiled —
 * kernels bound per target once, and per subject key a row of outcomes over every target,
 * computed the first time a key is seen (the real rule/factor on the representative subject)
 * and reused by every later subject with that key. One ranking is then a few typed-array
 * passes over the catalogue.
 *
 * @module
 */
import type { CombinedScore, PairContext } from '../engine/types.js';
import { selectTopK } from '../engine/matchers/top-k.js';
import { compareRanked } from '../util/compare.js';
import { KeyDictionary } from './columns.js';
import { combineColumnar, dot32, factorScoresOf, type FastPlan } from './plan.js';
import type { RankedRow } from './prospect.js';
import { TopK } from './topk.js';

/** Marks a row computed on a representative whose factor returned an invalid value. */
const INVALID = -1;

/** A catalogue of targets compiled for ranking against any subject. */
export class CatalogueEngine<S extends { id: string }, T extends { id: string }> {
  readonly dicts: KeyDictionary<S>[];
  private readonly ruleRows: Uint8Array[][];
  private readonly factorRows: Float64Array[][];
  private readonly ruleKernels: ((x: number) => number)[][];
  private readonly factorKernels: ((x: number) => number)[][];
  private readonly targetVectors: (Float32Array | null)[][];
  private readonly tieRank: Int32Array;
  private readonly cand: Int32Array;
  private readonly values: Float64Array;
  private readonly ctx: PairContext<S, T>;

  /**
   * @param targets - sorted by id (ties between equal scores go to the earlier target)
   * @param dicts - subject dictionaries to share (e.g. an index's, so its codes apply)
   */
  constructor(
    readonly plan: FastPlan<S, T>,
    readonly targets: readonly T[],
    dicts?: KeyDictionary<S>[],
  ) {
    const { env } = plan;
    this.dicts = dicts ?? plan.keys.map((k) => new KeyDictionary<S>(k));
    this.ruleRows = plan.rules.map(() => []);
    this.factorRows = plan.factors.map(() => []);
    this.ruleKernels = plan.rules.map((r) =>
      r.kind === 'kernel' ? targets.map((t) => r.kernel.compile(t, env)) : [],
    );
    this.factorKernels = plan.factors.map((f) =>
      f.kind === 'kernel' ? targets.map((t) => f.kernel.compile(t, env)) : [],
    );
    this.targetVectors = plan.factors.map((f) =>
      f.kind === 'vector' ? targets.map((t) => f.hook.targetVector(t, env)) : [],
    );
    this.tieRank = Int32Array.from(targets, (_, i) => i);
    this.cand = new Int32Array(targets.length);
    this.values = new Float64Array(plan.factors.length);
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
    vectors: (Float32Array | null)[];
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
    vectors: readonly (Float32Array | null)[],
    k: number,
  ): RankedRow[] | null {
    const { rules, factors, weights, sides, strategy } = this.plan;
    const cand = this.cand;
    const nT = this.targets.length;
    let n = 0;
    let first = true;
    for (let j = 0; j < rules.length; j++) {
      const r = rules[j]!;
      if (r.kind !== 'key') continue;
      const pass = this.ruleRow(j, r.key, codes[r.key]!);
      if (first) {
        for (let t = 0; t < nT; t++) if (pass[t]) cand[n++] = t;
        first = false;
      } else {
        let m = 0;
        for (let i = 0; i < n; i++) if (pass[cand[i]!]) cand[m++] = cand[i]!;
        n = m;
      }
    }
    if (first) for (let t = 0; t < nT; t++) cand[n++] = t;
    for (let j = 0; j < rules.length; j++) {
      const r = rules[j]!;
      if (r.kind !== 'kernel') continue;
      const fns = this.ruleKernels[j]!;
      const x = numbers[r.column]!;
      let m = 0;
      for (let i = 0; i < n; i++) if (fns[cand[i]!]!(x) !== 0) cand[m++] = cand[i]!;
      n = m;
    }
    const nF = factors.length;
    const rows: (Float64Array | null)[] = [];
    for (let f = 0; f < nF; f++) {
      const p = factors[f]!;
      if (p.kind !== 'key') {
        rows.push(null);
        continue;
      }
      const row = this.factorRow(f, p.key, codes[p.key]!);
      // An invalid value matters only for an eligible target, as in the reference path.
      for (let i = 0; i < n; i++) if (row[cand[i]!] === INVALID) return null;
      rows.push(row);
    }
    const values = this.values;
    const heap = strategy ? new TopK(Number.isFinite(k) ? k : n, this.tieRank) : null;
    const others: (RankedRow & { id: string })[] = [];
    for (let i = 0; i < n; i++) {
      const t = cand[i]!;
      for (let f = 0; f < nF; f++) {
        const row = rows[f];
        if (row) {
          values[f] = row[t]!;
          continue;
        }
        const p = factors[f]!;
        if (p.kind === 'kernel') values[f] = this.factorKernels[f]![t]!(numbers[p.column]!);
        else if (p.kind === 'vector') {
          const sv = vectors[p.vector] ?? null;
          const tv = this.targetVectors[f]![t] ?? null;
          values[f] = sv && tv ? p.hook.map(dot32(sv, tv)) : NaN;
        }
      }
      if (strategy) heap!.push(combineColumnar(strategy, values, weights, sides), t);
      else {
        const c: CombinedScore = this.plan.profile.strategy.combine({
          factors: factorScoresOf(this.plan, values),
        });
        others.push({
          row: t,
          id: this.targets[t]!.id,
          score: c.score,
          ...(c.sortKey ? { sortKey: c.sortKey } : {}),
        });
      }
    }
    if (heap) {
      const top = heap.drain();
      return Array.from(top.rows, (row, i) => ({ row, score: top.scores[i]! }));
    }
    return selectTopK(others, k, compareRanked);
  }

  /** Factor values (NaN = abstained) of an encoded subject against target `t`. */
  factorValues(
    codes: ArrayLike<number>,
    numbers: ArrayLike<number>,
    vectors: readonly (Float32Array | null)[],
    t: number,
  ): Float64Array {
    const out = new Float64Array(this.plan.factors.length);
    this.plan.factors.forEach((p, f) => {
      if (p.kind === 'key') out[f] = this.factorRow(f, p.key, codes[p.key]!)[t]!;
      else if (p.kind === 'kernel') out[f] = this.factorKernels[f]![t]!(numbers[p.column]!);
      else {
        const sv = vectors[p.vector] ?? null;
        const tv = this.targetVectors[f]![t] ?? null;
        out[f] = sv && tv ? p.hook.map(dot32(sv, tv)) : NaN;
      }
    });
    return out;
  }

  private ruleRow(j: number, key: number, code: number): Uint8Array {
    let row = this.ruleRows[j]![code];
    if (!row) {
      const rule = this.plan.rules[j]!.rule;
      const ctx = this.ctx;
      ctx.subject = this.dicts[key]!.reps[code]!;
      row = new Uint8Array(this.targets.length);
      for (let t = 0; t < this.targets.length; t++) {
        ctx.target = this.targets[t]!;
        row[t] = (rule.test ? rule.test(ctx) : rule.check(ctx).passed) ? 1 : 0;
      }
      this.ruleRows[j]![code] = row;
    }
    return row;
  }

  private factorRow(f: number, key: number, code: number): Float64Array {
    let row = this.factorRows[f]![code];
    if (!row) {
      const factor = this.plan.factors[f]!.factor;
      const ctx = this.ctx;
      ctx.subject = this.dicts[key]!.reps[code]!;
      row = new Float64Array(this.targets.length);
      for (let t = 0; t < this.targets.length; t++) {
        ctx.target = this.targets[t]!;
        const v: unknown = factor.score(ctx);
        row[t] = v === null ? NaN : typeof v === 'number' && v >= 0 && v <= 1 ? v : INVALID;
      }
      this.factorRows[f]![code] = row;
    }
    return row;
  }
}
