/**
 * Rules that do not apply never claim to pass. 10,000 enterprise–product pairs and 3,000
 * project–investor pairs, sampled deterministically from a generated market, are explained
 * through the public matchers in both locales; for every rule that only applies when the
 * target requires something, the condition is derived here from the records alone (not from
 * the rule) and the rule's result must be `not-applicable` exactly when it holds — never
 * `pass` — with a message saying why, and no summary line may repeat the rule's pass
 * description.
 */
import { describe, expect, test } from 'vitest';
import { createInvestorMatcher, createProductMatcher } from '../../../src/engine/index.js';
import type { Explanation } from '../../../src/engine/types.js';
import { generateMarket } from '../../../src/generate/index.js';
import type { Locale } from '../../../src/i18n/locale.js';
import type { Enterprise, FinancialProduct, Investor, Project } from '../../../src/model/types.js';

const market = generateMarket({ seed: 3, scale: 'small' });
const asOf = market.manifest.asOf;
const ENTERPRISE_PRODUCT_PAIRS = 10_000;
const PROJECT_INVESTOR_PAIRS = 3_000;
/** Open variants added to each catalogue (see {@link openProduct}). */
const OPEN_VARIANTS = 40;

/**
 * A copy of `p` requiring nothing optional. The generator gives some requirements to every
 * product (each lists the stages it serves), so the catalogue gets a few of these for every
 * condition below to hold on some pairs.
 */
function openProduct(p: FinancialProduct): FinancialProduct {
  const {
    minYearsOperating: _years,
    minAnnualRevenue: _revenue,
    ...rest
  } = structuredClone(p) as FinancialProduct;
  return {
    ...rest,
    id: `${p.id}-open`,
    regions: [],
    targetSectors: [],
    excludedSectors: [],
    stages: [],
    minSrdiTier: 'none',
    collateral: { ...rest.collateral, required: [] },
    requiredPolicyLists: [],
  };
}

/** A copy of `i` with no round, TRL, sector or region limits. */
function openInvestor(i: Investor): Investor {
  const { trl: _trl, ...rest } = structuredClone(i) as Investor;
  return {
    ...rest,
    id: `${i.id}-open`,
    rounds: [],
    targetSectors: [],
    excludedSectors: [],
    regions: [],
  };
}

const products = [...market.products, ...market.products.slice(0, OPEN_VARIANTS).map(openProduct)];
const investors = [
  ...market.investors,
  ...market.investors.slice(0, OPEN_VARIANTS).map(openInvestor),
];
const LOCALES: readonly Locale[] = ['zh', 'en'];

/** Deterministic pair indexes (a 32-bit LCG, Numerical Recipes constants), seeded. */
function samplePairs(n: number, subjects: number, targets: number, seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  return Array.from({ length: n }, () => [next() % subjects, next() % targets] as const);
}

/**
 * When each enterprise–product rule does not apply, derived from the product's fields as the
 * data model documents them. Rules absent here always apply (every product has an amount
 * range, a term range and an instrument).
 */
const PRODUCT_DOES_NOT_REQUIRE: Readonly<Record<string, (p: FinancialProduct) => boolean>> = {
  region: (p) => p.regions.length === 0,
  sector: (p) => p.targetSectors.length === 0 && p.excludedSectors.length === 0,
  stage: (p) => p.stages.length === 0,
  srdiTier: (p) => p.minSrdiTier === 'none',
  yearsOperating: (p) => p.minYearsOperating === undefined,
  revenue: (p) => p.minAnnualRevenue === undefined,
  // No collateral required, or unsecured credit accepted: nothing about the firm is checked.
  collateral: (p) => p.collateral.required.length === 0 || p.collateral.required.includes('credit'),
  policyList: (p) => p.requiredPolicyLists.length === 0,
  loanRenewal: (p) => p.type !== 'loanRenewal',
};
const ALWAYS_APPLY_EP = ['amountRange', 'termRange', 'instrument'];

/** The same for project–investor rules, from the investor's fields. */
const INVESTOR_DOES_NOT_REQUIRE: Readonly<Record<string, (i: Investor) => boolean>> = {
  round: (i) => i.rounds.length === 0,
  trl: (i) => i.trl === undefined,
  sector: (i) => i.targetSectors.length === 0 && i.excludedSectors.length === 0,
  region: (i) => i.regions.length === 0,
};
const ALWAYS_APPLY_PI = ['ticket', 'instrument'];

const PREFIX: Readonly<Record<Locale, string>> = { zh: '不适用：', en: 'not applicable: ' };

/** Counts, per rule, how often its condition held and did not, so the sample is shown to cover both. */
type Coverage = Map<string, { notApplicable: number; applicable: number }>;

