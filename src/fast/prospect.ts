/**
 * Subjects for one target (enterprises for a product): compile the target once against the
 * subject dictionaries (the real rule/factor run once per distinct key on its representative),
 * pre-filter with the postings of the most selective rule, score the candidates in typed
 * arrays, keep the best in a bounded heap, prune with a score upper bound once it is full.
 *
 * @module
 */
import type { CombinedScore, PairContext } from '../engine/types.js';
import { compareRanked } from '../util/compare.js';
import { selectTopK } from '../engine/matchers/top-k.js';
import type { SubjectColumns } from './columns.js';
import { combineColumnar, dot32, factorScoresOf, type FastPlan } from './plan.js';
import { TopK } from './topk.js';

/** A target compiled against subject dictionaries. */
export interface CompiledTarget {
  /** Per rule: pass table by key id (key rules) or null. */
  passTables: (Uint8Array | null)[];
  /** Per rule: compiled kernel (kernel rules) or null. */
  ruleKernels: (((x: number) => number) | null)[];
  /** Per factor: value table by key id (NaN = abstain) or null. */
  valueTables: (Float64Array | null)[];
  factorKernels: (((x: number) => number) | null)[];
  targetVectors: (Float32Array | null)[];
  /** Per factor: the largest value it can take for this target (for pruning). */
  maxValue: Float64Array;
  /** True when some factor can abstain for this target. */
  mayAbstain: boolean;
}

/** A ranked row: score, the strategy's sort key when it has one. */
export interface RankedRow {
  row: number;
  score: number;
  sortKey?: readonly number[];
}

/**
 * Compiles `target` against the dictionaries of `columns`. Returns null when a factor returns
 * an invalid value for some key (the reference path then reports it exactly as it would).
 */
export function compileTarget<S extends { id: string }, T>(
  plan: FastPlan<S, T>,
  columns: SubjectColumns<S>,
  target: T,
): CompiledTarget | null {
  const { env } = plan;
  const ctx: PairContext<S, T> = {
    subject: undefined as unknown as S,
    target,
    asOf: env.asOf,
    locale: env.locale,
    reference: env.reference,
  };
  const passTables = plan.rules.map((r) => {
    if (r.kind !== 'key') return null;
    const dict = columns.dicts[r.key]!;
    const table = new Uint8Array(dict.size);
    for (let i = 0; i < dict.size; i++) {
      ctx.subject = dict.reps[i]!;
      table[i] = (r.rule.test ? r.rule.test(ctx) : r.rule.check(ctx).passed) ? 1 : 0;
    }
    return table;
  });
  const ruleKernels = plan.rules.map((r) =>
    r.kind === 'kernel' ? r.kernel.compile(target, env) : null,
  );
  const maxValue = new Float64Array(plan.factors.length).fill(1);
  let mayAbstain = false;
  const valueTables: (Float64Array | null)[] = [];
  for (let f = 0; f < plan.factors.length; f++) {
    const p = plan.factors[f]!;
    if (p.kind !== 'key') {
      valueTables.push(null);
      if (p.kind === 'vector') mayAbstain = true;
      continue;
    }
    const dict = columns.dicts[p.key]!;
    const table = new Float64Array(dict.size);
    let max = 0;
    for (let i = 0; i < dict.size; i++) {
      ctx.subject = dict.reps[i]!;
      const v: unknown = p.factor.score(ctx);
      if (v === null) {
        table[i] = NaN;
        mayAbstain = true;
      } else if (typeof v === 'number' && v >= 0 && v <= 1) {
        table[i] = v;
        if (v > max) max = v;
      } else return null;
    }
    maxValue[f] = max;
    valueTables.push(table);
  }
  return {
    passTables,
    ruleKernels,
    valueTables,
    factorKernels: plan.factors.map((p) =>
      p.kind === 'kernel' ? p.kernel.compile(target, env) : null,
    ),
    targetVectors: plan.factors.map((p) =>
      p.kind === 'vector' ? p.hook.targetVector(target, env) : null,
    ),
    maxValue,
    mayAbstain,
  };
}

/**
 * The best `k` live rows for a compiled target, best first (sort key, score, id) — the rows
 * and scores the reference ranking would give. `keep` filters rows (prospect filters).
 */
