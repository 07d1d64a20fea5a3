import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetricNames } from '../../src/eval/metrics/names.js';
import { judgeRanking, rankDocuments } from '../../src/eval/ranking.js';

const METRICS = parseMetricNames([
  'p@1',
  'p@5',
  'recall@3',
  'hit@2',
  'mrr',
  'mrr@3',
  'map',
  'map@4',
  'ndcg',
  'ndcg@3',
]);

/** A query: judgments for docs j0..j7 and a ranked list of docs from j0..j7 and unjudged u0..u3. */
const queryArb = fc.record({
  judgments: fc.array(fc.integer({ min: -1, max: 4 }), { minLength: 1, maxLength: 8 }),
  ranked: fc.uniqueArray(
    fc.constantFrom(...Array.from({ length: 8 }, (_, i) => `j${i}`), 'u0', 'u1', 'u2', 'u3'),
    { maxLength: 12 },
  ),
  level: fc.integer({ min: 1, max: 3 }),
});

function judgmentsOf(rels: readonly number[]): Record<string, number> {
  return Object.fromEntries(rels.map((r, i) => [`j${i}`, r]));
}

describe('metric invariants', () => {
  it('every metric lies in [0, 1]', () => {
    fc.assert(
      fc.property(queryArb, ({ judgments, ranked, level }) => {
        const ranking = judgeRanking(ranked, judgmentsOf(judgments), level);
        for (const m of METRICS) {
          const v = m.compute(ranking);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('the ideal ordering scores 1 on nDCG, AP, MRR and R-precision-style P@R', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 10 })
          .filter((r) => r.some((x) => x >= 1)),
        (rels) => {
          const judgments = judgmentsOf(rels);
          // All judged docs, highest judgment first (scores make the order explicit).
          const run = Object.fromEntries(Object.entries(judgments).map(([d, r]) => [d, r]));
          const ranking = judgeRanking(rankDocuments(run), judgments, 1);
          const R = ranking.numRelevant;
          for (const name of ['ndcg', 'ndcg@3', 'map', 'mrr', `p@${R}`, `recall@${R}`, `hit@1`]) {
            expect(parseMetricNames([name])[0]!.compute(ranking)).toBeCloseTo(1, 12);
          }
        },
      ),
    );
  });

  it('appending documents after rank k changes nothing at k', () => {
    fc.assert(
      fc.property(
        queryArb,
        fc.array(fc.constantFrom('j0', 'j1', 'j2', 'u9', 'u8'), { maxLength: 5 }),
        ({ judgments, ranked, level }, extra) => {
          const j = judgmentsOf(judgments);
          const base = judgeRanking(ranked, j, level);
          const longer = judgeRanking(
            [...ranked, ...extra.filter((d) => !ranked.includes(d))],
            j,
            level,
          );
          for (const m of METRICS) {
            if (m.cutoff === undefined || ranked.length < m.cutoff) continue;
            expect(m.compute(longer)).toBe(m.compute(base));
          }
        },
      ),
    );
  });
});
