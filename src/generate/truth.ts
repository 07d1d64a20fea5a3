/**
 * The hidden "true fit" of a generated market: for eligible pairs,
 *   logistic(attributeSlope · (attributeFit − 0.5) + latentWeight · u·v/√k),
 * and exactly 0 for ineligible pairs (the eligibility contract of eligibility.ts).
 * attributeFit ∈ [0,1] is a documented weighted mean of amount, term, purpose, sector, stage,
 * tier, rate and chain/zone fit (TRUTH.weights); u and v are seeded standard-normal taste
 * vectors per enterprise/product (and project/investor), stored compactly in Float64Arrays,
 * so interactions drawn from it carry signal beyond the attributes.
 *
 * @module
 */
import type { Enterprise, FinancialProduct, Investor, Project } from '../model/types.js';
import { roundRank, srdiRank } from '../taxonomy/ladders.js';
import type { Random } from '../util/random.js';
import { LATENT_DIMENSIONS, PRODUCT_SPECS, TRUTH } from './calibration.js';
import {
  effectiveSrdiTierAt,
  isEnterpriseProductEligible,
  isProjectInvestorEligible,
  type EligibilityDates,
} from './eligibility.js';
import type { MarketTruth } from './types.js';

/** Truth with index-based access for the generator's own loops. */
export interface TruthModel extends MarketTruth {
  /** True fit of enterprise `e` (index) and product `p` (index). */
  enterpriseProductAt(e: number, p: number): number;
  /** True fit of project (index) and investor (index). */
  projectInvestorAt(project: number, investor: number): number;
  /** Attribute part only (no eligibility gate, no latent term), for diagnostics. */
  enterpriseProductAttributes(e: number, p: number): number;
}

function latentVectors(rng: Random, n: number): Float64Array {
  const out = new Float64Array(n * LATENT_DIMENSIONS);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}

