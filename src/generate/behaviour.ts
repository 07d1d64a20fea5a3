/**
 * Latent behaviour of the market's institutions and investors: who they really lend to and
 * invest in, beyond what their products and mandates declare. Drawn from the seed once the
 * catalogue exists; the hidden true fit (truth.ts) and the interactions (interactions.ts) are
 * built from it, not from the engine's factors, so that a learner has something to discover.
 *
 * Per institution (and, with a ticket instead of a client size, per investor):
 * - a regional **footprint**: a home province holding `concentration` of its deals, the rest
 *   spread ∝ market share × lift (a few named provinces lifted, the others damped), and
 *   favoured prefectures in the home province ({@link FOOTPRINT}, {@link INVESTOR_FOOTPRINT});
 * - a **sector book**: favoured GB/T 4754 divisions and groups, some inside the sectors its
 *   products declare, and avoided divisions ({@link SECTOR_BOOK});
 * - a **size** sweet spot on log10 revenue (log10 ticket for investors) ({@link SIZE_PREFERENCE});
 * - a heavy-tailed **volume** with a yearly drift ({@link VOLUME});
 * - a **loyalty**: its appetite for returning clients ({@link LOYALTY}); investors also have
 *   syndicate **partners** they co-invest with.
 *
 * @module
 */
import type { InstitutionKind } from '../model/enums.js';
import type { FinancialProduct, Institution, Investor, Project } from '../model/types.js';
import type { Random } from '../util/random.js';
import {
  FOOTPRINT,
  FOOTPRINT_AFFINITY_CLIP,
  INVESTOR_BEHAVIOUR,
  INVESTOR_FOOTPRINT,
  LOYALTY,
  NATIONAL_SIZE_SHIFT,
  PROJECT_FIELDS,
  PROVINCE_CITIES,
  PROVINCE_WEIGHTS,
  SECTOR_BOOK,
  SIZE_PREFERENCE,
  VOLUME,
  type FootprintSpec,
  type UniformRange,
} from './calibration.js';
import { NATIONAL_BANKS } from './catalogue.js';
import {
  classesUnder,
  cumulative,
  drawIndex,
  intBetween,
  uniform,
  type Cumulative,
  type SectorSampler,
} from './sampling.js';

/** What the institutions and investors have in common. */
export interface Behaviour {
  /** Home province (2-digit GB/T 2260 code). */
  home: string;
  /** Share of deals in the home province, in (0, 1). */
  concentration: number;
  /** Share of deals per province (every province of the market; sums to 1). */
  footprint: Readonly<Record<string, number>>;
  /** Favoured prefectures (6-digit region codes of the market) inside the home province. */
  favouredCities: readonly string[];
  /** Favoured GB/T 4754 prefixes: divisions (`C39`) and groups (`C391`). */
  favouredSectors: readonly string[];
  /** Divisions it avoids (empty for investors). */
  avoidedSectors: readonly string[];
  /** Multiplier of the sector bonuses, in [0.6, 1.4]. */
  sectorStrength: number;
  /** Size sweet spot, log10 yuan: annual revenue for institutions, ticket for investors. */
  size: { centre: number; width: number };
  /** Relative deal volume (heavy-tailed, > 0; only ratios matter). */
  volume: number;
  /** Yearly log-drift of the volume: volume × exp(trend × years from the window's middle). */
  trend: number;
  /** Appetite for returning clients (institutions) or follow-on rounds (investors), in [0, 1]. */
  loyalty: number;
}

/** Latent behaviour of an institution. */
export interface InstitutionBehaviour extends Behaviour {
  institutionId: string;
  /** One of the 21 national banks (products.md A5 [V]), whose volume is multiplied. */
  major: boolean;
}

/** Latent behaviour of an investor. */
export interface InvestorBehaviour extends Behaviour {
  investorId: string;
  /** Ids of the investors it co-invests with (syndicate partners). */
  partners: string[];
}

/** Behaviours compiled for the generator's hot loops. */
export interface MarketBehaviour {
  /** Province codes, sorted; indices of the affinity tables. */
  provinces: readonly string[];
  provinceIndex: ReadonlyMap<string, number>;
  /** Share of the market's enterprises per province (PROVINCE_WEIGHTS, normalised). */
  marketShare: Float64Array;
  institutions: readonly InstitutionBehaviour[];
  investors: readonly InvestorBehaviour[];
  /** Clipped log(footprint / market share), row-major: institution × province. */
  institutionAffinity: Float64Array;
  /** Same, investor × province. */
  investorAffinity: Float64Array;
  /** A bank for an existing loan of an enterprise in `region`: ∝ volume × footprint share. */
  drawLender(rng: Random, region: string): string;
}

