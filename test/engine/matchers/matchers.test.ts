import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError, UnknownIdError, ValidationError } from '../../../src/errors.js';
import {
  createEnterpriseIndex,
  createInvestorMatcher,
  createProductMatcher,
  createProjectIndex,
  selectTopK,
} from '../../../src/engine/matchers/index.js';
import { scorePair } from '../../../src/engine/pipeline.js';
import {
  enterpriseProductProfile,
  projectInvestorProfile,
} from '../../../src/engine/profiles/index.js';
import { compareRanked } from '../../../src/util/compare.js';
import {
  AS_OF,
  enterprise,
  epContext,
  goldenMarket,
  investor,
  product,
  project,
} from '../golden/market.js';

const { enterprises, products } = goldenMarket();

/** Random products around the golden enterprise's need. */
const productArb = fc
  .record({
    min: fc.integer({ min: 1, max: 100 }),
    spread: fc.integer({ min: 1, max: 200 }),
    term: fc.integer({ min: 6, max: 60 }),
    tier: fc.constantFrom('none', 'techSme', 'srdi', 'littleGiant'),
    regions: fc.constantFrom<string[]>([], ['32'], ['3201'], ['44']),
    tags: fc.subarray(['techReloan', 'srdiSpecial', 'inclusive', 'green'] as const),
  })
  .map((r) => ({
    institutionId: 'B1',
    name: 'p',
    type: 'creditLoan' as const,
    instrument: 'loan' as const,
    amount: { min: r.min * 1e5, max: r.min * r.spread * 1e5 },
    termMonths: { min: r.term, max: r.term + 24 },
    minSrdiTier: r.tier,
    regions: r.regions,
    policyTags: [...r.tags],
  }));
const catalogueArb = fc
  .array(productArb, { minLength: 1, maxLength: 25 })
  .map((ps) => ps.map((p, i) => ({ ...p, id: `P${String(i).padStart(2, '0')}` })));

describe('selectTopK', () => {
  it('equals the first k of a full sort (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.string({ maxLength: 3 }),
            score: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
        ),
        fc.integer({ min: 1, max: 12 }),
        (items, k) => {
          const unique = [...new Map(items.map((i) => [i.id, i])).values()];
          expect(selectTopK(unique, k, compareRanked)).toEqual(
            [...unique].sort(compareRanked).slice(0, k),
          );
        },
      ),
    );
  });
});