function dot(a: Float64Array, i: number, b: Float64Array, j: number): number {
  let s = 0;
  for (let d = 0; d < LATENT_DIMENSIONS; d++)
    s += a[i * LATENT_DIMENSIONS + d]! * b[j * LATENT_DIMENSIONS + d]!;
  return s / Math.sqrt(LATENT_DIMENSIONS);
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** 1 at the centre of [min, max] on a log scale, 0 at the ends (and beyond). */
function logCentrality(x: number, min: number, max: number): number {
  if (max <= min) return 1;
  const half = 0.5 * Math.log(max / min);
  const centre = 0.5 * Math.log(max * min);
  return Math.max(0, 1 - Math.abs(Math.log(x) - centre) / half);
}

function linearCentrality(x: number, min: number, max: number): number {
  if (max <= min) return 1;
  const half = 0.5 * (max - min);
  return Math.max(0, 1 - Math.abs(x - 0.5 * (max + min)) / half);
}

/** Attribute fit of an enterprise–product pair, in [0, 1]. */
export function enterpriseProductAttributeFit(
  e: Enterprise,
  p: FinancialProduct,
  dates: EligibilityDates,
): number {
  const w = TRUTH.weights;
  const amount = logCentrality(e.need.amount, p.amount.min, p.amount.max);
  const term = linearCentrality(e.need.termMonths, p.termMonths.min, p.termMonths.max);
  const purpose = PRODUCT_SPECS[p.type].purposes.includes(e.need.purpose) ? 1 : 0.2;
  const sector =
    p.targetSectors.length > 0 && p.targetSectors.some((t) => e.sector.startsWith(t)) ? 1 : 0.5;
  const stage = p.stages.includes(e.stage) ? (p.stages.length <= 2 ? 1 : 0.7) : 0.5;
  const diff = srdiRank(effectiveSrdiTierAt(e, dates)) - srdiRank(p.minSrdiTier);
  const tier = diff < 0 ? 0 : Math.min(1, 0.6 + 0.2 * diff);
  const max = e.need.maxRatePercent;
  const rate =
    max === undefined || p.ratePercent === undefined ? 0.7 : p.ratePercent.min <= max ? 1 : 0;
  const sharedChain = e.chains.some((c) => p.chains.includes(c.chainId));
  const sharedZone = e.zones.some((z) => p.zones.includes(z));
  const chainZone = sharedChain ? 1 : sharedZone ? 0.8 : 0.4;
  return (
    w.amount * amount +
    w.term * term +
    w.purpose * purpose +
    w.sector * sector +
    w.stage * stage +
    w.tier * tier +
    w.rate * rate +
    w.chainZone * chainZone
  );
}

/** Attribute fit of a project–investor pair, in [0, 1]. */
export function projectInvestorAttributeFit(pr: Project, inv: Investor): number {
  const ticket = logCentrality(pr.need.amount, inv.ticket.min, inv.ticket.max);
  let round = 0.5;
  if (inv.rounds.length > 0) {
    const ranks = inv.rounds.map(roundRank);
    round = linearCentrality(
      roundRank(pr.round),
      Math.min(...ranks) - 0.5,
      Math.max(...ranks) + 0.5,
    );
  }
  const trl = inv.trl ? linearCentrality(pr.trl, inv.trl.min - 0.5, inv.trl.max + 0.5) : 0.5;
  const sector = inv.targetSectors.length > 0 ? 1 : 0.4;
  const region = inv.regions.length > 0 ? 1 : 0.6;
  const owner = srdiRank(pr.ownerSrdiTier) / 4;
  const chain = inv.kind === 'corporateVC' && pr.chains.length > 0 ? 1 : 0.5;
  return (
    0.3 * ticket +
    0.15 * round +
    0.15 * trl +
    0.2 * sector +
    0.05 * region +
    0.1 * owner +
    0.05 * chain
  );
}

/**
 * Builds the truth over the market's arrays (the records are read, not copied; editing them
 * afterwards changes the truth). Latent vectors come from `rng`.
 */
export function createTruth(
  rng: Random,
  dates: EligibilityDates,
  enterprises: readonly Enterprise[],
  products: readonly FinancialProduct[],
  projects: readonly Project[],
  investors: readonly Investor[],
): TruthModel {
  const ue = latentVectors(rng.fork('enterprise-latent'), enterprises.length);
  const vp = latentVectors(rng.fork('product-latent'), products.length);
  const uj = latentVectors(rng.fork('project-latent'), projects.length);
  const vi = latentVectors(rng.fork('investor-latent'), investors.length);
  const indexOf = (items: readonly { id: string }[]) => {
    const m = new Map<string, number>();
    items.forEach((x, i) => m.set(x.id, i));
    return m;
  };
  let eIndex: Map<string, number> | undefined;
  const pIndex = indexOf(products);
  const jIndex = indexOf(projects);
  const iIndex = indexOf(investors);

  const enterpriseProductAt = (e: number, p: number): number => {
    const ent = enterprises[e]!;
    const prod = products[p]!;
    if (!isEnterpriseProductEligible(ent, prod, dates)) return 0;
    const a = enterpriseProductAttributeFit(ent, prod, dates);
    return logistic(TRUTH.attributeSlope * (a - 0.5) + TRUTH.latentWeight * dot(ue, e, vp, p));
  };
  const projectInvestorAt = (j: number, i: number): number => {
    const pr = projects[j]!;
    const inv = investors[i]!;
    if (!isProjectInvestorEligible(pr, inv)) return 0;
    const a = projectInvestorAttributeFit(pr, inv);
    return logistic(TRUTH.attributeSlope * (a - 0.5) + TRUTH.latentWeight * dot(uj, j, vi, i));
  };
  return {
    enterpriseProductAt,
    projectInvestorAt,
    enterpriseProductAttributes: (e, p) =>
      enterpriseProductAttributeFit(enterprises[e]!, products[p]!, dates),
    enterpriseProduct(enterpriseId, productId) {
      eIndex ??= indexOf(enterprises);
      const e = eIndex.get(enterpriseId);
      const p = pIndex.get(productId);
      return e === undefined || p === undefined ? 0 : enterpriseProductAt(e, p);
    },
    projectInvestor(projectId, investorId) {
      const j = jIndex.get(projectId);
      const i = iIndex.get(investorId);
      return j === undefined || i === undefined ? 0 : projectInvestorAt(j, i);
    },
  };
}
