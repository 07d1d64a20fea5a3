import { OptionError, ProfileError } from '../../errors.js';
import type { RankingStrategy } from '../types.js';
import { defineStrategy, nominalWeights } from './define.js';
import { readRedistribute, weightedSum } from './weighted-sum.js';
import { DEFAULT_TIER_RESOLUTION } from './defaults.js';

/** Options of {@link lexicographicStrategy}. */
export interface LexicographicOptions {
  /**
   * Factor names by tier, most important first, e.g.
   * `[['policyPriority'], ['sectorFit', 'amountFit', 'termFit']]`: policy priority decides first,
   * fit breaks its ties. Every name must be a factor of the profile (ranking with a tier naming
   * an unknown factor is a ProfileError). A factor may appear in at most one tier; factors of the profile that
   * appear in no tier still count in `score` (the last tie-breaker) but not in `sortKey`.
   * Must hold at least one non-empty tier.
   */
  tiers: readonly (readonly string[])[];
  /**
   * Quantisation step of each tier's mean, in (0, 1]. Default
   * {@link DEFAULT_TIER_RESOLUTION} (0.001).
   */
  resolution?: number;
  /**
   * Redistribute an abstaining factor's weight over the factors that scored, as
   * `weightedSumStrategy` does (`true`, default); with `false` an abstaining factor counts as 0.
   * Applies to the tier means and to the score alike.
   */
  redistributeAbstained?: boolean;
}

/**
 * Tiered ranking: "policy priority first, fit second". The pair's `sortKey` holds one entry per
 * tier, the weighted mean of that tier's factors (in [0, 1], quantised to `resolution`; 0 when
 * every factor of the tier abstained), so a candidate that is better on an earlier tier ranks
 * first whatever its later tiers. `score` is the weighted sum over *all* factors, exactly as
 * `weightedSumStrategy` computes it, so the contributions add up to the score and the
 * explanation reads the same; `score` only decides between candidates whose sort keys tie.
 *
 * Monotone: raising a factor value never lowers any sort-key entry nor the score.
 *
 * @example
 * ```ts
 * const strategy = lexicographicStrategy({ tiers: [['policyPriority'], ['sectorFit', 'amountFit']] });
 * ```
 * @throws {@link OptionError} when `tiers` is empty, has an empty tier or repeats a factor, or
 * when `resolution` is not in (0, 1].
 */
export function lexicographicStrategy(options: LexicographicOptions): RankingStrategy {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new OptionError('options', 'lexicographicStrategy: options must be an object');
  const tiers = validateTiers(options.tiers);
  const redistribute = readRedistribute(
    {
      ...(options.redistributeAbstained !== undefined
        ? { redistributeAbstained: options.redistributeAbstained }
        : {}),
    },
    'lexicographicStrategy',
  );
  for (const key of Object.keys(options))
    if (!['tiers', 'resolution', 'redistributeAbstained'].includes(key))
      throw new OptionError(
        key,
        `lexicographicStrategy: unknown option "${key}"; expected tiers, resolution, redistributeAbstained`,
      );
  const resolution = options.resolution ?? DEFAULT_TIER_RESOLUTION;
  if (!(typeof resolution === 'number' && resolution > 0 && resolution <= 1)) {
    throw new OptionError(
      'resolution',
      `resolution must be in (0, 1], received ${String(resolution)}`,
    );
  }
  const tierOfName = new Map<string, number>();
  tiers.forEach((tier, i) => tier.forEach((name) => tierOfName.set(name, i)));
  const described = tiers.map((t) => t.join(', ')).join(' > ');
  return defineStrategy({
    name: 'lexicographic',
    spec: {
      kind: 'lexicographic',
      options: { tiers, resolution, redistributeAbstained: redistribute },
    },
    description: {
      zh: `分层排序：依次比较各层因子的加权均值（${described}），同层相同时比较总分`,
      en: `tiered ranking: weighted mean of each tier compared in order (${described}), then the overall score`,
    },
    compile(names) {
      const missing = [...tierOfName.keys()].filter((n) => !names.includes(n));
      if (missing.length > 0)
        throw new ProfileError(
          `lexicographic strategy: tiers name factors the profile does not have (${missing.join(', ')}); its factors: ${names.join(', ')}`,
        );
      const tierOf = Int32Array.from(names, (n) => tierOfName.get(n) ?? -1);
      const tierWeight = new Float64Array(tiers.length);
      const tierSum = new Float64Array(tiers.length);
      return {
        weights: nominalWeights,
        sortKeyLength: tiers.length,
        twoSided: false,
        score(values, weights, _sides, out) {
          // The score (the last tie-breaker) is exactly the weighted sum.
          const score = weightedSum(values, weights, redistribute, out);
          if (out) {
            tierWeight.fill(0);
            tierSum.fill(0);
            for (let i = 0; i < values.length; i++) {
              const v = values[i]!;
              if (v !== v && redistribute) continue;
              const t = tierOf[i]!;
              if (t < 0) continue;
              tierWeight[t]! += weights[i]!;
              tierSum[t]! += weights[i]! * (v === v ? v : 0);
            }
            for (let t = 0; t < tiers.length; t++) {
              const w = tierWeight[t]!;
              const mean = w > 0 ? Math.min(1, Math.max(0, tierSum[t]! / w)) : 0;
              out.sortKey[t] = quantise(mean, resolution);
            }
          }
          return score;
        },
      };
    },
  });
}

/**
 * Rounds `value` to the nearest multiple of `resolution`. Equal multiples give bit-identical
 * numbers, so quantised keys compare exactly.
 */
export function quantise(value: number, resolution: number): number {
  return Math.round(value / resolution) * resolution;
}

function validateTiers(tiers: unknown): string[][] {
  if (!Array.isArray(tiers) || tiers.length === 0) {
    throw new OptionError(
      'tiers',
      'tiers must be a non-empty array of non-empty arrays of factor names',
    );
  }
  const seen = new Set<string>();
  return tiers.map((tier: unknown, i) => {
    if (!Array.isArray(tier) || tier.length === 0) {
      throw new OptionError('tiers', `tier ${i} must be a non-empty array of factor names`);
    }
    return tier.map((name: unknown) => {
      if (typeof name !== 'string' || name.length === 0) {
        throw new OptionError('tiers', `tier ${i} holds a name that is not a non-empty string`);
      }
      if (seen.has(name))
        throw new OptionError('tiers', `factor ${JSON.stringify(name)} appears in two tiers`);
      seen.add(name);
      return name;
    });
  });
}
