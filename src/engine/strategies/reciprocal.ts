import type { CombineContext, CombinedScore, FactorScore, RankingStrategy } from '../types.js';

/** How {@link reciprocalStrategy} combines the two sides' scores. */
export type ReciprocalMean = 'harmonic' | 'geometric' | 'arithmetic';

/** Options of {@link reciprocalStrategy}. */
export interface ReciprocalOptions {
  /** The mean of the subject's and the target's scores. Default `harmonic` (both must fit). */
  mean?: ReciprocalMean;
}

/**
 * Two-sided fit for project–investor matching. Factors with `side: 'subject'` (does the
 * investor suit the project's need) and `'both'` make the subject's score; factors with
 * `side: 'target'` (does the project suit the investor's thesis) and `'both'` make the
 * target's score. Each side is a weighted mean over its non-abstaining factors; the pair's
 * score is their mean (harmonic by default, so a pair only scores high when both sides like
 * it). Contributions are each factor's share of the two sides' weighted sums, scaled so they
 * add up to the final score.
 */
export function reciprocalStrategy(options: ReciprocalOptions = {}): RankingStrategy {
  const mean = options.mean ?? 'harmonic';
  return {
    name: 'reciprocal',
    // The columnar fast path computes exactly this arithmetic itself (src/fast).
    columnar: { kind: 'reciprocal', mean },
    description: {
      zh: `双向匹配：项目方与投资方各自的契合度取${mean === 'harmonic' ? '调和' : mean === 'geometric' ? '几何' : '算术'}平均`,
      en: `reciprocal two-sided fit: ${mean} mean of the project's and the investor's scores`,
    },
    combine({ factors }: CombineContext): CombinedScore {
      const subject = sideScore(factors, 'subject');
      const target = sideScore(factors, 'target');
      const score = combineMeans(subject.score, target.score, mean);
      const raw: Record<string, number> = {};
      let rawTotal = 0;
      for (const f of factors) {
        const r = (subject.parts.get(f.name) ?? 0) + (target.parts.get(f.name) ?? 0);
        raw[f.name] = r;
        rawTotal += r;
      }
      const contributions: Record<string, number> = {};
      for (const f of factors)
        contributions[f.name] = rawTotal > 0 ? (score * raw[f.name]!) / rawTotal : 0;
      return { score, contributions, sides: { subject: subject.score, target: target.score } };
    },
  };
}

/** The mean of two side scores in [0, 1]. */
export function combineMeans(a: number, b: number, mean: ReciprocalMean): number {
  if (mean === 'arithmetic') return (a + b) / 2;
  if (mean === 'geometric') return Math.sqrt(a * b);
  return a + b > 0 ? (2 * a * b) / (a + b) : 0;
}

function sideScore(factors: readonly FactorScore[], side: 'subject' | 'target') {
  let weight = 0;
  let sum = 0;
  const parts = new Map<string, number>();
  for (const f of factors) {
    if (f.side !== side && f.side !== 'both') continue;
    if (f.value === null) continue;
    weight += f.weight;
  }
  for (const f of factors) {
    if ((f.side !== side && f.side !== 'both') || f.value === null) continue;
    const part = weight > 0 ? (f.weight * f.value) / weight : 0;
    parts.set(f.name, part);
    sum += part;
  }
  return { score: Math.min(1, Math.max(0, sum)), parts };
}