const uniformIn = (rng: Random, r: UniformRange) => uniform(rng, r.min, r.max);
const intIn = (rng: Random, r: UniformRange) => intBetween(rng, r.min, r.max);

interface Provinces {
  codes: string[];
  index: Map<string, number>;
  share: Float64Array;
  cum: Cumulative;
}

function provinceTable(): Provinces {
  const codes = Object.keys(PROVINCE_WEIGHTS).sort();
  const weights = codes.map((c) => PROVINCE_WEIGHTS[c]!);
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    codes,
    index: new Map(codes.map((c, i) => [c, i])),
    share: Float64Array.from(weights, (w) => w / total),
    cum: cumulative(weights),
  };
}

/**
 * A footprint: shares per province (indexed as `provinces.codes`, summing to 1, the home one
 * exactly `concentration`) and favoured cities (the own city first, when given).
 */
function drawFootprint(
  rng: Random,
  spec: FootprintSpec,
  provinces: Provinces,
  home: string,
  ownCity: string | undefined,
): { concentration: number; shares: Float64Array; favouredCities: string[] } {
  const n = provinces.codes.length;
  const homeIndex = provinces.index.get(home)!;
  const concentration = uniformIn(rng, spec.concentration);
  const named: number[] = [];
  const wanted = Math.min(intIn(rng, spec.otherProvinces), n - 1);
  // Bounded rejection sampling: the weights are skewed, so duplicates are common but few.
  for (let attempt = 0; named.length < wanted && attempt < 20 * wanted; attempt++) {
    const k = drawIndex(rng, provinces.cum);
    if (k !== homeIndex && !named.includes(k)) named.push(k);
  }
  // Away from home, ∝ market share × lift: a named province is over-represented by about its
  // lift whatever its size, the others under-represented (FootprintSpec).
  const lift = new Float64Array(n).fill(spec.background);
  for (const k of named) lift[k] = uniformIn(rng, spec.namedLift);
  let away = 0;
  for (let k = 0; k < n; k++) if (k !== homeIndex) away += provinces.share[k]! * lift[k]!;
  const shares = new Float64Array(n);
  for (let k = 0; k < n; k++)
    shares[k] =
      k === homeIndex
        ? concentration
        : ((1 - concentration) * provinces.share[k]! * lift[k]!) / away;

  const cities = PROVINCE_CITIES[home] ?? [];
  const favouredCities: string[] =
    ownCity !== undefined && cities.includes(ownCity) ? [ownCity] : [];
  const wantedCities = Math.min(intIn(rng, spec.favouredCities), cities.length);
  for (const c of rng.shuffle(cities)) {
    if (favouredCities.length >= wantedCities) break;
    if (!favouredCities.includes(c)) favouredCities.push(c);
  }
  return { concentration, shares, favouredCities };
}

function affinityRow(out: Float64Array, row: number, shares: Float64Array, p: Provinces): void {
  const n = p.codes.length;
  for (let k = 0; k < n; k++) {
    const a = Math.log(shares[k]! / p.share[k]!);
    out[row * n + k] = Math.min(
      FOOTPRINT_AFFINITY_CLIP.max,
      Math.max(FOOTPRINT_AFFINITY_CLIP.min, a),
    );
  }
}

function footprintRecord(shares: Float64Array, p: Provinces): Record<string, number> {
  const out: Record<string, number> = {};
  p.codes.forEach((c, k) => (out[c] = shares[k]!));
  return out;
}

/** Division of a canonical class or group code (`C3911` → `C39`). */
const divisionOf = (code: string) => code.slice(0, 3);
/** Group of a canonical class code (`C3911` → `C391`). */
const groupOf = (code: string) => code.slice(0, 4);

