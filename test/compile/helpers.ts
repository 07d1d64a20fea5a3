/**
 * Shared fixtures of the fast-path tests: a small generated market (memoised) and a copy of a
 * profile without fast-path hooks, which forces the reference (object-per-pair) path.
 */
import { generateMarket } from '../../src/generate/index.js';
import { defineProfile } from '../../src/engine/profiles/define.js';
import type { Market } from '../../src/generate/types.js';
import type { Profile } from '../../src/engine/types.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { expect } from 'vitest';
import { rankPairs } from '../../src/compile/reference.js';
import { compileTarget, rankSubjects, type CompiledTarget } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { prepareProfile } from '../../src/engine/pipeline.js';

let market: Market | undefined;

/** The small market of seed 7 (≈3,500 enterprises, 741 products), generated once per file. */
export function smallMarket(): Market {
  market ??= generateMarket({ seed: 7, scale: 'small' });
  return market;
}

/** The same profile with every fast-path hook removed (rules keep only `check`, factors `score`). */
export function referenceOnly<S, T>(profile: Profile<S, T>): Profile<S, T> {
  return defineProfile({
    name: profile.name,
    version: profile.version,
    market: profile.market,
    rules: profile.rules.map((r) => ({
      name: r.name,
      description: r.description,
      check: (ctx) => r.check(ctx),
    })),
    factors: profile.factors.map(({ factor, weight }) => ({
      weight,
      factor: {
        name: factor.name,
        description: factor.description,
        ...(factor.side ? { side: factor.side } : {}),
        score: (ctx) => factor.score(ctx),
      },
    })),
    strategy: profile.strategy,
    rerankers: profile.rerankers,
  });
}

export const AS_OF = '2026-06-30';

/** The small market's chains and zones as reference data, and the environment of its rankings. */
export function smallMarketEnv() {
  const m = smallMarket();
  const reference = {
    chains: new Map(m.chains.map((c) => [c.id, c])),
    zones: new Map(m.zones.map((z) => [z.id, z])),
  };
  return { reference, env: { asOf: AS_OF, locale: 'zh' as const, reference } };
}

/**
 * Ranks `product` over `index` with the prospect scan and expects the reference loop's ranking
 * of `subjects` (default: the small market's enterprises): the same ids in order, scores
 * within 1e-9. The target is compiled with eager-table limit `limit` (default the scan's own)
 * and ranked `calls` times (default 1; later calls walk the memo the first one left) — or,
 * given `compiled`, that target as it stands (compiled earlier, the columns changed since).
 */
export function expectScanAsReference(
  profile: Profile<Enterprise, FinancialProduct>,
  index: FastSubjectIndex<Enterprise, FinancialProduct>,
  product: FinancialProduct,
  k: number,
  options: {
    subjects?: readonly Enterprise[];
    limit?: number;
    calls?: number;
    compiled?: CompiledTarget<Enterprise, FinancialProduct>;
  } = {},
): void {
  const { env } = smallMarketEnv();
  const subjects = options.subjects ?? smallMarket().enterprises;
  const compiled =
    options.compiled ?? compileTarget(index.plan, index.columns, product, options.limit)!;
  const pairs = subjects.map((e) => ({
    id: e.id,
    group: e.region.slice(0, 2),
    ctx: { subject: e, target: product, ...env },
  }));
  const want = rankPairs(profile, pairs, k, false);
  for (let call = 0; call < (options.calls ?? 1); call++) {
    const rows = rankSubjects(index.plan, index.columns, compiled, k)!;
    expect(rows.map((r) => index.columns.ids[r.row])).toEqual(want.map((w) => w.id));
    rows.forEach((r, i) => expect(Math.abs(r.score - want[i]!.score)).toBeLessThan(1e-9));
  }
}

let broadest: { p: FinancialProduct; n: number }[] | undefined;

/**
 * The small market's products with their eligible enterprises counted (the shipped profile),
 * most first, ties by id; computed once per file.
 */
export function broadestProducts(): readonly { p: FinancialProduct; n: number }[] {
  if (broadest) return broadest;
  const m = smallMarket();
  const { env } = smallMarketEnv();
  const index = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
  const eligible = (p: FinancialProduct) =>
    rankSubjects(index.plan, index.columns, compileTarget(index.plan, index.columns, p)!, Infinity)!
      .length;
  broadest = m.products
    .map((p) => ({ p, n: eligible(p) }))
    .sort((a, b) => b.n - a.n || (a.p.id < b.p.id ? -1 : 1));
  return broadest;
}

/** The shipped enterprise–product profile prepared over `subjects`, and the small market's env. */
export function preparedOver(subjects: readonly Enterprise[]) {
  const { env, reference } = smallMarketEnv();
  const prepared = prepareProfile(enterpriseProductProfile(), {
    targets: [],
    subjects,
    reference,
    asOf: AS_OF,
  });
  return { env, prepared };
}
