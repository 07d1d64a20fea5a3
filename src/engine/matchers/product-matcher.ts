/**
 * `createProductMatcher`: ranks a product catalogue for enterprises (the platform backend's
 * use) and explains any enterprise–product pair.
 *
 * @module
 */
import { UnknownIdError } from '../../errors.js';
import { parseAll, parseRecord } from '../../model/parse.js';
import type {
  Enterprise,
  EnterpriseInput,
  FinancialProduct,
  FinancialProductInput,
} from '../../model/types.js';
import type {
  MatcherOptions,
  ProductBundle,
  ProductMatch,
  ProductMatcher,
  RankOptions,
} from '../api.js';
import { buildBundles } from '../../bundles/build.js';
import { prepareProfile } from '../pipeline.js';
import { enterpriseProductProfile } from '../profiles/enterprise-product.js';
import type { EnterpriseProductProfile, Explanation } from '../types.js';
import { checkIds, resolveMatcherOptions, resolveRankOptions, sortById } from './options.js';
import { compileTargets, type TargetRanker } from '../../compile/compile.js';

/**
 * Builds a product matcher over `products`. Every product is validated (one ValidationError
 * naming every bad record by index, id and path); options are validated (OptionError). The
 * profile's factors are prepared once, here, on the whole catalogue. Products are kept in id
 * order, so results never depend on the input order.
 *
 * @example
 * const matcher = createProductMatcher(products, { asOf: '2026-06-30', locale: 'en' });
 * matcher.rankProducts(enterprise, { k: 5 });
 */
export function createProductMatcher(
  products: readonly (FinancialProductInput | FinancialProduct)[],
  options?: MatcherOptions<EnterpriseProductProfile>,
): ProductMatcher {
  const resolved = resolveMatcherOptions(options, 'enterpriseProduct', enterpriseProductProfile);
  const { asOf, locale, reference, interactions, subjects } = resolved;
  let catalogue: readonly FinancialProduct[] = [];
  let byId = new Map<string, FinancialProduct>();
  let ranker!: TargetRanker<Enterprise, FinancialProduct>;
  // Prepares the factors on the catalogue and compiles the profile over it.
  const load = (products: readonly FinancialProduct[]) => {
    catalogue = Object.freeze(sortById(products));
    byId = new Map(catalogue.map((p) => [p.id, p]));
    const prepared = prepareProfile(resolved.profile, {
      targets: catalogue,
      subjects,
      interactions,
      reference,
      asOf,
    });
    ranker = compileTargets(prepared, { asOf, locale, reference }, catalogue, (p) => p.institutionId);
  };
  load(parseAll('product', products, { locale }));
  const parseEnterprise = (e: EnterpriseInput | Enterprise) =>
    parseRecord('enterprise', e, { locale });

  return {
    get products() {
      return catalogue;
    },
    profile: resolved.profile,
    get plan() {
      return ranker.plan;
    },
    upsertProducts(records: readonly (FinancialProductInput | FinancialProduct)[]): void {
      const parsed = parseAll('product', records, { locale });
      if (parsed.length === 0) return;
      const next = new Map(byId);
      for (const p of parsed) next.set(p.id, p);
      load([...next.values()]);
    },
    removeProducts(ids: readonly string[]): number {
      const drop = new Set([...checkIds(ids, locale)].filter((id) => byId.has(id)));
      if (drop.size > 0) load(catalogue.filter((p) => !drop.has(p.id)));
      return drop.size;
    },
    rankProducts(
      enterprise: EnterpriseInput | Enterprise,
      rankOptions?: RankOptions,
    ): ProductMatch[] {
      const { k, includeRules, includeIneligible } = resolveRankOptions(rankOptions);
      const subject = parseEnterprise(enterprise);
      return ranker
        .rank(subject, { k, includeRules, includeIneligible })
        .map(({ id, ...rest }) => ({ productId: id, ...rest }));
    },
    explain(enterprise: EnterpriseInput | Enterprise, productId: string): Explanation {
      const subject = parseEnterprise(enterprise);
      const product = byId.get(productId);
      if (!product) {
        throw new UnknownIdError(
          productId,
          locale === 'en'
            ? `unknown product id ${JSON.stringify(productId)}`
            : `未知的产品 id ${JSON.stringify(productId)}`,
        );
      }
      return ranker.explain(subject, product);
    },
    recommendBundles(
      enterprise: EnterpriseInput | Enterprise,
      bundleOptions: { k?: number } = {},
    ): ProductBundle[] {
      const subject = parseEnterprise(enterprise);
      const matches = this.rankProducts(subject, { k: Infinity });
      return buildBundles({
        enterprise: subject,
        matches,
        products: byId,
        locale,
        ...(bundleOptions.k !== undefined ? { k: bundleOptions.k } : {}),
      });
    },
  };
}
