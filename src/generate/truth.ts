/**
 * The hidden "true fit" of a generated market. For an eligible pair it is
 *   logistic(bias + Σ terms of the target's latent behaviour),
 * and exactly 0 for an ineligible pair (the eligibility contract of eligibility.ts: a product
 * still cannot fund what its hard terms exclude).
 *
 * The terms come from the institution's (investor's) latent behaviour (behaviour.ts): its
 * regional footprint and favoured prefectures, its sector book, its client-size (ticket) sweet
 * spot, plus the enterprise's creditworthiness (debt ratio and a hidden part), the product
 * type's purposes (and green for a green-tagged product: `productPurposes`), an existing
 * lending relationship and a small idiosyncratic taste u·v/√k
 * (TRUTH, PROJECT_TRUTH in calibration.ts). It deliberately does not use the engine's factor
 * functions (nor mirror them: no amount, term, stage, tier or chain/zone fit), so that a ranking
 * agrees with it only as far as it has learned the market, not because it shares the formula.
 *
 * Enterprise features are encoded once into typed arrays (province, prefecture, division and
 * group ids, log size, quality, purpose, latent vector), so a pair costs a few array reads.
 *
 * @module
 */
import { PURPOSES } from '../model/enums.js';
import type { Enterprise, FinancialProduct, Investor, Project } from '../model/types.js';
import type { Random } from '../util/random.js';
import type { Behaviour, MarketBehaviour } from './behaviour.js';
import { productPurposes } from './catalogue.js';
import { LATENT_DIMENSIONS, PROJECT_TRUTH, SIZE_REVENUE_FLOOR, TRUTH } from './calibration.js';
import {
  isEnterpriseProductEligible,
  isProjectInvestorEligible,
  type EligibilityDates,
} from './eligibility.js';
import type { MarketTruth } from './types.js';

/** The logit terms of an enterprise–product pair (before the logistic), for diagnostics. */
export interface EnterpriseProductTerms {
  bias: number;
  /** Footprint affinity of the enterprise's province, plus the favoured-prefecture bonus. */
  region: number;
  /** Favoured group/division bonus or avoided-division penalty, × sector strength. */
  sector: number;
  /** Client-size sweet spot. */
  size: number;
  /** Enterprise creditworthiness. */
  quality: number;
  /** Product type serves the need's purpose (+) or not (−). */
  purpose: number;
  /** The enterprise already borrows from the product's institution. */
  existingLender: number;
  /** Idiosyncratic taste. */
  latent: number;
}

