import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountFitFactor,
  chainZoneFactor,
  collateralFitFactor,
  compileLogRangeFit,
  instrumentFitFactor,
  investorKindFitFactor,
  investorRegionFactor,
  investorSectorFitFactor,
  ladderFit,
  logRangeFit,
  ownerSrdiTierFactor,
  policyPriorityFactor,
  regionProximityFactor,
  roundFitFactor,
  sectorFitFactor,
  srdiTierFitFactor,
  stageFitFactor,
  termFitFactor,
  ticketFitFactor,
  trlFitFactor,
} from '../../../src/engine/factors/index.js';
import {
  AS_OF,
  enterprise,
  epContext,
  investor,
  piContext,
  product,
  project,
} from '../golden/market.js';

const need = (amount: number, termMonths = 24) => ({
  amount,
  termMonths,
  instruments: ['loan' as const],
  purpose: 'rnd' as const,
});

describe('logRangeFit', () => {
  it('is 1 at the log centre, the edge value at the edges, decaying outside', () => {
    const r = { min: 1e6, max: 1e8 };
    expect(logRangeFit(1e7, r)).toBeCloseTo(1, 12);
    expect(logRangeFit(1e6, r)).toBeCloseTo(0.5, 12);
    expect(logRangeFit(1e8, r)).toBeCloseTo(0.5, 12);
    expect(logRangeFit(2e8, r)).toBeLessThan(0.5);
    expect(logRangeFit(5, { min: 5, max: 5 })).toBe(1);
  });
  it('stays in [0, 1] and falls with the distance from the centre (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e11, noNaN: true }),
        fc.double({ min: 1, max: 1e3, noNaN: true }),
        fc.double({ min: 1, max: 1e11, noNaN: true }),
        (min, spread, v) => {
          const r = { min, max: min * spread };
          const f = logRangeFit(v, r);
          expect(f).toBeGreaterThanOrEqual(0);
          expect(f).toBeLessThanOrEqual(1);
          const centre = Math.sqrt(r.min * r.max);
          const nearer = Math.sqrt(centre * v); // halfway to the centre in log space
          expect(logRangeFit(nearer, r)).toBeGreaterThanOrEqual(f - 1e-12);
        },
      ),
    );
  });
});

describe('ladderFit', () => {
  it('prefers specialists, treats an empty list as generic', () => {
    expect(ladderFit(2, [2], 6)).toBe(1);
    expect(ladderFit(2, [0, 1, 2, 3, 4, 5], 6)).toBeCloseTo(0.5, 12);
    expect(ladderFit(2, [], 6)).toBe(0.5);
    expect(ladderFit(0, [3], 6)).toBe(0);
  });
});

