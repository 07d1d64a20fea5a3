/**
 * The outcome-learned factors (targetProfile, volumePrior, repeatPartner): what they learn on a
 * constructed market, back-off, range, monotonicity, determinism, fast path = reference path,
 * explanations, and fit time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEnterpriseIndex,
  createProductMatcher,
  enterpriseProductProfile,
} from '../../src/index.js';
import { targetProfileFactor } from '../../src/learn/factors/target-profile.js';
import { volumePriorFactor } from '../../src/learn/factors/volume-prior.js';
import { repeatPartnerFactor } from '../../src/learn/factors/repeat-partner.js';
import { parseAll } from '../../src/model/parse.js';
import { dot32 } from '../../src/compile/plan.js';
import type {
  Enterprise,
  EnterpriseInput,
  FinancialProduct,
  FinancialProductInput,
  Interaction,
} from '../../src/model/types.js';
import { createRandom } from '../../src/util/random.js';
import { enterprise as enterpriseFixture, product as productFixture } from '../model/fixtures.js';

const AS_OF = '2026-06-30';

/** An enterprise of a sector and region, otherwise like the fixture (no SRDI, plain needs). */
function firm(
  id: string,
  sector: string,
  region: string,
  extra: Record<string, unknown> = {},
): EnterpriseInput & { id: string; sector: string } {
  return {
    ...enterpriseFixture,
    id,
    name: id,
    sector,
    region,
    srdi: { tier: 'none' },
    chains: [],
    zones: [],
    policyLists: [],
    existingLoans: [],
    collateral: [],
    ...extra,
  } as unknown as EnterpriseInput & { id: string; sector: string };
}

/** An open product every enterprise is eligible for. */
function openProduct(id: string, institutionId = `inst-${id}`): FinancialProductInput {
  return {
    ...productFixture,
    id,
    institutionId,
    name: id,
    type: 'creditLoan',
    targetSectors: [],
    excludedSectors: [],
    stages: [],
    minSrdiTier: 'none',
    regions: [],
    amount: { min: 1, max: 1e10 },
    termMonths: { min: 1, max: 600 },
    collateral: { required: [], accepted: [] },
    policyTags: [],
    ratePercent: undefined,
  } as unknown as FinancialProductInput;
}

/**
 * The constructed market: `bank-js` lends only to Jiangsu (32) manufacturers (C), `bank-gd`
 * only to Guangdong (44) retailers (F52), `bank-big` to everyone and three times as much.
 */