/** Truth with index-based access for the generator's own loops. */
export interface TruthModel extends Required<MarketTruth> {
  /** True fit of enterprise `e` (index) and product `p` (index). */
  enterpriseProductAt(e: number, p: number): number;
  /** True fit of project (index) and investor (index). */
  projectInvestorAt(project: number, investor: number): number;
  /** Logit terms of a pair (no eligibility gate), for diagnostics and tests. */
  enterpriseProductTerms(e: number, p: number): EnterpriseProductTerms;
  /** Institution index (into the behaviour's institutions) of each product. */
  institutionOfProduct: Int32Array;
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

/** A Gaussian bump mapped to [−1, 1]: +1 at the sweet spot, → −1 far from it. */
function sweetSpot(x: number, size: Behaviour['size']): number {
  const z = (x - size.centre) / size.width;
  return 2 * Math.exp(-0.5 * z * z) - 1;
}

/** Integer ids of sector prefixes (divisions and groups), assigned on first sight. */
class PrefixIds {
  private readonly ids = new Map<string, number>();
  id(prefix: string): number {
    let id = this.ids.get(prefix);
    if (id === undefined) this.ids.set(prefix, (id = this.ids.size));
    return id;
  }
}

/** Compiled per-target terms: affinity row offset, cities, sector bonuses, size. */
interface CompiledTarget {
  row: number;
  cities: Int32Array;
  /** Prefix id → bonus; groups are looked up before divisions. */
  sector: Map<number, number>;
  size: Behaviour['size'];
}

function compileTarget(
  b: Behaviour,
  row: number,
  ids: PrefixIds,
  weights: { group: number; division: number; avoided: number },
): CompiledTarget {
  const sector = new Map<number, number>();
  for (const d of b.avoidedSectors) sector.set(ids.id(d), weights.avoided * b.sectorStrength);
  for (const f of b.favouredSectors)
    sector.set(ids.id(f), (f.length > 3 ? weights.group : weights.division) * b.sectorStrength);
  return { row, cities: Int32Array.from(b.favouredCities, Number), sector, size: b.size };
}

/** Subject columns shared by both markets. */
interface SubjectColumns {
  province: Uint8Array;
  city: Int32Array;
  division: Int32Array;
  group: Int32Array;
}

function subjectColumns(
  items: readonly { region: string; sector: string }[],
  behaviour: MarketBehaviour,
  ids: PrefixIds,
): SubjectColumns {
  const n = items.length;
  const cols: SubjectColumns = {
    province: new Uint8Array(n),
    city: new Int32Array(n),
    division: new Int32Array(n),
    group: new Int32Array(n),
  };
  for (let k = 0; k < n; k++) {
    const { region, sector } = items[k]!;
    cols.province[k] = behaviour.provinceIndex.get(region.slice(0, 2)) ?? 0;
    cols.city[k] = Number(region);
    cols.division[k] = ids.id(sector.slice(0, 3));
    cols.group[k] = sector.length > 3 ? ids.id(sector.slice(0, 4)) : -1;
  }
  return cols;
}

function regionTerm(
  cols: SubjectColumns,
  k: number,
  t: CompiledTarget,
  affinity: Float64Array,
  provinces: number,
  weight: number,
  cityBonus: number,
): number {
  let x = weight * affinity[t.row * provinces + cols.province[k]!]!;
  const city = cols.city[k]!;
  for (let c = 0; c < t.cities.length; c++) if (t.cities[c] === city) x += cityBonus;
  return x;
}

function sectorTerm(cols: SubjectColumns, k: number, t: CompiledTarget): number {
  return t.sector.get(cols.group[k]!) ?? t.sector.get(cols.division[k]!) ?? 0;
}

/** Inputs of {@link createTruth}. */
export interface TruthInput {
  dates: EligibilityDates;
  behaviour: MarketBehaviour;
  enterprises: readonly Enterprise[];
  products: readonly FinancialProduct[];
  projects: readonly Project[];
  investors: readonly Investor[];
}

/**
 * Builds the truth over the market's arrays (the records are read, not copied; editing them
 * afterwards changes the eligibility gate but not the encoded features). Hidden quality and
 * latent vectors come from `rng`.
 */
export function createTruth(rng: Random, input: TruthInput): TruthModel {
  const { dates, behaviour, enterprises, products, projects, investors } = input;
  const ue = latentVectors(rng.fork('enterprise-latent'), enterprises.length);
  const vp = latentVectors(rng.fork('product-latent'), products.length);
  const uj = latentVectors(rng.fork('project-latent'), projects.length);
  const vi = latentVectors(rng.fork('investor-latent'), investors.length);
  const provinces = behaviour.provinces.length;
  const ids = new PrefixIds();

  // Enterprise side.
  const ent = subjectColumns(enterprises, behaviour, ids);
  const entSize = new Float64Array(enterprises.length);
  const entQuality = new Float64Array(enterprises.length);
  const entPurpose = new Uint8Array(enterprises.length);
  const qrng = rng.fork('enterprise-quality');
  const hiddenShare = Math.sqrt(1 - TRUTH.qualityDebtShare ** 2);
  const purposeIndex = new Map(PURPOSES.map((p, i) => [p, i]));
  for (let e = 0; e < enterprises.length; e++) {
    const x = enterprises[e]!;
    entSize[e] = Math.log10(Math.max(x.annualRevenue, SIZE_REVENUE_FLOOR));
    // Debt ratio is drawn ~ N(0.5, 0.15) (enterprises.ts); standardised, lower is better.
    entQuality[e] =
      TRUTH.qualityDebtShare * ((0.5 - x.debtRatio) / 0.15) + hiddenShare * qrng.normal();
    entPurpose[e] = purposeIndex.get(x.need.purpose) ?? 0;
  }

  // Product side: its institution's compiled behaviour.
  const instIndex = new Map(behaviour.institutions.map((b, i) => [b.institutionId, i]));
  const sectorWeights = {
    group: TRUTH.sectorGroup,
    division: TRUTH.sectorDivision,
    avoided: TRUTH.sectorAvoided,
  };
  const compiledInstitutions = behaviour.institutions.map((b, i) =>
    compileTarget(b, i, ids, sectorWeights),
  );
  const institutionOfProduct = Int32Array.from(products, (p) => {
    const i = instIndex.get(p.institutionId);
    if (i === undefined) throw new RangeError(`product ${p.id}: unknown institution`);
    return i;
  });
  const purposeMasks = Uint32Array.from(products, (p) =>
    productPurposes(p).reduce((m, u) => m | (1 << purposeIndex.get(u)!), 0),
  );

  // One helper per term, shared by the hot path (a sum) and the diagnostic breakdown.
  const regionEP = (e: number, i: number) =>
    regionTerm(
      ent,
      e,
      compiledInstitutions[i]!,
      behaviour.institutionAffinity,
      provinces,
      TRUTH.region,
      TRUTH.city,
    );
  const sectorEP = (e: number, i: number) => sectorTerm(ent, e, compiledInstitutions[i]!);
  const sizeEP = (e: number, i: number) =>
    TRUTH.size * sweetSpot(entSize[e]!, compiledInstitutions[i]!.size);
  const qualityEP = (e: number) => TRUTH.quality * entQuality[e]!;
  const purposeEP = (e: number, p: number) =>
    (purposeMasks[p]! >>> entPurpose[e]!) & 1 ? TRUTH.purpose : -TRUTH.purpose;
  const lenderEP = (e: number, i: number) => {
    const instId = behaviour.institutions[i]!.institutionId;
    for (const loan of enterprises[e]!.existingLoans)
      if (loan.lenderId === instId) return TRUTH.existingLender;
    return 0;
  };
  const latentEP = (e: number, p: number) => TRUTH.latent * dot(ue, e, vp, p);

  const enterpriseProductTerms = (e: number, p: number): EnterpriseProductTerms => {
    const i = institutionOfProduct[p]!;
    return {
      bias: TRUTH.bias,
      region: regionEP(e, i),
      sector: sectorEP(e, i),
      size: sizeEP(e, i),
      quality: qualityEP(e),
      purpose: purposeEP(e, p),
      existingLender: lenderEP(e, i),
      latent: latentEP(e, p),
    };
  };
  const enterpriseProductAt = (e: number, p: number): number => {
    if (!isEnterpriseProductEligible(enterprises[e]!, products[p]!, dates)) return 0;
    const i = institutionOfProduct[p]!;
    return logistic(
      TRUTH.bias +
        regionEP(e, i) +
        sectorEP(e, i) +
        sizeEP(e, i) +
        qualityEP(e) +
        purposeEP(e, p) +
        lenderEP(e, i) +
        latentEP(e, p),
    );
  };

  // Project side.
  const proj = subjectColumns(projects, behaviour, ids);
  const projSize = Float64Array.from(projects, (pr) => Math.log10(pr.need.amount));
  const prng = rng.fork('project-quality');
  const projQuality = Float64Array.from(projects, () => prng.normal());
  const compiledInvestors = behaviour.investors.map((b, i) =>
    compileTarget(b, i, ids, {
      group: PROJECT_TRUTH.sector,
      division: PROJECT_TRUTH.sector,
      avoided: 0,
    }),
  );
  const projectInvestorAt = (j: number, i: number): number => {
    if (!isProjectInvestorEligible(projects[j]!, investors[i]!)) return 0;
    const t = compiledInvestors[i]!;
    return logistic(
      PROJECT_TRUTH.bias +
        regionTerm(proj, j, t, behaviour.investorAffinity, provinces, PROJECT_TRUTH.region, 0) +
        sectorTerm(proj, j, t) +
        PROJECT_TRUTH.ticket * sweetSpot(projSize[j]!, t.size) +
        PROJECT_TRUTH.quality * projQuality[j]! +
        PROJECT_TRUTH.latent * dot(uj, j, vi, i),
    );
  };

  const indexOf = (items: readonly { id: string }[]) => {
    const m = new Map<string, number>();
    items.forEach((x, i) => m.set(x.id, i));
    return m;
  };
  let eIndex: Map<string, number> | undefined;
  const pIndex = indexOf(products);
  const jIndex = indexOf(projects);
  const iIndex = indexOf(investors);
  const invBehaviour = new Map(behaviour.investors.map((b) => [b.investorId, b]));
  return {
    enterpriseProductAt,
    projectInvestorAt,
    enterpriseProductTerms,
    institutionOfProduct,
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
    institutionBehaviour(institutionId) {
      const i = instIndex.get(institutionId);
      return i === undefined ? undefined : behaviour.institutions[i];
    },
    investorBehaviour: (investorId) => invBehaviour.get(investorId),
  };
}
