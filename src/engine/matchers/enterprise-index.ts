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
import { mergeSubjects, resolveMatcherOptions, resolveRankOptions, sortById } from './options.js';
import { compileProspectFilter } from './prospect-filter.js';
import { rankPairs } from './rank.js';
import { FastCatalogue, FastSubjectIndex } from '../../fast/rank.js';

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
  let all: readonly Enterprise[] = Object.freeze(
    sortById(parseAll('enterprise', enterprises, { locale })),
  );
  const prepared = prepareProfile(resolved.profile, {
    targets: [],
    subjects: mergeSubjects(all, subjects),
    interactions,
    reference,
    asOf,
    historyTargets: targets,
  });
  // The columnar fast path, when every part of the profile has fast-path hooks (same results).
  const fast = FastSubjectIndex.create(prepared, { asOf, locale, reference }, all);
  const ctx = (subject: Enterprise, target: FinancialProduct) => ({
    subject,
    target,
    asOf,
    locale,
    reference,
  });

  return {
    get enterprises() {
      return all;
    },
    profile: resolved.profile,
    upsertEnterprises(records: readonly (EnterpriseInput | Enterprise)[]): void {
      const parsed = parseAll('enterprise', records, { locale });
      const byId = new Map(all.map((e) => [e.id, e]));
      for (const e of parsed) {
        byId.set(e.id, e);
        fast?.columns.upsert(e);
      }
      if (parsed.length > 0) fast?.invalidate();
      all = Object.freeze(sortById([...byId.values()]));
    },
    removeEnterprises(ids: readonly string[]): number {
      const drop = new Set(ids);
      let removed = 0;
      for (const id of drop)
        if (fast ? fast.columns.remove(id) : all.some((e) => e.id === id)) removed++;
      if (removed > 0) {
        fast?.invalidate();
        all = Object.freeze(all.filter((e) => !drop.has(e.id)));
      }
      return removed;
    },
    prospectEnterprises(
      product: FinancialProductInput | FinancialProduct,
      rankOptions?: RankOptions & { filter?: ProspectFilter },
    ): EnterpriseMatch[] {
      const { k, includeRules } = resolveRankOptions(rankOptions);
      const keep = compileProspectFilter(rankOptions?.filter);
      const target = parseRecord('product', product, { locale });
      const fastRanked = fast?.rank(
        target,
        k,
        includeRules,
        rankOptions?.filter !== undefined ? keep : undefined,
        (e) => e.region.slice(0, 2),
      );
      if (fastRanked) {
        return fastRanked.map(({ id, ...rest }) => ({ enterpriseId: id, ...rest }));
      }
      function* pairs() {
        for (const e of all) {
          if (keep(e)) yield { id: e.id, group: e.region.slice(0, 2), ctx: ctx(e, target) };
        }
      }
      return rankPairs(prepared, pairs(), k, includeRules).map(({ id, ...rest }) => ({
        enterpriseId: id,
        ...rest,
      }));
    },
    rankBatch(
      selector: { chainId: string } | { zoneId: string },
      products: readonly (FinancialProductInput | FinancialProduct)[],
      rankOptions?: RankOptions,
    ): BatchRanking[] {
      const { k, includeRules } = resolveRankOptions(rankOptions);
      const members = selectMembers(selector);
      const catalogue = sortById(parseAll('product', products, { locale }));
      const fastCatalogue = fast
        ? FastCatalogue.create(prepared, { asOf, locale, reference }, catalogue)
        : null;
      return members.map((e) => ({
        enterpriseId: e.id,
        matches: (
          fastCatalogue?.rank(e, k, includeRules, (p) => p.institutionId) ??
          rankPairs(
            prepared,
            catalogue.map((p) => ({ id: p.id, group: p.institutionId, ctx: ctx(e, p) })),
            k,
            includeRules,
          )
        ).map(({ id, ...rest }) => ({ productId: id, ...rest })),
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
      const members = all.filter((e) => e.chains.some((c) => c.chainId === id));
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
      const members = all.filter((e) => e.zones.includes(id));
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