describe('createProductMatcher', () => {
  it('returns exactly the eligible products, best first, scores in [0, 1] with additive contributions (property)', () => {
    fc.assert(
      fc.property(catalogueArb, (catalogue) => {
        const m = createProductMatcher(catalogue, { asOf: AS_OF });
        const e = enterprise({ policyLists: ['techReloanCandidates'] });
        const ranked = m.rankProducts(e, { k: Infinity });
        const profile = enterpriseProductProfile();
        const eligible = m.products
          .filter((p) => scorePair(profile, epContext(e, p)).eligible)
          .map((p) => p.id);
        expect(ranked.map((r) => r.productId).sort()).toEqual(eligible.sort());
        ranked.forEach((r, i) => {
          expect(r.rank).toBe(i + 1);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1);
          const sum = Object.values(r.contributions).reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - r.score)).toBeLessThan(1e-9);
          for (const v of Object.values(r.factors))
            expect(v === null || (v >= 0 && v <= 1)).toBe(true);
          if (i > 0)
            expect(
              compareRanked(
                { id: ranked[i - 1]!.productId, score: ranked[i - 1]!.score },
                { id: r.productId, score: r.score },
              ),
            ).toBeLessThan(0);
        });
        const top3 = m.rankProducts(e, { k: 3 });
        expect(top3).toEqual(ranked.slice(0, 3));
      }),
      { numRuns: 40 },
    );
  });
  it('gives the same result for any permutation of the products (property)', () => {
    fc.assert(
      fc.property(
        catalogueArb.chain((c) =>
          fc.tuple(
            fc.constant(c),
            fc.shuffledSubarray(c, { minLength: c.length, maxLength: c.length }),
          ),
        ),
        ([a, b]) => {
          const e = enterprise();
          expect(createProductMatcher(b, { asOf: AS_OF }).rankProducts(e, { k: 5 })).toEqual(
            createProductMatcher(a, { asOf: AS_OF }).rankProducts(e, { k: 5 }),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
  it('includes rule outcomes on request and explains any pair', () => {
    const m = createProductMatcher(products, { asOf: AS_OF, locale: 'en' });
    const [first] = m.rankProducts(enterprises[0]!, { k: 1, includeRules: true });
    expect(first!.rules).toHaveLength(12);
    expect(m.rankProducts(enterprises[0]!, { k: 1 })[0]!.rules).toBeUndefined();
    expect(m.explain(enterprises[0]!, 'P-IP').exclusions[0]!.hint).toBe(
      'eligible if the enterprise can offer IP pledge',
    );
    expect(() => m.explain(enterprises[0]!, 'nope')).toThrow(UnknownIdError);
  });
  it('validates records and options', () => {
    expect(() => createProductMatcher([{ ...products[0]!, amount: { min: 5, max: 1 } }])).toThrow(
      ValidationError,
    );
    expect(() => createProductMatcher(products, { asOf: '2026-02-30' })).toThrow(OptionError);
    expect(() => createProductMatcher(products, { locale: 'fr' as 'en' })).toThrow(OptionError);
    expect(() =>
      createProductMatcher(products, { profile: projectInvestorProfile() as never }),
    ).toThrow(OptionError);
    const m = createProductMatcher(products, { asOf: AS_OF });
    for (const k of [0, -1, 1.5, NaN])
      expect(() => m.rankProducts(enterprises[0]!, { k })).toThrow(OptionError);
    try {
      m.rankProducts({ ...enterprises[0]!, need: { ...enterprises[0]!.need, amount: -1 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]!.path).toBe('need.amount');
    }
  });
});

describe('createEnterpriseIndex', () => {
  const index = createEnterpriseIndex(enterprises, { asOf: AS_OF });
  it('prospects the eligible enterprises for a product, best first', () => {
    const local = products.find((p) => p.id === 'P-NJ-LOCAL')!;
    const found = index.prospectEnterprises(local, { k: 10 });
    expect(found.map((m) => m.enterpriseId)).toEqual(['E-NJ-EXPIRED', 'E-NJ-SRDI']);
    expect(found[0]!.score).toBe(found[1]!.score); // identical fit: tie broken by id
    const filtered = index.prospectEnterprises(local, {
      filter: { where: (e) => e.srdi.tier === 'srdi' },
    });
    expect(filtered.map((m) => m.enterpriseId)).toEqual(['E-NJ-SRDI']);
    expect(() => index.prospectEnterprises(local, { filter: { sectors: ['Z99'] } })).toThrow(
      OptionError,
    );
  });
  it('ranks a chain’s enterprises against a product package in one call', () => {
    const idx = createEnterpriseIndex(
      [
        enterprise({ id: 'B', chains: [{ chainId: 'CH1', role: 'supplier' }] }),
        enterprise({ id: 'A', chains: [{ chainId: 'CH1', role: 'leader' }] }),
        enterprise({ id: 'C' }),
      ],
      { asOf: AS_OF },
    );
    const batch = idx.rankBatch(
      { chainId: 'CH1' },
      [product({ id: 'X', chains: ['CH1'] }), product({ id: 'Y' })],
      { k: 5 },
    );
    expect(batch.map((b) => b.enterpriseId)).toEqual(['A', 'B']);
    expect(batch[0]!.matches.map((m) => m.productId)).toEqual(['X', 'Y']);
    expect(() => idx.rankBatch({ chainId: 'NOPE' }, [product()])).toThrow(UnknownIdError);
  });
});

describe('createInvestorMatcher and createProjectIndex', () => {
  const investors = [
    investor({ id: 'I-VC' }),
    investor({ id: 'I-CVC', kind: 'corporateVC', targetSectors: ['C34'], rounds: ['A', 'B', 'C'] }),
    investor({
      id: 'I-ANGEL',
      kind: 'angel',
      rounds: ['seed', 'angel'],
      ticket: { min: 5e5, max: 1e7 },
    }),
    investor({
      id: 'I-SZ',
      kind: 'stateVC',
      regions: ['4403'],
      rounds: ['A'],
      ticket: { min: 1e7, max: 9e7 },
    }),
  ];
  it('ranks eligible investors with both sides and explains exclusions', () => {
    const m = createInvestorMatcher(investors, { asOf: AS_OF, locale: 'en' });
    const ranked = m.rankInvestors(project(), { k: 10 });
    expect(ranked.map((r) => r.investorId).sort()).toEqual(['I-CVC', 'I-SZ', 'I-VC']);
    for (const r of ranked) {
      expect(r.sides).toBeDefined();
      const sum = Object.values(r.contributions).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - r.score)).toBeLessThan(1e-9);
    }
    // The Shenzhen state VC specialises in series A locally and favours SRDI owners; the
    // generalist VC is last.
    expect(ranked[ranked.length - 1]!.investorId).toBe('I-VC');
    const x = m.explain(project(), 'I-ANGEL');
    expect(x.eligible).toBe(false);
    expect(x.exclusions.map((e) => e.rule)).toEqual(['ticket', 'round']);
  });
  it('ranks projects for an investor with the same pair scores', () => {
    const projects = [
      project({ id: 'J1' }),
      project({ id: 'J2', round: 'seed', trl: 3 }),
      project({ id: 'J3', ownerSrdiTier: 'littleGiant' }),
    ];
    const idx = createProjectIndex(projects, { asOf: AS_OF });
    const cvc = investors[1]!;
    const ranked = idx.rankProjects(cvc);
    expect(ranked.map((r) => r.projectId)).toEqual(['J3', 'J1']); // the CVC favours the little giant's project
    const forward = createInvestorMatcher([cvc], { asOf: AS_OF }).rankInvestors(projects[0]!);
    expect(forward[0]!.score).toBe(ranked[1]!.score);
  });
});
