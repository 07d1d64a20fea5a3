import { OptionError } from '../../errors.js';
import type { KernelOutput, RankingStrategy } from '../types.js';
import { defineStrategy, nominalWeights } from './define.js';

/** How {@link reciprocalStrategy} combines the two sides' scores. */
export type ReciprocalMean = 'harmonic' | 'geometric' | 'arithmetic';

/** Options of {@link reciprocalStrategy}. */
export interface ReciprocalOptions {
  /** The mean of the subject's and the target's scores. Default `harmonic` (both must fit). */
  mean?: ReciprocalMean;
}

const MEANS: readonly ReciprocalMean[] = ['harmonic', 'geometric', 'arithmetic'];
const SUBJECT = 0;
const TARGET = 1;
const BOTH = 2;

/**
 * Two-sided fit for project–investor matching. Factors with `side: 'subject'` (does the
 * investor suit the project's need) and `'both'` make the subject's score; factors with
 * `side: 'target'` (does the project suit the investor's thesis) and `'both'` make the
 * target's score. Each side is a weighted mean over its non-abstaining factors; the pair's
 * score is their mean (harmonic by default, so a pair only scores high when both sides like
 * it). Contributions are each factor's share of the two sides' weighted sums, scaled so they
 * add up to the final score; the weight a factor used is its contribution per unit of value.
 *
 * @throws {@link OptionError} on an unknown option or an unknown `mean`.
 */
export function reciprocalStrategy(options: ReciprocalOptions = {}): RankingStrategy {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new OptionError('options', 'reciprocalStrategy: options must be an object');
  for (const key of Object.keys(options))
    if (key !== 'mean')
      throw new OptionError(key, `reciprocalStrategy: unknown option "${key}"; expected mean`);
  const mean = options.mean ?? 'harmonic';
  if (!MEANS.includes(mean))
    throw new OptionError(
      'mean',
      `reciprocalStrategy: mean must be one of ${MEANS.join(', ')}, received ${JSON.stringify(String(mean))}`,
    );
  return defineStrategy({
    name: 'reciprocal',
    spec: { kind: 'reciprocal', options: { mean } },
    description: {
      zh: `双向匹配：项目方与投资方各自的契合度取${mean === 'harmonic' ? '调和' : mean === 'geometric' ? '几何' : '算术'}平均`,
      en: `reciprocal two-sided fit: ${mean} mean of the project's and the investor's scores`,
    },
    compile: () => ({
      weights: nominalWeights,
      sortKeyLength: 0,
      twoSided: true,
      score: (values, weights, sides, out) => reciprocal(values, weights, sides, mean, out),
    }),
  });
}

/** The mean of two side scores in [0, 1]. */
export function combineMeans(a: number, b: number, mean: ReciprocalMean): number {
  if (mean === 'arithmetic') return (a + b) / 2;
  if (mean === 'geometric') return Math.sqrt(a * b);
  return a + b > 0 ? (2 * a * b) / (a + b) : 0;
}

function reciprocal(
  values: Float64Array,
  weights: Float64Array,
  sides: Uint8Array,
  mean: ReciprocalMean,
  out?: KernelOutput,
): number {
  const wS = sideWeight(values, weights, sides, SUBJECT);
  const wT = sideWeight(values, weights, sides, TARGET);
  const s = sideScore(values, weights, sides, SUBJECT, wS);
  const t = sideScore(values, weights, sides, TARGET, wT);
  const score = combineMeans(s, t, mean);
  if (out) {
    // Each factor's raw share: its terms in the two sides' weighted means.
    const n = values.length;
    let rawTotal = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      let share = 0; // weight per unit of value, summed over the sides it is in
      if (v === v) {
        if (sides[i] !== TARGET && wS > 0) share += weights[i]! / wS;
        if (sides[i] !== SUBJECT && wT > 0) share += weights[i]! / wT;
      }
      out.weights[i] = share;
      out.contributions[i] = v === v ? share * v : 0;
      rawTotal += out.contributions[i]!;
    }
    const scale = rawTotal > 0 ? score / rawTotal : 0;
    for (let i = 0; i < n; i++) {
      out.contributions[i] = out.contributions[i]! * scale;
      out.weights[i] = out.weights[i]! * scale;
    }
    out.sides[0] = s;
    out.sides[1] = t;
  }
  return score;
}

function sideWeight(values: Float64Array, weights: Float64Array, sides: Uint8Array, side: number) {
  let weight = 0;
  for (let i = 0; i < values.length; i++)
    if ((sides[i] === side || sides[i] === BOTH) && values[i] === values[i]) weight += weights[i]!;
  return weight;
}

function sideScore(
  values: Float64Array,
  weights: Float64Array,
  sides: Uint8Array,
  side: number,
  weight: number,
) {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if ((sides[i] !== side && sides[i] !== BOTH) || v !== v) continue;
    sum += weight > 0 ? (weights[i]! * v) / weight : 0;
  }
  return Math.min(1, Math.max(0, sum));
}
