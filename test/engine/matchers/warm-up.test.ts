/**
 * The warm-up of a large index (src/engine/matchers/warm-up.ts): the first index of a market in
 * a process with at least WARM_UP_MIN_ROWS subjects, under a profile of shipped parts only, ranks
 * the sample targets once before it is returned. It changes no result, and a profile with a
 * custom part never sees a sample target.
 */
import { describe, expect, test, vi } from 'vitest';
import { generateMarket } from '../../../src/generate/index.js';
import { createEnterpriseIndex } from '../../../src/engine/matchers/enterprise-index.js';
import { enterpriseProductProfile } from '../../../src/engine/profiles/enterprise-product.js';
import { extendProfile } from '../../../src/engine/profiles/define.js';
import { FastSubjectIndex } from '../../../src/compile/fast.js';
import {
  shippedOnly,
  WARM_UP_K,
  WARM_UP_MIN_ROWS,
  WARM_UP_ROWS,
  warmUpTargets,
} from '../../../src/engine/matchers/warm-up.js';
import { PRODUCT_TYPES } from '../../../src/model/enums.js';
import { projectInvestorProfile } from '../../../src/engine/profiles/project-investor.js';
import { mmrReranker } from '../../../src/engine/rerank/mmr.js';
import { defineStrategy } from '../../../src/engine/strategies/define.js';
import { reciprocalStrategy, weightedSumStrategy } from '../../../src/engine/strategies/index.js';
import type { Enterprise, EnterpriseInput, FinancialProduct } from '../../../src/model/types.js';
import type { Factor } from '../../../src/engine/types.js';

const AS_OF = '2026-06-30';
const m = generateMarket({ seed: 3, scale: 'small', asOf: AS_OF });
const options = { asOf: AS_OF, chains: m.chains, zones: m.zones };

/** At least WARM_UP_MIN_ROWS raw enterprises: the small market's, repeated under new ids. */
function largeMarket(): EnterpriseInput[] {
  const out: EnterpriseInput[] = [];
  for (let copy = 0; out.length < WARM_UP_MIN_ROWS; copy++)
    for (const e of m.enterprises)
      out.push({ ...(JSON.parse(JSON.stringify(e)) as EnterpriseInput), id: `${e.id}-${copy}` });
  return out;
}
const large = largeMarket();

/** Ids and scores of the top 20 for a few products, with and without a chain filter. */
function prospects(index: ReturnType<typeof createEnterpriseIndex>) {
  return m.products
    .slice(0, 8)
    .flatMap((p, i) => [
      index.prospectEnterprises(p, { k: 20 }).map((r) => [r.enterpriseId, r.score]),
      index
        .prospectEnterprises(p, { k: 20, filter: { chains: [m.chains[i % m.chains.length]!.id] } })
        .map((r) => [r.enterpriseId, r.score]),
    ]);
}

describe('warm-up of a large index', () => {
  // One test, in this order: the claim is the process's, so each step depends on the last.
  test('a custom part blocks it; the first shipped index takes it, once; results unchanged', () => {
    const warmUp = vi.spyOn(FastSubjectIndex.prototype, 'warmUp');
    // 1. A profile with a custom part: not warmed up, its parts never see a sample target.
    const seen = new Set<string>();
    const spy: Factor<Enterprise, FinancialProduct> = {
      name: 'spy',
      label: { zh: '探针', en: 'spy' },
      description: { zh: '测试用', en: 'for tests' },
      key: (e) => e.sector,
      score: ({ target }) => {
        seen.add(target.id);
        return 0.5;
      },
    };
    const profile = extendProfile(enterpriseProductProfile(), {
      addFactors: [{ factor: spy, weight: 0.1 }],
    });
    const custom = createEnterpriseIndex(large, { ...options, profile });
    expect(warmUp).not.toHaveBeenCalled();
    custom.prospectEnterprises(m.products[0]!, { k: 5 });
    expect([...seen]).toEqual([m.products[0]!.id]);
    // 2. A small index of the shipped profile: not warmed up, and the claim stays open.
    createEnterpriseIndex(m.enterprises, options);
    expect(warmUp).not.toHaveBeenCalled();
    // 3. The first large one is (so neither build above took the claim), with the samples.
    const first = createEnterpriseIndex(large, options);
    expect(warmUp).toHaveBeenCalledTimes(1);
    const [targets, rows, k] = warmUp.mock.calls[0]!;
    expect(targets.map((t) => t.id).every((id) => id.startsWith('finmatch-warm-up-'))).toBe(true);
    expect([rows, k]).toEqual([WARM_UP_ROWS, WARM_UP_K]);
    // 4. The next is not, and answers as the warmed one.
    const second = createEnterpriseIndex(large, options);
    expect(warmUp).toHaveBeenCalledTimes(1);
    warmUp.mockRestore();
    expect(prospects(first)).toEqual(prospects(second));
  });
});

