import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { policyPriorityFactor } from '../../../src/engine/factors/index.js';
import { POLICY_LISTS, POLICY_TAGS, PURPOSES } from '../../../src/model/enums.js';
import type { MarketReference } from '../../../src/engine/types.js';
import { AS_OF, enterprise, product } from '../golden/market.js';

const reference: MarketReference = {};
const env = { asOf: AS_OF, reference };

// Every tier, including 科技型中小企业 (techSme), which meets `srdiSpecial` partly, and expired
// certificates, which count as none.
const SRDI = [
  { tier: 'none' },
  { tier: 'techSme', certifiedOn: '2025-01-10' },
  { tier: 'srdi', certifiedOn: '2025-03-01' },
  { tier: 'srdi', certifiedOn: '2020-03-01' },
  { tier: 'littleGiant', certifiedOn: '2024-06-01' },
] as const;

describe('policyPriority tokens hook', () => {
  it('the token form gives exactly the score, for any firm, tags and partial value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SRDI),
        fc.constantFrom(...PURPOSES),
        fc.subarray([...POLICY_LISTS]),
        fc.constantFrom(50, 800),
        fc.subarray([...POLICY_TAGS]),
        fc.constantFrom(0, 0.37, 0.5, 1),
        (srdi, purpose, policyLists, employees, policyTags, partial) => {
          const factor = policyPriorityFactor({ partial });
          const e = enterprise({
            srdi,
            policyLists,
            employees,
            annualRevenue: employees < 300 ? 1e7 : 5e8,
            need: { amount: 5e6, termMonths: 24, instruments: ['loan'], purpose },
          });
          const p = product({ policyTags });
          const values = factor.tokens!.compile(p, env)!;
          const served = factor.tokens!.held(e, env).filter((t) => values.values.has(t));
          const form =
            served.length === 0
              ? values.otherwise
              : Math.max(0, ...served.map((t) => values.values.get(t)!));
          const score = factor.score({
            subject: e,
            target: p,
            asOf: AS_OF,
            locale: 'zh',
            reference,
          });
          expect(Object.is(form, score)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