export function rankSubjects<S extends { id: string }, T>(
  plan: FastPlan<S, T>,
  columns: SubjectColumns<S>,
  compiled: CompiledTarget,
  k: number,
  keep?: (row: number) => boolean,
): RankedRow[] {
  const { rules, factors, weights, sides, strategy } = plan;
  const nRules = rules.length;
  const nFactors = factors.length;
  // Candidate generation: the key rule whose passing keys cover the fewest rows.
  let lead = -1;
  let leadCount = Infinity;
  for (let j = 0; j < nRules; j++) {
    const table = compiled.passTables[j];
    if (!table) continue;
    const { offsets } = columns.postings((rules[j] as { key: number }).key);
    let count = 0;
    for (let i = 0; i < table.length; i++) if (table[i]) count += offsets[i + 1]! - offsets[i]!;
    if (count < leadCount) {
      leadCount = count;
      lead = j;
    }
  }
  const keyCodes = rules.map((r) => (r.kind === 'key' ? columns.codes[r.key]! : null));
  const ruleNumbers = rules.map((r) => (r.kind === 'kernel' ? columns.numbers[r.column]! : null));
  const factorCodes = factors.map((f) => (f.kind === 'key' ? columns.codes[f.key]! : null));
  const factorNumbers = factors.map((f) =>
    f.kind === 'kernel' ? columns.numbers[f.column]! : null,
  );
  const values = new Float64Array(nFactors);
  const columnar = strategy;
  const heap = columnar
    ? new TopK(Number.isFinite(k) ? k : columns.rowCount, columns.tieRank())
    : null;
  const others: RankedRow[] = [];
  // Pruning applies to a weighted sum whose total weight is fixed (no factor can abstain).
  const prune =
    columnar !== null &&
    columnar.kind === 'weightedSum' &&
    !compiled.mayAbstain &&
    Number.isFinite(k);
  let totalWeight = 0;
  for (let f = 0; f < nFactors; f++) totalWeight += weights[f]!;
  let slack = 0;
  for (let f = 0; f < nFactors; f++) {
    if (factors[f]!.kind !== 'key') slack += weights[f]! * compiled.maxValue[f]!;
  }

  const visit = (row: number): void => {
    for (let j = 0; j < nRules; j++) {
      if (j === lead) continue;
      const table = compiled.passTables[j];
      if (table) {
        if (!table[keyCodes[j]![row]!]) return;
      } else if (compiled.ruleKernels[j]!(ruleNumbers[j]![row]!) === 0) return;
    }
    if (keep && !keep(row)) return;
    let keyed = 0;
    for (let f = 0; f < nFactors; f++) {
      const table = compiled.valueTables[f];
      if (table) {
        const v = table[factorCodes[f]![row]!]!;
        values[f] = v;
        keyed += weights[f]! * v;
      }
    }
    if (prune && heap!.length === heap!.k) {
      // Conservative bound (1e-9 absorbs rounding): skip rows that cannot enter.
      if ((keyed + slack) / totalWeight + 1e-9 < heap!.threshold) return;
    }
    for (let f = 0; f < nFactors; f++) {
      const kernel = compiled.factorKernels[f];
      if (kernel) values[f] = kernel(factorNumbers[f]![row]!);
      else if (!compiled.valueTables[f]) {
        const p = factors[f]!;
        if (p.kind === 'vector') {
          const sv = columns.vectors[p.vector]![row] ?? null;
          const tv = compiled.targetVectors[f] ?? null;
          values[f] = sv && tv ? p.hook.map(dot32(sv, tv)) : NaN;
        }
      }
    }
    if (columnar) {
      heap!.push(combineColumnar(columnar, values, weights, sides), row);
    } else {
      const c: CombinedScore = plan.profile.strategy.combine({
        factors: factorScoresOf(plan, values),
      });
      others.push({ row, score: c.score, ...(c.sortKey ? { sortKey: c.sortKey } : {}) });
    }
  };

  if (lead >= 0) {
    const table = compiled.passTables[lead]!;
    const { offsets, rows } = columns.postings((rules[lead] as { key: number }).key);
    for (let i = 0; i < table.length; i++) {
      if (!table[i]) continue;
      for (let p = offsets[i]!; p < offsets[i + 1]!; p++) visit(rows[p]!);
    }
  } else {
    for (let r = 0; r < columns.rowCount; r++) if (columns.alive[r]) visit(r);
  }
  if (heap) {
    const { rows, scores } = heap.drain();
    return Array.from(rows, (row, i) => ({ row, score: scores[i]! }));
  }
  const ids = columns.ids;
  return selectTopK(
    others.map((o) => ({ ...o, id: ids[o.row]! })),
    k,
    compareRanked,
  );
}
