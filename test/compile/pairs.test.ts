import { describe, expect, it } from 'vitest';
import { scoreEligiblePairs, type PairScores } from '../../src/compile/pairs.js';
import type { RankedCandidate } from '../../src/compile/reference.js';
import { compileTargets } from '../../src/compile/compile.js';
import { FastCatalogue } from '../../src/compile/fast.js';
import {
  extendProfile,
  mmrReranker,
  prepareProfile,
  projectInvestorProfile,
  weightedSumStrategy,
  type ProjectInvestorProfile,
} from '../../src/index.js';
import { generateMarket } from '../../src/generate/index.js';
import { sortById } from '../../src/util/compare.js';
import { referenceOnly } from './helpers.js';

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

describe('scoreEligiblePairs, columnar path', () => {
  const market = generateMarket({ seed: 8, scale: 'small' });
  const asOf = market.manifest.asOf;
  const env = { asOf, locale: 'en' as const, reference: {} };
  const investors = sortById(market.investors);
  const projects = market.projects.slice(0, 120);
  const profiles: Record<string, ProjectInvestorProfile> = {
    'reciprocal (two-sided kernel)': projectInvestorProfile(),
    'weighted sum (one-sided kernel)': extendProfile(projectInvestorProfile(), {
      strategy: weightedSumStrategy(),
    }),
  };

  for (const [name, profile] of Object.entries(profiles)) {
    it(`${name}: scores every pair without the fallback, equal to the reference rankings`, () => {
      const prepared = prepareProfile(profile, {
        targets: investors,
        subjects: projects,
        reference: {},
        asOf,
      });
      const fast = FastCatalogue.create(prepared, env, investors);
      expect(fast).not.toBeNull();
      const reference = compileTargets(referenceOnly(prepared), env, investors);
      let fallbacks = 0;
      const rankAll = (subject: (typeof projects)[number]): RankedCandidate[] => {
        fallbacks++;
        return reference.rank(subject, { k: Infinity, includeRules: false });
      };
      const got = scoreEligiblePairs(fast, investors, projects, rankAll);
      // Every subject went through the columnar path (the fallback is never called)…
      expect(fallbacks).toBe(0);
      // …and gives exactly what the fallback gives from the reference loop's full rankings.
      const expected = scoreEligiblePairs(null, investors, projects, (subject) =>
        reference.rank(subject, { k: Infinity, includeRules: false }),
      );
      expect(expected.score.length).toBeGreaterThan(projects.length);
      expect(columnsOf(got)).toEqual(columnsOf(expected));
    });
  }

  it('a profile with a re-ranker scores through the fallback, equal to its rankings', () => {
    const prepared = prepareProfile(
      extendProfile(projectInvestorProfile(), { rerankers: [mmrReranker({ lambda: 0.5 })] }),
      { targets: investors, subjects: projects, reference: {}, asOf },
    );
    const fast = FastCatalogue.create(prepared, env, investors);
    const ranker = compileTargets(prepared, env, investors);
    let fallbacks = 0;
    const got = scoreEligiblePairs(fast, investors, projects, (subject) => {
      fallbacks++;
      return ranker.rank(subject, { k: Infinity, includeRules: false });
    });
    expect(fallbacks).toBe(projects.length);
    expect(columnsOf(got)).toEqual(columnsOf(ranker.scorePairs(projects)));
  });
});

/** The pair columns as plain arrays, for a readable diff. */
function columnsOf(p: PairScores) {
  return {
    subject: Array.from(p.subject),
    target: Array.from(p.target),
    subjectScore: Array.from(p.subjectScore),
    targetScore: Array.from(p.targetScore),
    score: Array.from(p.score),
  };
}
