import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { generateMarket } from '../../../src/generate/index.js';
import { createProductMatcher } from '../../../src/engine/matchers/product-matcher.js';
import { checkReferences, resolveMatcherOptions } from '../../../src/engine/matchers/options.js';
import { enterpriseProductProfile } from '../../../src/engine/profiles/enterprise-product.js';
import { ValidationError } from '../../../src/errors.js';
import type { Enterprise } from '../../../src/model/types.js';

const AS_OF = '2026-06-30';
const m = generateMarket({ seed: 3, scale: 'small', asOf: AS_OF });
const options = { asOf: AS_OF, chains: m.chains, zones: m.zones };
const resolved = resolveMatcherOptions(options, 'enterpriseProduct', enterpriseProductProfile);

/** What a check throws (its issues), or null when it passes. */
function outcome(check: () => void): unknown {
  try {
    check();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
}

/** An enterprise changed so that it may name unknown chains or zones or postdate asOf. */
const mutated = fc
  .record({
    i: fc.integer({ min: 0, max: m.enterprises.length - 1 }),
    foundedYear: fc.option(fc.constantFrom(2025, 2026, 2027, 2030)),
    certifiedOn: fc.option(fc.constantFrom('2026-06-29', '2026-06-30', '2026-07-01')),
    chain: fc.option(fc.constantFrom(m.chains[0]!.id, 'chain-nope')),
    zone: fc.option(fc.constantFrom(m.zones[0]!.id, 'zone-nope')),
  })
  .map(({ i, foundedYear, certifiedOn, chain, zone }): Enterprise => {
    const e = m.enterprises[i]!;
    return {
      ...e,
      ...(foundedYear !== null ? { foundedYear } : {}),
      ...(certifiedOn !== null ? { srdi: { tier: 'littleGiant', certifiedOn } } : {}),
      ...(chain !== null ? { chains: [...e.chains, { chainId: chain, role: 'supplier' }] } : {}),
      ...(zone !== null ? { zones: [...e.zones, zone] } : {}),
    } as Enterprise;
  });

describe('checkReferences for one ranked record', () => {
  test('the per-call shortcut reports exactly what the full check reports', () => {
    fc.assert(
      fc.property(mutated, (e) => {
        // `targets: []` takes the full check; without it, one subject takes the shortcut.
        const full = outcome(() =>
          checkReferences(resolved, { subjects: [e], targets: [], history: false }),
        );
        const short = outcome(() => checkReferences(resolved, { subjects: [e], history: false }));
        expect(short).toEqual(full);
      }),
      { numRuns: 300 },
    );
  });

  test('rankProducts names an unknown chain and a founding year after asOf', () => {
    const matcher = createProductMatcher(m.products, options);
    const e = m.enterprises[0]!;
    expect(() =>
      matcher.rankProducts({ ...e, chains: [{ chainId: 'chain-nope', role: 'supplier' }] }),
    ).toThrow(/chain-nope/);
    try {
      matcher.rankProducts({ ...e, foundedYear: 2027 });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues[0]).toMatchObject({
        recordId: e.id,
        path: 'foundedYear',
        code: 'after_as_of',
      });
    }
    expect(matcher.rankProducts(e, { k: 3 }).length).toBeLessThanOrEqual(3);
  });
});
