/**
 * One outcome fit shared by the matchers built from one history: a second matcher, an index
 * and a matcher in the other language take the first one's fit, and give its rankings; any
 * change to what a fit reads (a past partner's features or attributes, an outcome, a date, a
 * target's institution, a past project's owner, the evaluation date, an option) fits again,
 * while a change to a record no outcome names does not; a shared model ranks as one fitted
 * anew. The most recent SHARED_FITS fits are kept.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createEnterpriseIndex,
  createInvestorMatcher,
  createProductMatcher,
  enterpriseProductProfile,
  extendProfile,
  generateMarket,
} from '../../../src/index.js';
import {
  SHARED_FITS,
  clearSharedFits,
  sharedFitCounts,
} from '../../../src/learn/history/prepare.js';
import { targetProfileFactor } from '../../../src/learn/factors/target-profile.js';

const AS_OF = '2026-06-30';
const market = generateMarket({ seed: 3, scale: 'small', asOf: AS_OF });
/** The market as raw parsed JSON: every matcher validates its own copies of the records. */
const raw = () => JSON.parse(JSON.stringify(market)) as typeof market;
const base = () => {
  const m = raw();
  return {
    m,
    options: {
      asOf: AS_OF,
      chains: m.chains,
      zones: m.zones,
      institutions: m.institutions,
      interactions: m.interactions,
      subjects: m.enterprises,
    },
  };
};

/** Runs `build` and returns how many fits it ran and how many it took from earlier ones. */
function counted(build: () => void): { fitted: number; reused: number } {
  const before = sharedFitCounts();
  build();
  const after = sharedFitCounts();
  return { fitted: after.fitted - before.fitted, reused: after.reused - before.reused };
}

/** Enterprises that some product interaction names, and one that none names. */
const named = new Set(
  market.interactions.filter((i) => i.itemKind === 'product').map((i) => i.subjectId),
);
const partner = market.enterprises.find((e) => named.has(e.id))!;
const stranger = market.enterprises.find((e) => !named.has(e.id))!;

/** A product interaction that is its pair's only one: its kind and date are the pair's. */
function soleInteraction(m: ReturnType<typeof raw>) {
  const count = new Map<string, number>();
  const pair = (i: (typeof m.interactions)[number]) => `${i.subjectId}|${i.itemId}`;
  for (const i of m.interactions) count.set(pair(i), (count.get(pair(i)) ?? 0) + 1);
  return m.interactions.find((i) => i.itemKind === 'product' && count.get(pair(i)) === 1)!;
}

const projectPartner = market.projects.find((p) =>
  market.interactions.some((i) => i.itemKind === 'investor' && i.subjectId === p.id),
)!;

/** The product matcher's rankings of 40 enterprises (ids, scores, contributions, factors). */
function rankings(matcher: ReturnType<typeof createProductMatcher>, m: ReturnType<typeof raw>) {
  return m.enterprises.slice(0, 40).map((e) => matcher.rankProducts(e, { k: 5 }));
}

/** A profile whose targetProfile factor has `options`. */
function withOptions(options: Parameters<typeof targetProfileFactor>[0]) {
  return extendProfile(enterpriseProductProfile(), {
    dropFactors: ['targetProfile'],
    addFactors: [{ factor: targetProfileFactor(options), weight: 0.1 }],
  });
}

