/**
 * The `tokens` fast-path hook: a compiled target fills a factor's whole key table from its
 * token values (the best value among the served tokens a key holds, else `otherwise`) without
 * calling the factor, and prospecting still ranks exactly as the reference loop; an answer with
 * an invalid value is ignored (the factor's `score` fills the table); keys added after
 * compilation are filled from the tokens too.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile, extendProfile } from '../../src/index.js';
import { rankPairs } from '../../src/compile/reference.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { KeyTokens } from '../../src/compile/token-tables.js';
import { sectorKey } from '../../src/engine/rules/subject-keys.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { Factor, Profile, TokenValues } from '../../src/engine/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';
import { formValue, held, tokensOf } from './token-fixtures.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const base = enterpriseProductProfile();

const TOKENS = tokensOf(m.enterprises);

/**
 * A factor in the token form: `values` for the products at even positions of the catalogue,
 * no answer (its table filled by `score`) for the others; `calls` counts `score` calls.
 */
function tokenFactor(values: TokenValues, answer: (p: FinancialProduct) => boolean = even) {
  const calls = { n: 0 };
  const factor: Factor<Enterprise, FinancialProduct> = {
    name: 'tokenFit',
    description: { zh: '测试用', en: 'for tests' },
    key: (e) => held(e).join('|'),
    tokens: { held, compile: (p) => (answer(p) ? values : undefined) },
    score: ({ subject }) => {
      calls.n++;
      return formValue(values, subject);
    },
  };
  return { factor, calls };
}
const position = new Map(m.products.map((p, i) => [p.id, i]));
const even = (p: FinancialProduct) => position.get(p.id)! % 2 === 0;

function reference(profile: Profile<Enterprise, FinancialProduct>, product: FinancialProduct) {
  const pairs = m.enterprises.map((e) => ({
    id: e.id,
    ctx: { subject: e, target: product, ...env },
  }));
  return rankPairs(profile, pairs, 30, false);
}

const valuesArb = fc.record({
  values: fc
    .uniqueArray(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(0, -0, 0.3, 0.6, 1)), {
      selector: ([t]) => t,
      minLength: 1,
      maxLength: 8,
    })
    .map((entries) => new Map<string | number, number>(entries)),
  otherwise: fc.constantFrom(null, 0, 0.3, 0.6),
});

