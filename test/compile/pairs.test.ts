import { describe, expect, it } from 'vitest';
import { scoreEligiblePairs } from '../../src/compile/pairs.js';
import type { RankedCandidate } from '../../src/compile/reference.js';

describe('scoreEligiblePairs', () => {
  it('keeps every pair, in subject then target-row order, while its columns grow', () => {
    // 300 subjects ranking 1–60 of 60 targets each (≈ 30 on average, above the 16 per subject
    // the columns start with): they double before 64 subjects are scored, then grow to the
    // projected size, and the fallback ranking path (no fast path) writes through both.
    const targets = Array.from({ length: 60 }, (_, j) => ({
      id: `t${String(j).padStart(2, '0')}`,
    }));
    const subjects = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}` }));
    const ranked = (i: number): { row: number; subjectSide: number; targetSide: number }[] => {
      const n = 1 + ((i * 37) % 60);
      // Rows (i + 7j) mod 60 are distinct for j < 60 (7 and 60 are coprime).
      return Array.from({ length: n }, (_, j) => ({
        row: (i + 7 * j) % 60,
        subjectSide: (i % 13) / 13,
        targetSide: j / 60,
      }));
    };
    const rankAll = (subject: { id: string }): RankedCandidate[] =>
      ranked(Number(subject.id.slice(1))).map((c, j) => ({
        id: targets[c.row]!.id,
        score: (c.subjectSide + c.targetSide) / 2,
        rank: j + 1,
        contributions: {},
        factors: {},
        sides: { subject: c.subjectSide, target: c.targetSide },
      }));
    const out = scoreEligiblePairs(null, targets, subjects, rankAll);

    const expected = subjects.flatMap((_, i) =>
      ranked(i)
        .sort((a, b) => a.row - b.row)
        .map((c) => [i, c.row, c.subjectSide, c.targetSide, (c.subjectSide + c.targetSide) / 2]),
    );
    expect(expected.length).toBeGreaterThan(300 * 16);
    const got = Array.from(out.subject, (s, k) => [
      s,
      out.target[k],
      out.subjectScore[k],
      out.targetScore[k],
      out.score[k],
    ]);
    expect(got).toEqual(expected);
    for (const column of [out.target, out.subjectScore, out.targetScore, out.score])
      expect(column.length).toBe(expected.length);
  });
});
