import type { CombineContext, CombinedScore, RankingStrategy } from '../types.js';

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
 * factor's contribution is wᵢ·fᵢ / Σ wᵢ, so the contributions add up to the score exactly
 * (up to floating point) and the score stays in [0, 1]. Monotone: raising any factor value
 * never lowers the score.
 */
export function weightedSumStrategy(options: WeightedSumOptions = {}): RankingStrategy {
  const redistribute = options.redistributeAbstained ?? true;
  return {
    name: 'weightedSum',
    // The columnar fast path computes exactly this arithmetic itself (src/fast).
    columnar: { kind: 'weightedSum', redistributeAbstained: redistribute },
    description: {
      zh: '加权求和：各因子得分按权重加权，缺失因子的权重按比例分配给其余因子',
      en: 'weighted sum of factor values; abstaining factors have their weight redistributed',
    },
    combine({ factors }: CombineContext): CombinedScore {
      let totalWeight = 0;
      for (const f of factors) if (f.value !== null || !redistribute) totalWeight += f.weight;
      const contributions: Record<string, number> = {};
      let score = 0;
      for (const f of factors) {
        const c = totalWeight > 0 && f.value !== null ? (f.weight * f.value) / totalWeight : 0;
        contributions[f.name] = c;
        score += c;
      }
      return { score: Math.min(1, Math.max(0, score)), contributions };
    },
  };
}
