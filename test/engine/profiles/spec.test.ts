/**
 * Every profile kind finmatch can produce survives spec → JSON → spec and snapshot save → load
 * with identical rankings, scores and explanations, on both markets; the same content gives
 * the same bytes; custom code is named and supplied on load.
 */
import { describe, expect, test } from 'vitest';
import {
  collaborativeFactor,
  createEnterpriseIndex,
  createInvestorMatcher,
  createProductMatcher,
  createProjectIndex,
  enterpriseProductProfile,
  exposureQuotaReranker,
  extendProfile,
  lexicographicStrategy,
  mmrReranker,
  profileFromSpec,
  profileToSpec,
  projectInvestorProfile,
  reciprocalStrategy,
  softenRules,
  specJson,
  weightedSumStrategy,
  type EnterpriseProductProfile,
  type Factor,
  type ProjectInvestorProfile,
} from '../../../src/index.js';
import { textFactor } from '../../../src/text/index.js';
import { learnedStrategy, trainLinearModel } from '../../../src/eval/index.js';
import { loadSnapshot, saveSnapshot } from '../../../src/batch/snapshot.js';
import { generateMarket } from '../../../src/generate/index.js';
import { ProfileError, SnapshotError, ValidationError } from '../../../src/errors.js';

const market = generateMarket({ seed: 4, scale: 'small' });
const asOf = market.manifest.asOf;
const productInteractions = market.interactions.filter((i) => i.itemKind === 'product');
const investorInteractions = market.interactions.filter((i) => i.itemKind === 'investor');
const reference = {
  chains: market.chains,
  zones: market.zones,
  institutions: market.institutions,
};

function learnedModel(names: string[]) {
  return trainLinearModel(
    names.flatMap((_, i) => [
      {
        query: `q${i}`,
        item: 'a',
        features: names.map((__, j) => 0.6 + 0.04 * ((i + j) % 5)),
        label: 1,
      },
      {
        query: `q${i}`,
        item: 'b',
        features: names.map((__, j) => 0.2 + 0.03 * ((i * j) % 7)),
        label: 0,
      },
    ]),
    { factorNames: names },
  );
}

const ep = enterpriseProductProfile();
const epNames = ep.factors.map((f) => f.factor.name);
const EP_PROFILES: Record<string, EnterpriseProductProfile> = {
  shipped: ep,
  tuned: extendProfile(ep, {
    name: 'tuned',
    version: '1.0.0+t',
    weights: { sectorFit: 0.31, amountFit: 0.02 },
  }),
  learnedStrategy: extendProfile(ep, {
    name: 'learned',
    strategy: learnedStrategy(learnedModel(epNames)),
  }),
  lexicographic: extendProfile(ep, {
    name: 'lex',
    strategy: lexicographicStrategy({ tiers: [['policyPriority'], ['sectorFit', 'amountFit']] }),
  }),
  noRedistribute: extendProfile(ep, {
    strategy: weightedSumStrategy({ redistributeAbstained: false }),
  }),
  text: extendProfile(ep, {
    name: 'text',
    addFactors: [{ factor: textFactor({ method: 'lsa' }) as never, weight: 0.2 }],
  }),
  collaborative: extendProfile(ep, {
    name: 'collab',
    addFactors: [{ factor: collaborativeFactor({ method: 'als' }) as never, weight: 0.15 }],
  }),
  mmr: extendProfile(ep, {
    name: 'mmr',
    rerankers: [mmrReranker({ lambda: 0.6, groupWeight: 0.9 })],
  }),
  exposureQuota: extendProfile(ep, {
    name: 'quota',
    rerankers: [exposureQuotaReranker({ maxPerGroup: 1 })],
  }),
  soft: softenRules(ep, ['region', 'stage'], { penaltyNats: 1.5 }),
};

const pi = projectInvestorProfile();
const piNames = pi.factors.map((f) => f.factor.name);
const PI_PROFILES: Record<string, ProjectInvestorProfile> = {
  shipped: pi,
  geometric: extendProfile(pi, {
    name: 'geo',
    strategy: reciprocalStrategy({ mean: 'geometric' }),
  }),
  learnedStrategy: extendProfile(pi, {
    name: 'learned',
    strategy: learnedStrategy(learnedModel(piNames)),
  }),
  mmr: extendProfile(pi, { name: 'mmr', rerankers: [mmrReranker({ lambda: 0.5 })] }),
};

const roundTrip = <P>(profile: P): P =>
  profileFromSpec(JSON.parse(specJson(profileToSpec(profile as never)))) as unknown as P;