function market(seed = 1) {
  const rnd = createRandom(seed);
  const subjects: ReturnType<typeof firm>[] = [];
  const interactions: Interaction[] = [];
  let n = 0;
  const deal = (subject: ReturnType<typeof firm>, target: string, date: string) => {
    subjects.push(subject);
    interactions.push({
      id: `ix-${String(++n).padStart(5, '0')}`,
      subjectKind: 'enterprise',
      subjectId: subject.id,
      itemKind: 'product',
      itemId: target,
      kind: 'funded',
      date,
    });
  };
  const month = (i: number) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-15`;
  const jsCities = ['320505', '320102', '320211'];
  const jsClasses = ['C3911', 'C3412', 'C2710', 'C3825'];
  for (let i = 0; i < 60; i++)
    deal(firm(`js-${i}`, rnd.pick(jsClasses), rnd.pick(jsCities)), 'bank-js', month(i));
  for (let i = 0; i < 60; i++)
    deal(firm(`gd-${i}`, rnd.pick(['F5211', 'F5221', 'F5231']), '440106'), 'bank-gd', month(i));
  const anySector = ['C3911', 'F5211', 'I6513', 'K7010', 'E4710'];
  const anyRegion = ['320505', '440106', '110105', '510104', '330106'];
  for (let i = 0; i < 180; i++)
    deal(firm(`any-${i}`, rnd.pick(anySector), rnd.pick(anyRegion)), 'bank-big', month(i));
  const products = ['bank-js', 'bank-gd', 'bank-big', 'bank-new'].map((id) => openProduct(id));
  return { subjects, interactions, products };
}

function rankIds(matcher: ReturnType<typeof createProductMatcher>, e: unknown) {
  return matcher
    .rankProducts(e as Enterprise, { k: Infinity })
    .map((m) => m.productId)
    .filter((id) => id !== 'bank-new');
}

describe('learned factors on a constructed market', () => {
  const m = market();
  const matcher = createProductMatcher(m.products, {
    asOf: AS_OF,
    locale: 'en',
    interactions: m.interactions,
    subjects: m.subjects,
  });

  it('ranks the Jiangsu manufacturing lender first for a new Jiangsu manufacturer, not for a Guangdong retailer', () => {
    // A brand-new subject (no history): it is scored from its features alone.
    expect(rankIds(matcher, firm('new-js', 'C3911', '320505'))[0]).toBe('bank-js');
    const forRetailer = rankIds(matcher, firm('new-gd', 'F5211', '440106'));
    expect(forRetailer[0]).toBe('bank-gd');
    expect(forRetailer.indexOf('bank-js')).toBeGreaterThan(0);
  });

  it('backs off along the sector hierarchy for a class it never saw', () => {
    // C3311 is a manufacturing class none of the training firms had: the section C still counts.
    expect(rankIds(matcher, firm('unseen-class', 'C3311', '320505'))[0]).toBe('bank-js');
  });

  it('backs off for a new target: to its institution, else to everyone (0.5)', () => {
    const p = enterpriseProductProfile();
    const f = targetProfileFactor<Enterprise, FinancialProduct>().prepare!({
      targets: parseAll('product', [...m.products, openProduct('bank-js-2', 'inst-bank-js')]),
      subjects: parseAll('enterprise', m.subjects),
      interactions: m.interactions,
      reference: {},
      asOf: AS_OF,
    });
    const ctx = (target: unknown) => ({
      subject: parseAll('enterprise', [firm('q', 'C3911', '320505')])[0]!,
      target: target as FinancialProduct,
      asOf: AS_OF,
      locale: 'en' as const,
      reference: {},
    });
    const [sibling, stranger] = parseAll('product', [
      openProduct('bank-js-2', 'inst-bank-js'),
      openProduct('bank-new'),
    ]);
    // Same institution as bank-js: inherits its Jiangsu-manufacturing profile.
    expect(f.score(ctx(sibling))!).toBeGreaterThan(0.55);
    // No history anywhere up its chain but the product type: close to neutral.
    expect(Math.abs(f.score(ctx(stranger))! - 0.5)).toBeLessThan(0.05);
    expect(p.factors.some((x) => x.factor.name === 'targetProfile')).toBe(true);
  });

  it('abstains cleanly without history, and the attribute factors rank alone', () => {
    const cold = createProductMatcher(m.products, { asOf: AS_OF, locale: 'en' });
    const top = cold.rankProducts(firm('x', 'C3911', '320505') as unknown as Enterprise, {
      k: 1,
    })[0]!;
    expect(top.factors.targetProfile).toBeNull();
    expect(top.factors.volumePrior).toBeNull();
    expect(top.factors.repeatPartner).toBeNull();
    expect(top.contributions.targetProfile ?? 0).toBe(0);
  });

  it('explains the learned factors by the feature values behind them, in both languages', () => {
    const subject = firm('new-js', 'C3911', '320505') as unknown as Enterprise;
    const en = matcher.explain(subject, 'bank-js');
    const lines = en.evidence.targetProfile!.join('\n');
    expect(lines).toMatch(/past partners had region/);
    expect(lines).toMatch(/Jiangsu|sector/);
    expect(en.summary.some((l) => l.includes('· '))).toBe(true);
    const zhMatcher = createProductMatcher(m.products, {
      asOf: AS_OF,
      locale: 'zh',
      interactions: m.interactions,
      subjects: m.subjects,
    });
    const zh = zhMatcher.explain(subject, 'bank-js').evidence.targetProfile!.join('\n');
    expect(zh).toMatch(/过去 60 个合作对象中有 \d+ 个/);
    expect(zh).toMatch(/江苏|行业/);
    expect(en.evidence.volumePrior![0]).toMatch(/60 funded or approved deals/);
  });

  it('ranks a subject’s own past partner higher (repeat partner), abstaining for new subjects', () => {
    const returning = m.subjects.find((s) => s.id.startsWith('any-') && s.sector === 'C3911')!;
    const ranked = matcher.rankProducts(returning as unknown as Enterprise, { k: Infinity });
    expect(ranked[0]!.productId).toBe('bank-big');
    expect(ranked[0]!.factors.repeatPartner).toBeGreaterThan(0.5);
    const fresh = matcher.rankProducts(firm('fresh', 'C3911', '320505') as unknown as Enterprise);
    expect(fresh[0]!.factors.repeatPartner).toBeNull();
  });
});

describe('learned factor properties', () => {
  const m = market(2);
  const prepared = (interactions: readonly Interaction[]) =>
    [targetProfileFactor(), volumePriorFactor(), repeatPartnerFactor()].map((f) =>
      f.prepare!({
        targets: parseAll('product', m.products),
        subjects: parseAll('enterprise', m.subjects),
        interactions,
        reference: {},
        asOf: AS_OF,
      }),
    );
  const base = prepared(m.interactions);
  const subjects = parseAll('enterprise', [
    ...m.subjects.slice(0, 20),
    firm('n1', 'C3911', '320505'),
    firm('n2', 'F5211', '440106'),
    firm('n3', 'Q8411', '650102'),
  ]);
  const targets = parseAll('product', m.products);
  const ctx = (subject: Enterprise, target: FinancialProduct) => ({
    subject,
    target,
    asOf: AS_OF,
    locale: 'en' as const,
    reference: {},
  });

  it('values lie in [0, 1] or abstain', () => {
    for (const f of base)
      for (const s of subjects)
        for (const t of targets) {
          const v = f.score(ctx(s, t));
          if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
        }
  });

  it('are deterministic under the order of the interactions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const shuffled = createRandom(seed).shuffle(m.interactions);
        const again = prepared(shuffled);
        for (let i = 0; i < base.length; i++)
          for (const s of subjects.slice(-3))
            for (const t of targets)
              expect(again[i]!.score(ctx(s, t))).toBe(base[i]!.score(ctx(s, t)));
      }),
      { numRuns: 5 },
    );
  });

  it('are monotone in counts: more deals like the subject never lower its value', () => {
    const subject = subjects.find((s) => s.id === 'n2')!;
    const target = targets.find((t) => t.id === 'bank-gd')!;
    const before = base.map((f) => f.score(ctx(subject, target)));
    const extra: Interaction[] = Array.from({ length: 20 }, (_, i) => ({
      id: `extra-${i}`,
      subjectKind: 'enterprise',
      subjectId: `gd-${i}`,
      itemKind: 'product',
      itemId: 'bank-gd',
      kind: 'funded',
      date: '2026-01-15',
    }));
    const after = prepared([...m.interactions, ...extra]).map((f) => f.score(ctx(subject, target)));
    expect(after[0]!).toBeGreaterThanOrEqual(before[0]!); // profile: more Guangdong retail deals
    expect(after[1]!).toBeGreaterThanOrEqual(before[1]!); // volume prior
  });

  it('the fast path gives the same values as the reference path', () => {
    for (const f of base) {
      if (!f.vectors) {
        // A factor of the target alone (volumePrior): its key's value for every subject.
        expect(f.key).toBeDefined();
        for (const t of targets) {
          const { subject: _, ...targetCtx } = ctx(subjects[0]!, t);
          const value = f.uniformValue!(targetCtx);
          for (const s of subjects) expect(value).toBe(f.score(ctx(s, t)));
        }
        continue;
      }
      const hook = f.vectors;
      for (const s of subjects)
        for (const t of targets) {
          const sv = hook.subjectVector(s, { asOf: AS_OF, reference: {} });
          const tv = hook.targetVector(t, { asOf: AS_OF, reference: {} });
          expect(sv && tv ? hook.map(dot32(sv, tv)) : null).toBe(f.score(ctx(s, t)));
          if (sv && tv && !(sv instanceof Float32Array)) {
            // The sparse sum is the dense one: the same additions.
            const dense = new Float32Array(tv.length);
            sv.indices.forEach((i, k) => (dense[i] = sv.values[k]!));
            expect(dot32(dense, tv)).toBe(dot32(sv, tv));
          }
        }
    }
  });

  it('prospecting (columnar index) agrees with the product matcher', () => {
    const index = createEnterpriseIndex(subjects, {
      asOf: AS_OF,
      interactions: m.interactions,
      subjects: m.subjects,
      targets: m.products,
    });
    const matcher = createProductMatcher(m.products, {
      asOf: AS_OF,
      interactions: m.interactions,
      subjects: m.subjects,
    });
    const product = targets.find((t) => t.id === 'bank-js')!;
    for (const hit of index.prospectEnterprises(product, { k: 10 })) {
      const e = subjects.find((s) => s.id === hit.enterpriseId)!;
      const ranked = matcher
        .rankProducts(e, { k: Infinity })
        .find((r) => r.productId === 'bank-js')!;
      expect(hit.factors.targetProfile).toBe(ranked.factors.targetProfile);
      expect(hit.score).toBeCloseTo(ranked.score, 12);
    }
  });
});

describe('fit time', () => {
  it('fits 30,000 interactions in seconds', () => {
    const rnd = createRandom(7);
    const sectors = ['C3911', 'C2710', 'F5211', 'I6513', 'K7010', 'E4710', 'M7320', 'C3412'];
    const regions = ['320505', '440106', '110105', '510104', '330106', '420102', '370102'];
    const products = Array.from({ length: 150 }, (_, i) =>
      openProduct(`p-${String(i).padStart(3, '0')}`),
    );
    const subjects = Array.from({ length: 20_000 }, (_, i) =>
      firm(`e-${i}`, rnd.pick(sectors), rnd.pick(regions), {
        employees: 1 + rnd.int(500),
        attributes: { grade: rnd.pick(['A', 'B', 'C']) },
      }),
    );
    const interactions: Interaction[] = Array.from({ length: 30_000 }, (_, i) => ({
      id: `ix-${i}`,
      subjectKind: 'enterprise',
      subjectId: `e-${rnd.int(20_000)}`,
      itemKind: 'product',
      itemId: `p-${String(Math.floor(150 * rnd.next() ** 2)).padStart(3, '0')}`,
      kind: rnd.pick(['funded', 'approved', 'applied', 'viewed', 'declined'] as const),
      date: `202${4 + rnd.int(2)}-${String(1 + rnd.int(12)).padStart(2, '0')}-10`,
    }));
    const parsedSubjects = parseAll('enterprise', subjects);
    const parsedInteractions = parseAll('interaction', interactions);
    const t0 = performance.now();
    const matcher = createProductMatcher(products, {
      asOf: AS_OF,
      interactions: parsedInteractions,
      subjects: parsedSubjects,
    });
    const seconds = (performance.now() - t0) / 1000;
    expect(matcher.rankProducts(parsedSubjects[0]!, { k: 3 })).toHaveLength(3);
    expect(seconds).toBeLessThan(20); // a generous bound for a loaded 2-core CI machine
  }, 60_000);
});

describe('outcomes, dates and options', () => {
  const m = market(3);
  const targets = parseAll('product', m.products);
  const gdRetailer = parseAll('enterprise', [firm('q-gd', 'F5211', '440106')])[0]!;
  const ctx = (target: FinancialProduct) => ({
    subject: gdRetailer,
    target,
    asOf: AS_OF,
    locale: 'en' as const,
    reference: {},
  });
  const fit = (interactions: readonly Interaction[], subjects = m.subjects) =>
    targetProfileFactor<Enterprise, FinancialProduct>().prepare!({
      targets,
      subjects: parseAll('enterprise', subjects),
      interactions,
      reference: {},
      asOf: AS_OF,
    });
  const big = targets.find((t) => t.id === 'bank-big')!;

  it('declines count against subjects like the declined, and keep values proper', () => {
    const retailers = Array.from({ length: 30 }, (_, i) => firm(`dec-${i}`, 'F5211', '440106'));
    const declines: Interaction[] = retailers.map((r, i) => ({
      id: `dec-ix-${i}`,
      subjectKind: 'enterprise',
      subjectId: r.id,
      itemKind: 'product',
      itemId: 'bank-big',
      kind: 'declined',
      date: '2025-06-01',
    }));
    const before = fit(m.interactions).score(ctx(big))!;
    const after = fit([...m.interactions, ...declines], [...m.subjects, ...retailers]).score(
      ctx(big),
    )!;
    expect(after).toBeLessThan(before);
    expect(after).toBeGreaterThanOrEqual(0);
  });

  it('dates a pair by its strongest outcome: a later view does not make a funding recent', () => {
    const view: Interaction = {
      id: 'late-view',
      subjectKind: 'enterprise',
      subjectId: 'js-0',
      itemKind: 'product',
      itemId: 'bank-js',
      kind: 'viewed',
      date: '2026-06-01',
    };
    const prior = (interactions: readonly Interaction[]) =>
      volumePriorFactor<Enterprise, FinancialProduct>({ halfLifeDays: 365 }).prepare!({
        targets,
        subjects: parseAll('enterprise', m.subjects),
        interactions,
        reference: {},
        asOf: AS_OF,
      }).score(ctx(targets.find((t) => t.id === 'bank-js')!));
    expect(prior([...m.interactions, view])).toBe(prior(m.interactions));
  });

  it('rejects bad options with a typed error naming the option', () => {
    for (const [options, name] of [
      [{ smoothing: -1 }, 'smoothing'],
      [{ smoothing: Number.NaN }, 'smoothing'],
      [{ halfLifeDays: 0 }, 'halfLifeDays'],
      [{ market: 'bogus' }, 'market'],
      [{ seed: 'x' }, 'seed'],
      [{ smothing: 2 }, 'smothing'],
    ] as const) {
      expect(() => targetProfileFactor(options as never)).toThrow(
        expect.objectContaining({ name: 'OptionError', option: name }),
      );
    }
    expect(() => targetProfileFactor({ halfLifeDays: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});