function drawSectorBook(
  rng: Random,
  sectors: SectorSampler,
  declared: readonly string[],
): { favoured: string[]; avoided: string[]; strength: number } {
  const favoured: string[] = [];
  const divisions = intIn(rng, SECTOR_BOOK.favouredDivisions);
  for (let k = 0; k < divisions; k++) {
    const cls = sectors.draw(rng);
    const prefix = rng.next() < SECTOR_BOOK.narrowToGroupShare ? groupOf(cls) : divisionOf(cls);
    if (!favoured.includes(prefix)) favoured.push(prefix);
  }
  if (declared.length > 0) {
    // One favoured group inside a declared target: a preference the declaration cannot show.
    const classes = classesUnder(rng.pick(declared));
    if (classes.length > 0) {
      const g = groupOf(rng.pick(classes).code);
      if (!favoured.includes(g)) favoured.push(g);
    }
  }
  const avoided: string[] = [];
  const avoid = intIn(rng, SECTOR_BOOK.avoidedDivisions);
  for (let k = 0; k < avoid; k++) {
    const d = divisionOf(sectors.draw(rng));
    if (!avoided.includes(d) && !favoured.some((f) => f.startsWith(d))) avoided.push(d);
  }
  return { favoured, avoided, strength: uniformIn(rng, SECTOR_BOOK.strength) };
}

/** Inputs of {@link createMarketBehaviour}. */
export interface BehaviourInput {
  institutions: readonly Institution[];
  products: readonly FinancialProduct[];
  investors: readonly Investor[];
  sectors: SectorSampler;
}

/**
 * Draws every institution's behaviour (stream `institutions` of `rng`) and every investor's
 * (stream `investors`), in record order. Deterministic for the seed.
 */
export function createMarketBehaviour(rng: Random, input: BehaviourInput): MarketBehaviour {
  const provinces = provinceTable();
  const n = provinces.codes.length;
  const irng = rng.fork('institutions');
  const majorNames = new Set<string>(NATIONAL_BANKS);
  const declaredByInstitution = new Map<string, Set<string>>();
  for (const p of input.products) {
    if (p.targetSectors.length === 0) continue;
    let set = declaredByInstitution.get(p.institutionId);
    if (!set) declaredByInstitution.set(p.institutionId, (set = new Set()));
    for (const t of p.targetSectors) set.add(t);
  }

  const institutionAffinity = new Float64Array(input.institutions.length * n);
  const shareRows: Float64Array[] = [];
  const institutions = input.institutions.map((inst, i): InstitutionBehaviour => {
    const kind: InstitutionKind = inst.kind;
    const local = inst.region !== undefined;
    const home = local
      ? inst.region!.slice(0, 2)
      : provinces.codes[drawIndex(irng, provinces.cum)]!;
    const fp = drawFootprint(
      irng,
      local ? FOOTPRINT.local : FOOTPRINT.national,
      provinces,
      home,
      inst.region,
    );
    affinityRow(institutionAffinity, i, fp.shares, provinces);
    shareRows.push(fp.shares);
    const book = drawSectorBook(irng, input.sectors, [
      ...(declaredByInstitution.get(inst.id) ?? []),
    ]);
    const sizeSpec = SIZE_PREFERENCE[kind];
    const centre = sizeSpec.mean + sizeSpec.sd * irng.normal() + (local ? 0 : NATIONAL_SIZE_SHIFT);
    const major = kind === 'bank' && majorNames.has(inst.name);
    return {
      institutionId: inst.id,
      major,
      home,
      concentration: fp.concentration,
      footprint: footprintRecord(fp.shares, provinces),
      favouredCities: fp.favouredCities,
      favouredSectors: book.favoured,
      avoidedSectors: book.avoided,
      sectorStrength: book.strength,
      size: { centre, width: uniformIn(irng, sizeSpec.width) },
      volume: Math.exp(VOLUME.sigma * irng.normal()) * (major ? VOLUME.nationalMultiplier : 1),
      trend: VOLUME.trendSd * irng.normal(),
      loyalty: uniformIn(irng, LOYALTY[kind]),
    };
  });

  // Lender tables: per province, banks ∝ volume × footprint share there.
  const banks = input.institutions.flatMap((inst, i) => (inst.kind === 'bank' ? [i] : []));
  const lenderCum = provinces.codes.map((_, k) =>
    banks.length > 0
      ? cumulative(banks.map((i) => institutions[i]!.volume * shareRows[i]![k]!))
      : undefined,
  );

  const vrng = rng.fork('investors');
  const investorAffinity = new Float64Array(input.investors.length * n);
  const fieldSectors = PROJECT_FIELDS.flatMap((f) => f.sectors);
  const drafts = input.investors.map((inv, i) => {
    const declaredHome = inv.regions[0]?.slice(0, 2);
    const home =
      declaredHome !== undefined && provinces.index.has(declaredHome)
        ? declaredHome
        : provinces.codes[drawIndex(vrng, provinces.cum)]!;
    const fp = drawFootprint(vrng, INVESTOR_FOOTPRINT, provinces, home, undefined);
    affinityRow(investorAffinity, i, fp.shares, provinces);
    const pool = inv.targetSectors.length > 0 ? inv.targetSectors : fieldSectors;
    const favoured: string[] = [];
    const wanted = intIn(vrng, INVESTOR_BEHAVIOUR.favouredSectors);
    for (let k = 0; k < wanted; k++) {
      const classes = classesUnder(vrng.pick(pool));
      if (classes.length === 0) continue;
      const cls = vrng.pick(classes).code;
      const prefix = vrng.next() < SECTOR_BOOK.narrowToGroupShare ? groupOf(cls) : divisionOf(cls);
      if (!favoured.includes(prefix)) favoured.push(prefix);
    }
    const lo = Math.log10(inv.ticket.min);
    const hi = Math.log10(inv.ticket.max);
    return {
      investorId: inv.id,
      home,
      concentration: fp.concentration,
      footprint: footprintRecord(fp.shares, provinces),
      favouredCities: fp.favouredCities,
      favouredSectors: favoured,
      avoidedSectors: [] as string[],
      sectorStrength: uniformIn(vrng, INVESTOR_BEHAVIOUR.strength),
      size: {
        centre: uniform(vrng, lo, hi),
        width: uniformIn(vrng, INVESTOR_BEHAVIOUR.ticketWidth),
      },
      volume: Math.exp(INVESTOR_BEHAVIOUR.volumeSigma * vrng.normal()),
      trend: INVESTOR_BEHAVIOUR.trendSd * vrng.normal(),
      loyalty: uniformIn(vrng, INVESTOR_BEHAVIOUR.loyalty),
    };
  });
  // Syndicate partners are chosen once the projects exist (assignSyndicatePartners).
  const investors = drafts.map((d): InvestorBehaviour => ({ ...d, partners: [] }));

  const bankIds = banks.map((i) => input.institutions[i]!.id);
  return {
    provinces: provinces.codes,
    provinceIndex: provinces.index,
    marketShare: provinces.share,
    institutions,
    investors,
    institutionAffinity,
    investorAffinity,
    drawLender(r, region) {
      const cum = lenderCum[provinces.index.get(region.slice(0, 2)) ?? 0];
      if (!cum) throw new RangeError('the market has no banks to lend');
      return bankIds[drawIndex(r, cum)]!;
    },
  };
}

