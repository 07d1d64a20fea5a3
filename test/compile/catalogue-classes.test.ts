/**
 * A catalogue tests a key rule with `targetFields` once per class of targets (targets with
 * the same values of those fields) for each subject key, not once per target, and ranks
 * exactly as when it tests every target and as the reference path does.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { defineProfile } from '../../src/engine/profiles/define.js';
import { scorePair } from '../../src/engine/pipeline.js';
import { sortById } from '../../src/util/compare.js';
import { planProfile } from '../../src/compile/plan.js';
import { CatalogueEngine } from '../../src/compile/catalogue.js';
import { targetFieldsKey } from '../../src/compile/shared-outcomes.js';
import { canonicalJson, isJsonData } from '../../src/util/canonical.js';
import type { EligibilityRule, Profile } from '../../src/engine/types.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const products = sortById([...m.products]) as FinancialProduct[];
type EP = Profile<Enterprise, FinancialProduct>;
type Rule = EligibilityRule<Enterprise, FinancialProduct>;

/** The default profile with each rule counting its tests, by rule name, stage and target. */
function counted() {
  const base = enterpriseProductProfile();
  const tests = new Map<string, number>();
  const wrap = (rule: Rule): Rule => ({
    ...rule,
    test: (ctx) => {
      const at = `${rule.name}|${ctx.subject.stage}|${ctx.target.id}`;
      tests.set(at, (tests.get(at) ?? 0) + 1);
      return rule.test!(ctx);
    },
  });
  const profile: EP = defineProfile({ ...base, rules: base.rules.map(wrap) });
  return { profile, tests };
}

describe('CatalogueEngine: key rules tested per class of targets', () => {
  test("the stage rule is tested once per stage and class of the products' stage lists", () => {
    const { profile, tests } = counted();
    const engine = new CatalogueEngine(planProfile(profile, env)!, products);
    const subjects = m.enterprises.slice(0, 300);
    for (const e of subjects) engine.rankMatches(e, 10);
    const classes = new Set(products.map((p) => JSON.stringify(p.stages))).size;
    expect(classes).toBeLessThan(products.length / 2);
    const stages = new Set(subjects.map((e) => e.stage));
    const stageTests = [...tests].filter(([at]) => at.startsWith('stage|'));
    // Each (stage, class) once: on the class's first product in id order.
    expect(stageTests.length).toBe(stages.size * classes);
    expect(stageTests.every(([, n]) => n === 1)).toBe(true);
    const firstOfClass = new Set<string>();
    const seen = new Set<string>();
    for (const p of products) {
      const c = JSON.stringify(p.stages);
      if (!seen.has(c)) firstOfClass.add(p.id);
      seen.add(c);
    }
    for (const [at] of stageTests) expect(firstOfClass.has(at.split('|')[2]!)).toBe(true);
  });

  test('a key factor is computed at most once per subject key and class of targets', () => {
    const base = enterpriseProductProfile();
    const calls = new Map<string, number>();
    let counting = true;
    const profile: EP = defineProfile({
      ...base,
      factors: base.factors.map(({ factor, weight }) =>
        factor.name !== 'stageFit'
          ? { factor, weight }
          : {
              weight,
              factor: {
                ...factor,
                score: (ctx) => {
                  const at = `${ctx.subject.stage}|${JSON.stringify(ctx.target.stages)}`;
                  if (counting) calls.set(at, (calls.get(at) ?? 0) + 1);
                  return factor.score(ctx);
                },
              },
            },
      ),
    });
    const engine = new CatalogueEngine(planProfile(profile, env)!, products);
    const perTarget = new CatalogueEngine(planProfile(profile, env)!, products, undefined, {
      targetClasses: false,
    });
    // Rows are kept across rankings: over all of them, each (stage, class) computed once.
    for (const e of m.enterprises.slice(0, 300)) {
      counting = true;
      const got = engine.rankMatches(e, 20);
      counting = false;
      expect(got).toEqual(perTarget.rankMatches(e, 20));
    }
    expect(calls.size).toBeGreaterThan(0);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(base.factors.find((f) => f.factor.name === 'stageFit')!.factor.targetFields).toEqual([
      'stages',
    ]);
  });

  test('rankings equal those testing every target and the reference path', () => {
    const profile = enterpriseProductProfile();
    const plan = planProfile(profile, env)!;
    const classes = new CatalogueEngine(plan, products);
    const perTarget = new CatalogueEngine(plan, products, undefined, {
      targetClasses: false,
      ruleBitsCompleteUses: 1,
    });
    for (const e of m.enterprises.slice(0, 200)) {
      const got = classes.rankMatches(e, 20);
      expect(got).toEqual(perTarget.rankMatches(e, 20));
      const eligible = products
        .map((p) => ({
          id: p.id,
          r: scorePair(profile, { subject: e, target: p, ...env }, { exhaustive: false }),
        }))
        .filter((x) => x.r.eligible)
        .sort((a, b) => b.r.score - a.r.score || (a.id < b.id ? -1 : 1))
        .slice(0, 20);
      expect(got!.map((r) => [r.id, r.score])).toEqual(eligible.map((x) => [x.id, x.r.score]));
    }
  });

  test('a rule without targetFields is tested target by target', () => {
    const base = enterpriseProductProfile();
    let calls = 0;
    const bare = base.rules.map((rule): Rule => {
      if (rule.name !== 'stage') return rule;
      const { targetFields: _, ...rest } = rule;
      return {
        ...rest,
        test: (ctx) => {
          calls++;
          return rule.test!(ctx);
        },
      };
    });
    const engine = new CatalogueEngine(
      planProfile(defineProfile({ ...base, rules: bare }), env)!,
      products,
      undefined,
      { ruleBitsCompleteUses: 1 },
    );
    engine.rankMatches(m.enterprises[0]!, 10);
    expect(calls).toBe(products.length);
  });
});

