import { beforeAll, describe, expect, it } from 'vitest';
import { generateMarket, marketCounts } from '../../src/generate/index.js';
import type { GenerateOptions, Market } from '../../src/generate/types.js';
import { OptionError } from '../../src/errors.js';
import { parseRecord } from '../../src/model/parse.js';
import {
  CHAIN_SPECS,
  MEAN_NEED_TOLERANCE,
  MIN_ELIGIBLE_CANDIDATES,
  PRODUCT_SPECS,
  SEED_COUNTS,
  TARGET_MEAN_NEED,
  TRL_BY_ROUND,
  ZONE_SPECS,
} from '../../src/generate/calibration.js';
import {
  eligibilityDates,
  isEnterpriseProductEligible,
  isProjectInvestorEligible,
} from '../../src/generate/eligibility.js';
import { normalizeSectorCode } from '../../src/taxonomy/sectors.js';
import { PRODUCT_TYPES } from '../../src/model/enums.js';

const AS_OF = '2026-06-30';
let market: Market;

beforeAll(() => {
  market = generateMarket({ seed: 7, scale: 'small', asOf: AS_OF });
});

describe('generateMarket — counts', () => {
  it('has the small-scale counts', () => {
    const c = market.manifest.counts;
    expect(c.enterprises).toBe(3_458);
    expect(c.institutions).toBe(2_965);
    expect(c.products).toBe(741);
    expect(c.projects).toBe(260);
    expect(c.investors).toBeGreaterThanOrEqual(150);
    expect(c.zones).toBe(24);
    expect(c.chains).toBe(30);
    expect(market.enterprises).toHaveLength(c.enterprises);
    expect(market.interactions).toHaveLength(c.interactions);
  });

  it('declares the seed-scale counts of the platform', () => {
    expect(marketCounts('seed')).toMatchObject({
      enterprises: 345_800,
      institutions: 2_965,
      products: 741,
      projects: 260,
      zones: 24,
    });
    expect(SEED_COUNTS.investors).toBeGreaterThanOrEqual(150);
    expect(PRODUCT_TYPES.reduce((n, t) => n + PRODUCT_SPECS[t].count, 0)).toBe(741);
  });

  it('has 17 regional-equity SRDI boards run by regional equity markets', () => {
    const boards = market.products.filter((p) => p.type === 'regionalEquityBoard');
    expect(boards).toHaveLength(17);
    const kinds = new Map(market.institutions.map((i) => [i.id, i.kind]));
    for (const b of boards) expect(kinds.get(b.institutionId)).toBe('regionalEquityMarket');
  });

  it('pairs pilot insurance with R&D loans via combinesWith', () => {
    const loans = market.products.filter((p) => p.type === 'pilotInsuranceRnDLoan');
    const byId = new Map(market.products.map((p) => [p.id, p]));
    for (const loan of loans) {
      const partner = byId.get(loan.combinesWith[0]!);
      expect(partner?.type).toBe('techInsurance');
      expect(partner?.combinesWith).toContain(loan.id);
    }
  });
});

describe('generateMarket — determinism', () => {
  it('gives identical JSON for one seed and different JSON for another', () => {
    const again = generateMarket({ seed: 7, scale: 'small', asOf: AS_OF });
    const strip = (m: Market) => JSON.stringify({ ...m, truth: undefined });
    expect(strip(again)).toBe(strip(market));
    const other = generateMarket({ seed: 8, scale: 'small', asOf: AS_OF });
    expect(strip(other)).not.toBe(strip(market));
    const pairs = market.interactions.slice(0, 50);
    for (const i of pairs) {
      if (i.subjectKind === 'enterprise')
        expect(again.truth.enterpriseProduct(i.subjectId, i.itemId)).toBe(
          market.truth.enterpriseProduct(i.subjectId, i.itemId),
        );
    }
  });

  it('rejects bad options with an OptionError naming the option', () => {
    const bad: [unknown, string][] = [
      [{ asOf: '2026-02-30' }, 'asOf'],
      [{ asOf: '1799-12-31' }, 'asOf'],
      [{ seed: 1.5 }, 'seed'],
      [{ seed: '1' }, 'seed'],
      [{ scale: 'huge' }, 'scale'],
      [{ onProgress: 'log' }, 'onProgress'],
      [{ asof: '2026-06-30' }, 'asof'],
      ['seed', 'options'],
    ];
    for (const [options, option] of bad) {
      let error: unknown;
      try {
        generateMarket(options as GenerateOptions);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(options)).toBeInstanceOf(OptionError);
      expect((error as OptionError).option).toBe(option);
    }
  });
});

