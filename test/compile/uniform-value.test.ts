/**
 * The `uniformValue` fast-path hook: where a factor says every subject gets one value from a
 * target, `score` gives exactly that value for every subject; compiled products then keep no
 * table for it and still rank as the reference loop; a hook returning an invalid value is
 * ignored (the factor's table is used).
 */
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile, extendProfile } from '../../src/index.js';
import { rankPairs } from '../../src/compile/reference.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { Factor, Profile } from '../../src/engine/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();

function reference(profile: Profile<Enterprise, FinancialProduct>, product: FinancialProduct) {
  const pairs = m.enterprises.map((e) => ({
    id: e.id,
    group: e.region.slice(0, 2),
    ctx: { subject: e, target: product, ...env },
  }));
  return rankPairs(profile, pairs, 40, false);
}

describe('uniformValue', () => {
  const profile = enterpriseProductProfile();
  const hooked = profile.factors.filter((f) => f.factor.uniformValue);

  test('the shipped factors with the hook: sectorFit, policyPriority, chainZone', () => {
    expect(hooked.map((f) => f.factor.name).sort()).toEqual([
      'chainZone',
      'policyPriority',
      'sectorFit',
    ]);
  });

  test.each(hooked.map((f) => [f.factor.name, f.factor] as const))(
    '%s: where the hook answers, score gives that value for every enterprise',
    (_, factor) => {
      let uniform = 0;
      const mismatches: string[] = [];
      for (const product of m.products) {
        const v = factor.uniformValue!({ target: product, ...env });
        if (v === undefined) continue;
        uniform++;
        for (const subject of m.enterprises) {
          const s = factor.score({ subject, target: product, ...env });
          if (!Object.is(s, v)) mismatches.push(`${product.id} ${subject.id}: ${s} ≠ ${v}`);
        }
      }
      expect(mismatches).toEqual([]);
      // Both cases occur in the market.
      expect(uniform).toBeGreaterThan(0);
      expect(uniform).toBeLessThan(m.products.length);
    },
    120_000,
  );

  test('compiled products with uniform factors keep no table for them and rank exactly', () => {
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    let uniformSeen = 0;
    for (const product of m.products.slice(0, 40)) {
      const compiled = compileTarget(index.plan, index.columns, product, 0)!;
      compiled.isUniform.forEach((u, f) => {
        if (!u) return;
        uniformSeen++;
        expect(compiled.valueTables[f]).toBeNull();
        expect(compiled.slots[f]).toBeNull();
      });
      const rows = rankSubjects(index.plan, index.columns, compiled, 40)!;
      const want = reference(profile, product);
      expect(rows.map((r) => index.columns.ids[r.row])).toEqual(want.map((w) => w.id));
      rows.forEach((r, i) => expect(Math.abs(r.score - want[i]!.score)).toBeLessThan(1e-9));
    }
    expect(uniformSeen).toBeGreaterThan(0);
  });

  test('a hook returning an invalid value is ignored', () => {
    const liar: Factor<Enterprise, FinancialProduct> = {
      name: 'liar',
      description: { zh: '测试用', en: 'for tests' },
      key: (e) => e.stage,
      uniformValue: () => 2,
      score: ({ subject }) => (subject.stage === 'growth' ? 1 : 0.25),
    };
    const withLiar = extendProfile(profile, { addFactors: [{ factor: liar, weight: 0.3 }] });
    const index = FastSubjectIndex.create(withLiar, env, m.enterprises)!;
    const f = index.plan.factorNames.indexOf('liar');
    for (const product of m.products.slice(0, 10)) {
      const compiled = compileTarget(index.plan, index.columns, product)!;
      expect(compiled.isUniform[f]).toBe(0);
      const rows = rankSubjects(index.plan, index.columns, compiled, 40)!;
      expect(rows.map((r) => index.columns.ids[r.row])).toEqual(
        reference(withLiar, product).map((w) => w.id),
      );
    }
  });
});