describe('enterprise–product factors', () => {
  it('sectorFit: targeted match 1 > untargeted 0.5 > related sector', () => {
    const f = sectorFitFactor();
    expect(f.score(epContext(enterprise(), product({ targetSectors: ['C39'] })))).toBe(1);
    expect(f.score(epContext(enterprise(), product()))).toBe(0.5);
    expect(f.score(epContext(enterprise(), product({ targetSectors: ['C3912'] })))).toBe(0.8);
    expect(f.score(epContext(enterprise(), product({ targetSectors: ['A'] })))).toBe(0);
  });
  it('stageFit: a product for exactly the stage beats a broad one', () => {
    const f = stageFitFactor();
    const exact = f.score(epContext(enterprise(), product({ stages: ['growth'] })));
    const broad = f.score(
      epContext(enterprise(), product({ stages: ['startup', 'growth', 'expansion'] })),
    );
    expect(exact).toBe(1);
    expect(broad).toBeCloseTo(0.8, 12);
    expect(f.score(epContext(enterprise(), product()))).toBe(0.5);
  });
  it('srdiTierFit: SRDI products prefer certified firms; expired counts as none', () => {
    const f = srdiTierFitFactor();
    const srdiProduct = product({ minSrdiTier: 'srdi' });
    expect(f.score(epContext(enterprise(), srdiProduct))).toBe(1);
    expect(
      f.score(
        epContext(
          enterprise({ srdi: { tier: 'champion', certifiedOn: '2025-01-01' } }),
          srdiProduct,
        ),
      ),
    ).toBe(1);
    expect(f.score(epContext(enterprise(), product()))).toBe(0.5);
    const expired = enterprise({ srdi: { tier: 'srdi', certifiedOn: '2023-01-01' } });
    expect(f.score(epContext(expired, srdiProduct))).toBeCloseTo(0.2, 12);
  });
  it('amountFit and termFit: centred needs fit best', () => {
    const centred = product({ amount: { min: 1e6, max: 2.5e7 } }); // √(1e6·2.5e7) = 5e6
    expect(amountFitFactor().score(epContext(enterprise(), centred))).toBeCloseTo(1, 12);
    expect(
      amountFitFactor().score(epContext(enterprise(), product({ amount: { min: 5e6, max: 5e8 } }))),
    ).toBeCloseTo(0.5, 12);
    expect(
      termFitFactor().score(epContext(enterprise(), product({ termMonths: { min: 12, max: 48 } }))),
    ).toBeCloseTo(1, 12);
  });
  it('instrumentFit: first choice 1, second 0.8, absent 0', () => {
    const e = enterprise({
      need: { amount: 5e6, termMonths: 24, instruments: ['loan', 'equity'], purpose: 'rnd' },
    });
    expect(instrumentFitFactor().score(epContext(e, product()))).toBe(1);
    expect(
      instrumentFitFactor().score(epContext(e, product({ instrument: 'equity' }))),
    ).toBeCloseTo(0.8, 12);
    expect(instrumentFitFactor().score(epContext(e, product({ instrument: 'bond' })))).toBe(0);
  });
  it('collateralFit: credit products for asset-light firms, accepted collateral the firm has', () => {
    const f = collateralFitFactor();
    expect(f.score(epContext(enterprise(), product()))).toBe(1);
    const secured = enterprise({ collateral: ['equipment'] });
    expect(f.score(epContext(secured, product()))).toBeCloseTo(0.8, 12);
    expect(f.score(epContext(secured, product({ collateral: { required: ['equipment'] } })))).toBe(
      1,
    );
    expect(
      f.score(
        epContext(secured, product({ collateral: { required: ['equipment', 'realEstate'] } })),
      ),
    ).toBeCloseTo(0.8, 12);
    expect(
      f.score(epContext(enterprise(), product({ collateral: { required: ['realEstate'] } }))),
    ).toBe(0);
  });
  it('regionProximity: district > city > province > nationwide', () => {
    const f = regionProximityFactor();
    const at = (regions: string[]) => f.score(epContext(enterprise(), product({ regions })));
    expect([at(['320102']), at(['3201']), at(['32']), at([])]).toEqual([1, 0.85, 0.7, 0.4]);
    expect(at(['44'])).toBe(0);
  });
  it('policyPriority: matching tags 1, untagged 0.25, non-applying tags 0', () => {
    const f = policyPriorityFactor();
    const onList = enterprise({ policyLists: ['techReloanCandidates'] });
    expect(f.score(epContext(onList, product({ policyTags: ['techReloan'] })))).toBe(1);
    expect(f.score(epContext(enterprise(), product({ policyTags: ['techReloan'] })))).toBe(0);
    expect(f.score(epContext(enterprise(), product()))).toBe(0.25);
    const equip = enterprise({
      need: { amount: 5e6, termMonths: 24, instruments: ['loan'], purpose: 'equipment' },
    });
    expect(f.score(epContext(equip, product({ policyTags: ['equipmentRenewal'] })))).toBe(1);
    // Inclusive: small firm (< 300 employees) yes; a medium firm (≥ 300 and ≥ 2000万) no — srdi.md §7.
    expect(f.score(epContext(enterprise(), product({ policyTags: ['inclusive'] })))).toBe(1);
    expect(
      f.score(epContext(enterprise({ employees: 500 }), product({ policyTags: ['inclusive'] }))),
    ).toBe(0);
    expect(f.score(epContext(enterprise(), product({ policyTags: ['srdiSpecial'] })))).toBe(1);
    expect(
      f.score(
        epContext(
          enterprise({ srdi: { tier: 'techSme', certifiedOn: '2025-01-01' } }),
          product({ policyTags: ['srdiSpecial'] }),
        ),
      ),
    ).toBe(0.5);
  });
  it('chainZone: role on the product chain, zones, untargeted and elsewhere-targeted products', () => {
    const f = chainZoneFactor();
    const leader = enterprise({ chains: [{ chainId: 'CH1', role: 'leader' }] });
    const supplier = enterprise({ chains: [{ chainId: 'CH1', role: 'supplier' }] });
    const chainLoan = product({ chains: ['CH1'] });
    const scf = product({ chains: ['CH1'], type: 'supplyChainFinance' });
    expect(f.score(epContext(leader, chainLoan))).toBe(1);
    expect(f.score(epContext(supplier, chainLoan))).toBe(0.9);
    expect(f.score(epContext(supplier, scf))).toBe(1);
    expect(f.score(epContext(leader, scf))).toBe(0.6);
    expect(f.score(epContext(enterprise({ zones: ['Z1'] }), product({ zones: ['Z1'] })))).toBe(0.8);
    expect(f.score(epContext(enterprise(), chainLoan))).toBe(0);
    expect(f.score(epContext(enterprise(), product()))).toBe(0.3);
    const reference = {
      chains: new Map([
        [
          'CH2',
          {
            id: 'CH2',
            name: '集成电路',
            sectors: ['C39'],
            leaderIds: [],
            productIds: ['P1'],
            text: '',
          },
        ],
      ]),
    };
    const onCh2 = enterprise({ chains: [{ chainId: 'CH2', role: 'member' }] });
    expect(f.score({ ...epContext(onCh2, product()), reference })).toBe(0.8);
    expect(f.score({ ...epContext(enterprise(), product()), reference })).toBe(0);
    // One product scored under two references in turn (the factor remembers the last product
    // and reference it served): each call sees its own reference's chains.
    const same = product();
    const plain = epContext(onCh2, same);
    for (let i = 0; i < 2; i++) {
      expect(f.score({ ...plain, reference })).toBe(0.8);
      expect(f.score(plain)).toBe(0.3);
    }
  });
});

