import { describe, expect, it } from 'vitest';
import {
  createAveragePrecision,
  createHit,
  createNdcg,
  createPrecision,
  createRecall,
  createReciprocalRank,
} from '../../../src/eval/metrics/index.js';
import { judgeRanking } from '../../../src/eval/ranking.js';
import { rankingOf, sampleRanking } from '../fixtures.js';

// Every expectation below is computed by hand from the table in fixtures.ts:
// ranks 1..6 hold x (unjudged), a (2), c (0), b (1), e (-1), d (1); 3 relevant judged docs.
const sample = sampleRanking();
const L = Math.log2;

describe('precision@k', () => {
  it('counts relevant docs in the top k and divides by k', () => {
    expect(createPrecision(1).compute(sample)).toBe(0); // x unjudged
    expect(createPrecision(2).compute(sample)).toBe(1 / 2); // a
    expect(createPrecision(3).compute(sample)).toBe(1 / 3); // tie c/b: c (0) first
    expect(createPrecision(5).compute(sample)).toBe(2 / 5); // a, b; e is negative
  });
  it('divides by k even when fewer documents were retrieved', () => {
    expect(createPrecision(10).compute(sample)).toBe(3 / 10);
  });
  it('is 0 for an empty ranking', () => {
    expect(createPrecision(5).compute(rankingOf([], [1]))).toBe(0);
  });
  it('is named p@k and maps to trec_eval P_k', () => {
    expect(createPrecision(10)).toMatchObject({ name: 'p@10', trecName: 'P_10', cutoff: 10 });
  });
});

describe('recall@k', () => {
  it('divides by all relevant judged docs, retrieved or not', () => {
    expect(createRecall(2).compute(sample)).toBe(1 / 3);
    expect(createRecall(4).compute(sample)).toBe(2 / 3);
    expect(createRecall(10).compute(sample)).toBe(1);
    expect(createRecall(10).compute(rankingOf([1, 0], [1, 2, 0]))).toBe(1 / 3);
  });
  it('is 0 when the query has no relevant document', () => {
    expect(createRecall(5).compute(rankingOf([0, -1], [0]))).toBe(0);
  });
});

describe('hit@k', () => {
  it('is 1 once a relevant doc is in the top k', () => {
    expect(createHit(1).compute(sample)).toBe(0);
    expect(createHit(2).compute(sample)).toBe(1);
    expect(createHit(10).compute(rankingOf([], [1]))).toBe(0);
    expect(createHit(5)).toMatchObject({ name: 'hit@5', trecName: 'success_5' });
  });
});

describe('reciprocal rank', () => {
  it('is 1 / rank of the first relevant doc', () => {
    expect(createReciprocalRank().compute(sample)).toBe(1 / 2);
    expect(createReciprocalRank().compute(rankingOf([0, 0, 0, 3], []))).toBe(1 / 4);
  });
  it('is 0 when nothing relevant is retrieved, and honours a cut-off', () => {
    expect(createReciprocalRank().compute(rankingOf([0, -1], [1]))).toBe(0);
    expect(createReciprocalRank(1).compute(sample)).toBe(0);
    expect(createReciprocalRank(2).compute(sample)).toBe(1 / 2);
  });
});

describe('average precision', () => {
  it('averages precision at each relevant rank over all relevant judged docs', () => {
    // relevant at ranks 2, 4, 6: (1/2 + 2/4 + 3/6) / 3
    expect(createAveragePrecision().compute(sample)).toBeCloseTo(0.5, 15);
  });
  it('counts unretrieved relevant docs as precision 0', () => {
    // relevant at rank 1, two more never retrieved: (1/1) / 3
    expect(createAveragePrecision().compute(rankingOf([1, 0], [1, 1]))).toBeCloseTo(1 / 3, 15);
  });
  it('with a cut-off sums the top k and keeps the divisor (map_cut)', () => {
    expect(createAveragePrecision(4).compute(sample)).toBeCloseTo((1 / 2 + 2 / 4) / 3, 15);
    expect(createAveragePrecision(4)).toMatchObject({ name: 'map@4', trecName: 'map_cut_4' });
  });
  it('is 0 without relevant docs', () => {
    expect(createAveragePrecision().compute(rankingOf([0], [0]))).toBe(0);
  });
});

describe('nDCG', () => {
  it('uses linear gains, log2(rank + 1) discount and the ideal order of all judgments', () => {
    // DCG@3: a (gain 2) at rank 2; ideal gains 2, 1, 1 at ranks 1..3.
    const expected3 = 2 / L(3) / (2 / L(2) + 1 / L(3) + 1 / L(4));
    expect(createNdcg(3).compute(sample)).toBeCloseTo(expected3, 14);
    // Full ranking: a (2) at rank 2, b (1) at 4, d (1) at 6.
    const expectedAll = (2 / L(3) + 1 / L(5) + 1 / L(7)) / (2 + 1 / L(3) + 1 / L(4));
    expect(createNdcg().compute(sample)).toBeCloseTo(expectedAll, 14);
  });
  it('grades: swapping a 3 and a 1 lowers nDCG', () => {
    const best = createNdcg(2).compute(rankingOf([3, 1], []));
    const swapped = createNdcg(2).compute(rankingOf([1, 3], []));
    expect(best).toBe(1);
    expect(swapped).toBeCloseTo((1 + 3 / L(3)) / (3 + 1 / L(3)), 14);
  });
  it('cuts the ideal at k too', () => {
    // one relevant (gain 1) retrieved at rank 1, four more relevant unretrieved; ideal@1 = 1.
    expect(createNdcg(1).compute(rankingOf([1], [1, 1, 1, 1]))).toBe(1);
  });
  it('gives gain to documents below the relevance level but above 0', () => {
    const ranking = judgeRanking(['a', 'b'], { a: 1, b: 2 }, 2);
    expect(createNdcg(2).compute(ranking)).toBeCloseTo((1 + 2 / L(3)) / (2 + 1 / L(3)), 14);
  });
  it('is 0 with no positive judgment and for an empty ranking', () => {
    expect(createNdcg(10).compute(rankingOf([0, -1], [0]))).toBe(0);
    expect(createNdcg(10).compute(rankingOf([], [2]))).toBe(0);
  });
});