describe('profile specs round-trip every profile kind (enterprise–product)', () => {
  const options = {
    asOf,
    ...reference,
    interactions: productInteractions,
    subjects: market.enterprises,
  };
  const subjects = market.enterprises.filter((_, i) => i % 97 === 0).slice(0, 12);
  const products = market.products.filter((_, i) => i % 11 === 0).slice(0, 6);
  for (const [kind, profile] of Object.entries(EP_PROFILES)) {
    test(kind, () => {
      const loaded = roundTrip(profile);
      expect(specJson(profileToSpec(loaded))).toBe(specJson(profileToSpec(profile)));
      const a = createProductMatcher(market.products, { ...options, profile });
      const b = createProductMatcher(market.products, { ...options, profile: loaded });
      for (const e of subjects) {
        expect(b.rankProducts(e, { k: 10 })).toEqual(a.rankProducts(e, { k: 10 }));
        const top = a.rankProducts(e, { k: 1 })[0];
        if (top) expect(b.explain(e, top.productId)).toEqual(a.explain(e, top.productId));
      }
      const ia = createEnterpriseIndex(market.enterprises, { ...options, profile });
      const ib = createEnterpriseIndex(market.enterprises, { ...options, profile: loaded });
      for (const p of products)
        expect(ib.prospectEnterprises(p, { k: 10 })).toEqual(ia.prospectEnterprises(p, { k: 10 }));
    });
  }
});

describe('profile specs round-trip every profile kind (project–investor)', () => {
  const options = {
    asOf,
    ...reference,
    interactions: investorInteractions,
    subjects: market.projects,
  };
  for (const [kind, profile] of Object.entries(PI_PROFILES)) {
    test(kind, () => {
      const loaded = roundTrip(profile);
      const a = createInvestorMatcher(market.investors, { ...options, profile });
      const b = createInvestorMatcher(market.investors, { ...options, profile: loaded });
      for (const p of market.projects.slice(0, 20))
        expect(b.rankInvestors(p, { k: 8 })).toEqual(a.rankInvestors(p, { k: 8 }));
      const ia = createProjectIndex(market.projects, { ...options, profile });
      const ib = createProjectIndex(market.projects, { ...options, profile: loaded });
      for (const inv of market.investors.slice(0, 10))
        expect(ib.rankProjects(inv, { k: 8 })).toEqual(ia.rankProjects(inv, { k: 8 }));
    });
  }
});

describe('spec bytes and custom parts', () => {
  test('the same profile built in another order of options gives the same bytes', () => {
    const a = extendProfile(ep, { weights: { sectorFit: 0.2, amountFit: 0.1 } });
    const b = extendProfile(ep, { weights: { amountFit: 0.1, sectorFit: 0.2 } });
    expect(specJson(profileToSpec(a))).toBe(specJson(profileToSpec(b)));
    const l1 = lexicographicStrategy({ tiers: [['policyPriority']], resolution: 0.01 });
    const l2 = lexicographicStrategy({ resolution: 0.01, tiers: [['policyPriority']] });
    expect(JSON.stringify(l1.spec)).toBe(JSON.stringify(l2.spec));
  });

  const custom: Factor<never, never> = {
    name: 'myFactor',
    description: { zh: '自定义', en: 'custom' },
    key: () => 'k',
    score: () => 0.5,
  };
  const withCustom = extendProfile(ep, { addFactors: [{ factor: custom as never, weight: 0.1 }] });

  test('custom code is saved by name, and loading without it names every missing part', () => {
    const spec = profileToSpec(withCustom);
    expect(spec.factors.at(-1)).toEqual({ name: 'myFactor', weight: 0.1 });
    expect(() => profileFromSpec(spec)).toThrow(ProfileError);
    expect(() => profileFromSpec(spec)).toThrow(/factor "myFactor"/);
    const loaded = profileFromSpec(spec, { factors: { myFactor: custom } });
    expect(loaded.factors.map((f) => f.factor.name)).toEqual(
      withCustom.factors.map((f) => f.factor.name),
    );
  });

  test('invalid specs name the path', () => {
    const spec = JSON.parse(specJson(profileToSpec(ep)));
    spec.factors[2].weight = -1;
    expect(() => profileFromSpec(spec)).toThrow(/factors\[2\]\.weight/);
    const spec2 = JSON.parse(specJson(profileToSpec(ep)));
    spec2.factors[0].kind = 'noSuchFactor';
    expect(() => profileFromSpec(spec2)).toThrow(/factors\[0\]\.kind.*noSuchFactor/);
    expect(() => profileFromSpec(profileToSpec(ep), { market: 'projectInvestor' })).toThrow(
      /market/,
    );
  });
});

