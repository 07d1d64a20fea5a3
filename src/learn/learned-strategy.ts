/**
 * The `learned` ranking strategy: a weighted sum whose weights were fitted by
 * {@link trainLinearModel}. Explainable like the weighted one — each factor's contribution is
 * wᵢ·fᵢ / Σw over non-abstaining factors and the contributions add up to the score.
 *
 * @module
 */
import { SnapshotError } from '../errors.js';
import { defineStrategy } from '../engine/strategies/define.js';
import { weightedSumKernel } from '../engine/strategies/weighted-sum.js';
import type { RankingStrategy } from '../engine/types.js';
import type { LinearModel } from './train.js';

/**
 * The learned strategy of a trained (or loaded) model: the weighted sum with the model's
 * fitted weights in place of the profile's. Factors the model was not trained on get weight
 * 0. The weights it reports — and explanations show — are the fitted ones, normalised over the
 * factors that scored.
 */
export function learnedStrategy(model: LinearModel): RankingStrategy {
  const fitted = new Map(model.factorNames.map((n, i) => [n, model.weights[i]!]));
  return defineStrategy({
    name: 'learned',
    // What profileToSpec writes, so a profile with this strategy saves and loads as JSON.
    spec: { kind: 'learned', options: { model: model as unknown as Record<string, unknown> } },
    description: {
      zh: `学习得到的线性模型（${model.mode === 'pairwise' ? '成对' : '逐点'}逻辑回归，${model.examples} 个样本）`,
      en: `learned linear model (${model.mode} logistic regression on ${model.examples} examples)`,
    },
    compile(names) {
      const weights = Float64Array.from(names, (n) => fitted.get(n) ?? 0);
      return weightedSumKernel(true, () => weights);
    },
  });
}

/** Serialises a model as JSON text (stable key order). */
export function saveLinearModel(model: LinearModel): string {
  return JSON.stringify(model, null, 2);
}

/** Parses and checks a model saved by {@link saveLinearModel}. @throws {@link SnapshotError} */
export function loadLinearModel(json: string | unknown): LinearModel {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new SnapshotError(`model is not valid JSON: ${(err as Error).message}`);
    }
  }
  const m = value as Partial<LinearModel> | null;
  if (!m || m.kind !== 'finmatch.linear-model')
    throw new SnapshotError('not a finmatch linear model (kind must be "finmatch.linear-model")');
  if (m.version !== 1)
    throw new SnapshotError(
      `unsupported model version ${String(m.version)}; this finmatch reads version 1`,
    );
  const names = m.factorNames;
  const weights = m.weights;
  if (
    !Array.isArray(names) ||
    !names.every((n) => typeof n === 'string') ||
    new Set(names).size !== names.length
  )
    throw new SnapshotError('factorNames must be an array of distinct strings');
  if (
    !Array.isArray(weights) ||
    weights.length !== names.length ||
    !weights.every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0)
  )
    throw new SnapshotError('weights must be finite non-negative numbers, one per factor');
  if (weights.every((w) => w === 0)) throw new SnapshotError('all weights are zero');
  return {
    kind: 'finmatch.linear-model',
    version: 1,
    mode: m.mode === 'pointwise' ? 'pointwise' : 'pairwise',
    factorNames: [...names],
    rawWeights: Array.isArray(m.rawWeights) ? [...m.rawWeights] : [...weights],
    weights: [...weights],
    projected: Array.isArray(m.projected) ? [...m.projected] : [],
    intercept: typeof m.intercept === 'number' ? m.intercept : 0,
    lossHistory: Array.isArray(m.lossHistory) ? [...m.lossHistory] : [],
    examples: typeof m.examples === 'number' ? m.examples : 0,
  };
}
