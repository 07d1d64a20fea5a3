/**
 * A filter's member lists and marks are cached by a key naming its memberships' ids. Ids may
 * hold any character a record's id accepts, commas included: the key must tell the chains
 * `['a', 'b']` from the one chain `'a,b'`.
 */
import { expect, test } from 'vitest';
import { createEnterpriseIndex } from '../../src/engine/matchers/index.js';
import type { Enterprise } from '../../src/model/types.js';
import { AS_OF, broadestProducts, smallMarket } from './helpers.js';

test('filters by the chains a and b and by the chain "a,b" keep their own members', () => {
  const m = smallMarket();
  const renamed = new Map([
    [m.chains[0]!.id, 'a'],
    [m.chains[1]!.id, 'b'],
    [m.chains[2]!.id, 'a,b'],
  ]);
  const chains = m.chains.map((c) => ({ ...c, id: renamed.get(c.id) ?? c.id }));
  const enterprises: Enterprise[] = m.enterprises.map((e) => ({
    ...e,
    chains: e.chains.map((c) => ({ ...c, chainId: renamed.get(c.chainId) ?? c.chainId })),
  }));
  const options = { asOf: AS_OF, chains, zones: m.zones };
  const product = broadestProducts()[0]!.p;
  const filters = [{ chains: ['a', 'b'] }, { chains: ['a,b'] }, { chains: ['b', 'a'] }];
  const index = createEnterpriseIndex(enterprises, options);
  for (const filter of filters) {
    const fresh = createEnterpriseIndex(enterprises, options);
    const want = fresh.prospectEnterprises(product, { k: 1000, filter });
    expect(want.length).toBeGreaterThan(0);
    expect(index.prospectEnterprises(product, { k: 1000, filter })).toEqual(want);
  }
});
