import { describe, expect, it } from 'vitest';
import { compileProspectFilter } from '../../../src/engine/matchers/prospect-filter.js';

describe('compileProspectFilter', () => {
  it('says its memberships decide alone when chains and zones are its only criteria', () => {
    expect(compileProspectFilter({ zones: ['ZONE-A'] }).membersDecide).toBe(true);
    expect(compileProspectFilter({ chains: ['CHAIN-A'], zones: ['ZONE-A'] }).membersDecide).toBe(
      true,
    );
    expect(compileProspectFilter({ chains: ['CHAIN-A'] }).members?.map((m) => m.name)).toEqual([
      'chains',
    ]);
  });

  it('leaves the predicate to decide when any other criterion is given', () => {
    for (const filter of [
      { zones: ['ZONE-A'], regions: ['32'] },
      { chains: ['CHAIN-A'], sectors: ['C'] },
      { zones: ['ZONE-A'], where: () => true },
      { regions: ['32'] },
    ])
      expect(compileProspectFilter(filter).membersDecide, JSON.stringify(filter)).toBe(false);
  });
});
