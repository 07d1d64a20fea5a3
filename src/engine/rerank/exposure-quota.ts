import { booleanOption, integerOption, readOptions } from '../../util/options.js';
import type { Reranker, RerankContext, ScoredCandidate } from '../types.js';
import { DEFAULT_QUOTA_BACKFILL } from './defaults.js';
import { checkK } from './k.js';
import { specField } from '../part-spec.js';

/** Options of {@link exposureQuotaReranker}. */
export interface ExposureQuotaOptions {
  /**
   * Most candidates of one group (the product's institution) allowed in the top `k`. A
   * positive integer. Candidates without a `group` are never limited.
   */
  maxPerGroup: number;
  /**
   * Fill the places of over-quota candidates from lower ranks (`true`, default
   * {@link DEFAULT_QUOTA_BACKFILL}); with `false`, the result is the input's top `k` minus the
   * over-quota candidates, so it may be shorter than `k`.
   */
  backfill?: boolean;
}

/**
 * Exposure quota: at most `maxPerGroup` candidates of one group in the top `k`, so one
 * institution cannot take every place shown to an enterprise (the platform pairs each
 * enterprise with several institutions). Walks the list in its given order (the ranking, or
 * the output of an earlier re-ranker), skipping candidates whose group is full; the relative
 * order of the kept candidates never changes and no score is modified.
 *
 * @throws `OptionError` on an unknown option key (with a did-you-mean), a `maxPerGroup`
 * that is not a positive integer, a `backfill` that is not a boolean, or a `k` that is not a
 * non-negative integer or `Infinity`.
 */
export function exposureQuotaReranker(options: ExposureQuotaOptions): Reranker {
  const o = readOptions(options, ['maxPerGroup', 'backfill']);
  const maxPerGroup = integerOption(o.maxPerGroup, 'maxPerGroup', {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
  });
  const backfill = booleanOption(o.backfill, 'backfill', DEFAULT_QUOTA_BACKFILL);
  return {
    name: 'exposureQuota',
    ...specField('exposureQuota', options),
    description: {
      zh: `曝光配额：同一机构在前列中最多 ${maxPerGroup} 个产品${backfill ? '，空位由后续候选递补' : ''}`,
      en: `exposure quota: at most ${maxPerGroup} per institution in the top results${backfill ? ', backfilled from lower ranks' : ''}`,
    },
    rerank({ candidates, k }: RerankContext): ScoredCandidate[] {
      const limit = checkK(k);
      const scan = backfill ? candidates.length : Math.min(limit, candidates.length);
      const used = new Map<string, number>();
      const out: ScoredCandidate[] = [];
      for (let i = 0; i < scan && out.length < limit; i++) {
        const c = candidates[i]!;
        if (c.group !== undefined) {
          const n = used.get(c.group) ?? 0;
          if (n >= maxPerGroup) continue;
          used.set(c.group, n + 1);
        }
        out.push(c);
      }
      return out;
    },
  };
}
