/**
 * Key industrial chains ("一链一策一批", platform.md §5) and the 24 special zones
 * (platform.md §2): their records, enterprise memberships (with chain leaders), and the
 * product packages that link products to chains and zones.
 *
 * @module
 */
import { POLICY_LISTS } from '../model/enums.js';
import type { Enterprise, FinancialProduct, IndustrialChain, SpecialZone } from '../model/types.js';
import { srdiRank } from '../taxonomy/ladders.js';
import type { Random } from '../util/random.js';
import {
  CHAIN_LEADERS,
  CHAIN_MEMBERSHIP_SHARE,
  CHAIN_PACKAGE,
  CHAIN_SPECS,
  ZONE_MEMBERSHIP_SHARE,
  ZONE_PACKAGE,
  ZONE_SPECS,
} from './calibration.js';
import {
  effectiveSrdiTierAt,
  hasEffectiveTier,
  regionServed,
  sectorAllowed,
  underAnyPrefix,
  type EligibilityDates,
} from './eligibility.js';
import { chance, intBetween } from './sampling.js';

/** Chain id of the i-th chain spec. */
export const chainId = (i: number): string => `chain-${String(i + 1).padStart(2, '0')}`;
/** Zone id of the i-th zone spec. */
export const zoneId = (i: number): string => `zone-${String(i + 1).padStart(2, '0')}`;

/** Chain ids whose sectors contain `sector`, in chain order. */
export function chainsOfSector(sector: string): string[] {
  const out: string[] = [];
  CHAIN_SPECS.forEach((c, i) => {
    if (underAnyPrefix(sector, c.sectors)) out.push(chainId(i));
  });
  return out;
}

/** Chain package product types, most typical first (products.md B: supply-chain finance fits "一链一策一批"). */
const CHAIN_PRODUCT_TYPES = new Set<string>([
  'supplyChainFinance',
  'srdiSpecialLoan',
  'equipmentRenewalLoan',
  'financialLeasing',
  'ventureEquity',
  'techInsurance',
  'pilotInsuranceRnDLoan',
  'bond',
  'creditLoan',
  'digitalTransformationLoan',
]);

function overlaps(targets: readonly string[], sectors: readonly string[]): boolean {
  if (targets.length === 0) return true;
  return targets.some((t) => sectors.some((s) => s.startsWith(t) || t.startsWith(s)));
}

/**
 * Adds chain memberships (role `supplier` for manufacturers, `member` otherwise), picks the
 * leaders (highest effective tier, then revenue, then id), and builds the chain records with
 * their product packages. Mutates enterprises' `chains`/`policyLists` and products' `chains`.
 */
export function buildChains(
  rng: Random,
  enterprises: Enterprise[],
  products: FinancialProduct[],
  dates: EligibilityDates,
): IndustrialChain[] {
  const members: number[][] = CHAIN_SPECS.map(() => []);
  const ids = CHAIN_SPECS.map((_, ci) => chainId(ci));
  for (let ei = 0; ei < enterprises.length; ei++) {
    const e = enterprises[ei]!;
    for (let ci = 0; ci < CHAIN_SPECS.length; ci++) {
      if (
        underAnyPrefix(e.sector, CHAIN_SPECS[ci]!.sectors) &&
        chance(rng, CHAIN_MEMBERSHIP_SHARE)
      ) {
        e.chains.push({
          chainId: ids[ci]!,
          role: e.sector.startsWith('C') ? 'supplier' : 'member',
        });
        members[ci]!.push(ei);
      }
    }
  }
  return CHAIN_SPECS.map((spec, ci) => {
    const id = chainId(ci);
    const ranked = members[ci]!.map((ei) => {
      const e = enterprises[ei]!;
      return { ei, rank: srdiRank(effectiveSrdiTierAt(e, dates)), revenue: e.annualRevenue };
    }).sort((a, b) => b.rank - a.rank || b.revenue - a.revenue || a.ei - b.ei);
    const nLeaders = Math.min(ranked.length, intBetween(rng, CHAIN_LEADERS.min, CHAIN_LEADERS.max));
    const leaderIds: string[] = [];
    for (const { ei } of ranked.slice(0, nLeaders)) {
      const e = enterprises[ei]!;
      const m = e.chains.find((c) => c.chainId === id);
      if (m) m.role = 'leader';
      leaderIds.push(e.id);
    }
    const candidates = products.filter(
      (p) => CHAIN_PRODUCT_TYPES.has(p.type) && overlaps(p.targetSectors, spec.sectors),
    );
    const shuffled = rng.shuffle(candidates);
    const n = Math.min(shuffled.length, intBetween(rng, CHAIN_PACKAGE.min, CHAIN_PACKAGE.max));
    const chosen = shuffled.slice(0, n);
    const scf = shuffled.find((p) => p.type === 'supplyChainFinance');
    if (scf && !chosen.includes(scf)) chosen[chosen.length - 1] = scf;
    const productIds = chosen.map((p) => p.id).sort();
    for (const p of products) if (productIds.includes(p.id)) p.chains.push(id);
    return {
      id,
      name: `${spec.zh}产业链`,
      nameEn: `${spec.en} chain`,
      sectors: [...spec.sectors],
      leaderIds,
      productIds,
      text: `${spec.zh}重点产业链“一链一策一批”融资促进：链主企业带动链上中小企业，提供供应链金融、专精特新专项贷、设备更新贷款与股权投资等“股贷债保”组合服务。`,
    };
  });
}

