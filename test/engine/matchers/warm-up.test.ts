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
import { WARM_UP_K, WARM_UP_MIN_ROWS, WARM_UP_ROWS } from '../../../src/engine/matchers/warm-up.js';
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
  test('a profile with a custom part is not warmed up: its parts never see a sample target', () => {
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
    const warmUp = vi.spyOn(FastSubjectIndex.prototype, 'warmUp');
    const index = createEnterpriseIndex(large, { ...options, profile });
    expect(warmUp).not.toHaveBeenCalled();
    index.prospectEnterprises(m.products[0]!, { k: 5 });
    expect([...seen]).toEqual([m.products[0]!.id]);
    warmUp.mockRestore();
  });

  test('the first large index of the shipped profile is warmed up, once per process', () => {
    const warmUp = vi.spyOn(FastSubjectIndex.prototype, 'warmUp');
    const small = createEnterpriseIndex(m.enterprises, options);
    expect(warmUp).not.toHaveBeenCalled();
    const first = createEnterpriseIndex(large, options);
    expect(warmUp).toHaveBeenCalledTimes(1);
    const [targets, rows, k] = warmUp.mock.calls[0]!;
    expect(targets.map((t) => t.id).every((id) => id.startsWith('finmatch-warm-up-'))).toBe(true);
    expect([rows, k]).toEqual([WARM_UP_ROWS, WARM_UP_K]);
    const second = createEnterpriseIndex(large, options);
    expect(warmUp).toHaveBeenCalledTimes(1);
    warmUp.mockRestore();
    // The warmed index answers as the one built after it, and as the small one on its rows.
    expect(prospects(first)).toEqual(prospects(second));
    expect(first.enterprises.length).toBe(large.length);
    expect(small.enterprises.length).toBe(m.enterprises.length);
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
    expect(claimWarmUp('enterpriseProduct', profile, WARM_UP_MIN_ROWS - 1)).toBe(false);
    expect(claimWarmUp('enterpriseProduct', profile, WARM_UP_MIN_ROWS)).toBe(true);
    expect(claimWarmUp('enterpriseProduct', profile, WARM_UP_MIN_ROWS)).toBe(false);
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
    expect(claimWarmUp('enterpriseProduct', custom, WARM_UP_MIN_ROWS)).toBe(false);
    expect(claimWarmUp('enterpriseProduct', base, WARM_UP_MIN_ROWS)).toBe(true);
  });

  test('markets are claimed separately', async () => {
    const { claimWarmUp } = await fresh();
    expect(claimWarmUp('enterpriseProduct', enterpriseProductProfile(), WARM_UP_MIN_ROWS)).toBe(
      true,
    );
    const { projectInvestorProfile } =
      await import('../../../src/engine/profiles/project-investor.js');
    expect(claimWarmUp('projectInvestor', projectInvestorProfile(), WARM_UP_MIN_ROWS)).toBe(true);
  });
});
