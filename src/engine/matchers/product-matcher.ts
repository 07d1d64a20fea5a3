/**
 * `createProductMatcher`: ranks a product catalogue for enterprises (the platform backend's
 * use) and explains any enterprise–product pair — the generic catalogue matcher
 * ({@link createTargetMatcher}) on the enterprise–product market, plus bundles.
 *
 * @module
 */
import type {
  Enterprise,
  EnterpriseInput,
  FinancialProduct,
  FinancialProductInput,
} from '../../model/types.js';
import type {
  MatcherOptions,
  NearMissOptions,
  ProductBundle,
  ProductMatch,
  ProductMatcher,
  RankOptions,
} from '../api.js';
import { buildBundles, readBundleOptions } from '../../bundles/build.js';
import { matchAs } from './match-id.js';
import type { EnterpriseProductProfile, Explanation } from '../types.js';
import { createTargetMatcher, ENTERPRISE_PRODUCT } from './market.js';

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
  const core = createTargetMatcher<Enterprise, FinancialProduct>(
    ENTERPRISE_PRODUCT,
    products,
    options,
  );
  const rankProducts = (
    enterprise: EnterpriseInput | Enterprise,
    rankOptions?: RankOptions,
  ): ProductMatch[] => {
    const ranked = core.rank(enterprise, rankOptions);
    const matches: ProductMatch[] = new Array(ranked.length);
    for (let i = 0; i < ranked.length; i++) matches[i] = matchAs(ranked[i]!, 'productId');
    return matches;
  };
  return {
    get products() {
      return core.targets;
    },
    profile: core.profile,
    get plan() {
      return core.plan;
    },
    upsertProducts(records: readonly (FinancialProductInput | FinancialProduct)[]): void {
      core.upsert(records);
    },
    removeProducts: (ids: readonly string[]): number => core.remove(ids),
    rankProducts,
    explain: (enterprise: EnterpriseInput | Enterprise, productId: string): Explanation =>
      core.explain(enterprise, productId),
    nearMisses: (enterprise: EnterpriseInput | Enterprise, nearMissOptions?: NearMissOptions) =>
      core.nearMisses(enterprise, nearMissOptions),
    recommendBundles(
      enterprise: EnterpriseInput | Enterprise,
      bundleOptions?: { k?: number; membersPerInstrument?: number },
    ): ProductBundle[] {
      const options = readBundleOptions(bundleOptions);
      const subject = core.parseSubject(enterprise);
      return buildBundles({
        enterprise: subject,
        matches: rankProducts(subject, { k: Infinity }),
        products: core.byId,
        locale: core.locale,
        ...options,
      });
    },
  };
}