describe('tokens hook', () => {
  test('every key of an answered target holds the form’s value, no factor call; rankings equal the reference', () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const { factor, calls } = tokenFactor(values);
        const profile = extendProfile(base, { addFactors: [{ factor, weight: 0.4 }] });
        const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
        const f = index.plan.factorNames.indexOf('tokenFit');
        const key = (index.plan.factors[f] as { key: number }).key;
        const dict = index.columns.dicts[key]!;
        for (const product of m.products.slice(0, 6)) {
          calls.n = 0;
          const compiled = compileTarget(index.plan, index.columns, product, 0)!;
          if (even(product)) {
            expect(calls.n).toBe(0);
            for (let code = 0; code < dict.size; code++)
              expect(compiled.tableValue(f, code)).toBe(formValue(values, dict.reps[code]!) ?? NaN);
          }
          const ranked = index.rank(product, 30, false)!;
          if (even(product)) expect(calls.n).toBe(0);
          const want = reference(profile, product);
          expect(ranked.map((r) => [r.id, r.score, r.factors])).toEqual(
            want.map((w) => [w.id, w.score, w.factors]),
          );
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  test('a target serving no token gives every subject `otherwise`: no table', () => {
    const { factor, calls } = tokenFactor({ values: new Map(), otherwise: 0.3 }, () => true);
    const profile = extendProfile(base, { addFactors: [{ factor, weight: 0.4 }] });
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const f = index.plan.factorNames.indexOf('tokenFit');
    const compiled = compileTarget(index.plan, index.columns, m.products[0]!)!;
    expect(compiled.isUniform[f]).toBe(1);
    expect(compiled.uniform[f]).toBe(0.3);
    expect(compiled.slots[f]).toBeNull();
    expect(calls.n).toBe(0);
  });

  test('an answer with an invalid value is ignored: score fills the table, rankings exact', () => {
    const values = { values: new Map([[TOKENS[0]!, 0.5]]), otherwise: 0.2 };
    const { factor, calls } = tokenFactor(values, () => true);
    const liar: Factor<Enterprise, FinancialProduct> = {
      ...factor,
      tokens: { held, compile: () => ({ values: new Map([[TOKENS[0]!, 2]]), otherwise: 0.2 }) },
    };
    const profile = extendProfile(base, { addFactors: [{ factor: liar, weight: 0.4 }] });
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const f = index.plan.factorNames.indexOf('tokenFit');
    for (const product of m.products.slice(0, 4)) {
      const compiled = compileTarget(index.plan, index.columns, product, 0)!;
      expect(compiled.tokenValues[f]).toBeNull();
      const rows = rankSubjects(index.plan, index.columns, compiled, 30)!;
      expect(rows.map((r) => index.columns.ids[r.row])).toEqual(
        reference(profile, product).map((w) => w.id),
      );
    }
    expect(calls.n).toBeGreaterThan(0);
  });

  test('keys added after compilation are filled from the tokens: exact, no factor call', () => {
    const values = {
      values: new Map([
        [TOKENS[1]!, 1],
        [TOKENS[3]!, 0.6],
      ]),
      otherwise: 0.1,
    };
    const { factor, calls } = tokenFactor(values, () => true);
    const profile = extendProfile(base, { addFactors: [{ factor, weight: 0.4 }] });
    // Firms of a few sections first, so later ones bring new keys and new tokens.
    const early = m.enterprises.filter((e) => e.sector < 'D');
    const later = m.enterprises.filter((e) => e.sector >= 'D');
    const index = FastSubjectIndex.create(profile, env, early)!;
    const product = m.products[3]!;
    index.rank(product, 30, false);
    for (const e of later) index.columns.upsert(e);
    const ranked = index.rank(product, 30, false)!;
    expect(index.cacheStats().hits).toBe(1);
    expect(calls.n).toBe(0);
    const want = reference(profile, product);
    expect(ranked.map((r) => [r.id, r.score])).toEqual(want.map((w) => [w.id, w.score]));
  });
});

describe('tokens hook: index build', () => {
  test('the index lists every key’s tokens when built, once: the first ranking lists none', () => {
    const values = { values: new Map([[TOKENS[0]!, 1]]), otherwise: 0 };
    const { factor } = tokenFactor(values, () => true);
    let listed = 0;
    const counted: Factor<Enterprise, FinancialProduct> = {
      ...factor,
      tokens: { held: (e) => (listed++, held(e)), compile: () => values },
    };
    const profile = extendProfile(base, { addFactors: [{ factor: counted, weight: 0.4 }] });
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const f = index.plan.factorNames.indexOf('tokenFit');
    const dict = index.columns.dicts[(index.plan.factors[f] as { key: number }).key]!;
    expect(listed).toBe(dict.size);
    index.rank(m.products[0]!, 10, false);
    index.rank(m.products[1]!, 10, false);
    expect(listed).toBe(dict.size);
  });
});

describe('KeyTokens', () => {
  test('lists each key’s tokens once, extends with new keys, inverts by token', () => {
    const index = FastSubjectIndex.create(base, env, m.enterprises.slice(0, 200))!;
    // The sector key's dictionary: its representatives hold the sector the hook reads.
    const dict = index.columns.dicts.find((d) => d.fn === sectorKey)!;
    const hook = {
      held: (e: Enterprise) => [e.sector.slice(0, 1), e.sector.slice(0, 1)],
      compile: () => undefined,
    };
    const keys = new KeyTokens(dict as never, hook as never, env);
    keys.extend();
    const before = keys.size;
    for (const e of m.enterprises.slice(200)) index.columns.upsert(e);
    keys.extend();
    expect(keys.size).toBe(dict.size);
    expect(keys.size).toBeGreaterThanOrEqual(before);
    const { offsets, keys: byToken } = keys.byToken();
    for (const [token, id] of keys.idOf) {
      const listed = Array.from(byToken.subarray(offsets[id]!, offsets[id + 1]!));
      const want: number[] = [];
      dict.reps.forEach((rep, k) => {
        for (const t of hook.held(rep as Enterprise)) if (t === token) want.push(k);
      });
      expect(listed).toEqual(want);
    }
  });
});