describe('generateMarket — validity', () => {
  it('every record is already in parseRecord normal form', () => {
    const kinds = [
      ['enterprise', market.enterprises],
      ['institution', market.institutions],
      ['product', market.products],
      ['project', market.projects],
      ['investor', market.investors],
      ['chain', market.chains],
      ['zone', market.zones],
      ['interaction', market.interactions],
    ] as const;
    for (const [kind, records] of kinds) {
      // A JSON copy: the generator's own objects are marked validated and would be accepted as they are.
      for (const r of records) {
        const copy: unknown = JSON.parse(JSON.stringify(r));
        expect(JSON.stringify(parseRecord(kind, copy))).toBe(JSON.stringify(r));
      }
    }
  });

  it('ids are unique per kind', () => {
    for (const list of [
      market.enterprises,
      market.products,
      market.institutions,
      market.projects,
      market.investors,
      market.interactions,
    ]) {
      expect(new Set(list.map((r) => r.id)).size).toBe(list.length);
    }
  });

  it('chain and zone sector codes exist in GB/T 4754-2017 and are canonical', () => {
    for (const c of CHAIN_SPECS) for (const s of c.sectors) expect(normalizeSectorCode(s)).toBe(s);
    for (const z of ZONE_SPECS) for (const s of z.sectors) expect(normalizeSectorCode(s)).toBe(s);
  });

  it('projects keep round and TRL consistent unless repaired toward an investor window', () => {
    const consistent = market.projects.filter(
      (p) => p.trl >= TRL_BY_ROUND[p.round].min && p.trl <= TRL_BY_ROUND[p.round].max,
    );
    expect(consistent.length / market.projects.length).toBeGreaterThan(0.95);
  });
});

