import { describe, expect, it } from 'vitest';
import { createProductMatcher } from '../../../src/engine/matchers/index.js';
import { AS_OF, goldenMarket } from './market.js';

describe('golden ranking (enterpriseProduct 1.0.0, asOf 2026-06-30)', () => {
  const { enterprises, products } = goldenMarket();
  const matcher = createProductMatcher(products, { asOf: AS_OF });
  const ids = (enterpriseId: string) =>
    matcher
      .rankProducts(
        enterprises.find((e) => e.id === enterpriseId)!,
        { k: Infinity },
      )
      .map((m) => m.productId);

  it('Nanjing SRDI firm on the re-loan list', () => {
    expect(ids('E-NJ-SRDI')).toEqual([
      // 1. SRDI special loan: its minimum tier and srdiSpecial tag both fit a valid provincial
      //    SRDI certificate (srdiTierFit 1, policyPriority 1) and it targets the growth stage.
      'P-SRDI',
      // 2. Nanjing local loan for C39: targeted sector (1 vs 0.5), city-level proximity (0.85)
      //    and 500万 at the log centre of 100万–2500万; no policy bonus, so below P-SRDI.
      'P-NJ-LOCAL',
      // 3. Re-loan product: the firm is on the candidate list (policyPriority 1) but the product
      //    is generic in sector, stage and region.
      'P-RELOAN',
      // 4. Generic credit loan: eligible, but no targeting and 500万 sits high in 10万–1000万.
      'P-CREDIT',
      // Not listed: P-IP (needs an IP pledge), P-EQUIP (term ≥ 36, equipment), P-LEASE (leasing).
    ]);
  });

  it('Foshan equipment buyer', () => {
    expect(ids('E-FS-EQUIP')).toEqual([
      // 1. Equipment-renewal loan: a loan (first-choice instrument), purpose equipment matches
      //    its policy tag, 3000万/60 months near the centre, and the firm has the equipment.
      'P-EQUIP',
      // 2. Leasing: eligible (leasing is the second choice, 0.8) but untagged and 60 months at
      //    the edge of 24–60.
      'P-LEASE',
      // Not listed: 3000万/60 months exceeds P-SRDI, P-CREDIT, P-IP, P-NJ-LOCAL; not on the re-loan list.
    ]);
  });

  it('expired little giant loses the SRDI product but keeps the others', () => {
    expect(ids('E-NJ-EXPIRED')).toEqual([
      // 1. Same as E-NJ-SRDI's second choice: local, sector-targeted, centred amount.
      'P-NJ-LOCAL',
      // 2. Generic credit loan.
      'P-CREDIT',
      // Not listed: P-SRDI (certificate expired 2025-09-01), P-RELOAN (not on the list).
    ]);
    const x = matcher.explain(enterprises[2]!, 'P-SRDI');
    expect(x.eligible).toBe(false);
    expect(x.exclusions.map((r) => r.rule)).toEqual(['srdiTier']);
    expect(x.exclusions[0]!.hint).toContain('复核');
  });
});
