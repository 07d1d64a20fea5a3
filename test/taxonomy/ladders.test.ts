import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROUNDS,
  ROUND_NAMES,
  SRDI_TIERS,
  SRDI_TIER_NAMES,
  STAGES,
  STAGE_NAMES,
  STAGE_REVENUE_CUTOFFS,
  TRLS,
  TRL_NAMES,
  roundRank,
  srdiRank,
  stageRank,
  suggestStage,
} from '../../src/taxonomy/ladders.js';

describe('ladders', () => {
  it('are ordered bottom to top with ranks matching positions', () => {
    expect(STAGES).toEqual(['seed', 'startup', 'growth', 'expansion', 'mature', 'preIPO']);
    expect(SRDI_TIERS).toEqual(['none', 'techSme', 'srdi', 'littleGiant', 'champion']);
    expect(ROUNDS).toEqual(['seed', 'angel', 'preA', 'A', 'B', 'C', 'D', 'preIPO']);
    expect(TRLS).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    STAGES.forEach((s, i) => expect(stageRank(s)).toBe(i));
    SRDI_TIERS.forEach((t, i) => expect(srdiRank(t)).toBe(i));
    ROUNDS.forEach((r, i) => expect(roundRank(r)).toBe(i));
  });

  it('name every rung in both locales', () => {
    for (const names of [STAGE_NAMES, SRDI_TIER_NAMES, ROUND_NAMES, TRL_NAMES] as Record<
      string,
      { zh: string; en: string }
    >[])
      for (const n of Object.values(names)) {
        expect(n.zh).toMatch(/\p{Script=Han}/u);
        expect(n.en).toMatch(/[a-z]/i);
      }
    expect(Object.keys(STAGE_NAMES)).toEqual([...STAGES]);
    expect(Object.keys(SRDI_TIER_NAMES)).toEqual([...SRDI_TIERS]);
  });
});

describe('suggestStage (stages-and-investors.md §1 cut-offs)', () => {
  it.each([
    [{ annualRevenue: 0, ageYears: 1, trl: 3 }, 'seed'],
    [{ annualRevenue: 0, ageYears: 1 }, 'seed'],
    [{ annualRevenue: 0, ageYears: 2, trl: 6 }, 'startup'],
    [{ annualRevenue: 5e6, ageYears: 8 }, 'startup'],
    [{ annualRevenue: 5e7, ageYears: 2 }, 'startup'],
    [{ annualRevenue: 1e7, ageYears: 4 }, 'growth'],
    [{ annualRevenue: 99_999_999, ageYears: 10 }, 'growth'],
    [{ annualRevenue: 1e8, ageYears: 10 }, 'expansion'],
    [{ annualRevenue: 4e8, ageYears: 10 }, 'mature'],
  ] as const)('%j → %s', (signals, stage) => {
    expect(suggestStage(signals)).toBe(stage);
  });

  it('never suggests preIPO and is monotone in revenue for firms older than 3 years', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.integer({ min: 4, max: 50 }),
        (r1, r2, age) => {
          const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
          const a = suggestStage({ annualRevenue: lo, ageYears: age, trl: 9 });
          const b = suggestStage({ annualRevenue: hi, ageYears: age, trl: 9 });
          expect(a).not.toBe('preIPO');
          expect(stageRank(a)).toBeLessThanOrEqual(stageRank(b));
        },
      ),
    );
  });

  it('has increasing revenue cut-offs', () => {
    expect(STAGE_REVENUE_CUTOFFS.growth).toBeLessThan(STAGE_REVENUE_CUTOFFS.expansion);
    expect(STAGE_REVENUE_CUTOFFS.expansion).toBeLessThan(STAGE_REVENUE_CUTOFFS.mature);
  });
});