describe('project–investor factors', () => {
  it('have the documented sides', () => {
    expect(investorSectorFitFactor().side).toBe('target');
    expect(roundFitFactor().side).toBe('target');
    expect(trlFitFactor().side).toBe('target');
    expect(ownerSrdiTierFactor().side).toBe('target');
    expect(ticketFitFactor().side).toBe('subject');
    expect(investorKindFitFactor().side).toBe('subject');
    expect(investorRegionFactor().side).toBe('both');
  });
  it('score sector, round, ticket and TRL fit', () => {
    expect(
      investorSectorFitFactor().score(piContext(project(), investor({ targetSectors: ['C34'] }))),
    ).toBe(1);
    expect(investorSectorFitFactor().score(piContext(project(), investor()))).toBe(0.5);
    expect(roundFitFactor().score(piContext(project(), investor({ rounds: ['A'] })))).toBe(1);
    expect(
      ticketFitFactor().score(piContext(project(), investor({ ticket: { min: 9e6, max: 1e8 } }))),
    ).toBeCloseTo(1, 12);
    expect(
      trlFitFactor().score(piContext(project(), investor({ trl: { min: 1, max: 5 } }))),
    ).toBeCloseTo(0.5, 12);
    expect(
      investorRegionFactor().score(piContext(project(), investor({ regions: ['4403'] }))),
    ).toBe(0.85);
  });
  it('investorKindFit follows stages-and-investors.md §4', () => {
    const f = investorKindFitFactor();
    expect(f.score(piContext(project({ round: 'angel' }), investor({ kind: 'angel' })))).toBe(1);
    expect(
      f.score(piContext(project({ round: 'seed' }), investor({ kind: 'insuranceFund' }))),
    ).toBe(0.2);
    expect(
      f.score(piContext(project({ round: 'B' }), investor({ kind: 'bankInvestmentArm' }))),
    ).toBe(0.6);
  });
  it('ownerSrdiTier rises with the tier for SRDI-favouring kinds and abstains otherwise', () => {
    const f = ownerSrdiTierFactor();
    const cvc = investor({ kind: 'corporateVC' });
    expect(f.score(piContext(project({ ownerSrdiTier: 'littleGiant' }), cvc))).toBe(0.9);
    expect(f.score(piContext(project({ ownerSrdiTier: 'none' }), cvc))).toBe(0.2);
    expect(f.score(piContext(project(), investor({ kind: 'angel' })))).toBeNull();
  });
});

describe('every factor stays in [0, 1] (property)', () => {
  const epFactors = [
    sectorFitFactor(),
    stageFitFactor(),
    srdiTierFitFactor(),
    amountFitFactor(),
    termFitFactor(),
    instrumentFitFactor(),
    collateralFitFactor(),
    regionProximityFactor(),
    policyPriorityFactor(),
    chainZoneFactor(),
  ];
  it('for random enterprises and products', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e4, max: 1e10, noNaN: true }),
        fc.integer({ min: 1, max: 240 }),
        fc.double({ min: 1e4, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom('none', 'techSme', 'srdi', 'littleGiant', 'champion'),
        fc.constantFrom('none', 'techSme', 'srdi', 'littleGiant'),
        fc.subarray(['realEstate', 'equipment', 'ipPledge'] as const),
        fc.constantFrom<string[]>([], ['32'], ['3201'], ['44']),
        (amount, term, min, spread, tier, minTier, collateral, regions) => {
          const e = enterprise({
            need: need(amount, term),
            srdi: { tier, certifiedOn: '2024-01-01' },
            collateral: [...collateral],
          });
          const p = product({
            amount: { min, max: min * spread },
            minSrdiTier: minTier,
            regions,
            collateral: { required: ['equipment'] },
          });
          for (const f of epFactors) {
            const v = f.score({ subject: e, target: p, asOf: AS_OF, locale: 'zh', reference: {} });
            expect(v === null || (v >= 0 && v <= 1)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('logRangeFit is compileLogRangeFit applied once', () => {
  it('gives bit-identical values', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e12, noNaN: true }),
        (a, b, v) => {
          const r = { min: Math.min(a, b), max: Math.max(a, b) };
          expect(Object.is(logRangeFit(v, r), compileLogRangeFit(r)(v))).toBe(true);
        },
      ),
    );
  });
});