/**
 * Chooses each investor's syndicate partners (INVESTOR_BEHAVIOUR.partners of them) ∝ volume ×
 * the number of projects both may fund, so partners can actually meet in deals: real syndicates
 * form among investors with overlapping stage, ticket and sector mandates. Call once the
 * projects are final (after coverage repair); fills `partners` in place, in investor order.
 */
export function assignSyndicatePartners(
  rng: Random,
  behaviour: MarketBehaviour,
  projects: readonly Project[],
  investors: readonly Investor[],
  eligible: (project: Project, investor: Investor) => boolean,
): void {
  const words = Math.ceil(projects.length / 32);
  const sets = investors.map((inv) => {
    const bits = new Uint32Array(words);
    projects.forEach((pr, j) => {
      if (eligible(pr, inv)) bits[j >>> 5]! |= 1 << (j & 31);
    });
    return bits;
  });
  const popcount = (x: number) => {
    let n = 0;
    for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
    return n;
  };
  const overlap = (a: Uint32Array, b: Uint32Array) => {
    let n = 0;
    for (let w = 0; w < words; w++) n += popcount(a[w]! & b[w]!);
    return n;
  };
  for (let i = 0; i < investors.length; i++) {
    const weights = investors.map((_, k) =>
      k === i ? 0 : behaviour.investors[k]!.volume * overlap(sets[i]!, sets[k]!),
    );
    const candidates = weights.filter((w) => w > 0).length;
    const partners = behaviour.investors[i]!.partners;
    partners.length = 0;
    const wanted = Math.min(intIn(rng, INVESTOR_BEHAVIOUR.partners), candidates);
    for (let attempt = 0; partners.length < wanted && attempt < 20 * wanted; attempt++) {
      const id = behaviour.investors[rng.weighted(weights)]!.investorId;
      if (!partners.includes(id)) partners.push(id);
    }
  }
}