describe('one outcome fit shared by the matchers of one history', () => {
  beforeEach(() => clearSharedFits());

  it('a second matcher, one in English and an index take the first fit; an independent fit ranks alike', () => {
    const { m, options } = base();
    expect(counted(() => createProductMatcher(m.products, options))).toEqual({
      fitted: 1,
      reused: 0,
    });
    let again!: ReturnType<typeof createProductMatcher>;
    let english!: ReturnType<typeof createProductMatcher>;
    expect(counted(() => (again = createProductMatcher(m.products, options)))).toEqual({
      fitted: 0,
      reused: 1,
    });
    expect(
      counted(() => (english = createProductMatcher(m.products, { ...options, locale: 'en' }))),
    ).toEqual({ fitted: 0, reused: 1 });
    const { subjects: _subjects, ...indexOptions } = options;
    expect(
      counted(() => createEnterpriseIndex(m.enterprises, { ...indexOptions, targets: m.products })),
    ).toEqual({ fitted: 0, reused: 1 });
    // The shared model against one fitted anew from the same records.
    clearSharedFits();
    let independent!: ReturnType<typeof createProductMatcher>;
    expect(counted(() => (independent = createProductMatcher(m.products, options)))).toEqual({
      fitted: 1,
      reused: 0,
    });
    const want = rankings(independent, m);
    expect(rankings(again, m)).toEqual(want);
    expect(rankings(english, m).map((r) => r.map((x) => [x.productId, x.score]))).toEqual(
      want.map((r) => r.map((x) => [x.productId, x.score])),
    );
  });

  it('a change to a record no outcome names does not fit again', () => {
    const first = base();
    createProductMatcher(first.m.products, first.options);
    const { m, options } = base();
    const e = m.enterprises.find((x) => x.id === stranger.id)!;
    e.annualRevenue = e.annualRevenue * 7 + 1;
    expect(counted(() => createProductMatcher(m.products, options))).toEqual({
      fitted: 0,
      reused: 1,
    });
  });

  const changes: [string, (m: ReturnType<typeof raw>) => Record<string, unknown> | void][] = [
    [
      'a past partner’s sector',
      (m) => void (m.enterprises.find((x) => x.id === partner.id)!.sector = 'A'),
    ],
    [
      'a past partner’s revenue',
      (m) => {
        const e = m.enterprises.find((x) => x.id === partner.id)!;
        e.annualRevenue = e.annualRevenue > 0 ? 0 : 1e9;
      },
    ],
    [
      'a past partner’s custom attribute',
      (m) => {
        const e = m.enterprises.find((x) => x.id === partner.id)!;
        e.attributes = { ...e.attributes, grade: 'A' };
      },
    ],
    [
      'an outcome',
      (m) => {
        const only = soleInteraction(m);
        only.kind = only.kind === 'funded' ? 'declined' : 'funded';
      },
    ],
    [
      'an outcome’s date',
      (m) => {
        const only = soleInteraction(m);
        only.date = only.date === '2019-01-02' ? '2019-01-03' : '2019-01-02';
      },
    ],
    [
      'a target’s institution',
      (m) => {
        const id = m.interactions.find((i) => i.itemKind === 'product')!.itemId;
        const p = m.products.find((x) => x.id === id)!;
        p.institutionId = m.institutions.find((i) => i.id !== p.institutionId)!.id;
      },
    ],
    ['the evaluation date', () => ({ asOf: '2026-07-31' })],
    ['the smoothing', () => ({ profile: withOptions({ smoothing: 3 }) })],
    ['the half-life', () => ({ profile: withOptions({ halfLifeDays: 365 }) })],
    ['unit weights', () => ({ profile: withOptions({ unitWeights: true }) })],
    ['the seed', () => ({ profile: withOptions({ seed: 7 }) })],
  ];
  for (const [what, change] of changes)
    it(`fits again after a change to ${what}`, () => {
      const first = base();
      createProductMatcher(first.m.products, first.options);
      const { m, options } = base();
      const extra = change(m) ?? {};
      expect(
        counted(() => createProductMatcher(m.products, { ...options, ...extra })).fitted,
      ).toBeGreaterThan(0);
    });

  it('fits again when a past project’s owner changes (projects’ identity: repeat partners)', () => {
    const build = (owner: string | undefined) => {
      const m = raw();
      const p = m.projects.find((x) => x.id === projectPartner.id)!;
      if (owner === undefined) delete p.ownerEnterpriseId;
      else p.ownerEnterpriseId = owner;
      return counted(() =>
        createInvestorMatcher(m.investors, {
          asOf: AS_OF,
          interactions: m.interactions,
          subjects: m.projects,
        }),
      );
    };
    const other = market.enterprises.find((e) => e.id !== projectPartner.ownerEnterpriseId)!.id;
    expect(build(projectPartner.ownerEnterpriseId).fitted).toBe(1);
    expect(build(projectPartner.ownerEnterpriseId)).toEqual({ fitted: 0, reused: 1 });
    expect(build(other).fitted).toBe(1);
  });

  it(`keeps the ${SHARED_FITS} most recent fits`, () => {
    const dates = Array.from(
      { length: SHARED_FITS + 1 },
      (_, i) =>
        `2026-${String(7 + (i % 6)).padStart(2, '0')}-${String(1 + Math.floor(i / 6)).padStart(2, '0')}`,
    );
    // Every matcher kept: a fit no matcher uses may be collected (the fits are held weakly).
    const kept: unknown[] = [];
    const build = (asOf: string) => {
      const { m, options } = base();
      return counted(() => kept.push(createProductMatcher(m.products, { ...options, asOf })));
    };
    for (const d of dates) expect(build(d)).toEqual({ fitted: 1, reused: 0 });
    expect(build(dates.at(-1)!)).toEqual({ fitted: 0, reused: 1 });
    expect(build(dates[0]!)).toEqual({ fitted: 1, reused: 0 });
    expect(kept).toHaveLength(SHARED_FITS + 3);
  });
});