describe('targetFieldsKey', () => {
  /** The definition: the canonical JSON of the picked fields, null when not JSON data. */
  const canonical = (fields: readonly string[], target: unknown) => {
    const picked: Record<string, unknown> = {};
    for (const f of fields) picked[f] = (target as Record<string, unknown>)[f];
    return isJsonData(picked) ? canonicalJson(picked) : null;
  };
  // Values of one field as targets may hold them: JSON data and what is not.
  const leaf = fc.oneof(
    fc.constantFrom(null, undefined, 0, -0, 1, NaN, Infinity, '', 'a', '"a"', '-', true, false),
    fc.string({ maxLength: 3 }),
    fc.integer(),
  );
  const value = fc.oneof(
    leaf,
    fc.array(leaf, { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('min', 'max', 'a'), leaf, { maxKeys: 3 }),
    fc.dictionary(fc.constantFrom('x', 'y'), fc.array(leaf, { maxLength: 2 }), { maxKeys: 2 }),
    fc.constant(new Date(0)),
  );
  const target = fc.record({ p: value, q: value }, { requiredKeys: [] });

  test('two targets share a key exactly when their canonical field values are equal', () => {
    fc.assert(
      fc.property(
        target,
        target,
        fc.constantFrom(['p'], ['q', 'p'], ['p', 'q']),
        (a, b, fields) => {
          const ka = targetFieldsKey(fields, a);
          const kb = targetFieldsKey(fields, b);
          const ca = canonical(fields, a);
          const cb = canonical(fields, b);
          expect(ka === null).toBe(ca === null);
          if (ka !== null && kb !== null) expect(ka === kb).toBe(ca === cb);
          // A target compared with a copy of itself (key order of its objects reversed).
          const copy = JSON.parse(JSON.stringify(a), (_, v: unknown) =>
            v !== null && typeof v === 'object' && !Array.isArray(v)
              ? Object.fromEntries(Object.entries(v).reverse())
              : v,
          ) as unknown;
          if (ca !== null && ca === canonical(fields, copy))
            expect(targetFieldsKey(fields, copy)).toBe(ka);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
