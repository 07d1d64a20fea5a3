import { OptionError } from '../../errors.js';
import type { KernelOutput, RankingStrategy, StrategyKernel } from '../types.js';
import { defineStrategy, nominalWeights } from './define.js';

/** Options of {@link weightedSumStrategy}. */
export interface WeightedSumOptions {
  /**
   * When a factor abstains (`null`), its weight is redistributed over the factors that did
   * score, in proportion to their weights (`true`, default), so a new entity without history
   * is ranked by its attributes alone. With `false`, an abstaining factor counts as 0.
   */
  redistributeAbstained?: boolean;
}

/**
 * The default strategy: score = Σ wᵢ·fᵢ / Σ wᵢ over the factors that did not abstain. Each
 * factor's contribution is wᵢ·fᵢ / Σ wᵢ and the weight it used wᵢ / Σ wᵢ, so the
 * contributions add up to the score exactly (up to floating point) and the score stays in
 * [0, 1]. Monotone: raising any factor value never lowers the score.
 *
 * @throws {@link OptionError} on an unknown option or a non-boolean `redistributeAbstained`.
 */
export function weightedSumStrategy(options: WeightedSumOptions = {}): RankingStrategy {
  const redistribute = readRedistribute(options, 'weightedSumStrategy');
  return defineStrategy({
    name: 'weightedSum',
    spec: { kind: 'weightedSum', options: { redistributeAbstained: redistribute } },
    description: {
      zh: '加权求和：各因子得分按权重加权，缺失因子的权重按比例分配给其余因子',
      en: 'weighted sum of factor values; abstaining factors have their weight redistributed',
    },
    compile: () => weightedSumKernel(redistribute, nominalWeights),
  });
}

/**
 * The weighted-sum arithmetic, shared by every additive strategy (weighted sum, learned,
 * lexicographic's score): total weight over the counted factors, then the terms wᵢ·vᵢ / total
 * from the first factor to the last, clamped to [0, 1].
 */
export function weightedSumKernel(
  redistribute: boolean,
  weights: (nominal: Float64Array) => Float64Array,
): StrategyKernel {
  let total = new Float64Array(0); // scratch of the batch form, grown as needed
  return {
    weights,
    sortKeyLength: 0,
    twoSided: false,
    additive: { redistributeAbstained: redistribute },
    score: (values, w, _sides, out) => weightedSum(values, w, redistribute, out),
    scoreMany(matrix, stride, n, w, _sides, scores) {
      // One factor at a time over the candidates: per candidate the same operations in the
      // same order as `weightedSum` (total weight, then the terms from the first factor).
      const nF = w.length;
      if (total.length < n) total = new Float64Array(n);
      total.fill(0, 0, n);
      for (let f = 0; f < nF; f++) {
        const wf = w[f]!;
        const base = f * stride;
        for (let i = 0; i < n; i++) {
          const v = matrix[base + i]!;
          if (v === v || !redistribute) total[i] = total[i]! + wf;
        }
      }
      scores.fill(0, 0, n);
      for (let f = 0; f < nF; f++) {
        const wf = w[f]!;
        const base = f * stride;
        for (let i = 0; i < n; i++) {
          const v = matrix[base + i]!;
          const t = total[i]!;
          scores[i] = scores[i]! + (t > 0 && v === v ? (wf * v) / t : 0);
        }
      }
      for (let i = 0; i < n; i++) scores[i] = Math.min(1, Math.max(0, scores[i]!));
    },
  };
}

/** Σ wᵢ·vᵢ / Σ wᵢ (NaN = abstained), clamped to [0, 1]; fills `out` when given. */
export function weightedSum(
  values: Float64Array,
  weights: Float64Array,
  redistribute: boolean,
  out?: KernelOutput,
): number {
  const n = values.length;
  let total = 0;
  for (let i = 0; i < n; i++) if (values[i] === values[i] || !redistribute) total += weights[i]!;
  let score = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const c = total > 0 && v === v ? (weights[i]! * v) / total : 0;
    score += c;
    if (out) {
      out.contributions[i] = c;
      out.weights[i] = total > 0 && (v === v || !redistribute) ? weights[i]! / total : 0;
    }
  }
  return Math.min(1, Math.max(0, score));
}

/** Reads and checks the `redistributeAbstained` option shared by the additive strategies. */
export function readRedistribute(options: unknown, where: string, extra: string[] = []): boolean {
  if (options === undefined) return true;
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new OptionError('options', `${where}: options must be an object`);
  for (const key of Object.keys(options)) {
    if (key !== 'redistributeAbstained' && !extra.includes(key))
      throw new OptionError(
        key,
        `${where}: unknown option "${key}"; expected ${['redistributeAbstained', ...extra].join(', ')}`,
      );
  }
  const r = (options as { redistributeAbstained?: unknown }).redistributeAbstained;
  if (r !== undefined && typeof r !== 'boolean')
    throw new OptionError(
      'redistributeAbstained',
      `${where}: redistributeAbstained must be a boolean, received ${typeof r}`,
    );
  return r ?? true;
}
