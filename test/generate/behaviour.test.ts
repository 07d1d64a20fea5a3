import { beforeAll, describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/generate/index.js';
import type { InstitutionBehaviour, Market } from '../../src/generate/types.js';
import { FOOTPRINT, PROVINCE_CITIES, PROVINCE_WEIGHTS } from '../../src/generate/calibration.js';
import { NATIONAL_BANKS } from '../../src/generate/catalogue.js';
import { getSector } from '../../src/taxonomy/sectors.js';

const AS_OF = '2026-06-30';
/** Generating a market takes seconds; more on a loaded machine. */
const GENERATE_TIMEOUT_MS = 60_000;
let market: Market;
let behaviours: InstitutionBehaviour[];

beforeAll(() => {
  market = generateMarket({ seed: 7, scale: 'small', asOf: AS_OF });
  behaviours = market.institutions.map((i) => market.truth.institutionBehaviour!(i.id)!);
}, GENERATE_TIMEOUT_MS);

describe('latent institution behaviour', () => {
  it('exists for every institution and investor, and not for unknown ids', () => {
    expect(behaviours.every((b) => b !== undefined)).toBe(true);
    for (const inv of market.investors)
      expect(market.truth.investorBehaviour!(inv.id)?.investorId).toBe(inv.id);
    expect(market.truth.institutionBehaviour!('nope')).toBeUndefined();
    expect(market.truth.investorBehaviour!('nope')).toBeUndefined();
  });

  it('is drawn from the seed: identical for one seed, different for another', () => {
    const again = generateMarket({ seed: 7, scale: 'small', asOf: AS_OF });
    const other = generateMarket({ seed: 8, scale: 'small', asOf: AS_OF });
    const dump = (m: Market) =>
      JSON.stringify([
        m.institutions.map((i) => m.truth.institutionBehaviour!(i.id)),
        m.investors.map((i) => m.truth.investorBehaviour!(i.id)),
      ]);
    expect(dump(again)).toBe(dump(market));
    expect(dump(other)).not.toBe(dump(market));
  });

  it('footprints are distributions over the provinces, home-heavy for local institutions', () => {
    const provinces = Object.keys(PROVINCE_WEIGHTS).sort();
    for (const [k, b] of behaviours.entries()) {
      expect(Object.keys(b.footprint).sort()).toEqual(provinces);
      const total = Object.values(b.footprint).reduce((a, x) => a + x, 0);
      expect(total).toBeCloseTo(1, 9);
      expect(b.footprint[b.home]).toBeCloseTo(b.concentration, 9);
      const inst = market.institutions[k]!;
      const spec = inst.region !== undefined ? FOOTPRINT.local : FOOTPRINT.national;
      expect(b.concentration).toBeGreaterThanOrEqual(spec.concentration.min);
      expect(b.concentration).toBeLessThanOrEqual(spec.concentration.max);
      // A local institution's home is its own province, and its own city (when it is one of
      // the market's prefectures; SRDI boards sit at province level) is favoured.
      if (inst.region !== undefined) {
        expect(b.home).toBe(inst.region.slice(0, 2));
        if (PROVINCE_CITIES[b.home]!.includes(inst.region))
          expect(b.favouredCities[0]).toBe(inst.region);
      }
      for (const c of b.favouredCities) expect(c.slice(0, 2)).toBe(b.home);
    }
  });

  it('sector books name real GB/T 4754 divisions and groups, some inside declared targets', () => {
    for (const b of behaviours) {
      expect(b.favouredSectors.length).toBeGreaterThan(0);
      for (const s of [...b.favouredSectors, ...b.avoidedSectors]) {
        expect(getSector(s)?.level, s).toBeGreaterThanOrEqual(2);
        expect(getSector(s)?.level, s).toBeLessThanOrEqual(3);
      }
    }
    // An institution whose products target sectors favours a group inside one of them.
    const declared = new Map<string, string[]>();
    for (const p of market.products)
      if (p.targetSectors.length > 0)
        declared.set(p.institutionId, [
          ...(declared.get(p.institutionId) ?? []),
          ...p.targetSectors,
        ]);
    expect(declared.size).toBeGreaterThan(10);
    for (const [id, targets] of declared) {
      const b = market.truth.institutionBehaviour!(id)!;
      const inside = b.favouredSectors.some(
        (f) => f.length === 4 && targets.some((t) => f.startsWith(t)),
      );
      expect(inside, id).toBe(true);
    }
  });

  it('volumes are heavy-tailed, the 21 national banks on top', () => {
    const volumes = behaviours.map((b) => b.volume).sort((a, b) => b - a);
    const total = volumes.reduce((a, x) => a + x, 0);
    const top = volumes.slice(0, Math.ceil(volumes.length / 10)).reduce((a, x) => a + x, 0);
    expect(top / total).toBeGreaterThan(0.4);
    const majors = behaviours.filter((b) => b.major);
    expect(majors).toHaveLength(NATIONAL_BANKS.length);
    const median = volumes[Math.floor(volumes.length / 2)]!;
    const majorMedian = majors.map((b) => b.volume).sort((a, b) => a - b)[10]!;
    expect(majorMedian).toBeGreaterThan(5 * median);
  });

  it('investors have syndicate partners among the other investors', () => {
    const ids = new Set(market.investors.map((i) => i.id));
    for (const inv of market.investors) {
      const b = market.truth.investorBehaviour!(inv.id)!;
      expect(b.partners.length).toBeGreaterThan(0);
      for (const p of b.partners) {
        expect(ids.has(p)).toBe(true);
        expect(p).not.toBe(inv.id);
      }
      expect(new Set(b.partners).size).toBe(b.partners.length);
    }
  });
});