describe('claimWarmUp', () => {
  /** A fresh copy of the module: nothing warmed in it yet. */
  async function fresh() {
    vi.resetModules();
    return import('../../../src/engine/matchers/warm-up.js');
  }

  test('the first claim of a market with enough rows and shipped parts wins, once', async () => {
    const { claimWarmUp } = await fresh();
    const profile = enterpriseProductProfile();
    expect(claimWarmUp('enterpriseProduct', profile, WARM_UP_MIN_ROWS - 1, 'columnar')).toBe(false);
    expect(claimWarmUp('enterpriseProduct', profile, WARM_UP_MIN_ROWS, 'columnar')).toBe(true);
    expect(claimWarmUp('enterpriseProduct', profile, WARM_UP_MIN_ROWS, 'columnar')).toBe(false);
  });

  test('a profile with a custom part does not claim, and leaves the claim to the next', async () => {
    const { claimWarmUp } = await fresh();
    const base = enterpriseProductProfile();
    const custom = extendProfile(base, {
      addFactors: [
        {
          factor: {
            name: 'custom',
            label: { zh: '自定义', en: 'custom' },
            description: { zh: '测试用', en: 'for tests' },
            score: () => 0.5,
          },
          weight: 0.1,
        },
      ],
    });
    expect(claimWarmUp('enterpriseProduct', custom, WARM_UP_MIN_ROWS, 'columnar')).toBe(false);
    expect(claimWarmUp('enterpriseProduct', base, WARM_UP_MIN_ROWS, 'columnar')).toBe(true);
  });

  test('markets are claimed separately', async () => {
    const { claimWarmUp } = await fresh();
    const rows = WARM_UP_MIN_ROWS;
    expect(claimWarmUp('enterpriseProduct', enterpriseProductProfile(), rows, 'columnar')).toBe(
      true,
    );
    expect(claimWarmUp('projectInvestor', projectInvestorProfile(), rows, 'columnar')).toBe(true);
  });

  test('an index on the reference loop does not claim, and leaves the claim to the next', async () => {
    const { claimWarmUp } = await fresh();
    const profile = enterpriseProductProfile();
    expect(claimWarmUp('enterpriseProduct', profile, WARM_UP_MIN_ROWS, 'reference')).toBe(false);
    expect(claimWarmUp('enterpriseProduct', profile, WARM_UP_MIN_ROWS, 'columnar')).toBe(true);
  });
});

describe('shippedOnly', () => {
  const base = enterpriseProductProfile();
  const customFactor = (spec?: { kind: string }) => ({
    factor: {
      name: 'custom',
      label: { zh: '自定义', en: 'custom' },
      description: { zh: '测试用', en: 'for tests' },
      score: () => 0.5,
      ...(spec ? { spec } : {}),
    },
    weight: 0.1,
  });

  test('the shipped profiles, re-weighted, with a shipped strategy and re-ranker, are shipped', () => {
    expect(shippedOnly(base)).toBe(true);
    expect(shippedOnly(projectInvestorProfile())).toBe(true);
    const tuned = extendProfile(base, {
      weights: { [base.factors[0]!.factor.name]: 0.9 },
      strategy: reciprocalStrategy(),
      rerankers: [mmrReranker()],
    });
    expect(shippedOnly(tuned)).toBe(true);
  });

  test('a part without a spec, or with a kind the registry does not hold, is custom', () => {
    expect(shippedOnly(extendProfile(base, { addFactors: [customFactor()] }))).toBe(false);
    expect(
      shippedOnly(extendProfile(base, { addFactors: [customFactor({ kind: 'myOwnFactor' })] })),
    ).toBe(false);
    const strategy = defineStrategy({
      name: 'mine',
      description: { zh: '测试用', en: 'for tests' },
      compile: weightedSumStrategy().compile!,
    });
    expect(shippedOnly(extendProfile(base, { strategy }))).toBe(false);
  });
});

describe('warmUpTargets', () => {
  test('one valid sample product per product type, naming nothing the caller may not hold', () => {
    const products = warmUpTargets<FinancialProduct>('enterpriseProduct', 'en');
    // One of each type: a first call of any type then runs code V8 has seen that type take.
    expect(products.map((p) => p.type).sort()).toEqual([...PRODUCT_TYPES].sort());
    expect(new Set(products.map((p) => p.id)).size).toBe(products.length);
    for (const p of products) {
      expect(p.id.startsWith('finmatch-warm-up-')).toBe(true);
      // Chains, zones and combined products are the caller's reference data and catalogue.
      expect([p.chains, p.zones, p.combinesWith]).toEqual([[], [], []]);
    }
  });
});

describe('warmUpIndex', () => {
  test('a warm-up that throws leaves the index as it is and is not retried', async () => {
    vi.resetModules();
    const { warmUpIndex } = await import('../../../src/engine/matchers/warm-up.js');
    const profile = enterpriseProductProfile();
    let calls = 0;
    const ranker = {
      plan: { path: 'columnar' as const, forcedBy: [], parts: [] },
      subjects: { length: WARM_UP_MIN_ROWS } as readonly Enterprise[],
      warmUp: () => {
        calls++;
        throw new Error('a part failed');
      },
    };
    expect(() => warmUpIndex('enterpriseProduct', profile, 'en', ranker)).not.toThrow();
    expect(() => warmUpIndex('enterpriseProduct', profile, 'en', ranker)).not.toThrow();
    expect(calls).toBe(1);
  });
});
