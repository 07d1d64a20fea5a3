/**
 * `EnterpriseIndex.explain`: a bank explains a prospect with the index it prospects with, and
 * gets exactly the product matcher's explanation of that pair (rules, weights really used,
 * contributions, summary), with and without interaction history.
 */
import { describe, expect, test } from 'vitest';
import { createEnterpriseIndex, createProductMatcher } from '../../../src/engine/index.js';
import { UnknownIdError, ValidationError } from '../../../src/errors.js';
import { generateMarket } from '../../../src/generate/index.js';

const market = generateMarket({ seed: 5, scale: 'small' });
const asOf = market.manifest.asOf;
const PAIRS = 400;

/** Deterministic pair indexes (a 32-bit LCG, Numerical Recipes constants). */
function samplePairs(n: number, seed: number): (readonly [number, number])[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  return Array.from(
    { length: n },
    () => [next() % market.enterprises.length, next() % market.products.length] as const,
  );
}

describe('EnterpriseIndex.explain', () => {
  for (const history of [false, true]) {
    test(`equals the product matcher's explanation on ${PAIRS} pairs, ${history ? 'with' : 'without'} history`, () => {
      const shared = {
        asOf,
        locale: 'en' as const,
        ...(history ? { interactions: market.interactions } : {}),
      };
      // Each side is told about the other's records, as the options document for agreement.
      const index = createEnterpriseIndex(market.enterprises, {
        ...shared,
        targets: market.products,
      });
      const matcher = createProductMatcher(market.products, {
        ...shared,
        subjects: market.enterprises,
      });
      let eligible = 0;
      for (const [i, j] of samplePairs(PAIRS, history ? 7 : 11)) {
        const e = market.enterprises[i]!;
        const p = market.products[j]!;
        const expected = matcher.explain(e, p.id);
        if (expected.eligible) eligible++;
        expect(index.explain(e.id, p.id)).toEqual(expected);
        // A product record gives the same as its id.
        expect(index.explain(e.id, p)).toEqual(expected);
      }
      // The sample holds eligible pairs, whose weights and contributions are compared too.
      expect(eligible).toBeGreaterThan(0);
    });
  }

  test('its score is the score prospecting ranks with', () => {
    const index = createEnterpriseIndex(market.enterprises, { asOf });
    const product = market.products[0]!;
    for (const m of index.prospectEnterprises(product, { k: 5 })) {
      const explanation = index.explain(m.enterpriseId, product);
      expect(explanation.eligible).toBe(true);
      expect(explanation.score).toBe(m.score);
      expect(explanation.contributions).toEqual(m.contributions);
    }
  });

  test('unknown ids give the typed unknown-id error, naming the id', () => {
    const en = createEnterpriseIndex(market.enterprises.slice(0, 50), {
      asOf,
      locale: 'en',
      targets: market.products.slice(0, 10),
    });
    const e = market.enterprises[0]!;
    const catch_ = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error;
      }
      throw new Error('expected an error');
    };
    const noEnterprise = catch_(() => en.explain('ent-nope', market.products[0]!.id));
    expect(noEnterprise).toBeInstanceOf(UnknownIdError);
    expect(noEnterprise).toMatchObject({ id: 'ent-nope', code: 'UNKNOWN_ID' });
    expect((noEnterprise as Error).message).toBe('unknown enterprise id "ent-nope"');
    // A product not among the index's `targets`.
    const outside = market.products[20]!.id;
    const noProduct = catch_(() => en.explain(e.id, outside));
    expect(noProduct).toBeInstanceOf(UnknownIdError);
    expect(noProduct).toMatchObject({ id: outside });
    // An enterprise removed from the index is unknown too.
    en.removeEnterprises([e.id]);
    expect(() => en.explain(e.id, market.products[0]!.id)).toThrow(UnknownIdError);
    const zh = createEnterpriseIndex(market.enterprises.slice(0, 5), { asOf });
    expect(() => zh.explain(42 as never, market.products[0]!)).toThrow('未知的企业 id 42');
    expect(() => zh.explain(market.enterprises[1]!.id, { id: 'P' } as never)).toThrow(
      ValidationError,
    );
  });
});
