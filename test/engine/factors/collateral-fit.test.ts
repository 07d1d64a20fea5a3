import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collateralFitFactor } from '../../../src/engine/factors/index.js';
import { CREDIT_FOR_SECURED_FIRM_FIT, SECURED_MATCH_FIT } from '../../../src/engine/defaults.js';
import { COLLATERAL_KINDS, type CollateralKind } from '../../../src/model/enums.js';
import { AS_OF, enterprise, product } from '../golden/market.js';

/** The rule as documented, written out plainly (sets and filters): the value it must give. */
function expected(
  offeredAll: CollateralKind[],
  required: CollateralKind[],
  accepted: CollateralKind[],
) {
  const offered: CollateralKind[] = offeredAll.filter((c) => c !== 'credit');
  const share = (kinds: CollateralKind[]) => {
    const set = new Set(kinds.filter((k) => k !== 'credit'));
    if (set.size === 0) return 0;
    return [...set].filter((k) => offered.includes(k)).length / set.size;
  };
  if (required.length === 0 || required.includes('credit')) {
    if (offered.length === 0) return 1;
    return CREDIT_FOR_SECURED_FIRM_FIT + (1 - CREDIT_FOR_SECURED_FIRM_FIT) * share(accepted);
  }
  if (!required.some((c) => offered.includes(c))) return 0;
  return SECURED_MATCH_FIT + (1 - SECURED_MATCH_FIT) * share([...required, ...accepted]);
}

// Lists with repeats and `credit` anywhere, as the schema allows.
const kinds = fc.array(fc.constantFrom(...COLLATERAL_KINDS), { maxLength: 6 });

describe('collateralFit', () => {
  it('gives the documented value for any offered, required and accepted lists', () => {
    const factor = collateralFitFactor();
    fc.assert(
      fc.property(kinds, kinds, kinds, (offered, required, accepted) => {
        const subject = enterprise({ collateral: offered });
        const target = product({ collateral: { required, accepted } });
        const got = factor.score({ subject, target, asOf: AS_OF } as never);
        expect(got).toBe(expected(offered, required, accepted));
      }),
      { numRuns: 500 },
    );
  });
});
