/**
 * `createEnterpriseIndex`: prospects enterprises for a product (the bank's use) and ranks a
 * chain's or zone's enterprises against a product package in one call ("一链一策一批").
 *
 * @module
 */
import { OptionError, UnknownIdError } from '../../errors.js';
import { parseAll } from '../../model/parse.js';
import type {
  Enterprise,
  EnterpriseInput,
  FinancialProduct,
  FinancialProductInput,
} from '../../model/types.js';
import type {
  BatchRanking,
  EnterpriseIndex,
  EnterpriseMatch,
  MatcherOptions,
  ProspectOptions,
  RankOptions,
} from '../api.js';
import type { EnterpriseProductProfile, Explanation } from '../types.js';
import { MAX_RANK_K, resolveRankOptions } from './options.js';
import { sortById } from '../../util/compare.js';
import { compileProspectFilter } from './prospect-filter.js';
import { compileTargets } from '../../compile/compile.js';
import { createSubjectIndex, ENTERPRISE_PRODUCT } from './market.js';
import { matchAs } from './match-id.js';

/**
 * Builds an index over `enterprises` (validated; kept in id order). The profile's factors are
 * prepared once, here, with the enterprises as subjects and no targets (products arrive per
 * call). Results carry the enterprise's province as re-ranking group.
 */
export function createEnterpriseIndex(
  enterprises: readonly (EnterpriseInput | Enterprise)[],
  options?: MatcherOptions<EnterpriseProductProfile>,
): EnterpriseIndex {
  const core = createSubjectIndex<Enterprise, FinancialProduct>(
    ENTERPRISE_PRODUCT,
    enterprises,
    options,
  );
  const { locale, prepared, env } = core;
  const reference = env.reference;

  return {
    get enterprises() {
      return core.subjects;
    },
    profile: core.profile,
    plan: core.plan,
    upsertEnterprises(records: readonly (EnterpriseInput | Enterprise)[]): void {
      core.upsert(records);
    },
    removeEnterprises: (ids: readonly string[]): number => core.remove(ids),
    explain: (
      enterpriseId: string,
      product: string | FinancialProductInput | FinancialProduct,
    ): Explanation => core.explain(enterpriseId, product),
    prospectEnterprises(
      product: FinancialProductInput | FinancialProduct,
      rankOptions?: ProspectOptions,
    ): EnterpriseMatch[] {
      const { k, offset } = resolveRankOptions(rankOptions, 'prospect', reference);
      const filter = rankOptions?.filter;
      const keep = filter !== undefined ? compileProspectFilter(filter, reference) : undefined;
      // A page is the window [offset, offset + k) of the full ranking: rank that many, drop
      // the first `offset`. Ranks stay positions in the full ranking.
      const window = offset + k > MAX_RANK_K ? Infinity : offset + k;
      return core
        .rank(product, { ...rankOptions, k: window, offset: 0 } as ProspectOptions, keep)
        .slice(offset)
        .map((c) => matchAs(c, 'enterpriseId'));
    },
    rankBatch(
      selector: { chainId: string } | { zoneId: string },
      products: readonly (FinancialProductInput | FinancialProduct)[],
      rankOptions?: RankOptions,
    ): BatchRanking[] {
      const { k, includeRules } = resolveRankOptions(rankOptions, 'index');
      const members = selectMembers(selector);
      const catalogue = sortById(parseAll('product', products, { locale }));
      const packageRanker = compileTargets(prepared, env, catalogue, (p) => p.institutionId);
      return members.map((e) => ({
        enterpriseId: e.id,
        matches: packageRanker.rank(e, { k, includeRules }).map((c) => matchAs(c, 'productId')),
      }));
    },
  };

  function selectMembers(selector: { chainId: string } | { zoneId: string }): Enterprise[] {
    if (
      selector &&
      typeof selector === 'object' &&
      'chainId' in selector &&
      typeof selector.chainId === 'string'
    ) {
      const id = selector.chainId;
      const members = core.subjects.filter((e) => e.chains.some((c) => c.chainId === id));
      if (members.length === 0 && !reference.chains?.has(id)) throw unknown('chain', id);
      return members;
    }
    if (
      selector &&
      typeof selector === 'object' &&
      'zoneId' in selector &&
      typeof selector.zoneId === 'string'
    ) {
      const id = selector.zoneId;
      const members = core.subjects.filter((e) => e.zones.includes(id));
      if (members.length === 0 && !reference.zones?.has(id)) throw unknown('zone', id);
      return members;
    }
    throw new OptionError('selector', 'selector must be { chainId: string } or { zoneId: string }');
  }

  function unknown(kind: 'chain' | 'zone', id: string): UnknownIdError {
    return new UnknownIdError(
      id,
      locale === 'en'
        ? `unknown ${kind} id ${JSON.stringify(id)}: no enterprise is on it and it is not in the reference data`
        : `未知的${kind === 'chain' ? '产业链' : '专区'} id ${JSON.stringify(id)}：没有企业属于它，参考数据中也没有`,
    );
  }
}