function checkExplanation<T>(
  explanation: Explanation,
  target: T,
  doesNotRequire: Readonly<Record<string, (t: T) => boolean>>,
  alwaysApply: readonly string[],
  descriptions: ReadonlyMap<string, string>,
  locale: Locale,
  coverage: Coverage,
): void {
  const names = explanation.rules.map((r) => r.rule);
  expect(names).toEqual(expect.arrayContaining([...Object.keys(doesNotRequire), ...alwaysApply]));
  for (const r of explanation.rules) {
    const condition = doesNotRequire[r.rule];
    const notApplicable = condition !== undefined && condition(target);
    const where = `${r.rule} for (${explanation.subjectId}, ${explanation.targetId}), ${locale}`;
    if (condition !== undefined) {
      const c = coverage.get(r.rule) ?? { notApplicable: 0, applicable: 0 };
      if (notApplicable) c.notApplicable++;
      else c.applicable++;
      coverage.set(r.rule, c);
    }
    if (notApplicable) {
      expect(r.outcome, where).toBe('not-applicable');
      expect(r.passed, where).toBe(true);
      expect(r.message.startsWith(PREFIX[locale]), `${where}: ${r.message}`).toBe(true);
      expect(r.message.length, where).toBeGreaterThan(PREFIX[locale].length);
      expect(r.hint, where).toBe('');
      expect(r.actual, where).toBeUndefined();
      // The summary never prints the rule's pass description for it.
      for (const line of explanation.summary)
        expect(line.includes(descriptions.get(r.rule)!), `${where}: ${line}`).toBe(false);
    } else {
      expect(r.outcome, where).not.toBe('not-applicable');
      expect(r.outcome, where).toBe(r.passed ? 'pass' : 'fail');
    }
  }
}

function expectCovered(coverage: Coverage, rules: readonly string[]): void {
  for (const rule of rules) {
    const c = coverage.get(rule);
    // Both sides of every condition occur in the sample, or the test would prove nothing.
    expect(c?.notApplicable, `${rule}: no pair where it does not apply`).toBeGreaterThan(0);
    expect(c?.applicable, `${rule}: no pair where it applies`).toBeGreaterThan(0);
  }
}

describe('rules that do not apply never claim to pass', () => {
  test(`${ENTERPRISE_PRODUCT_PAIRS} enterprise–product pairs, zh and en`, () => {
    const pairs = samplePairs(
      ENTERPRISE_PRODUCT_PAIRS,
      market.enterprises.length,
      products.length,
      20260630,
    );
    const coverage: Coverage = new Map();
    for (const locale of LOCALES) {
      const matcher = createProductMatcher(products, { asOf, locale });
      const descriptions = new Map(
        matcher.profile.rules.map((r) => [r.name, r.description[locale]]),
      );
      for (const [i, j] of pairs) {
        const enterprise: Enterprise = market.enterprises[i]!;
        const product: FinancialProduct = products[j]!;
        checkExplanation(
          matcher.explain(enterprise, product.id),
          product,
          PRODUCT_DOES_NOT_REQUIRE,
          ALWAYS_APPLY_EP,
          descriptions,
          locale,
          coverage,
        );
      }
    }
    expectCovered(coverage, Object.keys(PRODUCT_DOES_NOT_REQUIRE));
  }, 120_000);

  test(`${PROJECT_INVESTOR_PAIRS} project–investor pairs, zh and en`, () => {
    const pairs = samplePairs(
      PROJECT_INVESTOR_PAIRS,
      market.projects.length,
      investors.length,
      20260701,
    );
    const coverage: Coverage = new Map();
    for (const locale of LOCALES) {
      const matcher = createInvestorMatcher(investors, { asOf, locale });
      const descriptions = new Map(
        matcher.profile.rules.map((r) => [r.name, r.description[locale]]),
      );
      for (const [i, j] of pairs) {
        const project: Project = market.projects[i]!;
        const investor: Investor = investors[j]!;
        checkExplanation(
          matcher.explain(project, investor.id),
          investor,
          INVESTOR_DOES_NOT_REQUIRE,
          ALWAYS_APPLY_PI,
          descriptions,
          locale,
          coverage,
        );
      }
    }
    expectCovered(coverage, Object.keys(INVESTOR_DOES_NOT_REQUIRE));
  }, 120_000);

  test('the issue’s pair: a non-renewal product for an enterprise without loans', () => {
    const product = market.products.find((p) => p.type !== 'loanRenewal')!;
    const enterprise = market.enterprises.find((e) => e.existingLoans.length === 0)!;
    for (const locale of LOCALES) {
      const matcher = createProductMatcher(market.products, { asOf, locale });
      const renewal = matcher
        .explain(enterprise, product.id)
        .rules.find((r) => r.rule === 'loanRenewal')!;
      expect(renewal).toEqual({
        rule: 'loanRenewal',
        passed: true,
        outcome: 'not-applicable',
        message:
          locale === 'zh'
            ? '不适用：该产品不是续贷产品'
            : 'not applicable: the product is not a renewal product',
        hint: '',
      });
    }
  });
});
