/**
 * `createEnterpriseIndex`: prospects enterprises for a product (the bank's use) and ranks a
 * chain's or zone's enterprises against a product package in one call ("一链一策一批").
 *
 * @module
 */
import { OptionError, UnknownIdError } from '../../errors.js';
import { parseAll, parseRecord } from '../../model/parse.js';
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
  ProspectFilter,
  RankOptions,
} from '../api.js';
import { prepareProfile } from '../pipeline.js';
import { enterpriseProductProfile } from '../profiles/enterprise-product.js';
import type { EnterpriseProductProfile } from '../types.js';
import {
  checkIds,
  mergeSubjects,
  resolveMatcherOptions,
  resolveRankOptions,
  sortById,
} from './options.js';
import { compileProspectFilter } from './prospect-filter.js';
import { compileSubjects, compileTargets } from '../../compile/compile.js';

/**
 * Builds an index over `enterprises` (validated; kept in id order). The profile's factors are
 * prepared once, here, with the enterprises as subjects and no targets (products arrive per
 * call). Results carry the enterprise's province as re-ranking group.
 */
export function createEnterpriseIndex(
  enterprises: readonly (EnterpriseInput | Enterprise)[],
  options?: MatcherOptions<EnterpriseProductProfile>,
): EnterpriseIndex {
  const resolved = resolveMatcherOptions(options, 'enterpriseProduct', enterpriseProductProfile);
  const { asOf, locale, reference, interactions, subjects, targets } = resolved;
  const all0 = sortById(parseAll('enterprise', enterprises, { locale }));
  const prepared = prepareProfile(resolved.profile, {
    targets: [],
    subjects: mergeSubjects(all0, subjects),
    interactions,
    reference,
    asOf,
    historyTargets: targets,
  });
  const env = { asOf, locale, reference };
  // Columnar when the plan allows (the same results as the reference loop), kept current.
  const ranker = compileSubjects(prepared, env, all0, (e) => e.region.slice(0, 2));

  return {
    get enterprises() {
      return ranker.subjects;
    },
    profile: resolved.profile,
    plan: ranker.plan,
    upsertEnterprises(records: readonly (EnterpriseInput | Enterprise)[]): void {
      ranker.upsert(parseAll('enterprise', records, { locale }));
    },
    removeEnterprises(ids: readonly string[]): number {
      return ranker.remove(checkIds(ids, locale));
    },
    prospectEnterprises(
      product: FinancialProductInput | FinancialProduct,
      rankOptions?: RankOptions & { filter?: ProspectFilter },
    ): EnterpriseMatch[] {
      const { k, includeRules } = resolveRankOptions(rankOptions);
      const keep = compileProspectFilter(rankOptions?.filter);
      const target = parseRecord('product', product, { locale });
      return ranker
        .rank(target, {
          k,
          includeRules,
          ...(rankOptions?.filter !== undefined ? { keep } : {}),
        })
        .map(({ id, ...rest }) => ({ enterpriseId: id, ...rest }));
    },
    rankBatch(
      selector: { chainId: string } | { zoneId: string },
      products: readonly (FinancialProductInput | FinancialProduct)[],
      rankOptions?: RankOptions,
    ): BatchRanking[] {
      const { k, includeRules } = resolveRankOptions(rankOptions);
      const members = selectMembers(selector);
      const catalogue = sortById(parseAll('product', products, { locale }));
      const packageRanker = compileTargets(prepared, env, catalogue, (p) => p.institutionId);
      return members.map((e) => ({
        enterpriseId: e.id,
        matches: packageRanker
          .rank(e, { k, includeRules })
          .map(({ id, ...rest }) => ({ productId: id, ...rest })),
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
      const members = ranker.subjects.filter((e) => e.chains.some((c) => c.chainId === id));
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
      const members = ranker.subjects.filter((e) => e.zones.includes(id));
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
