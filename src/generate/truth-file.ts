/**
 * The hidden truth of a generated market as records, for the files `finmatch generate` writes
 * beside the market: one JSON line per enterprise (per project) with the true fit of each of
 * its eligible products (investors).
 *
 * @module
 */
import type { Market } from './types.js';

/** The truth files, by the pair kind each holds. */
export const TRUTH_FILES = {
  enterpriseProduct: 'truth-enterprise-product.jsonl',
  projectInvestor: 'truth-project-investor.jsonl',
} as const;

/**
 * One line of `truth-enterprise-product.jsonl`: the true fit of the enterprise with every
 * product it is eligible for (fit > 0), by product id in id order. A product absent from
 * `fits` has fit 0 (not eligible), as `market.truth.enterpriseProduct` returns.
 *
 * @example
 * {"enterpriseId":"ent-000001","fits":{"prod-0012":0.4127,"prod-0311":0.0831}}
 */
export interface EnterpriseProductTruthRecord {
  enterpriseId: string;
  /** Fit in (0, 1] by product id. */
  fits: Record<string, number>;
}

/**
 * One line of `truth-project-investor.jsonl`: the true fit of the project with every investor
 * it is eligible for, by investor id; absent means 0.
 */
export interface ProjectInvestorTruthRecord {
  projectId: string;
  /** Fit in (0, 1] by investor id. */
  fits: Record<string, number>;
}

/**
 * The enterprise–product truth, one record per enterprise in the market's order (every
 * enterprise, with `fits: {}` when it is eligible for nothing). Lazy: one record at a time,
 * O(products) per record, so a seed-scale market streams to a file without holding it.
 */
export function* enterpriseProductTruthRecords(
  market: Pick<Market, 'enterprises' | 'products' | 'truth'>,
): Generator<EnterpriseProductTruthRecord> {
  const productIds = market.products.map((p) => p.id).sort(compareIds);
  for (const enterprise of market.enterprises) {
    const fits: Record<string, number> = {};
    for (const productId of productIds) {
      const fit = market.truth.enterpriseProduct(enterprise.id, productId);
      if (fit > 0) fits[productId] = fit;
    }
    yield { enterpriseId: enterprise.id, fits };
  }
}

/** The project–investor truth, one record per project in the market's order. Lazy. */
export function* projectInvestorTruthRecords(
  market: Pick<Market, 'projects' | 'investors' | 'truth'>,
): Generator<ProjectInvestorTruthRecord> {
  const investorIds = market.investors.map((i) => i.id).sort(compareIds);
  for (const project of market.projects) {
    const fits: Record<string, number> = {};
    for (const investorId of investorIds) {
      const fit = market.truth.projectInvestor(project.id, investorId);
      if (fit > 0) fits[investorId] = fit;
    }
    yield { projectId: project.id, fits };
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
