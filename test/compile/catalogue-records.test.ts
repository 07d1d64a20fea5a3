import { afterEach, describe, expect, test, vi } from 'vitest';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { defineProfile } from '../../src/engine/profiles/define.js';
import { scorePair } from '../../src/engine/pipeline.js';
import { sortById } from '../../src/util/compare.js';
import { planProfile } from '../../src/compile/plan.js';
import { CatalogueEngine } from '../../src/compile/catalogue.js';
import type { Profile } from '../../src/engine/types.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const products = sortById([...m.products]) as FinancialProduct[];
type EP = Profile<Enterprise, FinancialProduct>;

/**
 * Names a generated object literal must quote exactly: quotes, a backslash, a line break, a
 * script terminator, an array index (enumerated first), `constructor` and non-ASCII text.
 */
const ODD_NAMES = [
  'say "fit"',
  'back\\slash',
  'line\nbreak',
  '</script>',
  '7',
  'constructor',
  '行业契合度',
  "it's",
  '${x}',
  'a b',
  '0',
  'toString',
  'u\u2028v',
];

/** The shipped profile with its factors renamed to `names` (same parts, weights, strategy). */
function renamed(names: readonly string[]): EP {
  const base = enterpriseProductProfile();
  return defineProfile<Enterprise, FinancialProduct>({
    name: base.name,
    version: base.version,
    market: base.market,
    rules: base.rules,
    factors: base.factors.map(({ factor, weight }, i) => ({
      factor: { ...factor, name: names[i]! },
      weight,
    })),
    strategy: base.strategy,
  });
}

/** The best `k` of scorePair's eligible results, as rankMatches numbers them. */
function referenceRanking(profile: EP, e: Enterprise, k: number) {
  const out = [];
  for (const p of products) {
    const r = scorePair(profile, { subject: e, target: p, ...env }, { exhaustive: false });
    if (r.eligible)
      out.push({ id: p.id, score: r.score, contributions: r.contributions, factors: r.factors });
  }
  out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return out.slice(0, k).map((c, i) => ({ ...c, rank: i + 1 }));
}

/** Every winner's records equal the reference's, with the same keys in the same order. */
function expectSameRecords(profile: EP, enterprises: readonly Enterprise[]): void {
  const engine = new CatalogueEngine(planProfile(profile, env)!, products);
  const names = profile.factors.map((f) => f.factor.name);
  let winners = 0;
  for (const e of enterprises) {
    const got = engine.rankMatches(e, 5)!;
    const want = referenceRanking(profile, e, 5);
    expect(got).toEqual(want);
    for (let i = 0; i < got.length; i++) {
      expect(Object.keys(got[i]!.contributions)).toEqual(Object.keys(want[i]!.contributions));
      expect(Object.keys(got[i]!.factors)).toEqual(Object.keys(want[i]!.factors));
      expect(new Set(Object.keys(got[i]!.factors))).toEqual(new Set(names));
      expect(Object.getPrototypeOf(got[i]!.factors)).toBe(Object.prototype);
      winners++;
    }
  }
  expect(winners).toBeGreaterThan(0);
}

describe('CatalogueEngine.rankMatches: the winners’ contributions and factor values by name', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test('factor names that need quoting give the reference records (same keys, order, values)', () => {
    expectSameRecords(renamed(ODD_NAMES), m.enterprises.slice(0, 40));
  });

  test('without code generation (new Function forbidden) the records are the same', () => {
    vi.stubGlobal('Function', function forbidden() {
      throw new EvalError('code generation from strings disallowed');
    });
    expect(() => new Function('return 1')).toThrow(EvalError);
    expectSameRecords(renamed(ODD_NAMES), m.enterprises.slice(40, 80));
    expectSameRecords(enterpriseProductProfile(), m.enterprises.slice(80, 120));
  });
});