/** Adds `keyChainEnterprise` to leaders and to chain members of tier ≥ srdi. */
export function markKeyChainEnterprises(enterprises: Enterprise[], dates: EligibilityDates): void {
  for (const e of enterprises) {
    if (e.chains.length === 0 || e.policyLists.includes('keyChainEnterprise')) continue;
    const leader = e.chains.some((c) => c.role === 'leader');
    if (leader || hasEffectiveTier(e, 'srdi', dates)) {
      e.policyLists = POLICY_LISTS.filter(
        (l) => l === 'keyChainEnterprise' || e.policyLists.includes(l),
      );
    }
  }
}

/**
 * Builds the 24 zones, enterprise zone memberships (enterprises fitting a zone's sectors and
 * regions; SRDI zones need tier ≥ srdi) and product packages (by the zone's product types).
 */
export function buildZones(
  rng: Random,
  enterprises: Enterprise[],
  products: FinancialProduct[],
  dates: EligibilityDates,
): SpecialZone[] {
  const ids = ZONE_SPECS.map((_, zi) => zoneId(zi));
  const none: readonly string[] = [];
  for (const e of enterprises) {
    for (let zi = 0; zi < ZONE_SPECS.length; zi++) {
      const z = ZONE_SPECS[zi]!;
      if (!sectorAllowed(e.sector, z.sectors, none)) continue;
      if (!regionServed(e.region, z.regions)) continue;
      if (z.kind === 'srdi' && !hasEffectiveTier(e, 'srdi', dates)) continue;
      if (chance(rng, ZONE_MEMBERSHIP_SHARE)) e.zones.push(ids[zi]!);
    }
  }
  return ZONE_SPECS.map((spec, zi) => {
    const id = zoneId(zi);
    const types = new Set<string>(spec.productTypes);
    const candidates = products.filter(
      (p) =>
        types.has(p.type) &&
        overlaps(p.targetSectors, spec.sectors.length > 0 ? spec.sectors : ['']) &&
        (spec.regions.length === 0 ||
          p.regions.length === 0 ||
          p.regions.some((r) => spec.regions.some((z) => r.startsWith(z) || z.startsWith(r)))),
    );
    const n = Math.min(candidates.length, intBetween(rng, ZONE_PACKAGE.min, ZONE_PACKAGE.max));
    const productIds = rng
      .shuffle(candidates)
      .slice(0, n)
      .map((p) => p.id)
      .sort();
    for (const p of products) if (productIds.includes(p.id)) p.zones.push(id);
    return {
      id,
      name: spec.zh,
      nameEn: spec.en,
      kind: spec.kind,
      sectors: [...spec.sectors],
      regions: [...spec.regions],
      productIds,
      text: `国家产融合作平台${spec.zh}：按领域和产业特点提供差异化金融服务，引导信贷资源投向重点产业和薄弱环节。`,
    };
  });
}