describe('snapshots', () => {
  const shuffled = <T>(list: readonly T[]) => [...list].reverse();
  const epContent = (profile: EnterpriseProductProfile, reorder = false) => {
    const o = <T>(l: readonly T[]) => (reorder ? shuffled(l) : l);
    return {
      profile: profile as never,
      subjects: o(market.enterprises.slice(0, 400)),
      targets: o(market.products),
      asOf,
      locale: 'en' as const,
      chains: o(market.chains),
      zones: o(market.zones),
      institutions: o(market.institutions),
      interactions: o(productInteractions),
      historySubjects: o(market.enterprises),
    };
  };

  for (const kind of ['collaborative', 'learnedStrategy', 'mmr', 'soft', 'text'] as const) {
    test(`${kind}: save → load ranks identically; same content, any order, same bytes`, () => {
      const profile = EP_PROFILES[kind]!;
      const bytes = saveSnapshot(epContent(profile));
      expect(saveSnapshot(epContent(profile, true))).toBe(bytes);
      const loaded = loadSnapshot(bytes);
      const original = createProductMatcher(market.products, {
        profile,
        asOf,
        locale: 'en',
        ...reference,
        interactions: productInteractions,
        subjects: market.enterprises,
      });
      for (const e of market.enterprises.slice(0, 30))
        expect(loaded.productMatcher!.rankProducts(e, { k: 10 })).toEqual(
          original.rankProducts(e, { k: 10 }),
        );
    });
  }

  test('project–investor snapshots carry the history and rank identically', () => {
    const profile = PI_PROFILES.shipped!;
    const bytes = saveSnapshot({
      profile: profile as never,
      subjects: market.projects,
      targets: market.investors,
      asOf,
      interactions: investorInteractions,
      historySubjects: market.projects,
    });
    const loaded = loadSnapshot(bytes);
    const original = createInvestorMatcher(market.investors, {
      profile,
      asOf,
      interactions: investorInteractions,
      subjects: market.projects,
    });
    for (const p of market.projects.slice(0, 20))
      expect(loaded.investorMatcher!.rankInvestors(p, { k: 5 })).toEqual(
        original.rankInvestors(p, { k: 5 }),
      );
  });

  test('a changed snapshot fails its content hash', () => {
    const bytes = saveSnapshot(epContent(ep));
    const tampered = bytes.replace(/"need":\{"amount":(\d)/, '"need":{"amount":9$1');
    expect(tampered).not.toBe(bytes);
    expect(() => loadSnapshot(tampered)).toThrow(SnapshotError);
  });

  test('custom code is saved by name and must be supplied on load', () => {
    const custom: Factor<never, never> = {
      name: 'myFactor',
      description: { zh: '自定义', en: 'custom' },
      key: () => 'k',
      score: () => 0.5,
    };
    const profile = extendProfile(ep, { addFactors: [{ factor: custom as never, weight: 0.1 }] });
    const bytes = saveSnapshot({ ...epContent(profile), interactions: [] });
    expect(() => loadSnapshot(bytes)).toThrow(/factor "myFactor"/);
    const loaded = loadSnapshot(bytes, { parts: { factors: { myFactor: custom } } });
    const original = createProductMatcher(market.products, {
      profile,
      asOf,
      locale: 'en',
      ...reference,
    });
    for (const e of market.enterprises.slice(0, 10))
      expect(loaded.productMatcher!.rankProducts(e, { k: 5 })).toEqual(
        original.rankProducts(e, { k: 5 }),
      );
  });

  test('saving checks what loading will need, and the header cannot be changed', () => {
    expect(() => saveSnapshot({ ...epContent(ep), asOf: 'yesterday' })).toThrow(/asOf/);
    expect(() => saveSnapshot({ ...epContent(ep), profile: undefined as never })).toThrow(
      /profile must be a profile/,
    );
    expect(() =>
      saveSnapshot({ ...epContent(ep), subjects: [{ id: 'x' }] as never, historySubjects: [] }),
    ).toThrow(ValidationError);
    const bytes = saveSnapshot(epContent(ep));
    const parsed = JSON.parse(bytes);
    parsed.header.profileHash = 'sha256:00';
    expect(() => loadSnapshot(JSON.stringify(parsed))).toThrow(/profileHash/);
    const other = JSON.parse(bytes);
    other.header.market = 'projectInvestor';
    expect(() => loadSnapshot(JSON.stringify(other))).toThrow(/market/);
  });
});

describe('lexicographic tiers', () => {
  test('a tier naming a factor the profile lacks is a ProfileError, not a silent no-op', () => {
    const profile = extendProfile(ep, {
      strategy: lexicographicStrategy({ tiers: [['noSuchFactor']] }),
    });
    expect(() => createProductMatcher(market.products, { asOf, profile })).toThrow(ProfileError);
  });

  test('unknown fields and options are errors: a spec part, loading options, a snapshot header', () => {
    const spec = JSON.parse(specJson(profileToSpec(ep)));
    spec.rules[0].weight = 1;
    expect(() => profileFromSpec(spec)).toThrow(/rules\[0\]\.weight: unknown field/);
    expect(() => profileFromSpec(profileToSpec(ep), { parts: 5 } as never)).toThrow(/parts/);
    const bytes = saveSnapshot({
      profile: ep as never,
      subjects: market.enterprises.slice(0, 20),
      targets: market.products.slice(0, 20),
      asOf,
    });
    expect(() => loadSnapshot(bytes, { part: {} } as never)).toThrow(/part/);
    const extra = JSON.parse(bytes);
    extra.header.note = 'x';
    expect(() => loadSnapshot(JSON.stringify(extra))).toThrow(/header\.note/);
  });
});