describe('generateMarket — coverage and truth', () => {
  const dates = eligibilityDates(AS_OF);

  it(`every product has ≥ ${MIN_ELIGIBLE_CANDIDATES} eligible enterprises`, () => {
    for (const p of market.products) {
      let n = 0;
      for (const e of market.enterprises)
        if (isEnterpriseProductEligible(e, p, dates) && ++n >= MIN_ELIGIBLE_CANDIDATES) break;
      expect(n, p.id).toBeGreaterThanOrEqual(MIN_ELIGIBLE_CANDIDATES);
    }
  });

  it(`every investor has ≥ ${MIN_ELIGIBLE_CANDIDATES} eligible projects`, () => {
    for (const inv of market.investors) {
      const n = market.projects.filter((p) => isProjectInvestorEligible(p, inv)).length;
      expect(n, inv.id).toBeGreaterThanOrEqual(MIN_ELIGIBLE_CANDIDATES);
    }
  });

  it('truth is in [0, 1] and 0 exactly for ineligible pairs (sampled)', () => {
    for (let k = 0; k < 4_000; k++) {
      const e = market.enterprises[(k * 7919) % market.enterprises.length]!;
      const p = market.products[(k * 104_729) % market.products.length]!;
      const t = market.truth.enterpriseProduct(e.id, p.id);
      expect(t).toBeGreaterThanOrEqual(0);
      expect(t).toBeLessThanOrEqual(1);
      expect(t > 0).toBe(isEnterpriseProductEligible(e, p, dates));
    }
    for (const pr of market.projects) {
      for (const inv of market.investors) {
        const t = market.truth.projectInvestor(pr.id, inv.id);
        expect(t >= 0 && t <= 1).toBe(true);
        expect(t > 0).toBe(isProjectInvestorEligible(pr, inv));
      }
    }
    expect(market.truth.enterpriseProduct('nope', market.products[0]!.id)).toBe(0);
  });

  it('interactions reference existing eligible pairs, are dated before asOf and funnel-consistent', () => {
    const ents = new Map(market.enterprises.map((e) => [e.id, e]));
    const prods = new Map(market.products.map((p) => [p.id, p]));
    const projs = new Set(market.projects.map((p) => p.id));
    const invs = new Set(market.investors.map((i) => i.id));
    expect(market.interactions.length).toBeGreaterThan(1_000);
    let prev = '';
    for (const i of market.interactions) {
      expect(i.date < AS_OF).toBe(true);
      expect(i.date >= '2024-06-01').toBe(true);
      expect(i.date >= prev).toBe(true);
      prev = i.date;
      if (i.subjectKind === 'enterprise') {
        expect(ents.has(i.subjectId) && prods.has(i.itemId)).toBe(true);
        expect(market.truth.enterpriseProduct(i.subjectId, i.itemId)).toBeGreaterThan(0);
      } else {
        expect(projs.has(i.subjectId) && invs.has(i.itemId)).toBe(true);
      }
      expect(i.amount !== undefined).toBe(i.kind === 'approved' || i.kind === 'funded');
    }
    const applied = market.interactions.filter((i) => i.kind === 'applied').length;
    const approved = market.interactions.filter((i) => i.kind === 'approved').length;
    expect(approved / applied).toBeGreaterThan(0.5);
    expect(approved / applied).toBeLessThan(0.9);
  });

  it('interactions carry signal: viewed pairs have higher truth than random eligible pairs', () => {
    const viewed = market.interactions.filter(
      (i) => i.kind === 'viewed' && i.subjectKind === 'enterprise',
    );
    const meanViewed =
      viewed.reduce((a, i) => a + market.truth.enterpriseProduct(i.subjectId, i.itemId), 0) /
      viewed.length;
    let sum = 0;
    let n = 0;
    for (const v of viewed.slice(0, 300)) {
      const e = market.enterprises.find((x) => x.id === v.subjectId)!;
      for (const p of market.products) {
        if (!isEnterpriseProductEligible(e, p, dates)) continue;
        sum += market.truth.enterpriseProduct(e.id, p.id);
        n++;
      }
    }
    expect(meanViewed).toBeGreaterThan(sum / n);
  });
});

describe('generateMarket — calibration', () => {
  it(`mean need amount is within ${MEAN_NEED_TOLERANCE * 100}% of 3,400万`, () => {
    const mean =
      market.enterprises.reduce((a, e) => a + e.need.amount, 0) / market.enterprises.length;
    expect(Math.abs(mean / TARGET_MEAN_NEED - 1)).toBeLessThan(MEAN_NEED_TOLERANCE);
  });

  it('is manufacturing-heavy and SRDI shares are near the derived targets', () => {
    const n = market.enterprises.length;
    const share = (f: (e: Market['enterprises'][number]) => boolean) =>
      market.enterprises.filter(f).length / n;
    expect(share((e) => e.sector.startsWith('C'))).toBeGreaterThan(0.6);
    expect(share((e) => e.srdi.tier === 'srdi')).toBeGreaterThan(0.13);
    expect(share((e) => e.srdi.tier === 'littleGiant')).toBeGreaterThan(0.01);
    expect(share((e) => e.srdi.tier === 'littleGiant')).toBeLessThan(0.06);
    const top4 = share((e) => ['32', '33', '37', '44'].includes(e.region.slice(0, 2)));
    expect(top4).toBeGreaterThan(0.35);
  });

  it('writes Chinese text from sector names', () => {
    const zh = market.enterprises.filter((e) => /[\u4e00-\u9fff]/u.test(e.text));
    expect(zh.length / market.enterprises.length).toBeGreaterThan(0.8);
    expect(market.products.every((p) => /[\u4e00-\u9fff]/u.test(p.text))).toBe(true);
    expect(market.investors.every((i) => i.thesis.length > 0)).toBe(true);
  });

  it('reports progress', () => {
    const calls: [number, number, string][] = [];
    generateMarket({ seed: 2, scale: 'small', onProgress: (d, t, p) => calls.push([d, t, p]) });
    expect(calls.length).toBeGreaterThan(3);
    for (const [d, t] of calls) expect(d).toBeLessThanOrEqual(t);
    expect(calls.at(-1)![0]).toBe(calls.at(-1)![1]);
  });
});
