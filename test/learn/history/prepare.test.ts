/**
 * One outcome fit shared by the matchers built from one history: a second matcher, an index
 * and a matcher in the other language take the first one's fit, and give its rankings; any
 * change to what a fit reads (a past partner's features, an outcome, a date, a target's
 * institution, the evaluation date, an option) fits again, while a change to a record no
 * outcome names does not. The most recent SHARED_FITS fits are kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createEnterpriseIndex,
  createProductMatcher,
  enterpriseProductProfile,
  extendProfile,
  generateMarket,
} from '../../../src/index.js';
import { SHARED_FITS, sharedFitCounts } from '../../../src/learn/history/prepare.js';
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

describe('one outcome fit shared by the matchers of one history', () => {
  let first: ReturnType<typeof createProductMatcher>;

  beforeAll(() => {
    const { m, options } = base();
    expect(counted(() => (first = createProductMatcher(m.products, options)))).toEqual({
      fitted: 1,
      reused: 0,
    });
  });

  it('a second matcher, one in English and an index take the first fit and rank as it does', () => {
    const { m, options } = base();
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
    for (const e of m.enterprises.slice(0, 40)) {
      const want = first.rankProducts(e, { k: 5 });
      expect(again.rankProducts(e, { k: 5 })).toEqual(want);
      expect(english.rankProducts(e, { k: 5 }).map((r) => [r.productId, r.score])).toEqual(
        want.map((r) => [r.productId, r.score]),
      );
    }
  });

  it('a change to a record no outcome names does not fit again', () => {
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
    ['an option of the learned factor', () => ({ smoothing: 3 })],
  ];
  for (const [what, change] of changes)
    it(`fits again after a change to ${what}`, () => {
      const { m, options } = base();
      const extra = change(m) ?? {};
      const { smoothing, ...rest } = extra as { smoothing?: number };
      const profile =
        smoothing === undefined
          ? undefined
          : extendProfile(enterpriseProductProfile(), {
              dropFactors: ['targetProfile'],
              addFactors: [{ factor: targetProfileFactor({ smoothing }), weight: 0.1 }],
            });
      const o = { ...options, ...rest, ...(profile ? { profile } : {}) };
      expect(counted(() => createProductMatcher(m.products, o)).fitted).toBeGreaterThan(0);
    });

  it(`keeps the ${SHARED_FITS} most recent fits`, () => {
    const dates = ['2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01'].slice(
      0,
      SHARED_FITS + 1,
    );
    const build = (asOf: string) => {
      const { m, options } = base();
      return counted(() => createProductMatcher(m.products, { ...options, asOf }));
    };
    for (const d of dates) expect(build(d)).toEqual({ fitted: 1, reused: 0 });
    expect(build(dates.at(-1)!)).toEqual({ fitted: 0, reused: 1 });
    expect(build(dates[0]!)).toEqual({ fitted: 1, reused: 0 });
  });
});
