import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import { generateMarket } from '../../../src/generate/index.js';
import { createEnterpriseIndex } from '../../../src/engine/matchers/index.js';

const market = generateMarket({ seed: 1, scale: 'small' });
const index = createEnterpriseIndex(market.enterprises, {
  asOf: market.manifest.asOf,
  chains: market.chains,
  zones: market.zones,
});
// The first product with more than 30 eligible enterprises (enough to page through); which
// product that is depends on the generated market, not on paging.
const product = market.products.find(
  (p) => index.prospectEnterprises(p, { k: Infinity }).length > 30,
)!;
const full = index.prospectEnterprises(product, { k: Infinity });

describe('prospectEnterprises offset', () => {
  it('has enough eligible enterprises to page through', () => {
    expect(full.length).toBeGreaterThan(30);
  });

  it('pages of k concatenate to the unpaginated list, ranks included (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (k) => {
        const pages = [];
        for (let offset = 0; offset < full.length; offset += k)
          pages.push(...index.prospectEnterprises(product, { k, offset }));
        expect(pages).toEqual(full);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps ranks as positions in the full ranking', () => {
    const page = index.prospectEnterprises(product, { k: 5, offset: 10 });
    expect(page.map((m) => m.rank)).toEqual([11, 12, 13, 14, 15]);
    expect(page.map((m) => m.enterpriseId)).toEqual(full.slice(10, 15).map((m) => m.enterpriseId));
  });

  it('applies the filter before paging', () => {
    const filter = { regions: [market.enterprises[0]!.region.slice(0, 2)] };
    const all = index.prospectEnterprises(product, { k: Infinity, filter });
    const paged = [
      ...index.prospectEnterprises(product, { k: 3, offset: 0, filter }),
      ...index.prospectEnterprises(product, { k: Infinity, offset: 3, filter }),
    ];
    expect(paged).toEqual(all);
  });

  it('an offset past the end gives an empty page', () => {
    expect(index.prospectEnterprises(product, { k: 10, offset: full.length })).toEqual([]);
  });

  it.each([-1, 1.5, Number.NaN, '3', Infinity])(
    'rejects offset %s with an OptionError',
    (offset) => {
      expect(() => index.prospectEnterprises(product, { offset: offset as number })).toThrow(
        OptionError,
      );
    },
  );

  it('is not an option of rankProducts', () => {
    // offset belongs to prospecting; elsewhere it is an unknown key (with a did-you-mean).
    expect(() =>
      index.rankBatch({ chainId: market.chains[0]!.id }, [product], {
        offset: 1,
      } as never),
    ).toThrow(OptionError);
  });
});
